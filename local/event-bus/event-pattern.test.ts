import { type EventPattern, matchesEventPattern, validateEventPattern } from './event-pattern.js';

/** [case name, pattern, event, expected match] */
type MatchCase = readonly [name: string, pattern: EventPattern, event: unknown, expected: boolean];

const withDetail = (detail: unknown) => ({ source: 'test', detail });

const creditRecordPublished = {
  version: '0',
  id: '4c1b2f0a-6a53-4f1f-9a52-0f8b1a2c3d4e',
  'detail-type': 'CreditRecordPublished',
  source: 'credit-plus.platform',
  account: '123456789012',
  time: '2025-03-01T08:00:00Z',
  region: 'cn-north-1',
  resources: [],
  detail: {
    meta: {
      eventId: '01JN3Q9R7S8T9V0W1X2Y3Z4A5B',
      schemaVersion: 1,
      correlationId: null,
      tags: ['public', 'penalty'],
    },
    record: {
      category: 'administrative-penalty',
      uscc: '91310000MA1FL0000X',
      authority: 'Shanghai Administration for Market Regulation',
      sourceIp: '10.0.0.33',
      penalty: { fineAmountCny: 2000000, confiscated: false },
    },
  },
};

const equalityCases: MatchCase[] = [
  ['string equals', { detail: { state: ['running'] } }, withDetail({ state: 'running' }), true],
  ['string differs', { detail: { state: ['running'] } }, withDetail({ state: 'stopped' }), false],
  ['case-sensitive', { detail: { state: ['running'] } }, withDetail({ state: 'Running' }), false],
  ['any listed value (OR)', { detail: { state: ['pending', 'running'] } }, withDetail({ state: 'running' }), true],
  ['number equals', { detail: { count: [5] } }, withDetail({ count: 5 }), true],
  ['number equals float spelling', { detail: { limit: [3.018e2] } }, withDetail({ limit: 301.8 }), true],
  ['number never equals numeric string', { detail: { count: [5] } }, withDetail({ count: '5' }), false],
  ['string never equals number', { detail: { count: ['5'] } }, withDetail({ count: 5 }), false],
  ['boolean equals', { detail: { ok: [true] } }, withDetail({ ok: true }), true],
  ['boolean never equals string', { detail: { ok: [true] } }, withDetail({ ok: 'true' }), false],
  ['null matches null', { detail: { response: [null] } }, withDetail({ response: null }), true],
  ['null does not match missing field', { detail: { response: [null] } }, withDetail({}), false],
  ['null does not match empty string', { detail: { response: [null] } }, withDetail({ response: '' }), false],
  ['empty string matches empty string', { detail: { version: [''] } }, withDetail({ version: '' }), true],
  ['empty string does not match null', { detail: { version: [''] } }, withDetail({ version: null }), false],
  ['event array: any element matches', { resources: ['arn:b'] }, { resources: ['arn:a', 'arn:b'] }, true],
  ['event array: no intersection', { resources: ['arn:c', 'arn:d'] }, { resources: ['arn:a', 'arn:b'] }, false],
  ['event array: empty never matches', { resources: ['arn:a'] }, { resources: [] }, false],
  ['event array: nested arrays are flattened', { detail: { tags: ['b'] } }, withDetail({ tags: [['a'], ['b']] }), true],
  ['missing field', { detail: { state: ['running'] } }, withDetail({}), false],
  ['object-valued field is not a leaf', { detail: ['x'] }, withDetail({ x: 1 }), false],
  ['unnamed event fields are ignored', { source: ['test'] }, withDetail({ anything: 1 }), true],
  ['all named fields must match (AND)', { source: ['test'], detail: { a: [1] } }, withDetail({ a: 2 }), false],
  ['nested object descends', { detail: { a: { b: ['x'] } } }, withDetail({ a: { b: 'x' } }), true],
  ['nested object missing in event', { detail: { a: { b: ['x'] } } }, withDetail({}), false],
  ['nested object where event has a scalar', { detail: { a: { b: ['x'] } } }, withDetail({ a: 'x' }), false],
  [
    'array of objects: pattern matched inside an element',
    { detail: { items: { sku: ['B'] } } },
    withDetail({ items: [{ sku: 'A' }, { sku: 'B' }] }),
    true,
  ],
  [
    'array of objects: both fields must come from the same element',
    { detail: { items: { sku: ['A'], qty: [2] } } },
    withDetail({
      items: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ],
    }),
    false,
  ],
  [
    'array of objects: same element satisfies both fields',
    { detail: { items: { sku: ['B'], qty: [2] } } },
    withDetail({
      items: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ],
    }),
    true,
  ],
];

const prefixCases: MatchCase[] = [
  ['prefix matches', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' }, true],
  ['prefix does not match', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-03T18:43:48Z' }, false],
  ['prefix is case-sensitive', { region: [{ prefix: 'us-' }] }, { region: 'US-east-1' }, false],
  ['prefix on a number never matches', { code: [{ prefix: '12' }] }, { code: 123 }, false],
  ['prefix on missing field', { region: [{ prefix: 'us-' }] }, {}, false],
  ['prefix: any element of an event array', { regions: [{ prefix: 'eu-' }] }, { regions: ['us-1', 'eu-1'] }, true],
  ['empty prefix matches any string', { region: [{ prefix: '' }] }, { region: 'x' }, true],
  ['empty prefix still needs a string', { region: [{ prefix: '' }] }, { region: 7 }, false],
  [
    'prefix equals-ignore-case matches any casing',
    { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] },
    { service: 'eventbridge' },
    true,
  ],
  [
    'prefix equals-ignore-case still needs the prefix',
    { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] },
    { service: 'sqs' },
    false,
  ],
];

const suffixCases: MatchCase[] = [
  ['suffix matches', { FileName: [{ suffix: '.png' }] }, { FileName: 'cat.png' }, true],
  ['suffix does not match', { FileName: [{ suffix: '.png' }] }, { FileName: 'cat.jpg' }, false],
  ['suffix is case-sensitive', { FileName: [{ suffix: '.png' }] }, { FileName: 'cat.PNG' }, false],
  ['suffix on a number never matches', { code: [{ suffix: '3' }] }, { code: 123 }, false],
  [
    'suffix equals-ignore-case matches any casing',
    { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
    { FileName: 'CAT.PNG' },
    true,
  ],
  [
    'suffix equals-ignore-case still needs the suffix',
    { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
    { FileName: 'cat.png.zip' },
    false,
  ],
];

const equalsIgnoreCaseCases: MatchCase[] = [
  ['equals-ignore-case matches', { name: [{ 'equals-ignore-case': 'alice' }] }, { name: 'ALICE' }, true],
  ['equals-ignore-case mixed case', { name: [{ 'equals-ignore-case': 'AlIcE' }] }, { name: 'aLiCe' }, true],
  ['equals-ignore-case is still equality', { name: [{ 'equals-ignore-case': 'alice' }] }, { name: 'alicia' }, false],
  ['equals-ignore-case is not a prefix match', { name: [{ 'equals-ignore-case': 'al' }] }, { name: 'alice' }, false],
  ['equals-ignore-case on a boolean', { ok: [{ 'equals-ignore-case': 'true' }] }, { ok: true }, false],
];

const wildcardCases: MatchCase[] = [
  ['leading star', { file: [{ wildcard: '*.png' }] }, { file: 'dir/cat.png' }, true],
  ['leading star mismatch', { file: [{ wildcard: '*.png' }] }, { file: 'dir/cat.jpg' }, false],
  ['star in the middle', { source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleQueueService' }, true],
  ['star matches zero characters', { source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleService' }, true],
  ['several stars in order', { path: [{ wildcard: 'dir/*/*.png' }] }, { path: 'dir/a/b.png' }, true],
  ['several stars: order matters', { path: [{ wildcard: '*b*a*' }] }, { path: 'xaxbx' }, false],
  ['prefix and suffix must not overlap', { v: [{ wildcard: 'ab*ba' }] }, { v: 'aba' }, false],
  ['no star is exact', { v: [{ wildcard: 'abc' }] }, { v: 'abc' }, true],
  ['no star, different value', { v: [{ wildcard: 'abc' }] }, { v: 'abcd' }, false],
  ['escaped star is literal', { v: [{ wildcard: 'a\\*b' }] }, { v: 'a*b' }, true],
  ['escaped star does not wildcard', { v: [{ wildcard: 'a\\*b' }] }, { v: 'axb' }, false],
  ['escaped backslash is literal', { v: [{ wildcard: 'a\\\\*' }] }, { v: 'a\\anything' }, true],
  ['wildcard is case-sensitive', { v: [{ wildcard: '*.png' }] }, { v: 'cat.PNG' }, false],
  ['wildcard on a number', { v: [{ wildcard: '1*' }] }, { v: 123 }, false],
];

const anythingButCases: MatchCase[] = [
  [
    'string: other value',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    withDetail({ state: 'running' }),
    true,
  ],
  [
    'string: excluded value',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    withDetail({ state: 'initializing' }),
    false,
  ],
  ['number: other value', { detail: { limit: [{ 'anything-but': 123 }] } }, withDetail({ limit: 124 }), true],
  ['number: excluded value', { detail: { limit: [{ 'anything-but': 123 }] } }, withDetail({ limit: 123 }), false],
  [
    'string list: not listed',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    withDetail({ state: 'running' }),
    true,
  ],
  [
    'string list: listed',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    withDetail({ state: 'overloaded' }),
    false,
  ],
  ['number list: not listed', { detail: { x: [{ 'anything-but': [100, 200, 300] }] } }, withDetail({ x: 150 }), true],
  ['number list: listed', { detail: { x: [{ 'anything-but': [100, 200, 300] }] } }, withDetail({ x: 200 }), false],
  ['missing field never matches', { detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({}), false],
  [
    'missing nested parent never matches',
    { detail: { a: { state: [{ 'anything-but': 'initializing' }] } } },
    withDetail({}),
    false,
  ],
  ['object-valued field never matches', { detail: [{ 'anything-but': 'x' }] }, withDetail({ a: 1 }), false],
  ['a different JSON type is "anything but"', { detail: { v: [{ 'anything-but': '5' }] } }, withDetail({ v: 5 }), true],
  [
    'event array: one element outside the exclusion suffices',
    { detail: { tags: [{ 'anything-but': 'internal' }] } },
    withDetail({ tags: ['internal', 'public'] }),
    true,
  ],
  [
    'event array: every element excluded',
    { detail: { tags: [{ 'anything-but': ['internal', 'secret'] }] } },
    withDetail({ tags: ['internal', 'secret'] }),
    false,
  ],
  ['empty event array never matches', { detail: { tags: [{ 'anything-but': 'x' }] } }, withDetail({ tags: [] }), false],
  ['prefix: other prefix', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'eu-west-1' }, true],
  ['prefix: excluded prefix', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'us-east-1' }, false],
  [
    'prefix list: excluded by any',
    { Region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] },
    { Region: 'eu-west-1' },
    false,
  ],
  ['suffix: other suffix', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.jpg' }, true],
  ['suffix: excluded suffix', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' }, false],
  [
    'equals-ignore-case: other value',
    { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
    { state: 'running' },
    true,
  ],
  [
    'equals-ignore-case: excluded in another casing',
    { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
    { state: 'INITIALIZING' },
    false,
  ],
  [
    'equals-ignore-case list: excluded',
    { state: [{ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }] },
    { state: 'B' },
    false,
  ],
  [
    'wildcard: path outside /lib/',
    { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    { FilePath: 'src/app/main.ts' },
    true,
  ],
  [
    'wildcard: path inside /lib/',
    { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    { FilePath: 'src/lib/util.ts' },
    false,
  ],
];

const numericCases: MatchCase[] = [
  ['> matches', { detail: { n: [{ numeric: ['>', 0] }] } }, withDetail({ n: 1 }), true],
  ['> excludes the bound', { detail: { n: [{ numeric: ['>', 0] }] } }, withDetail({ n: 0 }), false],
  ['>= includes the bound', { detail: { n: [{ numeric: ['>=', 0] }] } }, withDetail({ n: 0 }), true],
  ['>= below the bound', { detail: { n: [{ numeric: ['>=', 0] }] } }, withDetail({ n: -0.5 }), false],
  ['< matches', { detail: { n: [{ numeric: ['<', 10] }] } }, withDetail({ n: 9.999999 }), true],
  ['< excludes the bound', { detail: { n: [{ numeric: ['<', 10] }] } }, withDetail({ n: 10 }), false],
  ['<= includes the bound', { detail: { n: [{ numeric: ['<=', 10] }] } }, withDetail({ n: 10 }), true],
  ['<= above the bound', { detail: { n: [{ numeric: ['<=', 10] }] } }, withDetail({ n: 11 }), false],
  ['= matches another spelling', { detail: { n: [{ numeric: ['=', 3.018e2] }] } }, withDetail({ n: 301.8 }), true],
  ['= differs', { detail: { n: [{ numeric: ['=', 300] }] } }, withDetail({ n: 300.5 }), false],
  ['range inside', { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, withDetail({ n: 5 }), true],
  ['range excludes open lower bound', { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, withDetail({ n: 0 }), false],
  ['range above', { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, withDetail({ n: 6 }), false],
  ['numeric string "5" never matches', { detail: { n: [{ numeric: ['=', 5] }] } }, withDetail({ n: '5' }), false],
  ['boolean never matches', { detail: { n: [{ numeric: ['>=', 0] }] } }, withDetail({ n: true }), false],
  ['null never matches', { detail: { n: [{ numeric: ['>=', 0] }] } }, withDetail({ n: null }), false],
  ['missing field', { detail: { n: [{ numeric: ['>=', 0] }] } }, withDetail({}), false],
  ['event array: any element in range', { detail: { n: [{ numeric: ['>', 10] }] } }, withDetail({ n: [1, 20] }), true],
  ['negative range', { detail: { n: [{ numeric: ['>=', -10, '<', -5] }] } }, withDetail({ n: -7 }), true],
];

const existsCases: MatchCase[] = [
  ['true: field present', { detail: { state: [{ exists: true }] } }, withDetail({ state: 'pending' }), true],
  ['true: field missing', { detail: { state: [{ exists: true }] } }, withDetail({ other: 1 }), false],
  ['true: null is a present leaf', { detail: { state: [{ exists: true }] } }, withDetail({ state: null }), true],
  ['true: empty string is present', { detail: { state: [{ exists: true }] } }, withDetail({ state: '' }), true],
  ['true: object is not a leaf', { detail: { c: [{ exists: true }] } }, withDetail({ c: { c1: 100 } }), false],
  ['true: empty array has no leaf', { detail: { c: [{ exists: true }] } }, withDetail({ c: [] }), false],
  ['true: parent missing', { detail: { a: { b: [{ exists: true }] } } }, withDetail({}), false],
  ['false: field missing', { detail: { c: [{ exists: false }] } }, withDetail({ state: 'x' }), true],
  ['false: field present', { detail: { c: [{ exists: false }] } }, withDetail({ c: 1 }), false],
  ['false: null counts as present', { detail: { c: [{ exists: false }] } }, withDetail({ c: null }), false],
  [
    'false: object is not a leaf (docs example)',
    { detail: { c: [{ exists: false }] } },
    withDetail({ c: { c1: 100 } }),
    true,
  ],
  ['false: nested path whose parent is missing', { detail: { a: { b: [{ exists: false }] } } }, { source: 'x' }, true],
  ['false: whole detail missing', { detail: { c: [{ exists: false }] } }, { source: 'x' }, true],
];

const cidrCases: MatchCase[] = [
  ['ipv4 inside /24', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.255' }, true],
  ['ipv4 outside /24', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.0' }, false],
  ['ipv4 /32 is one address', { ip: [{ cidr: '192.168.1.7/32' }] }, { ip: '192.168.1.7' }, true],
  ['ipv4 host bits in the block are ignored', { ip: [{ cidr: '10.0.0.77/24' }] }, { ip: '10.0.0.1' }, true],
  ['ipv4 /8', { ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '10.200.3.4' }, true],
  ['not an address', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: 'localhost' }, false],
  ['number is not an address', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: 167772161 }, false],
  ['ipv6 inside', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:1::42' }, true],
  ['ipv6 outside', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' }, false],
  ['ipv4 address against an ipv6 block', { ip: [{ cidr: '::/0' }] }, { ip: '10.0.0.1' }, false],
  ['event array: any address inside', { ips: [{ cidr: '10.0.0.0/24' }] }, { ips: ['8.8.8.8', '10.0.0.9'] }, true],
];

const orCases: MatchCase[] = [
  [
    'top level: first branch',
    { $or: [{ source: ['a'] }, { 'detail-type': ['t'] }] },
    { source: 'a', 'detail-type': 'x' },
    true,
  ],
  [
    'top level: second branch',
    { $or: [{ source: ['a'] }, { 'detail-type': ['t'] }] },
    { source: 'b', 'detail-type': 't' },
    true,
  ],
  [
    'top level: no branch',
    { $or: [{ source: ['a'] }, { 'detail-type': ['t'] }] },
    { source: 'b', 'detail-type': 'x' },
    false,
  ],
  [
    'ANDed with sibling fields: sibling fails',
    { source: ['s'], $or: [{ a: ['1'] }, { b: ['2'] }] },
    { source: 'other', a: '1' },
    false,
  ],
  [
    'ANDed with sibling fields: both hold',
    { source: ['s'], $or: [{ a: ['1'] }, { b: ['2'] }] },
    { source: 's', b: '2' },
    true,
  ],
  [
    'inside a sub-object: branch matches',
    { detail: { $or: [{ c: [{ numeric: ['>', 0, '<=', 5] }] }, { d: [{ numeric: ['<', 10] }] }] } },
    withDetail({ c: 99, d: 3 }),
    true,
  ],
  [
    'inside a sub-object: no branch matches',
    { detail: { $or: [{ c: [{ numeric: ['>', 0, '<=', 5] }] }, { d: [{ numeric: ['<', 10] }] }] } },
    withDetail({ c: 99, d: 30 }),
    false,
  ],
  [
    'branch with several fields is an AND',
    { $or: [{ a: ['1'], b: ['2'] }, { c: ['3'] }] },
    { a: '1', b: 'nope', c: 'nope' },
    false,
  ],
  ['nested $or', { $or: [{ a: ['1'] }, { $or: [{ b: ['2'] }, { c: ['3'] }] }] }, { c: '3' }, true],
  ['branch using exists:false', { $or: [{ a: ['1'] }, { b: [{ exists: false }] }] }, { a: '2' }, true],
];

const mixedLeafCases: MatchCase[] = [
  ['exact or prefix: exact side', { v: ['exact', { prefix: 'pre-' }] }, { v: 'exact' }, true],
  ['exact or prefix: prefix side', { v: ['exact', { prefix: 'pre-' }] }, { v: 'pre-fix' }, true],
  ['exact or prefix: neither', { v: ['exact', { prefix: 'pre-' }] }, { v: 'other' }, false],
  ['numeric or missing: missing', { v: [{ numeric: ['>', 10] }, { exists: false }] }, {}, true],
  ['numeric or missing: present and small', { v: [{ numeric: ['>', 10] }, { exists: false }] }, { v: 3 }, false],
  ['null or anything-but', { v: [null, { 'anything-but': 'x' }] }, { v: null }, true],
  [
    'several operators, none matches',
    { v: [{ suffix: '.png' }, { 'equals-ignore-case': 'readme' }] },
    { v: 'a.txt' },
    false,
  ],
];

const creditRecordCases: MatchCase[] = [
  [
    'detail-type and source',
    { source: ['credit-plus.platform'], 'detail-type': ['CreditRecordPublished'] },
    creditRecordPublished,
    true,
  ],
  [
    'wrong source',
    { source: ['credit-plus.other'], 'detail-type': ['CreditRecordPublished'] },
    creditRecordPublished,
    false,
  ],
  [
    'detail-type is case-sensitive',
    { source: ['credit-plus.platform'], 'detail-type': ['creditrecordpublished'] },
    creditRecordPublished,
    false,
  ],
  [
    'detail.meta.eventId equals',
    { detail: { meta: { eventId: ['01JN3Q9R7S8T9V0W1X2Y3Z4A5B'] } } },
    creditRecordPublished,
    true,
  ],
  [
    'detail.meta.eventId differs',
    { detail: { meta: { eventId: ['01JN3Q9R7S8T9V0W1X2Y3Z4A5C'] } } },
    creditRecordPublished,
    false,
  ],
  [
    'large administrative penalties',
    {
      source: ['credit-plus.platform'],
      'detail-type': ['CreditRecordPublished'],
      detail: {
        meta: { eventId: [{ exists: true }], correlationId: [null] },
        record: {
          category: ['administrative-penalty'],
          penalty: { fineAmountCny: [{ numeric: ['>=', 1000000] }], confiscated: [false] },
        },
      },
    },
    creditRecordPublished,
    true,
  ],
  [
    'fine below threshold',
    { detail: { record: { penalty: { fineAmountCny: [{ numeric: ['>', 2000000] }] } } } },
    creditRecordPublished,
    false,
  ],
  [
    'category or tag via $or',
    {
      detail: {
        $or: [{ record: { category: ['dishonest-judgment-debtor'] } }, { meta: { tags: ['penalty'] } }],
      },
    },
    creditRecordPublished,
    true,
  ],
  [
    'not a revoked licence, from the internal network',
    {
      detail: {
        record: {
          category: [{ 'anything-but': { prefix: 'licence-' } }],
          sourceIp: [{ cidr: '10.0.0.0/16' }],
          uscc: [{ wildcard: '9131*X' }],
        },
      },
    },
    creditRecordPublished,
    true,
  ],
  ['resources is an empty array', { resources: [{ exists: false }] }, creditRecordPublished, true],
];

const matchTables: ReadonlyArray<readonly [string, MatchCase[]]> = [
  ['equality', equalityCases],
  ['prefix', prefixCases],
  ['suffix', suffixCases],
  ['equals-ignore-case', equalsIgnoreCaseCases],
  ['wildcard', wildcardCases],
  ['anything-but', anythingButCases],
  ['numeric', numericCases],
  ['exists', existsCases],
  ['cidr', cidrCases],
  ['$or', orCases],
  ['mixed leaf', mixedLeafCases],
  ['CreditRecordPublished', creditRecordCases],
];

describe.each(matchTables)('matchesEventPattern: %s', (_table, cases) => {
  test.each(cases)('%s', (_name, pattern, event, expected) => {
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });

  test('every pattern in this table is valid', () => {
    const problems = cases.flatMap(([name, pattern]) => validateEventPattern(pattern).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
  });
});

/** Invalid patterns must never match, in particular never by inverting a non-match through anything-but. */
const failClosedCases: ReadonlyArray<readonly [name: string, pattern: unknown, event: unknown]> = [
  ['empty pattern', {}, { a: 1 }],
  ['empty nested pattern', { detail: {} }, withDetail({})],
  ['unknown operator', { v: [{ contains: 'x' }] }, { v: 'xyz' }],
  ['anything-but around an unsupported operator', { v: [{ 'anything-but': { numeric: ['>', 0] } }] }, { v: 1 }],
  ['anything-but around an invalid wildcard', { v: [{ 'anything-but': { wildcard: 'a**' } }] }, { v: 'b' }],
  ['anything-but with an empty list', { v: [{ 'anything-but': [] }] }, { v: 'b' }],
  ['exists with a non-boolean', { v: [{ exists: 'false' }] }, {}],
  ['$or that is not an array', { $or: { a: ['1'] } }, { a: '1' }],
  ['matcher with two operators', { v: [{ prefix: 'a', suffix: 'z' }] }, { v: 'abz' }],
];

describe('matchesEventPattern fails closed on invalid patterns', () => {
  test.each(failClosedCases)('%s', (_name, pattern, event) => {
    expect(validateEventPattern(pattern)).not.toEqual([]);
    expect(matchesEventPattern(pattern as EventPattern, event)).toBe(false);
  });
});

/** [case name, pattern, expected problem fragment] */
const invalidPatternCases: ReadonlyArray<readonly [name: string, pattern: unknown, problem: string]> = [
  ['root is null', null, 'Filter is not an object'],
  ['root is an array', [{ source: ['a'] }], 'Filter is not an object'],
  ['root is empty', {}, '(root): Empty objects are not allowed'],
  ['nested object is empty', { detail: {} }, 'detail: Empty objects are not allowed'],
  ['leaf is a string', { source: 'aws.ec2' }, 'source: "source" must be an object or an array'],
  ['leaf is a number', { detail: { n: 5 } }, 'detail.n: "n" must be an object or an array'],
  ['leaf is null', { detail: { n: null } }, 'detail.n: "n" must be an object or an array'],
  ['leaf is empty', { source: [] }, 'source: Empty arrays are not allowed'],
  ['leaf holds an array', { source: [['a']] }, 'source[0]: Match value must be String, number, true, false, or null'],
  ['leaf holds a non-finite number', { n: [Number.NaN] }, 'n[0]: Match value must be'],
  ['unknown operator', { v: [{ contains: 'x' }] }, 'v[0]: Unrecognized match type contains'],
  ['matcher without operator', { v: [{}] }, 'Match expression name not found'],
  ['two operators in one matcher', { v: [{ prefix: 'a', suffix: 'z' }] }, 'Only one key allowed in match expression'],
  ['prefix is a number', { v: [{ prefix: 1 }] }, 'prefix match pattern must be a string'],
  [
    'prefix nests an unsupported operator',
    { v: [{ prefix: { wildcard: 'a*' } }] },
    'Unsupported prefix pattern: wildcard',
  ],
  [
    'prefix equals-ignore-case is not a string',
    { v: [{ prefix: { 'equals-ignore-case': 1 } }] },
    'equals-ignore-case match pattern must be a string',
  ],
  ['suffix is null', { v: [{ suffix: null }] }, 'suffix match pattern must be a string'],
  ['equals-ignore-case is a number', { v: [{ 'equals-ignore-case': 1 }] }, 'equals-ignore-case match pattern must be'],
  ['wildcard is a number', { v: [{ wildcard: 1 }] }, 'wildcard match pattern must be a string'],
  ['wildcard with consecutive stars', { v: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters'],
  ['wildcard escaping a letter', { v: [{ wildcard: 'a\\b' }] }, 'Invalid escape character'],
  ['wildcard with a trailing backslash', { v: [{ wildcard: 'a\\' }] }, 'Invalid escape character'],
  ['anything-but null', { v: [{ 'anything-but': null }] }, 'must be an array or single string/number value'],
  ['anything-but boolean', { v: [{ 'anything-but': true }] }, 'must be an array or single string/number value'],
  ['anything-but empty list', { v: [{ 'anything-but': [] }] }, 'anything-but list must not be empty'],
  ['anything-but list with null', { v: [{ 'anything-but': ['a', null] }] }, 'start|null|boolean is not supported'],
  ['anything-but mixed list', { v: [{ 'anything-but': ['a', 1] }] }, 'mixed type is not supported'],
  [
    'anything-but nests numeric',
    { v: [{ 'anything-but': { numeric: ['>', 1] } }] },
    'Unsupported anything-but pattern',
  ],
  ['anything-but nests exists', { v: [{ 'anything-but': { exists: true } }] }, 'Unsupported anything-but pattern'],
  ['anything-but with an empty prefix', { v: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix not allowed'],
  ['anything-but suffix is a number', { v: [{ 'anything-but': { suffix: 1 } }] }, 'values must be strings'],
  ['anything-but with a bad wildcard', { v: [{ 'anything-but': { wildcard: ['ok*', 'a**'] } }] }, 'Consecutive'],
  ['numeric is not an array', { v: [{ numeric: '>5' }] }, 'Value of numeric must be an array'],
  ['numeric unknown operator', { v: [{ numeric: ['!=', 5] }] }, 'Unrecognized numeric operator'],
  ['numeric threshold is a string', { v: [{ numeric: ['>', '5'] }] }, 'Value of > must be numeric'],
  ['numeric is missing its threshold', { v: [{ numeric: ['>'] }] }, 'Value of > must be numeric'],
  ['numeric with three terms', { v: [{ numeric: ['>', 0, '<'] }] }, 'lower bound'],
  ['numeric range starting with an upper bound', { v: [{ numeric: ['<', 10, '>', 0] }] }, 'lower bound'],
  ['numeric = cannot start a range', { v: [{ numeric: ['=', 1, '<', 3] }] }, 'lower bound'],
  ['numeric range with two lower bounds', { v: [{ numeric: ['>', 0, '>=', 5] }] }, 'Bad numeric range operator'],
  ['numeric range upside down', { v: [{ numeric: ['>', 5, '<', 5] }] }, 'Bottom must be less than top'],
  ['exists is a string', { v: [{ exists: 'true' }] }, 'exists match pattern must be either true or false'],
  ['cidr without mask', { v: [{ cidr: '10.0.0.1' }] }, 'Invalid CIDR'],
  ['cidr mask too wide', { v: [{ cidr: '10.0.0.0/33' }] }, 'Invalid CIDR'],
  ['cidr not an address', { v: [{ cidr: 'example.com/24' }] }, 'Invalid CIDR'],
  ['$or is an object', { $or: { a: ['1'] } }, '$or: It must be an Array followed with $or'],
  ['$or with one branch', { $or: [{ a: ['1'] }] }, 'There must be at least 2 objects in $or'],
  ['$or with a non-object branch', { $or: [{ a: ['1'] }, ['b']] }, '$or[1]: Only JSON objects are allowed'],
  ['$or with an empty branch', { $or: [{ a: ['1'] }, {}] }, '$or[1]: Empty objects are not allowed'],
  ['$or branch using an operator name as a field', { $or: [{ a: ['1'] }, { prefix: ['x'] }] }, 'reserved field name'],
  ['invalid leaf inside a nested $or', { detail: { $or: [{ a: ['1'] }, { b: [] }] } }, 'detail.$or[1].b: Empty arrays'],
];

describe('validateEventPattern rejects', () => {
  test.each(invalidPatternCases)('%s', (_name, pattern, problem) => {
    expect(validateEventPattern(pattern).join('\n')).toContain(problem);
  });

  test('every problem is reported, each with its path', () => {
    expect(
      validateEventPattern({ source: 'x', detail: { a: [], b: [{ exists: 1 }], c: [{ numeric: ['>', 'x'] }] } }),
    ).toEqual([
      'source: "source" must be an object or an array',
      'detail.a: Empty arrays are not allowed',
      'detail.b[0]: exists match pattern must be either true or false',
      'detail.c[0]: Value of > must be numeric',
    ]);
  });
});

describe('validateEventPattern accepts', () => {
  test.each<readonly [string, unknown]>([
    ['a pattern parsed from JSON', JSON.parse('{"source":["aws.ec2"],"detail":{"state":["running",null,1,true]}}')],
    ['escaped stars and backslashes in a wildcard', { v: [{ wildcard: 'a\\**\\\\' }] }],
    ['a field named like an operator outside $or', { detail: { prefix: ['x'] } }],
    ['an empty prefix', { v: [{ prefix: '' }] }],
    ['an IPv6 cidr', { v: [{ cidr: 'fe80::/10' }] }],
  ])('%s', (_name, pattern) => {
    expect(validateEventPattern(pattern)).toEqual([]);
  });
});

// EventBridge matches a pattern key against the event's key of that exact name: JSON objects nest
// by structure, never by a dotted path, so "a.b" names one key and never the path a → b.
describe('keys containing dots are literal keys', () => {
  test.each([
    ['a literal dotted key matches', { 'a.b': ['x'] }, { 'a.b': 'x' }, true],
    ['a dotted key does not reach into nested objects', { 'a.b': ['x'] }, { a: { b: 'x' } }, false],
    ['a nested pattern does not match a dotted key', { a: { b: ['x'] } }, { 'a.b': 'x' }, false],
    [
      'a dotted key inside a nested pattern',
      { detail: { 'meta.eventId': ['E1'] } },
      { detail: { 'meta.eventId': 'E1' } },
      true,
    ],
    [
      'a dotted key inside a nested pattern is not a path',
      { detail: { 'meta.eventId': ['E1'] } },
      { detail: { meta: { eventId: 'E1' } } },
      false,
    ],
    [
      'exists:false holds for a nested path when only the dotted key exists',
      { a: { b: [{ exists: false }] } },
      { 'a.b': 'x' },
      true,
    ],
  ])('%s', (_name, pattern, event, expected) => {
    expect(validateEventPattern(pattern)).toEqual([]);
    expect(matchesEventPattern(pattern as EventPattern, event)).toBe(expected);
  });
});

// The EventBridge user guide ("Wildcard matching"): consecutive wildcard characters are not allowed;
// `\*` is a literal asterisk. The rule is refused when it is created, in anything-but too.
describe('wildcard limits', () => {
  test.each([
    ['two consecutive wildcards', { key: [{ wildcard: 'a**b' }] }, true],
    ['consecutive wildcards at the end', { key: [{ wildcard: 'prefix/**' }] }, true],
    ['consecutive wildcards in anything-but', { key: [{ 'anything-but': { wildcard: '**' } }] }, true],
    ['an escaped asterisk next to a wildcard', { key: [{ wildcard: '\\**' }] }, false],
    ['wildcards apart', { key: [{ wildcard: '*/lib/*' }] }, false],
  ])('%s: refused = %s', (_name, pattern, refused) => {
    expect(validateEventPattern(pattern).length > 0).toBe(refused);
  });
});
