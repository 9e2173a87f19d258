/**
 * The public pages' security headers, as data: the local server sends `securityHeaders` with
 * every page and asset, and the CDK app builds its CloudFront response headers policy from
 * `securityHeaderPolicy`, so both answer with the same values.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // The pages write text only; with Trusted Types enforced, any HTML sink (innerHTML…) throws.
  "require-trusted-types-for 'script'",
  'trusted-types',
].join('; ');

export const securityHeaderPolicy = {
  contentSecurityPolicy,
  strictTransportSecurity: { maxAgeSeconds: 63_072_000, includeSubdomains: true, preload: false },
  referrerPolicy: 'no-referrer',
  contentTypeOptions: 'nosniff',
  frameOptions: 'DENY',
  /** Headers CloudFront's security-headers behaviour has no field for (a custom-headers behaviour). */
  custom: {
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  },
} as const;

/** The same policy as HTTP response headers (lower-case names). */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': securityHeaderPolicy.contentSecurityPolicy,
  'strict-transport-security': `max-age=${securityHeaderPolicy.strictTransportSecurity.maxAgeSeconds}; includeSubDomains`,
  'referrer-policy': securityHeaderPolicy.referrerPolicy,
  'x-content-type-options': securityHeaderPolicy.contentTypeOptions,
  'x-frame-options': securityHeaderPolicy.frameOptions,
  ...securityHeaderPolicy.custom,
};
