import { posix } from 'node:path';
import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { perAddressRules } from './api.js';

type Statement = CfnWebACL.StatementProperty;
interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
}

const transform: Record<string, (value: string) => string> = {
  NONE: (value) => value,
  URL_DECODE: (value) => decodeURIComponent(value),
  NORMALIZE_PATH: (value) => posix.normalize(value),
  LOWERCASE: (value) => value.toLowerCase(),
};
const transformed = (value: string, steps: CfnWebACL.TextTransformationProperty[]) =>
  [...steps]
    .sort((a, b) => a.priority - b.priority)
    .reduce((text, step) => transform[step.type]?.(text) ?? text, value);

/** The statement kinds these rules use, without the CDK's token alternatives. */
interface Plain {
  andStatement?: { statements: Statement[] };
  orStatement?: { statements: Statement[] };
  notStatement?: { statement: Statement };
  byteMatchStatement?: CfnWebACL.ByteMatchStatementProperty;
  regexMatchStatement?: CfnWebACL.RegexMatchStatementProperty & {
    textTransformations: CfnWebACL.TextTransformationProperty[];
  };
  sizeConstraintStatement?: CfnWebACL.SizeConstraintStatementProperty & {
    fieldToMatch: { singleHeader: { Name: string } };
  };
}

/** What WAF decides for the statement kinds these rules use (a missing header matches no size). */
function matches(statement: Statement, request: Request): boolean {
  const { andStatement, orStatement, notStatement, byteMatchStatement, regexMatchStatement, sizeConstraintStatement } =
    statement as Plain;
  if (andStatement) return andStatement.statements.every((each) => matches(each, request));
  if (orStatement) return orStatement.statements.some((each) => matches(each, request));
  if (notStatement) return !matches(notStatement.statement, request);
  if (byteMatchStatement) {
    expect(byteMatchStatement.fieldToMatch).toEqual({ method: {} });
    expect(byteMatchStatement.positionalConstraint).toBe('EXACTLY');
    return request.method === byteMatchStatement.searchString;
  }
  if (regexMatchStatement) {
    expect(regexMatchStatement.fieldToMatch).toEqual({ uriPath: {} });
    return new RegExp(regexMatchStatement.regexString).test(
      transformed(request.path, regexMatchStatement.textTransformations),
    );
  }
  if (sizeConstraintStatement) {
    expect(sizeConstraintStatement.comparisonOperator).toBe('GT');
    const value = request.headers[sizeConstraintStatement.fieldToMatch.singleHeader.Name];
    return value !== undefined && value.length > sizeConstraintStatement.size;
  }
  throw new Error(`no evaluator for ${JSON.stringify(statement)}`);
}

const block: CfnWebACL.RuleActionProperty = { block: {} };
const rulesFor = (method: 'GET' | 'POST') =>
  perAddressRules(
    {
      id: 'test.lookup',
      method,
      path: '/v1/test/{badgeNo}/lookups',
      perAddressLimit: { limit: 30, windowSeconds: 600 },
    },
    4,
    block,
  );
/** The names of the rules that count `request`. */
const countedBy = (rules: CfnWebACL.RuleProperty[], request: Request) =>
  rules
    .filter((rule) => {
      const rate = (rule.statement as Statement).rateBasedStatement as CfnWebACL.RateBasedStatementProperty;
      return matches(rate.scopeDownStatement as Statement, request);
    })
    .map((rule) => rule.name);

test('two rules with the manifest limit and window, one keyed on x-viewer-ip and one on the connection', () => {
  const rules = rulesFor('POST');
  expect(rules.map((rule) => [rule.name, rule.priority, rule.action])).toEqual([
    ['test-lookup-per-viewer-ip', 4, block],
    ['test-lookup-per-ip', 5, block],
  ]);
  const [viewer, connection] = rules.map(
    (rule) => (rule.statement as Statement).rateBasedStatement as CfnWebACL.RateBasedStatementProperty,
  );
  expect(viewer).toMatchObject({
    limit: 30,
    evaluationWindowSec: 600,
    aggregateKeyType: 'CUSTOM_KEYS',
    customKeys: [{ header: { name: 'x-viewer-ip', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
  });
  expect(connection).toMatchObject({ limit: 30, evaluationWindowSec: 600, aggregateKeyType: 'IP' });
  expect(connection?.customKeys).toBeUndefined();
});

test.each([
  ['through CloudFront', { 'x-viewer-ip': '203.0.113.7' }, ['test-lookup-per-viewer-ip']],
  ['straight to execute-api', {}, ['test-lookup-per-ip']],
  ['with an empty header', { 'x-viewer-ip': '' }, ['test-lookup-per-ip']],
  [
    'with a forged header (spread over forged values, but counted)',
    { 'x-viewer-ip': 'x' },
    ['test-lookup-per-viewer-ip'],
  ],
])('a request to the route %s is counted by exactly one rule', (_case, headers, expected) => {
  const request = { method: 'POST', path: '/dev/v1/test/XH-1/lookups', headers };
  expect(countedBy(rulesFor('POST'), request)).toEqual(expected);
});

test.each([
  ['another method', { method: 'GET', path: '/dev/v1/test/XH-1/lookups' }],
  ['another path', { method: 'POST', path: '/dev/v1/test/XH-1/lookups/more' }],
  ['another route', { method: 'POST', path: '/dev/v1/other' }],
])('%s is counted by neither', (_case, request) => {
  for (const headers of [{}, { 'x-viewer-ip': '203.0.113.7' }] as Record<string, string>[]) {
    expect(countedBy(rulesFor('POST'), { ...request, headers })).toEqual([]);
  }
});

test('the path is matched as WAF normalises it, and HEAD spends the allowance of a GET route', () => {
  const headers = { 'x-viewer-ip': '203.0.113.7' };
  expect(countedBy(rulesFor('POST'), { method: 'POST', path: '/dev//V1/test/XH-1/%6Cookups', headers })).toHaveLength(
    1,
  );
  expect(countedBy(rulesFor('GET'), { method: 'HEAD', path: '/dev/v1/test/XH-1/lookups', headers })).toHaveLength(1);
  expect(countedBy(rulesFor('GET'), { method: 'OPTIONS', path: '/dev/v1/test/XH-1/lookups', headers })).toEqual([]);
});

test('no limit, no rules; a limit WAF refuses stops synthesis', () => {
  expect(perAddressRules({ id: 'test.open', method: 'GET', path: '/v1/open' }, 0, block)).toEqual([]);
  expect(() =>
    perAddressRules(
      { id: 'test.low', method: 'GET', path: '/v1/low', perAddressLimit: { limit: 5, windowSeconds: 60 } },
      0,
      block,
    ),
  ).toThrow(/from 10 to/);
});
