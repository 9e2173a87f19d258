import { combinedPathRegexes, MAX_WAF_REGEX_LENGTH, pathRegex } from './api.js';

const paths = Array.from({ length: 30 }, (_, index) => `/v1/scenario-${index}/things/{thingId}/details`);
const concrete = (path: string) => path.replace(/\{\w+\}/g, 'T-1');

test("paths share as few regexes as WAF's quota allows, each within it", () => {
  const regexes = combinedPathRegexes(paths);
  expect(regexes.length).toBeGreaterThan(1);
  expect(regexes.length).toBeLessThan(paths.length / 3);
  for (const regex of regexes) expect(regex.length).toBeLessThanOrEqual(MAX_WAF_REGEX_LENGTH);
});

test('a combined regex matches what each path regex matches, and nothing more', () => {
  const regexes = combinedPathRegexes(paths).map((regex) => new RegExp(regex));
  const samples = [
    ...paths.map(concrete),
    ...paths.map((path) => `/prod${concrete(path)}/`),
    '/v1/scenario-1/things/T-1',
    '/v1/scenario-1/things/T-1/details/more',
    '/v1/scenario-99/things/T-1/details',
    '/v1/scenario-1/things/a/b/details',
  ];
  for (const sample of samples) {
    const alone = paths.some((path) => new RegExp(pathRegex(path)).test(sample));
    expect([sample, regexes.some((regex) => regex.test(sample))]).toEqual([sample, alone]);
  }
});

test('one path is its own regex; a path too long for any regex is refused', () => {
  expect(combinedPathRegexes(['/v1/health'])).toEqual([pathRegex('/v1/health')]);
  expect(() => combinedPathRegexes([`/v1/${'x'.repeat(MAX_WAF_REGEX_LENGTH)}`])).toThrow(/longer than WAF allows/);
});
