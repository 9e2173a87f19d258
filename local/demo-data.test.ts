import {
  creditRecordInputSchema,
  raiseObjectionInputSchema,
  repairInputSchema,
  resolveObjectionInputSchema,
  revokeInputSchema,
} from '../functions/platform/credit-records/model.js';
import { type CreditCategory, creditCategories } from '../shared/credit.js';
import { startOfShanghaiDay } from '../shared/time.js';
import { parseUscc } from '../shared/uscc.js';
import { type DemoLifecycleStep, demoCreditRecords, demoLifecycle, demoSubjects } from './demo-data.js';

const LIFECYCLE_CUTOFF = Date.parse('2026-11-01T00:00:00+08:00');
const dishonestyLists: CreditCategory[] = [
  'dishonest-judgment-debtor',
  'major-tax-violation',
  'procurement-serious-violation',
];
const cleanCategories: CreditCategory[] = ['administrative-license', 'commendation'];

const bodySchemas = {
  repair: repairInputSchema,
  revoke: revokeInputSchema,
  objection: raiseObjectionInputSchema,
  resolve: resolveObjectionInputSchema,
} as const;

function instantOf(step: DemoLifecycleStep): string {
  switch (step.action) {
    case 'repair':
      return step.body.repairedAt;
    case 'revoke':
      return step.body.revokedAt;
    case 'objection':
      return step.body.raisedAt;
    case 'resolve':
      return step.body.resolvedAt;
  }
}

function categoriesOf(uscc: string): Set<string> {
  return new Set(demoCreditRecords.filter((record) => record.subject.uscc === uscc).map((record) => record.category));
}

describe('demo data', () => {
  it.each(demoCreditRecords.map((record) => [record.recordId, record] as const))(
    'record %s passes the input schema',
    (_id, record) => {
      const result = creditRecordInputSchema.safeParse(record);
      if (!result.success) {
        throw new Error(`${record.recordId} is invalid:\n${JSON.stringify(result.error.issues, null, 2)}`);
      }
    },
  );

  it('has unique record ids', () => {
    const ids = demoCreditRecords.map((record) => record.recordId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every category', () => {
    const present = new Set(demoCreditRecords.map((record) => record.category));
    expect([...creditCategories].filter((category) => !present.has(category))).toEqual([]);
  });

  it('gives every subject a valid, unique Shanghai USCC', () => {
    for (const subject of demoSubjects) {
      expect({ name: subject.name, result: parseUscc(subject.uscc) }).toEqual({
        name: subject.name,
        result: { ok: true, value: subject.uscc },
      });
      expect(subject.uscc.slice(2, 4)).toBe('31');
    }
    expect(new Set(demoSubjects.map((subject) => subject.uscc)).size).toBe(demoSubjects.length);
  });

  it('refers only to demo subjects, with their names', () => {
    const nameByUscc = new Map(demoSubjects.map((subject) => [subject.uscc, subject.name]));
    for (const record of demoCreditRecords) {
      expect({ recordId: record.recordId, name: nameByUscc.get(record.subject.uscc) }).toEqual({
        recordId: record.recordId,
        name: record.subject.name,
      });
    }
  });

  it('has lifecycle steps on existing records, after the decision day and before 2026-11-01', () => {
    const decidedAtById = new Map(demoCreditRecords.map((record) => [record.recordId, record.decidedAt]));
    for (const step of demoLifecycle) {
      const decidedAt = decidedAtById.get(step.recordId);
      expect({ recordId: step.recordId, exists: decidedAt !== undefined }).toEqual({
        recordId: step.recordId,
        exists: true,
      });
      const instant = Date.parse(instantOf(step));
      expect(instant).toBeGreaterThan(startOfShanghaiDay(decidedAt!));
      expect(instant).toBeLessThan(LIFECYCLE_CUTOFF);
      expect(instantOf(step)).toMatch(/\+08:00$/);
      const parsed = bodySchemas[step.action].safeParse(step.body);
      if (!parsed.success) {
        throw new Error(`${step.action} ${step.recordId}:\n${JSON.stringify(parsed.error.issues, null, 2)}`);
      }
    }
  });

  it('has the lifecycle mix the demo shows: repairs, a revocation, an open and a rejected objection', () => {
    const count = (action: DemoLifecycleStep['action']) => demoLifecycle.filter((step) => step.action === action);
    expect(count('repair').length).toBeGreaterThanOrEqual(2);
    expect(count('revoke').length).toBeGreaterThanOrEqual(1);
    const resolved = new Set(count('resolve').map((step) => step.recordId));
    const open = count('objection').filter((step) => !resolved.has(step.recordId));
    expect(open.length).toBeGreaterThanOrEqual(1);
    const rejected = count('resolve').filter((step) => step.action === 'resolve' && step.body.outcome === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    for (const resolve of count('resolve')) {
      const raised = demoLifecycle.find((step) => step.action === 'objection' && step.recordId === resolve.recordId);
      expect(raised).toBeDefined();
      expect(Date.parse(instantOf(resolve))).toBeGreaterThan(Date.parse(instantOf(raised!)));
    }
  });

  it('has at least one clean subject (only licences and commendations)', () => {
    const clean = demoSubjects.filter((subject) => {
      const categories = categoriesOf(subject.uscc);
      return (
        categories.size > 0 && [...categories].every((category) => cleanCategories.includes(category as CreditCategory))
      );
    });
    expect(clean.length).toBeGreaterThanOrEqual(1);
  });

  it.each(dishonestyLists)('has a subject on the %s list', (category) => {
    expect(demoSubjects.some((subject) => categoriesOf(subject.uscc).has(category))).toBe(true);
  });

  it('has an administrative penalty with a fine of exactly ¥2,000,000', () => {
    expect(
      demoCreditRecords.some(
        (record) => record.category === 'administrative-penalty' && record.penalty?.fineAmountCny === 2_000_000,
      ),
    ).toBe(true);
  });
});
