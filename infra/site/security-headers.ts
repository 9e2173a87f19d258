/**
 * The security headers of the public pages, by HTTP header name, exactly as the local server sends
 * them and as the CloudFront response headers policy is built from them (infra/site/site.ts), so
 * the two cannot drift. Stand-in until the web build's own module exists (web/security-headers.ts):
 * then both point at that one.
 */
export const securityHeaders = {
  // No inline script or style, nothing from another origin; the pages fetch only /v1 on their own origin.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  // The badge landing's URL names a worker: no other site learns it from a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const satisfies Readonly<Record<string, string>>;

export type SecurityHeaders = Readonly<Record<string, string>>;
