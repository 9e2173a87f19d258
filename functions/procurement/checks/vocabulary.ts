/** The words of a check that routes, rules and the CSV export share (kept apart so routes stay small). */
export type Verdict = 'eligible' | 'ineligible' | 'review';

/** The rules of rules v2 (rules.ts), each a reason's `rule`. */
export const procurementRules = [
  'dishonesty-list',
  'procurement-ban',
  'major-illegal-record',
  'major-illegal-record-not-counting',
  'fine-amount-missing',
  'fine-before-national-threshold',
  'penalty-details-missing',
  'decided-on-deadline-day',
] as const;
export type ProcurementRule = (typeof procurementRules)[number];
