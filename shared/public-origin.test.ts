import { configuredPublicOrigin } from './public-origin.js';

test('PUBLIC_ORIGIN is an origin: scheme and host, no path', () => {
  expect(configuredPublicOrigin({ PUBLIC_ORIGIN: 'https://d111111abcdef8.cloudfront.net' })).toBe(
    'https://d111111abcdef8.cloudfront.net',
  );
  expect(configuredPublicOrigin({ PUBLIC_ORIGIN: 'http://127.0.0.1:3999' })).toBe('http://127.0.0.1:3999');
});

test.each([undefined, '', 'd111111abcdef8.cloudfront.net', 'https://credit.example.cn/', 'https://host/w'])(
  'a missing or malformed PUBLIC_ORIGIN (%j) fails, naming the variable and the grant',
  (value) => {
    expect(() => configuredPublicOrigin(value === undefined ? {} : { PUBLIC_ORIGIN: value })).toThrow(
      /PUBLIC_ORIGIN must be an origin .*access 'public-origin'/,
    );
  },
);
