import { DomainError } from '../../../shared/domain-errors.js';
import {
  decideRaiseObjection,
  decideRepair,
  decideResolveObjection,
  decideRevoke,
  type LifecycleChange,
} from './lifecycle.js';
import type { CreditRecord, Objection } from './model.js';
import { makeRecord, thrown } from './test-records.js';

const NOW = new Date('2026-03-01T00:00:00Z');
/** The record (decidedAt 2026-01-05) starts at 2026-01-05T00:00:00+08:00 = 2026-01-04T16:00:00Z. */
const DECISION_START = '2026-01-05T00:00:00+08:00';
const ONE_SECOND_BEFORE_DECISION = '2026-01-04T23:59:59+08:00';

const revocation = { revokedAt: '2026-02-10T10:00:00+08:00', reason: '决定已撤销' };
const open = (raisedAt = '2026-02-01T09:00:00+08:00', reason = '处罚对象有误'): Objection => ({ raisedAt, reason });
const resolved = (outcome: 'upheld' | 'rejected', raisedAt: string, resolvedAt: string): Objection => ({
  raisedAt,
  reason: '金额有误',
  resolvedAt,
  outcome,
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

const changed = (change: LifecycleChange): CreditRecord => {
  if (change.kind !== 'changed') throw new Error(`expected a change, got ${change.kind}`);
  return change.record;
};

/** Each decision with a record it applies to and a way to run it at an instant. */
const decisions: {
  name: string;
  field: string;
  record: () => CreditRecord;
  decide: (record: CreditRecord | undefined, at: string, now?: Date) => LifecycleChange;
}[] = [
  {
    name: 'decideRepair',
    field: 'repairedAt',
    record: () => makeRecord(),
    decide: (record, at, now = NOW) => decideRepair(record, 'r-1', { repairedAt: at, reason: '已整改' }, now),
  },
  {
    name: 'decideRevoke',
    field: 'revokedAt',
    record: () => makeRecord(),
    decide: (record, at, now = NOW) => decideRevoke(record, 'r-1', { revokedAt: at, reason: '决定已撤销' }, now),
  },
  {
    name: 'decideRaiseObjection',
    field: 'raisedAt',
    record: () => makeRecord(),
    decide: (record, at, now = NOW) => decideRaiseObjection(record, 'r-1', { raisedAt: at, reason: '有误' }, now),
  },
  {
    name: 'decideResolveObjection',
    field: 'resolvedAt',
    record: () => makeRecord({ objections: [open(DECISION_START)] }),
    decide: (record, at, now = NOW) =>
      decideResolveObjection(record, 'r-1', { resolvedAt: at, outcome: 'rejected' }, now),
  },
];

describe.each(decisions)('$name', ({ field, record, decide }) => {
  test('an unknown record is 404', () => {
    const error = thrown(() => decide(undefined, '2026-02-15T00:00:00Z'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect((error as DomainError).message).toContain('r-1');
  });

  test('an instant up to 5 minutes after now is allowed (clock skew)', () => {
    expect(decide(record(), '2026-03-01T08:05:00+08:00').kind).toBe('changed');
    expect(decide(record(), '2026-03-01T00:05:00Z').kind).toBe('changed');
  });

  test('an instant more than 5 minutes after now is 400 "must not be in the future"', () => {
    const error = thrown(() => decide(record(), '2026-03-01T08:05:01+08:00'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'invalid', fields: [{ path: field, message: 'must not be in the future' }] });
  });

  test('"now" is the given clock, not the machine clock', () => {
    const later = new Date('2030-01-01T00:00:00Z');
    expect(decide(record(), '2029-12-31T00:00:00Z', later).kind).toBe('changed');
    expect(thrown(() => decide(record(), '2029-12-31T00:00:00Z'))).toMatchObject({ kind: 'invalid' });
  });

  test('does not mutate the record it is given', () => {
    const original = deepFreeze(record());
    const snapshot = structuredClone(original);
    const next = changed(decide(original, '2026-02-15T12:00:00+08:00'));
    expect(original).toEqual(snapshot);
    expect(next).not.toBe(original);
    expect(next).not.toEqual(original);
  });
});

describe.each(decisions.filter(({ name }) => name !== 'decideResolveObjection'))(
  '$name: the decision date',
  ({ field, record, decide }) => {
    test('00:00 +08:00 on decidedAt is allowed, in any offset', () => {
      expect(decide(record(), DECISION_START).kind).toBe('changed');
      expect(decide(record(), '2026-01-04T16:00:00Z').kind).toBe('changed');
    });

    test('one second earlier is 400, naming the field', () => {
      for (const at of [ONE_SECOND_BEFORE_DECISION, '2026-01-04T15:59:59Z']) {
        const error = thrown(() => decide(record(), at));
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({
          kind: 'invalid',
          fields: [{ path: field, message: "must not be before the record's decision date 2026-01-05" }],
        });
      }
    });
  },
);

describe('decideRepair', () => {
  const input = { repairedAt: '2026-02-20T10:00:00+08:00', reason: '已整改' };

  test('adds the repair and changes nothing else', () => {
    const record = makeRecord({ objections: [open()] });
    expect(decideRepair(record, 'r-1', input, NOW)).toEqual({ kind: 'changed', record: { ...record, repair: input } });
  });

  test('a revoked record is 409', () => {
    const error = thrown(() => decideRepair(makeRecord({ revocation }), 'r-1', input, NOW));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict' });
  });

  test('repeating the same repair changes nothing', () => {
    expect(decideRepair(makeRecord({ repair: { ...input } }), 'r-1', input, NOW)).toEqual({ kind: 'unchanged' });
  });

  test('repeating the same repair after the record was revoked still changes nothing', () => {
    expect(decideRepair(makeRecord({ repair: { ...input }, revocation }), 'r-1', input, NOW)).toEqual({
      kind: 'unchanged',
    });
  });

  test('a retry writing the same instant with another offset is the same repair', () => {
    const sameInstantInUtc = { ...input, repairedAt: '2026-02-20T02:00:00Z' };
    expect(decideRepair(makeRecord({ repair: { ...input } }), 'r-1', sameInstantInUtc, NOW)).toEqual({
      kind: 'unchanged',
    });
  });

  test.each([
    ['another reason', { ...input, reason: '另一理由' }],
    ['another instant', { ...input, repairedAt: '2026-02-21T10:00:00+08:00' }],
  ])('a second repair with %s is 409', (_name, second) => {
    const error = thrown(() => decideRepair(makeRecord({ repair: input }), 'r-1', second, NOW));
    expect(error).toMatchObject({ kind: 'conflict' });
  });
});

describe('decideRevoke', () => {
  test('adds the revocation and keeps the repair and objections', () => {
    const repair = { repairedAt: '2026-02-01T00:00:00Z', reason: '已整改' };
    const record = makeRecord({ repair, objections: [open()] });
    expect(decideRevoke(record, 'r-1', revocation, NOW)).toEqual({
      kind: 'changed',
      record: { ...record, revocation },
    });
  });

  test('repeating the same revocation changes nothing', () => {
    expect(decideRevoke(makeRecord({ revocation: { ...revocation } }), 'r-1', revocation, NOW)).toEqual({
      kind: 'unchanged',
    });
  });

  test.each([
    ['another reason', { ...revocation, reason: '另一理由' }],
    ['another instant', { ...revocation, revokedAt: '2026-02-11T10:00:00+08:00' }],
  ])('a second revocation with %s is 409', (_name, second) => {
    const error = thrown(() => decideRevoke(makeRecord({ revocation }), 'r-1', second, NOW));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict' });
  });
});

describe('decideRaiseObjection', () => {
  const input = { raisedAt: '2026-02-15T09:00:00+08:00', reason: '处罚对象有误' };

  test('appends an open objection after the earlier ones', () => {
    const earlier = resolved('rejected', '2026-01-20T09:00:00+08:00', '2026-01-25T09:00:00+08:00');
    const record = makeRecord({ objections: [earlier] });
    const next = changed(decideRaiseObjection(record, 'r-1', input, NOW));
    expect(next).toEqual({ ...record, objections: [earlier, { version: record.version, ...input }] });
    expect(next.objections[0]).toBe(earlier);
    expect(next.objections).not.toBe(record.objections);
  });

  test('a revoked record is 409', () => {
    const error = thrown(() => decideRaiseObjection(makeRecord({ revocation }), 'r-1', input, NOW));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict' });
  });

  test('after an upheld objection is 409', () => {
    const upheld = resolved('upheld', '2026-01-20T09:00:00+08:00', '2026-01-25T09:00:00+08:00');
    const error = thrown(() => decideRaiseObjection(makeRecord({ objections: [upheld] }), 'r-1', input, NOW));
    expect(error).toMatchObject({ kind: 'conflict' });
  });

  test('a corrected version published after an upheld objection may be disputed again', () => {
    const upheld = { ...resolved('upheld', '2026-01-20T09:00:00+08:00', '2026-01-25T09:00:00+08:00'), version: 1 };
    const corrected = makeRecord({ version: 2, objections: [upheld] });
    expect(changed(decideRaiseObjection(corrected, 'r-1', input, NOW)).objections).toEqual([
      upheld,
      { version: 2, ...input },
    ]);
  });

  test('repeating the open objection changes nothing', () => {
    const record = makeRecord({ objections: [{ ...input }] });
    expect(decideRaiseObjection(record, 'r-1', input, NOW)).toEqual({ kind: 'unchanged' });
  });

  test.each(['rejected', 'upheld'] as const)('repeating an objection resolved as %s changes nothing', (outcome) => {
    const record = makeRecord({ objections: [{ ...input, resolvedAt: '2026-02-20T09:00:00+08:00', outcome }] });
    expect(decideRaiseObjection(record, 'r-1', input, NOW)).toEqual({ kind: 'unchanged' });
  });

  test.each([
    ['another reason', { ...input, reason: '另一理由' }],
    ['another instant', { ...input, raisedAt: '2026-02-16T09:00:00+08:00' }],
  ])('a second objection (%s) while one is open is 409', (_name, second) => {
    const error = thrown(() => decideRaiseObjection(makeRecord({ objections: [input] }), 'r-1', second, NOW));
    expect(error).toMatchObject({ kind: 'conflict' });
  });

  describe('after a rejected objection', () => {
    const last = resolved('rejected', '2026-02-01T09:00:00+08:00', '2026-02-10T09:00:00+08:00');
    const record = () => makeRecord({ objections: [last] });

    test('may be raised again from the instant it was resolved', () => {
      const again = { raisedAt: '2026-02-10T01:00:00Z', reason: '新证据' };
      expect(changed(decideRaiseObjection(record(), 'r-1', again, NOW)).objections).toEqual([
        last,
        { version: record().version, ...again },
      ]);
    });

    test("before the last objection's resolution is 400 on raisedAt", () => {
      const error = thrown(() =>
        decideRaiseObjection(record(), 'r-1', { raisedAt: '2026-02-10T08:59:59+08:00', reason: '新证据' }, NOW),
      );
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        kind: 'invalid',
        fields: [
          {
            path: 'raisedAt',
            message: "must not be before the last objection's resolution 2026-02-10T09:00:00+08:00",
          },
        ],
      });
    });
  });
});

describe('decideResolveObjection', () => {
  const earlier = resolved('rejected', '2026-01-20T09:00:00+08:00', '2026-01-25T09:00:00+08:00');
  const pending = open('2026-02-01T09:00:00+08:00');
  const record = () => makeRecord({ objections: [earlier, pending] });

  test.each(['upheld', 'rejected'] as const)(
    'marks the open objection %s, leaving earlier ones untouched',
    (outcome) => {
      const before = record();
      const resolvedAt = '2026-02-20T09:00:00+08:00';
      const next = changed(decideResolveObjection(before, 'r-1', { resolvedAt, outcome }, NOW));
      expect(next).toEqual({ ...before, objections: [earlier, { ...pending, resolvedAt, outcome }] });
      expect(next.objections[0]).toBe(before.objections[0]);
    },
  );

  test('may be resolved at the instant it was raised', () => {
    const input = { resolvedAt: '2026-02-01T01:00:00Z', outcome: 'rejected' as const };
    expect(changed(decideResolveObjection(record(), 'r-1', input, NOW)).objections[1]).toEqual({
      ...pending,
      ...input,
    });
  });

  test("before the objection's raisedAt is 400 on resolvedAt", () => {
    const error = thrown(() =>
      decideResolveObjection(record(), 'r-1', { resolvedAt: '2026-02-01T08:59:59+08:00', outcome: 'upheld' }, NOW),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'invalid',
      fields: [
        { path: 'resolvedAt', message: "must not be before the objection's raisedAt 2026-02-01T09:00:00+08:00" },
      ],
    });
  });

  test('repeating the same resolution changes nothing', () => {
    const done = makeRecord({
      objections: [earlier, { ...pending, resolvedAt: '2026-02-20T09:00:00+08:00', outcome: 'upheld' }],
    });
    const input = { resolvedAt: '2026-02-20T09:00:00+08:00', outcome: 'upheld' as const };
    expect(decideResolveObjection(done, 'r-1', input, NOW)).toEqual({ kind: 'unchanged' });
  });

  test.each([
    ['another outcome', { resolvedAt: '2026-02-20T09:00:00+08:00', outcome: 'rejected' as const }],
    ['another instant', { resolvedAt: '2026-02-21T09:00:00+08:00', outcome: 'upheld' as const }],
  ])('a different resolution of an already resolved objection (%s) is 409', (_name, input) => {
    const done = makeRecord({
      objections: [earlier, { ...pending, resolvedAt: '2026-02-20T09:00:00+08:00', outcome: 'upheld' }],
    });
    const error = thrown(() => decideResolveObjection(done, 'r-1', input, NOW));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict' });
  });

  test('a record that never had an objection is 409', () => {
    const error = thrown(() =>
      decideResolveObjection(
        makeRecord(),
        'r-1',
        { resolvedAt: '2026-02-20T09:00:00+08:00', outcome: 'rejected' },
        NOW,
      ),
    );
    expect(error).toMatchObject({ kind: 'conflict' });
  });
});
