import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { VIEWER_IP_HEADER } from '../shared/http/viewer-address.js';
import type { localApi } from './api-gateway.js';
import type { LocalSite } from './site.js';

/** API Gateway refuses larger payloads; so do we. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** The body's bytes as sent: whether they are UTF-8 is for the gateway emulation to judge. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The local stand-in for CloudFront in front of API Gateway: the public pages (when a site is
 * given) and the API on one origin. `api` is undefined while the platform is still starting.
 */
export function localRequestListener(options: {
  api: () => ReturnType<typeof localApi> | undefined;
  site?: LocalSite;
  log: (line: string) => void;
}): RequestListener {
  return async (request, response) => {
    const respond = (status: number, headers: Record<string, string>, body: string | Buffer) => {
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' && Buffer.isBuffer(body) ? undefined : body);
    };
    const problem = (status: number, detail: string) =>
      respond(
        status,
        { 'content-type': 'application/problem+json' },
        JSON.stringify({ type: 'about:blank', title: detail, status, detail }),
      );
    const page = options.site?.(request.method ?? 'GET', request.url ?? '/', request.headers['accept-encoding'] ?? '');
    if (page) return respond(page.status, page.headers, page.body);
    const serve = options.api();
    if (!serve) {
      if (request.url?.split('?')[0] !== '/v1/health') return problem(503, 'The platform is still starting.');
      const starting = {
        status: 'starting',
        time: new Date().toISOString(),
        database: 'unavailable',
        events: { status: 'idle' },
      };
      return respond(
        503,
        { 'content-type': 'application/json', 'cache-control': 'no-store' },
        JSON.stringify(starting),
      );
    }
    const body = await readBody(request);
    if (body === undefined) return problem(413, `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`);
    const sourceIp = request.socket.remoteAddress ?? '127.0.0.1';
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? ''),
      ]),
    );
    // As CloudFront's viewer-ip function does (infra/site/viewer-ip.ts): the caller cannot choose it.
    headers[VIEWER_IP_HEADER] = sourceIp;
    try {
      const result = await serve({ method: request.method ?? 'GET', url: request.url ?? '/', headers, body, sourceIp });
      respond(result.statusCode, (result.headers ?? {}) as Record<string, string>, result.body);
    } catch (error) {
      options.log(`request failed outside the handler: ${(error as Error).message}`);
      problem(500, 'The local runtime failed to serve this request.');
    }
  };
}

/**
 * An HTTP server for a local listener whose idle connections outlive the clients' own keep-alive
 * (undici: 4 s), as behind a load balancer: a server closing first races a client reusing the
 * socket ("other side closed") on a busy machine.
 */
export function localHttpServer(listener: RequestListener): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = 65_000;
  return server;
}
