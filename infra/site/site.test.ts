import { runInNewContext } from 'node:vm';
import { securityHeaders } from './security-headers.js';
import { isContentHashed, responseHeadersFrom } from './site.js';
import { spaFallbackSource } from './spa-fallback.js';
import { viewerIpSource } from './viewer-ip.js';

/** Runs the CloudFront Function's source as CloudFront does: `handler(event)` on a viewer request. */
function rewrite(uri: string): string {
  const handler = runInNewContext(`${spaFallbackSource}; handler`) as (event: unknown) => { uri: string };
  return handler({ request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } }).uri;
}

describe('SPA fallback (viewer-request function of the pages)', () => {
  test.each([
    '/',
    '/w/XH-0001',
    '/review',
    '/care/agencies',
    '/care/agencies/91310000MA1FL8XQ30',
    '/shopping/2026-03',
    '/shopping/2026-03/districts/jingan',
    '/shopping/merchants/91310000MA1FL8XQ30',
    '/shopping/method',
    '/subjects/91310000MA1FL8XQ30',
  ])('the page path %s gets the index.html shell', (path) => {
    expect(rewrite(path)).toBe('/index.html');
  });

  test.each(['/main-ABCD2345.js', '/assets/app-QWERTY23.css', '/assets/missing.js', '/favicon.ico', '/index.html'])(
    'the file path %s goes to S3 unchanged, so a missing file stays a 403/404',
    (path) => {
      expect(rewrite(path)).toBe(path);
    },
  );
});

describe('viewer IP (viewer-request function of the API)', () => {
  type Headers = Record<string, { value: string; multiValue?: { value: string }[] }>;
  /** Runs the function's source as CloudFront does, on a request from `ip` carrying `headers`. */
  const forward = (ip: string, headers: Headers) => {
    const handler = runInNewContext(`${viewerIpSource}; handler`) as (event: unknown) => { headers: Headers };
    const request = { method: 'POST', uri: '/v1/care/worker-lookups', querystring: {}, headers, cookies: {} };
    return handler({ viewer: { ip }, request }).headers;
  };

  test.each(['203.0.113.7', '2001:db8::1'])('the viewer %s is sent as x-viewer-ip, with no port', (ip) => {
    expect(forward(ip, { accept: { value: 'application/json' } })).toEqual({
      accept: { value: 'application/json' },
      'x-viewer-ip': { value: ip },
    });
  });

  test('a value the client sent, one or many, is replaced: no one chooses the address they are counted under', () => {
    const sent = { value: '198.51.100.1', multiValue: [{ value: '198.51.100.1' }, { value: '198.51.100.2' }] };
    expect(forward('203.0.113.7', { 'x-viewer-ip': sent })['x-viewer-ip']).toEqual({ value: '203.0.113.7' });
  });
});

test("content-hashed file names are esbuild's [name]-[hash] (8 base32 characters)", () => {
  expect(isContentHashed('main-ABCD2345.js')).toBe(true);
  expect(isContentHashed('assets/chunk-Q7XK2M3N.css')).toBe(true);
  expect(isContentHashed('index.html')).toBe(false);
  expect(isContentHashed('favicon.ico')).toBe(false);
  expect(isContentHashed('robots.txt')).toBe(false);
  expect(isContentHashed('main-abcd2345.js')).toBe(false);
});

describe('response headers policy from the header map the local server sends', () => {
  test('each security header becomes its CloudFront setting, overriding the origin', () => {
    const { securityHeadersBehavior, customHeaders } = responseHeadersFrom(securityHeaders);
    expect(customHeaders).toEqual([]);
    expect(securityHeadersBehavior.contentSecurityPolicy).toEqual({
      contentSecurityPolicy: securityHeaders['Content-Security-Policy'],
      override: true,
    });
    expect(securityHeadersBehavior.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBe(63072000);
    expect(securityHeadersBehavior.strictTransportSecurity).toMatchObject({ includeSubdomains: true, preload: false });
    expect(securityHeadersBehavior.referrerPolicy).toEqual({ referrerPolicy: 'no-referrer', override: true });
    expect(securityHeadersBehavior.contentTypeOptions).toEqual({ override: true });
    expect(securityHeadersBehavior.frameOptions).toEqual({ frameOption: 'DENY', override: true });
  });

  test('the content security policy is strict: same origin only, no inline script, no framing', () => {
    const directives = new Map(
      securityHeaders['Content-Security-Policy'].split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(securityHeaders['Content-Security-Policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  test('other headers become custom headers; a value CloudFront cannot express stops synthesis', () => {
    expect(responseHeadersFrom({ 'Permissions-Policy': 'camera=()' }).customHeaders).toEqual([
      { header: 'Permissions-Policy', value: 'camera=()', override: true },
    ]);
    expect(() => responseHeadersFrom({ 'Strict-Transport-Security': 'max-age=1; includesubdomains' })).toThrow(
      /CloudFront cannot send Strict-Transport-Security/,
    );
    expect(() => responseHeadersFrom({ 'X-Frame-Options': 'ALLOW-FROM https://example.com' })).toThrow(
      /CloudFront cannot send X-Frame-Options/,
    );
    expect(() => responseHeadersFrom({ 'Referrer-Policy': 'never' })).toThrow(/Referrer-Policy/);
    expect(() => responseHeadersFrom({ 'X-Content-Type-Options': 'sniff' })).toThrow(/X-Content-Type-Options/);
  });
});
