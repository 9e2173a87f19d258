/**
 * Test data for the credit-record unit tests (not a test file itself, never imported by handlers).
 */
import { buildUscc } from '../../../shared/uscc.js';
import { contentHash } from './content.js';
import type { CreditRecord } from './model.js';
import type { StoredCreditRecord } from './store.js';

/** Two valid codes (GB 32100-2015); the functions under test only compare them. */
export const SUBJECT = buildUscc({ orgCodeBody: 'MA1FL8XQ' });
export const OTHER_SUBJECT = buildUscc({ orgCodeBody: '12345678' });

/** A record of SUBJECT decided 2026-01-05, public 2026-01-10 to 2026-06-30 (Shanghai dates). */
export function makeRecord(overrides: Partial<CreditRecord> = {}): CreditRecord {
  return {
    recordId: 'r-1',
    subject: { uscc: SUBJECT, name: '上海某某商贸有限公司' },
    category: 'administrative-penalty',
    severity: 'general',
    authority: '上海市市场监督管理局',
    decisionNumber: '沪市监处〔2026〕1号',
    decidedAt: '2026-01-05',
    validFrom: '2026-01-10',
    validTo: '2026-06-30',
    version: 1,
    objections: [],
    ...overrides,
  };
}

/** The stored state of `makeRecord(overrides)`, its content hash computed as the store does. */
export function makeStored(overrides: Partial<StoredCreditRecord> = {}): StoredCreditRecord {
  const { revision = 1, contentHash: hash, updatedAt = '2026-01-10T02:00:00.000Z', ...rest } = overrides;
  const record = makeRecord(rest);
  return { ...record, revision, contentHash: hash ?? contentHash(record), updatedAt };
}

/** A serious ¥2,000,000 fine as sent in `POST /v1/credit-records`, for handler and API tests. */
export function penaltyInput(recordId: string, overrides: Record<string, unknown> = {}) {
  return {
    recordId,
    subject: { uscc: SUBJECT, name: '上海示例商贸有限公司' },
    category: 'administrative-penalty',
    severity: 'serious',
    authority: '上海市市场监督管理局',
    decisionNumber: `沪市监处〔2026〕${recordId}号`,
    decidedAt: '2026-03-02',
    validFrom: '2026-03-05',
    validTo: '2029-03-04',
    penalty: { types: ['fine'], fineAmountCny: 2_000_000 },
    ...overrides,
  };
}

/** The error a call throws (the test fails if it does not throw). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
