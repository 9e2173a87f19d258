import fc from 'fast-check';
import { isUnderObjection, type NotCountingReason, recordsCountingAsOf, whyNotCounting } from './counting.js';
import type { CreditRecord, Objection } from './model.js';
import { OTHER_SUBJECT, makeRecord as record, SUBJECT } from './test-records.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const ms = (timestamp: string): number => {
  const value = Date.parse(timestamp);
  if (Number.isNaN(value)) throw new Error(`bad timestamp in test: ${timestamp}`);
  return value;
};

const counts = (rec: CreditRecord, asOf: number): boolean => recordsCountingAsOf([rec], SUBJECT, asOf).length === 1;

/** Start of a Shanghai calendar day, computed independently of shared/time.ts. */
const shanghaiMidnight = (isoDate: string): number => ms(`${isoDate}T00:00:00+08:00`);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant `epochMs` written as an ISO timestamp in the given UTC offset (minutes). */
function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

describe('test helpers', () => {
  test('isoWithOffset writes the same instant', () => {
    expect(isoWithOffset(ms('2026-03-01T00:00:00Z'), 480)).toBe('2026-03-01T08:00:00.000+08:00');
    expect(isoWithOffset(ms('2026-03-01T00:00:00Z'), -330)).toBe('2026-02-28T18:30:00.000-05:30');
    fc.assert(
      fc.property(
        fc.integer({ min: ms('2000-01-01T00:00:00Z'), max: ms('2100-01-01T00:00:00Z') }),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        (instant, offset) => ms(isoWithOffset(instant, offset)) === instant,
      ),
    );
  });
});

describe('whyNotCounting', () => {
  test.each<[string, Partial<CreditRecord>, string, NotCountingReason | undefined]>([
    // subject
    [
      'record of another subject',
      { subject: { uscc: OTHER_SUBJECT, name: '别家' } },
      '2026-03-01T00:00:00Z',
      'other-subject',
    ],
    ['record of the subject, inside its window', {}, '2026-03-01T00:00:00Z', undefined],

    // validFrom boundary (validFrom 2026-01-10 starts at 2026-01-09T16:00:00Z)
    ['one ms before validFrom 00:00 +08:00', {}, '2026-01-09T15:59:59.999Z', 'not-yet-public'],
    ['exactly validFrom 00:00 +08:00 (in UTC)', {}, '2026-01-09T16:00:00.000Z', undefined],
    ['exactly validFrom 00:00 +08:00 (in +08:00)', {}, '2026-01-10T00:00:00+08:00', undefined],
    ['validFrom 01:00 +08:00 while the UTC date is still the day before', {}, '2026-01-09T17:00:00Z', undefined],
    ['written as the day before in -08:00, already validFrom in Shanghai', {}, '2026-01-09T23:59:59-08:00', undefined],
    ['validFrom as a UTC date but the day before in Shanghai', {}, '2026-01-09T08:00:00Z', 'not-yet-public'],
    ['between decidedAt and validFrom', {}, '2026-01-07T00:00:00Z', 'not-yet-public'],

    // decidedAt boundary (counting starts at max(decidedAt, validFrom))
    ['before decidedAt', {}, '2026-01-01T00:00:00Z', 'not-yet-decided'],
    [
      'decidedAt = validFrom: one ms before',
      { decidedAt: '2026-01-10', validFrom: '2026-01-10' },
      '2026-01-09T15:59:59.999Z',
      'not-yet-decided',
    ],
    [
      'decidedAt = validFrom: exactly at start',
      { decidedAt: '2026-01-10', validFrom: '2026-01-10' },
      '2026-01-09T16:00:00.000Z',
      undefined,
    ],
    [
      'decidedAt after validFrom: still waits for decidedAt',
      { decidedAt: '2026-01-12', validFrom: '2026-01-10' },
      '2026-01-11T15:59:59.999Z',
      'not-yet-decided',
    ],
    [
      'decidedAt after validFrom: counts from decidedAt 00:00 +08:00',
      { decidedAt: '2026-01-12', validFrom: '2026-01-10' },
      '2026-01-11T16:00:00.000Z',
      undefined,
    ],

    // validTo boundary (2026-06-30 inclusive: up to 2026-06-30T15:59:59.999Z)
    ['validTo 23:59:59.999 +08:00', {}, '2026-06-30T23:59:59.999+08:00', undefined],
    ['validTo 23:59:59.999 +08:00 (in UTC)', {}, '2026-06-30T15:59:59.999Z', undefined],
    ['validTo + 1 00:00 +08:00', {}, '2026-07-01T00:00:00+08:00', 'publicity-ended'],
    ['validTo + 1 00:00 +08:00 (in UTC)', {}, '2026-06-30T16:00:00.000Z', 'publicity-ended'],
    ['still validTo as a UTC date but already the next day in Shanghai', {}, '2026-06-30T17:00:00Z', 'publicity-ended'],
    ['long after validTo', {}, '2027-01-01T00:00:00Z', 'publicity-ended'],
    ['no validTo: open-ended', { validTo: undefined }, '2099-12-31T23:59:59.999Z', undefined],
    [
      'one-day window: start of the day',
      { decidedAt: '2026-02-01', validFrom: '2026-02-01', validTo: '2026-02-01' },
      '2026-02-01T00:00:00+08:00',
      undefined,
    ],
    [
      'one-day window: end of the day',
      { decidedAt: '2026-02-01', validFrom: '2026-02-01', validTo: '2026-02-01' },
      '2026-02-01T23:59:59.999+08:00',
      undefined,
    ],
    [
      'one-day window: next day',
      { decidedAt: '2026-02-01', validFrom: '2026-02-01', validTo: '2026-02-01' },
      '2026-02-02T00:00:00+08:00',
      'publicity-ended',
    ],

    // revocation: never counts, whatever revokedAt is
    [
      'revoked before asOf',
      { revocation: { revokedAt: '2026-02-01T00:00:00+08:00', reason: 'withdrawn' } },
      '2026-03-01T00:00:00Z',
      'revoked',
    ],
    [
      'revoked after asOf',
      { revocation: { revokedAt: '2026-05-01T00:00:00+08:00', reason: 'withdrawn' } },
      '2026-03-01T00:00:00Z',
      'revoked',
    ],
    [
      'revoked exactly at asOf',
      { revocation: { revokedAt: '2026-03-01T08:00:00+08:00', reason: 'withdrawn' } },
      '2026-03-01T00:00:00Z',
      'revoked',
    ],

    // repair at R = 2026-03-01T08:00:00+08:00 = 2026-03-01T00:00:00Z
    [
      'repaired one second after asOf',
      { repair: { repairedAt: '2026-03-01T08:00:00+08:00', reason: 'repaired' } },
      '2026-02-28T23:59:59Z',
      undefined,
    ],
    [
      'repaired one ms after asOf',
      { repair: { repairedAt: '2026-03-01T08:00:00+08:00', reason: 'repaired' } },
      '2026-02-28T23:59:59.999Z',
      undefined,
    ],
    [
      'repaired exactly at asOf (different offsets)',
      { repair: { repairedAt: '2026-03-01T08:00:00+08:00', reason: 'repaired' } },
      '2026-03-01T00:00:00Z',
      'repaired',
    ],
    [
      'repaired exactly at asOf (same offset)',
      { repair: { repairedAt: '2026-03-01T00:00:00Z', reason: 'repaired' } },
      '2026-03-01T08:00:00+08:00',
      'repaired',
    ],
    [
      'repaired one ms before asOf',
      { repair: { repairedAt: '2026-03-01T08:00:00+08:00', reason: 'repaired' } },
      '2026-03-01T00:00:00.001Z',
      'repaired',
    ],
    [
      'repaired one second before asOf',
      { repair: { repairedAt: '2026-03-01T08:00:00+08:00', reason: 'repaired' } },
      '2026-03-01T00:00:01Z',
      'repaired',
    ],
    [
      'repaired in a negative offset, one ms after asOf',
      { repair: { repairedAt: '2026-02-28T19:00:00-05:00', reason: 'repaired' } },
      '2026-02-28T23:59:59.999Z',
      undefined,
    ],
    [
      'repaired in a negative offset, exactly at asOf',
      { repair: { repairedAt: '2026-02-28T19:00:00-05:00', reason: 'repaired' } },
      '2026-03-01T00:00:00Z',
      'repaired',
    ],

    // objection
    [
      'objection upheld before asOf',
      {
        objections: [
          {
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'wrong',
            resolvedAt: '2026-02-15T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      '2026-03-01T00:00:00Z',
      'objection-upheld',
    ],
    [
      'objection upheld after asOf (withdrawn as erroneous: never counted)',
      {
        objections: [
          {
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'wrong',
            resolvedAt: '2026-04-01T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      '2026-03-01T00:00:00Z',
      'objection-upheld',
    ],
    [
      'objection upheld, asOf before it was even raised',
      {
        objections: [
          {
            raisedAt: '2026-04-01T00:00:00Z',
            reason: 'wrong',
            resolvedAt: '2026-04-15T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      '2026-03-01T00:00:00Z',
      'objection-upheld',
    ],
    [
      'objection upheld against this version (DOMAIN.md: withdraws the version it was raised against)',
      {
        version: 2,
        objections: [
          {
            version: 2,
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'wrong',
            resolvedAt: '2026-02-15T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      '2026-03-01T00:00:00Z',
      'objection-upheld',
    ],
    [
      'objection upheld against version 1, corrected version 2 published since (counts normally)',
      {
        version: 2,
        objections: [
          {
            version: 1,
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'wrong',
            resolvedAt: '2026-02-15T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      '2026-03-01T00:00:00Z',
      undefined,
    ],
    [
      'objection rejected before asOf',
      {
        objections: [
          {
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'wrong',
            resolvedAt: '2026-02-15T00:00:00Z',
            outcome: 'rejected',
          },
        ],
      },
      '2026-03-01T00:00:00Z',
      undefined,
    ],
    [
      'objection pending',
      { objections: [{ raisedAt: '2026-02-01T00:00:00Z', reason: 'wrong' }] },
      '2026-03-01T00:00:00Z',
      undefined,
    ],
  ])('%s', (_name, overrides, asOf, expected) => {
    expect(whyNotCounting(record(overrides), SUBJECT, ms(asOf))).toBe(expected);
  });

  test('a record of another subject counts for that subject', () => {
    const rec = record({ subject: { uscc: OTHER_SUBJECT, name: '别家' } });
    expect(whyNotCounting(rec, OTHER_SUBJECT, ms('2026-03-01T00:00:00Z'))).toBeUndefined();
    expect(whyNotCounting(rec, SUBJECT, ms('2026-03-01T00:00:00Z'))).toBe('other-subject');
  });
});

describe('isUnderObjection', () => {
  const asOf = '2026-03-01T00:00:00Z';
  const open = (raisedAt: string): Objection => ({ raisedAt, reason: 'r' });
  const resolved = (raisedAt: string, resolvedAt: string, outcome: 'upheld' | 'rejected' = 'rejected'): Objection => ({
    raisedAt,
    reason: 'r',
    resolvedAt,
    outcome,
  });

  test.each<[string, Objection[], boolean]>([
    ['no objection', [], false],
    ['raised one ms after asOf', [open('2026-03-01T00:00:00.001Z')], false],
    ['raised exactly at asOf (other offset)', [open('2026-03-01T08:00:00+08:00')], true],
    ['raised one ms before asOf', [open('2026-02-28T23:59:59.999Z')], true],
    ['raised before asOf, unresolved', [open('2026-02-01T00:00:00Z')], true],
    ['raised before, rejected before asOf', [resolved('2026-02-01T00:00:00Z', '2026-02-15T00:00:00Z')], false],
    ['raised before, resolved exactly at asOf', [resolved('2026-02-01T00:00:00Z', '2026-03-01T08:00:00+08:00')], false],
    [
      'raised before, resolved one ms after asOf',
      [resolved('2026-02-01T00:00:00Z', '2026-03-01T08:00:00.001+08:00')],
      true,
    ],
    ['raised before, rejected after asOf', [resolved('2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z')], true],
    ['raised before, upheld after asOf', [resolved('2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z', 'upheld')], true],
    ['raised and resolved after asOf', [resolved('2026-03-02T00:00:00Z', '2026-04-01T00:00:00Z')], false],
    [
      'first rejected before asOf, second open',
      [resolved('2026-01-15T00:00:00Z', '2026-01-20T00:00:00Z'), open('2026-02-01T00:00:00Z')],
      true,
    ],
    [
      'first rejected before asOf, second raised after asOf',
      [resolved('2026-01-15T00:00:00Z', '2026-01-20T00:00:00Z'), open('2026-03-02T00:00:00Z')],
      false,
    ],
    [
      'first open at asOf (rejected later), second raised after asOf',
      [resolved('2026-02-01T00:00:00Z', '2026-03-10T00:00:00Z'), open('2026-03-15T00:00:00Z')],
      true,
    ],
    [
      'two objections, both rejected before asOf',
      [
        resolved('2026-01-15T00:00:00Z', '2026-01-20T00:00:00Z'),
        resolved('2026-02-01T00:00:00Z', '2026-02-10T00:00:00Z'),
      ],
      false,
    ],
  ])('%s', (_name, objections, expected) => {
    expect(isUnderObjection(record({ objections }), ms(asOf))).toBe(expected);
  });
});

describe('recordsCountingAsOf', () => {
  const asOf = ms('2026-03-01T00:00:00Z');

  type Outcome = 'absent' | 'counts' | 'counts, under objection';
  const outcome = (rec: CreditRecord, at: number = asOf): Outcome => {
    const result = recordsCountingAsOf([rec], SUBJECT, at);
    if (result.length === 0) return 'absent';
    expect(result).toHaveLength(1);
    expect(result[0]?.record).toBe(rec);
    return result[0]?.underObjection ? 'counts, under objection' : 'counts';
  };

  test.each<[string, Partial<CreditRecord>, Outcome]>([
    ['plain record inside its window', {}, 'counts'],
    ['other subject', { subject: { uscc: OTHER_SUBJECT, name: '别家' } }, 'absent'],
    ['not yet public', { validFrom: '2026-03-02', decidedAt: '2026-03-02', validTo: undefined }, 'absent'],
    ['publicity ended', { validTo: '2026-02-28' }, 'absent'],
    ['revoked before asOf', { revocation: { revokedAt: '2026-02-01T00:00:00Z', reason: 'r' } }, 'absent'],
    ['revoked after asOf', { revocation: { revokedAt: '2026-04-01T00:00:00Z', reason: 'r' } }, 'absent'],
    ['repaired one second after asOf', { repair: { repairedAt: '2026-03-01T08:00:01+08:00', reason: 'r' } }, 'counts'],
    ['repaired exactly at asOf', { repair: { repairedAt: '2026-03-01T08:00:00+08:00', reason: 'r' } }, 'absent'],
    ['repaired one second before asOf', { repair: { repairedAt: '2026-03-01T07:59:59+08:00', reason: 'r' } }, 'absent'],
    ['objection raised after asOf', { objections: [{ raisedAt: '2026-03-01T00:00:01Z', reason: 'r' }] }, 'counts'],
    [
      'objection raised exactly at asOf',
      { objections: [{ raisedAt: '2026-03-01T08:00:00+08:00', reason: 'r' }] },
      'counts, under objection',
    ],
    [
      'objection raised before asOf, pending',
      { objections: [{ raisedAt: '2026-02-01T00:00:00Z', reason: 'r' }] },
      'counts, under objection',
    ],
    [
      'objection raised before and rejected before asOf',
      {
        objections: [
          {
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'r',
            resolvedAt: '2026-02-15T00:00:00Z',
            outcome: 'rejected',
          },
        ],
      },
      'counts',
    ],
    [
      'objection raised before and rejected after asOf',
      {
        objections: [
          {
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'r',
            resolvedAt: '2026-04-01T00:00:00Z',
            outcome: 'rejected',
          },
        ],
      },
      'counts, under objection',
    ],
    [
      'objection raised before and upheld before asOf',
      {
        objections: [
          {
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'r',
            resolvedAt: '2026-02-15T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      'absent',
    ],
    [
      'objection raised before and upheld after asOf',
      {
        objections: [
          {
            raisedAt: '2026-02-01T00:00:00Z',
            reason: 'r',
            resolvedAt: '2026-04-01T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      'absent',
    ],
    [
      'objection raised after asOf and later upheld',
      {
        objections: [
          {
            raisedAt: '2026-03-15T00:00:00Z',
            reason: 'r',
            resolvedAt: '2026-04-01T00:00:00Z',
            outcome: 'upheld',
          },
        ],
      },
      'absent',
    ],
    [
      'first objection rejected before asOf, second still open',
      {
        objections: [
          { raisedAt: '2026-01-15T00:00:00Z', reason: 'r', resolvedAt: '2026-01-20T00:00:00Z', outcome: 'rejected' },
          { raisedAt: '2026-02-01T00:00:00Z', reason: 'r' },
        ],
      },
      'counts, under objection',
    ],
    [
      'first objection rejected before asOf, second raised after asOf',
      {
        objections: [
          { raisedAt: '2026-01-15T00:00:00Z', reason: 'r', resolvedAt: '2026-01-20T00:00:00Z', outcome: 'rejected' },
          { raisedAt: '2026-03-15T00:00:00Z', reason: 'r' },
        ],
      },
      'counts',
    ],
    [
      'first objection rejected, a later one upheld after asOf',
      {
        objections: [
          { raisedAt: '2026-01-15T00:00:00Z', reason: 'r', resolvedAt: '2026-01-20T00:00:00Z', outcome: 'rejected' },
          { raisedAt: '2026-03-15T00:00:00Z', reason: 'r', resolvedAt: '2026-04-01T00:00:00Z', outcome: 'upheld' },
        ],
      },
      'absent',
    ],
    [
      'under objection and repaired after asOf',
      {
        objections: [{ raisedAt: '2026-02-01T00:00:00Z', reason: 'r' }],
        repair: { repairedAt: '2026-04-01T00:00:00Z', reason: 'r' },
      },
      'counts, under objection',
    ],
    [
      'under objection but repaired before asOf',
      {
        objections: [{ raisedAt: '2026-02-01T00:00:00Z', reason: 'r' }],
        repair: { repairedAt: '2026-02-15T00:00:00Z', reason: 'r' },
      },
      'absent',
    ],
    [
      'under objection but outside its window',
      { validTo: '2026-02-28', objections: [{ raisedAt: '2026-02-01T00:00:00Z', reason: 'r' }] },
      'absent',
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(outcome(record(overrides))).toBe(expected);
  });

  test.each<[string, string, Outcome]>([
    ['one ms before validFrom 00:00 +08:00', '2026-01-09T15:59:59.999Z', 'absent'],
    ['validFrom 00:00 +08:00', '2026-01-09T16:00:00.000Z', 'counts'],
    ['validTo 23:59:59.999 +08:00', '2026-06-30T15:59:59.999Z', 'counts'],
    ['validTo + 1 00:00 +08:00', '2026-06-30T16:00:00.000Z', 'absent'],
  ])('window boundary: %s → %s', (_name, at, expected) => {
    expect(outcome(record(), ms(at))).toBe(expected);
  });

  test('returns the input records (same objects), in input order, skipping the ones that do not count', () => {
    const records = [
      record({ recordId: 'c' }),
      record({ recordId: 'other', subject: { uscc: OTHER_SUBJECT, name: '别家' } }),
      record({ recordId: 'a', objections: [{ raisedAt: '2026-02-01T00:00:00Z', reason: 'r' }] }),
      record({ recordId: 'revoked', revocation: { revokedAt: '2026-04-01T00:00:00Z', reason: 'r' } }),
      record({ recordId: 'b', validTo: undefined }),
      record({ recordId: 'repaired', repair: { repairedAt: '2026-02-01T00:00:00Z', reason: 'r' } }),
      record({ recordId: 'expired', validTo: '2026-01-31' }),
      record({ recordId: 'd', repair: { repairedAt: '2026-04-01T00:00:00Z', reason: 'r' } }),
    ];
    const result = recordsCountingAsOf(records, SUBJECT, asOf);
    expect(result.map((r) => [r.record.recordId, r.underObjection])).toEqual([
      ['c', false],
      ['a', true],
      ['b', false],
      ['d', false],
    ]);
    expect(result[0]?.record).toBe(records[0]);
    expect(result[1]?.record).toBe(records[2]);
    expect(recordsCountingAsOf([...records].reverse(), SUBJECT, asOf).map((r) => r.record.recordId)).toEqual([
      'd',
      'b',
      'a',
      'c',
    ]);
  });

  test('filters by subject', () => {
    const mine = record({ recordId: 'mine' });
    const theirs = record({ recordId: 'theirs', subject: { uscc: OTHER_SUBJECT, name: '别家' } });
    expect(recordsCountingAsOf([mine, theirs], SUBJECT, asOf).map((r) => r.record)).toEqual([mine]);
    expect(recordsCountingAsOf([mine, theirs], OTHER_SUBJECT, asOf).map((r) => r.record)).toEqual([theirs]);
    expect(recordsCountingAsOf([mine, theirs], '91310000000000000X', asOf)).toEqual([]);
  });

  test('an empty list gives an empty list', () => {
    expect(recordsCountingAsOf([], SUBJECT, asOf)).toEqual([]);
  });

  test('does not mutate its input', () => {
    const records = [
      record(),
      record({ recordId: 'x', revocation: { revokedAt: '2026-01-01T00:00:00Z', reason: 'r' } }),
    ];
    const snapshot = structuredClone(records);
    recordsCountingAsOf(records, SUBJECT, asOf);
    expect(records).toEqual(snapshot);
  });

  test.each([
    '2026-01-09T15:59:59.999Z',
    '2026-01-09T16:00:00.000Z',
    '2026-02-15T12:00:00+08:00',
    '2026-02-28T23:59:59.999Z',
    '2026-03-01T00:00:00Z',
    '2026-06-30T15:59:59.999Z',
    '2026-06-30T16:00:00.000Z',
  ])('a Date and its epoch ms give the same result (asOf %s)', (at) => {
    const records = [
      record({ recordId: 'plain' }),
      record({ recordId: 'repaired', repair: { repairedAt: '2026-03-01T08:00:00+08:00', reason: 'r' } }),
      record({ recordId: 'objected', objections: [{ raisedAt: '2026-02-15T12:00:00+08:00', reason: 'r' }] }),
    ];
    const fromNumber = recordsCountingAsOf(records, SUBJECT, ms(at));
    const fromDate = recordsCountingAsOf(records, SUBJECT, new Date(at));
    expect(fromDate).toEqual(fromNumber);
  });
});

describe('properties', () => {
  const dayZero = Date.UTC(2020, 0, 1);
  const isoDateOfDay = (day: number) => new Date(dayZero + day * DAY_MS).toISOString().slice(0, 10);

  /** Record windows, including validFrom before decidedAt (counting starts at the later of the two). */
  const windowArb = fc.record({
    decidedDay: fc.integer({ min: 0, max: 3650 }),
    fromShift: fc.integer({ min: -5, max: 60 }),
    length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  });

  interface Window {
    decidedDay: number;
    fromShift: number;
    length: number | undefined;
  }
  const baseRecord = ({ decidedDay, fromShift, length }: Window): CreditRecord =>
    record({
      decidedAt: isoDateOfDay(decidedDay),
      validFrom: isoDateOfDay(decidedDay + fromShift),
      validTo: length === undefined ? undefined : isoDateOfDay(decidedDay + Math.max(fromShift, 0) + length),
    });

  /** Instants around the given ones (exact, ±1 ms, ±hours/days) or anywhere in a wide range. */
  const instantNear = (points: number[]) =>
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...points),
          fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS })),
        )
        .map(([point, delta]) => point + delta),
      fc.integer({ min: dayZero - 30 * DAY_MS, max: dayZero + 4200 * DAY_MS }),
    );

  const offsetArb = fc.integer({ min: -48, max: 56 }).map((quarterHours) => quarterHours * 15);

  const windowPoints = (rec: CreditRecord) => [
    shanghaiMidnight(rec.decidedAt),
    shanghaiMidnight(rec.validFrom),
    ...(rec.validTo === undefined ? [] : [shanghaiMidnight(rec.validTo) + DAY_MS]),
  ];

  test('the publicity window: counts ⇔ 00:00 +08:00 on max(decidedAt, validFrom) ≤ T < 00:00 +08:00 after validTo', () => {
    fc.assert(
      fc.property(
        windowArb.map(baseRecord).chain((rec) => fc.tuple(fc.constant(rec), instantNear(windowPoints(rec)))),
        ([rec, asOf]) => {
          const start = Math.max(shanghaiMidnight(rec.decidedAt), shanghaiMidnight(rec.validFrom));
          const end = rec.validTo === undefined ? Number.POSITIVE_INFINITY : shanghaiMidnight(rec.validTo) + DAY_MS;
          expect(counts(rec, asOf)).toBe(start <= asOf && asOf < end);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('repair at R: counts(T) ⇔ counts-without-repair(T) ∧ T < R, whatever offset R is written in', () => {
    fc.assert(
      fc.property(
        windowArb
          .map(baseRecord)
          .chain((rec) =>
            fc
              .tuple(fc.constant(rec), instantNear(windowPoints(rec)), offsetArb)
              .chain(([r, repairedAt, offset]) =>
                fc.tuple(fc.constant(r), fc.constant(repairedAt), fc.constant(offset), instantNear([repairedAt])),
              ),
          ),
        ([rec, repairedAt, offset, asOf]) => {
          const repaired = { ...rec, repair: { repairedAt: isoWithOffset(repairedAt, offset), reason: 'repaired' } };
          expect(counts(repaired, asOf)).toBe(counts(rec, asOf) && asOf < repairedAt);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('a revoked record never counts, whenever it was revoked and whatever else happened to it', () => {
    fc.assert(
      fc.property(
        windowArb.map(baseRecord),
        fc.integer({ min: dayZero - 30 * DAY_MS, max: dayZero + 4200 * DAY_MS }),
        offsetArb,
        fc.option(fc.integer({ min: dayZero - 30 * DAY_MS, max: dayZero + 4200 * DAY_MS }), { nil: undefined }),
        fc.array(fc.constantFrom<'rejected' | 'upheld' | 'pending'>('rejected', 'upheld', 'pending'), {
          maxLength: 3,
        }),
        fc.integer({ min: dayZero - 30 * DAY_MS, max: dayZero + 4200 * DAY_MS }),
        (rec, revokedAt, offset, repairedAt, objections, asOf) => {
          const revoked: CreditRecord = {
            ...rec,
            revocation: { revokedAt: isoWithOffset(revokedAt, offset), reason: 'withdrawn' },
            ...(repairedAt === undefined
              ? {}
              : { repair: { repairedAt: isoWithOffset(repairedAt, offset), reason: 'repaired' } }),
            objections: objections.map((outcome) =>
              outcome === 'pending'
                ? { raisedAt: isoWithOffset(revokedAt, 0), reason: 'r' }
                : {
                    raisedAt: isoWithOffset(revokedAt, 0),
                    reason: 'r',
                    resolvedAt: isoWithOffset(revokedAt + DAY_MS, 0),
                    outcome,
                  },
            ),
          };
          expect(recordsCountingAsOf([revoked], SUBJECT, asOf)).toEqual([]);
          expect(whyNotCounting(revoked, SUBJECT, asOf)).toBeDefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  test('monotonic without repair, revocation, objection or validTo: once it counts at T, it counts at every T′ > T', () => {
    fc.assert(
      fc.property(
        windowArb
          .map((w) => baseRecord({ ...w, length: undefined }))
          .chain((rec) => fc.tuple(fc.constant(rec), instantNear(windowPoints(rec)))),
        fc.integer({ min: 1, max: 20 * 365 * DAY_MS }),
        ([rec, asOf], later) => {
          fc.pre(counts(rec, asOf));
          expect(counts(rec, asOf + later)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  /** An objection history, oldest first, at most one open at a time (only the last may be unresolved). */
  const historyArb = (asOf: number) =>
    fc
      .record({
        firstRaised: fc.oneof(fc.integer({ min: -60 * DAY_MS, max: 60 * DAY_MS }), fc.integer({ min: -2, max: 2 })),
        steps: fc.array(
          fc.record({
            duration: fc.oneof(fc.integer({ min: 0, max: 30 * DAY_MS }), fc.integer({ min: 0, max: 2 })),
            gap: fc.integer({ min: 0, max: 30 * DAY_MS }),
            outcome: fc.constantFrom<'upheld' | 'rejected'>('upheld', 'rejected'),
          }),
          { maxLength: 3 },
        ),
        lastOpen: fc.boolean(),
        offset: offsetArb,
      })
      .map(({ firstRaised, steps, lastOpen, offset }) => {
        const history: { raisedAt: number; resolvedAt?: number; outcome?: 'upheld' | 'rejected' }[] = [];
        let raisedAt = asOf + firstRaised;
        steps.forEach(({ duration, gap, outcome }, index) => {
          if (lastOpen && index === steps.length - 1) {
            history.push({ raisedAt });
          } else {
            history.push({ raisedAt, resolvedAt: raisedAt + duration, outcome });
          }
          raisedAt += duration + gap;
        });
        const objections: Objection[] = history.map((o) =>
          o.resolvedAt === undefined
            ? { raisedAt: isoWithOffset(o.raisedAt, offset), reason: 'r' }
            : {
                raisedAt: isoWithOffset(o.raisedAt, offset),
                reason: 'r',
                resolvedAt: isoWithOffset(o.resolvedAt, -offset),
                ...(o.outcome === undefined ? {} : { outcome: o.outcome }),
              },
        );
        return { history, objections };
      });

  test('objections only flag, never drop, unless one was upheld (then never counts)', () => {
    fc.assert(
      fc.property(
        windowArb
          .map(baseRecord)
          .chain((rec) => instantNear(windowPoints(rec)).map((asOf) => [rec, asOf] as const))
          .chain(([rec, asOf]) => historyArb(asOf).map((h) => [rec, asOf, h] as const)),
        ([rec, asOf, { history, objections }]) => {
          const objected: CreditRecord = { ...rec, objections };
          const result = recordsCountingAsOf([objected], SUBJECT, asOf);
          if (history.some((o) => o.outcome === 'upheld')) {
            expect(result).toEqual([]);
            return;
          }
          const flagged = history.some(
            (o) => o.raisedAt <= asOf && (o.resolvedAt === undefined || o.resolvedAt > asOf),
          );
          expect(result).toEqual(counts(rec, asOf) ? [{ record: objected, underObjection: flagged }] : []);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
