/**
 * Watchlists (API.md "Procurement supplier checks"): a procurement system watches a project's
 * suppliers until the award; each watched supplier keeps the verdict it had when last judged, so
 * a credit change that moves its verdict as of now raises one alert. Pure decisions; storage is
 * in store.ts.
 */
import { invalid } from '../../../shared/domain-errors.js';
import type { CreditData } from '../../platform/public.js';
import { judgeFromData } from '../checks/check.js';
import { type ConsortiumRequest, judgeConsortia } from '../checks/consortia.js';
import { type Reason, RULES_VERSION, type Verdict } from '../checks/rules.js';

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;
/** Alerts stay readable for the procurement file this long after the watch ended. */
const ALERT_RETENTION_MS = YEAR_MS;

/** One watched supplier of one project: what the supplier's change fans out to. */
export interface WatchEntry {
  uscc: string;
  name: string;
  clientId: string;
  projectId: string;
  until: string;
  consortiumId?: string;
  /** The verdict as of `evaluatedAt`, judged from summary `summaryVersion` (0: no record ever). */
  verdict: Verdict;
  summaryVersion: number;
  evaluatedAt: string;
}

export interface Watch {
  clientId: string;
  projectId: string;
  until: string;
  suppliers: { uscc: string; name: string }[];
  consortia: ConsortiumRequest[];
  createdAt: string;
}

export interface WatchRequest {
  clientId: string;
  projectId: string;
  until: string;
  suppliers: { uscc: string; name: string }[];
  consortia?: ConsortiumRequest[];
}

export interface Alert {
  alertId: string;
  projectId: string;
  uscc: string;
  name: string;
  consortiumId?: string;
  previousVerdict: Verdict;
  verdict: Verdict;
  reasons: Reason[];
  summaryVersion: number;
  rulesVersion: string;
  raisedAt: string;
}

/** `until` must lie ahead of now and at most a year ahead (a watch lasts until the award). */
export function checkUntil(until: string, now: Date): void {
  const end = Date.parse(until);
  if (end <= now.getTime()) throw invalid([{ path: 'until', message: 'must be in the future' }]);
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  if (end > limit.getTime()) throw invalid([{ path: 'until', message: 'must be at most a year ahead' }]);
}

/** Epoch seconds after which DynamoDB may drop a watch and its entries. */
export const watchExpiry = (until: string) => Math.ceil(Date.parse(until) / 1000);
/** Epoch seconds after which an alert may be dropped. */
export const alertExpiry = (until: string) => Math.ceil((Date.parse(until) + ALERT_RETENTION_MS) / 1000);

/**
 * A new or replaced watch: every supplier judged as of now with rules v2, the baseline later
 * changes are compared with, and the consortia with their members' worst verdict.
 */
export function startWatch(request: WatchRequest, data: CreditData, now: Date) {
  const consortia = request.consortia ?? [];
  const consortiumOf = new Map(consortia.flatMap((c) => c.members.map((uscc) => [uscc, c.consortiumId] as const)));
  const entries: WatchEntry[] = request.suppliers.map(({ uscc, name }) => {
    const judged = judgeFromData(data, uscc, now.getTime());
    const consortiumId = consortiumOf.get(uscc);
    return {
      uscc,
      name,
      clientId: request.clientId,
      projectId: request.projectId,
      until: request.until,
      ...(consortiumId !== undefined && { consortiumId }),
      verdict: judged.verdict,
      summaryVersion: judged.summaryVersion,
      evaluatedAt: now.toISOString(),
    };
  });
  const verdicts = new Map(entries.map((entry) => [entry.uscc, entry.verdict]));
  const watch: Watch = {
    clientId: request.clientId,
    projectId: request.projectId,
    until: request.until,
    suppliers: request.suppliers,
    consortia,
    createdAt: now.toISOString(),
  };
  const view = {
    projectId: request.projectId,
    until: request.until,
    rulesVersion: RULES_VERSION,
    evaluatedAt: now.toISOString(),
    suppliers: entries.map(({ uscc, name, verdict }) => ({ uscc, name, verdict })),
    consortia: judgeConsortia(consortia, verdicts).map(({ consortiumId, verdict, members }) => ({
      consortiumId,
      verdict,
      members,
    })),
  };
  return { watch, entries, view };
}

/**
 * What a supplier's credit change means for its watches: each live watch whose stored verdict
 * was judged from an older summary and differs from the verdict now gets the new verdict and
 * an alert. Expired watches and watches already judged from this summary (a duplicate or late
 * event) change nothing.
 */
export function verdictChanges(
  entries: readonly WatchEntry[],
  judged: { verdict: Verdict; reasons: Reason[]; summaryVersion: number },
  now: Date,
): { entry: WatchEntry; previousSummaryVersion: number; alert: Alert }[] {
  const raisedAt = now.toISOString();
  return entries
    .filter((entry) => Date.parse(entry.until) > now.getTime())
    .filter((entry) => entry.summaryVersion < judged.summaryVersion && entry.verdict !== judged.verdict)
    .map((entry) => ({
      entry: { ...entry, verdict: judged.verdict, summaryVersion: judged.summaryVersion, evaluatedAt: raisedAt },
      previousSummaryVersion: entry.summaryVersion,
      alert: {
        alertId: `${raisedAt}#${entry.uscc}#${judged.summaryVersion}`,
        projectId: entry.projectId,
        uscc: entry.uscc,
        name: entry.name,
        ...(entry.consortiumId !== undefined && { consortiumId: entry.consortiumId }),
        previousVerdict: entry.verdict,
        verdict: judged.verdict,
        reasons: judged.reasons,
        summaryVersion: judged.summaryVersion,
        rulesVersion: RULES_VERSION,
        raisedAt,
      },
    }));
}
