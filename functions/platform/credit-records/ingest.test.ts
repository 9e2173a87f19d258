import { DomainError } from '../../../shared/domain-errors.js';
import { contentOf } from './content.js';
import { decideIngest } from './ingest.js';
import type { CreditRecordContent } from './model.js';
import type { StoredCreditRecord } from './store.js';
import { makeRecord, makeStored, thrown } from './test-records.js';

/** Published content as an authority sends it (no version, no lifecycle). */
const input = (overrides: Partial<CreditRecordContent> = {}): CreditRecordContent => contentOf(makeRecord(overrides));

const stored = (...records: StoredCreditRecord[]) => new Map(records.map((record) => [record.recordId, record]));

/** The same object with its keys (and its nested objects' keys) in reverse order. */
function reversedKeys<T>(value: T): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, v]) => [key, reversedKeys(v)]),
  ) as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

const penalty = { types: ['warning', 'fine'] as ('warning' | 'fine')[], fineAmountCny: 50_000 };

describe('decideIngest: a new record', () => {
  test('is created as version 1 with no objections', () => {
    const record = input({ summary: '未按规定明码标价', penalty });
    expect(decideIngest([record], stored())).toEqual([
      { recordId: 'r-1', outcome: 'created', next: { ...record, version: 1, objections: [] } },
    ]);
  });

  test('keeps only the content fields, leaving out fields sent as undefined', () => {
    const [decision] = decideIngest([{ ...input(), validTo: undefined, summary: undefined }], stored());
    expect(decision?.outcome).toBe('created');
    expect(decision?.previous).toBeUndefined();
    expect(decision?.next).not.toHaveProperty('validTo');
    expect(decision?.next).not.toHaveProperty('summary');
    expect(decision?.next).toEqual({ ...input({ validTo: undefined }), version: 1, objections: [] });
  });

  test('keeps the repair and procurement fields: failureClass, decisionInstant, banEndsOn', () => {
    const fields = { failureClass: 'serious', decisionInstant: '2026-01-05T10:00:00+08:00' } as const;
    const [penaltyDecision] = decideIngest([{ ...makeRecord(fields) }], stored());
    expect(penaltyDecision?.next).toMatchObject(fields);
    const ban = { category: 'procurement-serious-violation', banEndsOn: '2027-01-04' } as const;
    expect(decideIngest([{ ...makeRecord(ban) }], stored())[0]?.next).toMatchObject(ban);
  });

  test('a changed failureClass or banEndsOn is a new version', () => {
    const previous = makeStored({ failureClass: 'general' });
    expect(decideIngest([input({ failureClass: 'serious' })], stored(previous))[0]?.outcome).toBe('updated');
    expect(decideIngest([input({ failureClass: 'general' })], stored(previous))[0]?.outcome).toBe('unchanged');
  });

  test('is created even when another record has the same content', () => {
    const [decision] = decideIngest([input({ recordId: 'r-2' })], stored(makeStored()));
    expect(decision).toMatchObject({ recordId: 'r-2', outcome: 'created', next: { recordId: 'r-2', version: 1 } });
  });
});

describe('decideIngest: re-sending a stored record', () => {
  test('with identical content changes nothing', () => {
    const previous = makeStored({ version: 3 });
    const decisions = decideIngest([input()], stored(previous));
    expect(decisions).toEqual([{ recordId: 'r-1', outcome: 'unchanged', previous }]);
    expect(decisions[0]?.previous).toBe(previous);
    expect(decisions[0]).not.toHaveProperty('next');
  });

  test('with the same penalty types in another order changes nothing', () => {
    const penalty = { types: ['fine', 'confiscation'] as ('fine' | 'confiscation')[], fineAmountCny: 50_000 };
    const previous = makeStored({ penalty });
    const reordered = input({ penalty: { ...penalty, types: ['confiscation', 'fine'] } });
    expect(decideIngest([reordered], stored(previous))[0]?.outcome).toBe('unchanged');
  });

  test('with the same content but its keys (and nested keys) in another order changes nothing', () => {
    const previous = makeStored({ penalty, summary: '摘要' });
    const reordered = reversedKeys(input({ penalty, summary: '摘要' }));
    expect(Object.keys(reordered)[0]).toBe('summary');
    expect(Object.keys(reordered.subject)).toEqual(['name', 'uscc']);
    expect(decideIngest([reordered], stored(previous))).toEqual([{ recordId: 'r-1', outcome: 'unchanged', previous }]);
  });

  test('validTo: undefined and an absent validTo are the same content, either way round', () => {
    const withoutValidTo = input({ validTo: undefined });
    expect(withoutValidTo).not.toHaveProperty('validTo');

    const storedAbsent = makeStored({ validTo: undefined });
    expect(decideIngest([{ ...withoutValidTo, validTo: undefined }], stored(storedAbsent))[0]?.outcome).toBe(
      'unchanged',
    );
    expect(decideIngest([withoutValidTo], stored(storedAbsent))[0]?.outcome).toBe('unchanged');

    const storedUndefined = { ...makeStored({ validTo: undefined }), validTo: undefined };
    expect(decideIngest([withoutValidTo], stored(storedUndefined))[0]?.outcome).toBe('unchanged');
  });

  test('with changed content becomes the next version and keeps the lifecycle', () => {
    const repair = { repairedAt: '2026-02-20T10:00:00+08:00', reason: '已整改' };
    const objections = [
      {
        raisedAt: '2026-01-20T09:00:00+08:00',
        reason: '金额有误',
        resolvedAt: '2026-01-25T09:00:00+08:00',
        outcome: 'rejected' as const,
      },
      { raisedAt: '2026-02-01T09:00:00+08:00', reason: '处罚对象有误' },
    ];
    const previous = makeStored({ version: 3, revision: 7, repair, objections });
    const changed = input({ summary: '更正后的摘要', validTo: '2026-12-31' });

    const decisions = decideIngest([changed], stored(previous));

    expect(decisions).toEqual([
      { recordId: 'r-1', outcome: 'updated', previous, next: { ...changed, version: 4, repair, objections } },
    ]);
    const next = decisions[0]?.next;
    expect(next).not.toHaveProperty('revision');
    expect(next).not.toHaveProperty('contentHash');
    expect(next).not.toHaveProperty('updatedAt');
    expect(next).not.toHaveProperty('revocation');
  });

  test('without a field it had before is a change, and the field is gone from the next version', () => {
    const previous = makeStored({ summary: '旧摘要' });
    const [decision] = decideIngest([input()], stored(previous));
    expect(decision?.outcome).toBe('updated');
    expect(decision?.next).not.toHaveProperty('summary');
    expect(decision?.next).toEqual({ ...input(), version: 2, objections: [] });
  });

  test('a record never repaired gets no repair in its next version', () => {
    const [decision] = decideIngest([input({ severity: 'serious' })], stored(makeStored()));
    expect(decision?.next).toEqual({ ...input({ severity: 'serious' }), version: 2, objections: [] });
    expect(decision?.next).not.toHaveProperty('repair');
  });
});

describe('decideIngest: duplicate record ids in one batch', () => {
  test('reject the batch with one error per repeat, naming the first occurrence', () => {
    const error = thrown(() =>
      decideIngest(
        [
          input({ recordId: 'a' }),
          input({ recordId: 'b' }),
          input({ recordId: 'a' }),
          input({ recordId: 'c' }),
          input({ recordId: 'a', summary: '另一版本' }),
          input({ recordId: 'b' }),
        ],
        stored(),
      ),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'invalid',
      fields: [
        { path: 'records.2.recordId', message: 'repeats records.0.recordId' },
        { path: 'records.4.recordId', message: 'repeats records.0.recordId' },
        { path: 'records.5.recordId', message: 'repeats records.1.recordId' },
      ],
    });
  });

  test('are checked before anything else, even when the record is stored and revoked', () => {
    const previous = makeStored({ revocation: { revokedAt: '2026-02-01T00:00:00Z', reason: '撤销' } });
    const error = thrown(() => decideIngest([input({ summary: 'x' }), input({ summary: 'x' })], stored(previous)));
    expect(error).toMatchObject({
      kind: 'invalid',
      fields: [{ path: 'records.1.recordId', message: 'repeats records.0.recordId' }],
    });
  });
});

describe('decideIngest: a revoked record', () => {
  const revocation = { revokedAt: '2026-02-01T10:00:00+08:00', reason: '决定已撤销' };

  test('re-sent with different content is a conflict that rejects the whole batch', () => {
    const previous = makeStored({ recordId: 'gone', revocation });
    const error = thrown(() =>
      decideIngest([input({ recordId: 'new' }), input({ recordId: 'gone', summary: '新摘要' })], stored(previous)),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict' });
    expect((error as DomainError).message).toContain('records.1');
    expect((error as DomainError).message).not.toContain('records.0');
  });

  test('re-sent with identical content changes nothing', () => {
    const previous = makeStored({ revocation });
    expect(decideIngest([input()], stored(previous))).toEqual([{ recordId: 'r-1', outcome: 'unchanged', previous }]);
  });
});

describe('decideIngest: a mixed batch', () => {
  const existing = stored(
    makeStored({ recordId: 'same' }),
    makeStored({ recordId: 'changed', version: 2 }),
    makeStored({ recordId: 'also-same', category: 'commendation', severity: 'general' }),
  );
  const batch = [
    input({ recordId: 'new-1' }),
    input({ recordId: 'same' }),
    input({ recordId: 'changed', severity: 'serious' }),
    input({ recordId: 'new-2', category: 'administrative-license' }),
    input({ recordId: 'also-same', category: 'commendation', severity: 'general' }),
  ];

  test('gives one decision per input, in input order', () => {
    const decisions = decideIngest(batch, existing);
    expect(decisions.map(({ recordId, outcome, next }) => [recordId, outcome, next?.version])).toEqual([
      ['new-1', 'created', 1],
      ['same', 'unchanged', undefined],
      ['changed', 'updated', 3],
      ['new-2', 'created', 1],
      ['also-same', 'unchanged', undefined],
    ]);
  });

  test('follows the input order when it is reversed', () => {
    const decisions = decideIngest([...batch].reverse(), existing);
    expect(decisions.map(({ recordId, outcome }) => [recordId, outcome])).toEqual([
      ['also-same', 'unchanged'],
      ['new-2', 'created'],
      ['changed', 'updated'],
      ['same', 'unchanged'],
      ['new-1', 'created'],
    ]);
  });

  test('does not mutate its inputs or the stored records', () => {
    const frozenBatch = deepFreeze(structuredClone(batch));
    const frozenStored = new Map([...existing].map(([id, record]) => [id, deepFreeze(structuredClone(record))]));
    expect(() => decideIngest(frozenBatch, frozenStored)).not.toThrow();
    expect(frozenBatch).toEqual(batch);
    expect(frozenStored).toEqual(existing);
  });

  test('an empty batch gives no decisions', () => {
    expect(decideIngest([], existing)).toEqual([]);
  });
});
