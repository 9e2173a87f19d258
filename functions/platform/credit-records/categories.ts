import type { CreditCategory } from '../../../shared/credit.js';

/** The dishonesty lists (失信名单) whose presence bars a subject in every scenario (财库〔2016〕125号 and others). */
export const DISHONESTY_LIST_CATEGORIES: readonly CreditCategory[] = [
  'dishonest-judgment-debtor',
  'major-tax-violation',
  'procurement-serious-violation',
];

/**
 * The categories a subject's summary keeps: the ones scenarios judge by. Licences are left out:
 * they never decide a verdict and a large firm may hold thousands.
 */
export const SUMMARY_CATEGORIES: readonly CreditCategory[] = [
  ...DISHONESTY_LIST_CATEGORIES,
  'administrative-penalty',
  'commendation',
  'credit-commitment',
];
