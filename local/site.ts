import { readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ASSETS_PREFIX } from '../web/build.js';
import { securityHeaders } from '../web/security-headers.js';
import { matchPage } from '../web/src/routes.js';

export interface SiteAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};
const assetName = /^[\w.-]+$/;

/**
 * Files compressed as CloudFront compresses them (brotli, else gzip, when the browser accepts it),
 * so a throttled phone in the page benchmark downloads what it would download from CloudFront.
 * Each file is compressed once per version (path, size and modification time).
 */
function compressedFiles() {
  const cache = new Map<string, Buffer>();
  return (file: string, acceptEncoding: string): { body: Buffer; encoding?: string } => {
    const encoding = /\bbr\b/.test(acceptEncoding) ? 'br' : /\bgzip\b/.test(acceptEncoding) ? 'gzip' : undefined;
    const { size, mtimeMs } = statSync(file);
    if (!encoding) return { body: readFileSync(file) };
    const key = `${encoding}:${file}:${size}:${mtimeMs}`;
    let body = cache.get(key);
    if (!body) {
      const raw = readFileSync(file);
      body = encoding === 'br' ? brotliCompressSync(raw) : gzipSync(raw);
      cache.set(key, body);
    }
    return { body, encoding };
  };
}

const encodingHeaders = (encoding?: string): Record<string, string> => ({
  vary: 'accept-encoding',
  ...(encoding ? { 'content-encoding': encoding } : {}),
});

/**
 * The public pages as CloudFront serves them, on the local server: `/v1/*` (and the local token
 * endpoint) stay the API's; hashed files under `/assets/` are cached for a year and a missing one
 * is a 404; every other path gets the page shell (200 for a page URL, 404 for anything else, so
 * the client router shows "not found"). Every answer carries the security headers.
 */
export function localSite(distDir: string) {
  const read = compressedFiles();
  const plain = (status: number, text: string): SiteAnswer => ({
    status,
    headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(text),
  });
  return (method: string, url: string, acceptEncoding = ''): SiteAnswer | undefined => {
    const path = url.split('?')[0] ?? '/';
    if (path.startsWith('/v1/') || path === '/v1' || path.startsWith('/oauth2/')) return undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      return { ...plain(405, 'Method not allowed.'), headers: { ...plain(405, '').headers, allow: 'GET, HEAD' } };
    }
    if (path.startsWith(ASSETS_PREFIX)) {
      const name = path.slice(ASSETS_PREFIX.length);
      const type = contentTypes[extname(name)];
      if (!assetName.test(name) || !type) return plain(404, 'No such file.');
      try {
        const { body, encoding } = read(join(distDir, 'assets', name), acceptEncoding);
        return {
          status: 200,
          headers: {
            ...securityHeaders,
            'content-type': type,
            'cache-control': 'public, max-age=31536000, immutable',
            ...encodingHeaders(encoding),
          },
          body,
        };
      } catch {
        return plain(404, 'No such file.');
      }
    }
    const { body, encoding } = read(join(distDir, 'index.html'), acceptEncoding);
    return {
      status: matchPage(path) ? 200 : 404,
      headers: {
        ...securityHeaders,
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        ...encodingHeaders(encoding),
      },
      body,
    };
  };
}

export type LocalSite = ReturnType<typeof localSite>;
