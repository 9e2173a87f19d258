/**
 * A stored check as a table for the procurement file (API.md: `Accept: text/csv`): UTF-8 with a
 * BOM so spreadsheet programs show Chinese, CRLF rows, RFC 4180 quoting, and cells that a
 * spreadsheet would run as a formula (= + - @) prefixed with '. The signed JSON stays the original;
 * the table names its check id and digest so it can be matched to it.
 */
import { stringify } from 'csv-stringify/sync';
import type { Citation } from './citations.js';
import type { Explanation, Verdict } from './rules.js';

/** A reason as stored by rules v2, or by v1 (`legalBasis`, an English `explanation`). */
interface StoredReason {
  rule: string;
  effect: string;
  decisionNumber: string;
  authority: string;
  disputed?: boolean;
  underObjection?: boolean;
  explanation: Explanation | string;
  citations?: Citation[];
  legalBasis?: string;
}

export interface StoredCheck {
  checkId: string;
  projectId: string;
  asOf: string;
  rulesVersion: string;
  digest: string;
  results: { uscc: string; name: string; verdict: Verdict; reasons: StoredReason[] }[];
  consortia?: {
    consortiumId: string;
    verdict: Verdict;
    members: { uscc: string; verdict: Verdict }[];
    citations: Citation[];
  }[];
}

const HEADER = [
  '供应商 Supplier',
  '统一社会信用代码 USCC',
  '结论 Verdict',
  '联合体 Consortium',
  '原因 Reasons',
  '依据 Citations',
  '截止时点 As of',
  '规则版本 Rules',
  '检查编号 Check ID',
  '摘要 Digest',
];

const VERDICT_LABELS: Record<Verdict, string> = {
  eligible: '可以参加 eligible',
  ineligible: '拒绝参加 ineligible',
  review: '需人工审查 review',
};

const cite = (citation: Citation) => `${citation.document}${citation.article}`;

function reasonLine(reason: StoredReason): string {
  const disputed = (reason.disputed ?? reason.underObjection) ? '（异议中 disputed）' : '';
  const text =
    typeof reason.explanation === 'string' ? reason.explanation : `${reason.explanation.zh} / ${reason.explanation.en}`;
  return `[${reason.effect}] ${reason.rule} ${reason.authority} ${reason.decisionNumber}${disputed}: ${text}`;
}

const citationsOf = (reasons: StoredReason[]) =>
  [
    ...new Set(
      reasons.flatMap((reason) =>
        reason.citations ? reason.citations.map(cite) : (reason.legalBasis?.split('; ') ?? []),
      ),
    ),
  ].join('; ');

/** The file name a browser saves the table as. */
export const csvFileName = (check: Pick<StoredCheck, 'projectId' | 'checkId'>) =>
  `procurement-check-${check.projectId}-${check.checkId}.csv`;

export function checkAsCsv(check: StoredCheck): string {
  const consortiumOf = new Map(
    (check.consortia ?? []).flatMap((c) => c.members.map((member) => [member.uscc, c.consortiumId] as const)),
  );
  const tail = [check.asOf, check.rulesVersion, check.checkId, check.digest];
  const suppliers = check.results.map((result) => [
    result.name,
    result.uscc,
    VERDICT_LABELS[result.verdict],
    consortiumOf.get(result.uscc) ?? '',
    result.reasons.map(reasonLine).join('\n'),
    citationsOf(result.reasons),
    ...tail,
  ]);
  const consortia = (check.consortia ?? []).map((consortium) => [
    `联合体 Consortium ${consortium.consortiumId}`,
    consortium.members.map((member) => member.uscc).join(' '),
    VERDICT_LABELS[consortium.verdict],
    consortium.consortiumId,
    `取成员最差结论 worst member verdict: ${consortium.members.map((m) => `${m.uscc} ${m.verdict}`).join('; ')}`,
    consortium.citations.map(cite).join('; '),
    ...tail,
  ]);
  return stringify([HEADER, ...suppliers, ...consortia], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}
