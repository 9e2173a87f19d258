import type { CreditCategory } from '../../../shared/credit.js';
import { type CreditData, type CreditRecord, DISHONESTY_LIST_CATEGORIES } from '../../platform/public.js';
import { type ConsortiumRequest, judgeConsortia } from './consortia.js';
import { judgeSupplier, type Reason, RULES_VERSION, type Verdict } from './rules.js';

/** The categories whose freshness a check reports: the ones its rules read. */
export const JUDGED_CATEGORIES: readonly CreditCategory[] = [...DISHONESTY_LIST_CATEGORIES, 'administrative-penalty'];

export interface CheckRequest {
  checkId: string;
  projectId: string;
  purchaser: string;
  clientId: string;
  asOf: Date;
  checkedAt: Date;
  suppliers: { uscc: string; name: string }[];
  consortia?: ConsortiumRequest[];
}

export interface DataFreshness {
  /** When this supplier's record summary was last rebuilt from record events; null: no record ever. */
  recordsAsOf: string | null;
  /** When each judged category was last fed to the platform. */
  categoriesLastFed: CreditData['lastFed'];
}

export interface SupplierResult {
  uscc: string;
  name: string;
  verdict: Verdict;
  reasons: Reason[];
  /** How fresh the data behind this verdict is. */
  dataFreshness: DataFreshness;
}

/** One supplier judged as of `asOf` from its record summary in `data`. */
export function judgeFromData(data: CreditData, uscc: string, asOf: number) {
  const summary = data.summaries.get(uscc);
  const records = (summary?.records ?? []) as CreditRecord[];
  return {
    ...judgeSupplier(records, uscc, asOf),
    summaryVersion: summary?.version ?? 0,
    dataFreshness: { recordsAsOf: summary?.updatedAt ?? null, categoriesLastFed: data.lastFed } as DataFreshness,
  };
}

/**
 * The check as a plain document: every supplier judged as of `asOf` from its record summary,
 * in the order the suppliers were sent, then each consortium with its members' worst verdict.
 * Signing and storing happen elsewhere.
 */
export function buildCheck(request: CheckRequest, data: CreditData) {
  const asOf = request.asOf.getTime();
  const results: SupplierResult[] = request.suppliers.map(({ uscc, name }) => {
    const { verdict, reasons, dataFreshness } = judgeFromData(data, uscc, asOf);
    return { uscc, name, verdict, reasons, dataFreshness };
  });
  const verdicts = new Map(results.map((result) => [result.uscc, result.verdict]));
  const count = (verdict: Verdict) => results.filter((result) => result.verdict === verdict).length;
  return {
    checkId: request.checkId,
    projectId: request.projectId,
    purchaser: request.purchaser,
    requestedBy: request.clientId,
    asOf: request.asOf.toISOString(),
    checkedAt: request.checkedAt.toISOString(),
    rulesVersion: RULES_VERSION,
    summary: { eligible: count('eligible'), ineligible: count('ineligible'), review: count('review') },
    results,
    consortia: judgeConsortia(request.consortia ?? [], verdicts),
  };
}
