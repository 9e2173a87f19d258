/** Test support other scenarios' tests may use: credit records built in code (no real data). */
export { makeRecord, OTHER_SUBJECT, penaltyInput, SUBJECT } from './credit-records/test-records.js';
