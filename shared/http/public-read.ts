import { createHash } from 'node:crypto';
import fresh from 'fresh';
import type { CachePolicy, RouteContract } from '../scenario.js';

/**
 * Cross-origin access to public reads (API.md): any origin may GET or HEAD them, without
 * credentials. One definition for the kernel's response headers, the local gateway's preflight
 * answer and the preflight the CDK app deploys.
 */
export const publicCors = {
  allowOrigin: '*',
  allowMethods: ['GET', 'HEAD'],
  /** Not CORS-safelisted, so a page sending them is preflighted. */
  allowHeaders: ['If-None-Match', 'X-Correlation-Id'],
  exposeHeaders: ['ETag', 'X-Correlation-Id'],
  maxAgeSeconds: 600,
} as const;

export const isPublicRead = (route: Pick<RouteContract, 'method' | 'auth'>) =>
  route.auth === 'public' && route.method === 'GET';

/** Headers on every response of a public read, errors included, so a page can read problem+json too. */
export const corsResponseHeaders: Readonly<Record<string, string>> = {
  'access-control-allow-origin': publicCors.allowOrigin,
  'access-control-expose-headers': publicCors.exposeHeaders.join(', '),
};

/** The answer to a CORS preflight (OPTIONS) on a public read's path. */
export const corsPreflightHeaders: Readonly<Record<string, string>> = {
  'access-control-allow-origin': publicCors.allowOrigin,
  'access-control-allow-methods': publicCors.allowMethods.join(', '),
  'access-control-allow-headers': publicCors.allowHeaders.join(', '),
  'access-control-max-age': String(publicCors.maxAgeSeconds),
};

/** The methods a path answers, given the routes on it: HEAD wherever GET is, OPTIONS on public reads. */
export function allowedMethods(routes: readonly Pick<RouteContract, 'method' | 'auth'>[]): string[] {
  const methods = new Set<string>(routes.map((route) => route.method));
  if (methods.has('GET')) methods.add('HEAD');
  if (routes.some(isPublicRead)) methods.add('OPTIONS');
  return [...methods].sort();
}

/**
 * A public read that declares no policy is still revalidated by its ETag on every use, so a route
 * that forgets to declare one is never cached stale.
 */
export function cacheControl(policy: CachePolicy | undefined): string {
  if (policy === 'no-store') return 'no-store';
  if (policy === undefined) return 'public, no-cache';
  return `public, max-age=${policy.maxAgeSeconds}`;
}

/** A strong validator: the same bytes, the same tag, whichever function instance served them. */
export const strongEtag = (body: string) => `"${createHash('sha256').update(body).digest('base64url')}"`;

/** True when the client's `If-None-Match` already holds this representation (RFC 9110 weak comparison). */
export const clientHasCurrent = (requestHeaders: Record<string, string>, etag: string) =>
  fresh(requestHeaders, { etag });
