/**
 * The platform's public face: everything another scenario may use of public credit records.
 * Other scenarios import this file only (a test over the import graph enforces it), and react
 * to `SubjectCreditChanged` events rather than to the raw record events.
 */
export { DISHONESTY_LIST_CATEGORIES, SUMMARY_CATEGORIES } from './credit-records/categories.js';
export {
  type CountingRecord,
  isUnderObjection,
  type NotCountingReason,
  recordsCountingAsOf,
  whyNotCounting,
} from './credit-records/counting.js';
export type { CreditRecord, CreditRecordContent, Objection, Repair, Revocation } from './credit-records/model.js';
export { type PublicRecordView, publicRecordView } from './credit-records/profile.js';
export { type RepairEligibility, repairEligibility } from './credit-repair/eligibility.js';
export type { Citation } from './credit-repair/law.js';
export {
  type CreditData,
  creditDataFrom,
  creditDataKeys,
  readCreditData,
} from './subject-summary/store.js';
export type { SubjectSummary } from './subject-summary/summary.js';
