import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildWeb, currentBuild } from '../web/build.js';
import { securityHeaders } from '../web/security-headers.js';
import { localSite } from './site.js';

const outDir = mkdtempSync(join(tmpdir(), 'credit-plus-site-'));
let site: ReturnType<typeof localSite>;
let built: Awaited<ReturnType<typeof buildWeb>>;

beforeAll(async () => {
  built = await buildWeb(outDir);
  site = localSite(outDir);
}, 60_000);

test('the build is one HTML shell plus content-hashed scripts and styles', () => {
  expect(readdirSync(outDir).sort()).toEqual(['assets', 'build.json', 'index.html']);
  for (const file of readdirSync(join(outDir, 'assets'))) expect(file).toMatch(/^[\w]+-[A-Z0-9]{8}\.(js|css)$/);
  expect(currentBuild(outDir)?.builtAt).toBe(built.builtAt);
  expect(built.scripts).toEqual([expect.stringMatching(/^\/assets\/main-[A-Z0-9]{8}\.js$/)]);
});

test('every page URL gets the shell with the security headers, any other path a 404 shell', () => {
  for (const path of ['/', '/w/JA-0001', '/review', '/care/agencies?q=x', '/shopping/2026H2/districts/xujiahui']) {
    const answer = site('GET', path)!;
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ ...securityHeaders, 'content-type': 'text/html; charset=utf-8' });
    expect(answer.body.toString()).toContain('<div id="app"></div>');
  }
  expect(site('GET', '/nowhere/at/all')!.status).toBe(404);
  expect(site('GET', '/nowhere/at/all')!.body.toString()).toContain('<div id="app"></div>');
});

test('hashed assets are immutable for a year; a missing or odd asset name is a 404', () => {
  const script = built.scripts[0]!;
  const answer = site('GET', script)!;
  expect(answer.status).toBe(200);
  expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(answer.headers['content-security-policy']).toBe(securityHeaders['content-security-policy']);
  expect(site('GET', '/assets/main-ZZZZZZZZ.js')!.status).toBe(404);
  const compressed = site('GET', script, 'gzip, deflate, br')!;
  expect(compressed.headers['content-encoding']).toBe('br');
  expect(brotliDecompressSync(compressed.body).equals(answer.body)).toBe(true);
  expect(gunzipSync(site('GET', script, 'gzip')!.body).equals(answer.body)).toBe(true);
  expect(site('GET', '/assets/..%2Fbuild.json')!.status).toBe(404);
  expect(site('GET', '/assets/../index.html')!.status).toBe(404);
});

test('the API paths are left to the API; pages answer only GET and HEAD', () => {
  expect(site('GET', '/v1/health')).toBeUndefined();
  expect(site('POST', '/oauth2/token')).toBeUndefined();
  expect(site('POST', '/care/agencies')!.status).toBe(405);
  expect(site('HEAD', '/')!.status).toBe(200);
});

test('the policy forbids inline script and style, framing and referrers', () => {
  const csp = securityHeaders['content-security-policy']!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(securityHeaders['referrer-policy']).toBe('no-referrer');
  expect(securityHeaders['x-content-type-options']).toBe('nosniff');
  expect(securityHeaders['strict-transport-security']).toMatch(/^max-age=\d{8}; includeSubDomains$/);
});
