/**
 * The vocabulary of public credit records (DOMAIN.md), shared by the platform that ingests
 * them, the event catalog that announces them and the scenarios that judge them.
 */
export const creditCategories = [
  'dishonest-judgment-debtor',
  'major-tax-violation',
  'procurement-serious-violation',
  'administrative-penalty',
  'administrative-license',
  'commendation',
  'credit-commitment',
] as const;
export type CreditCategory = (typeof creditCategories)[number];

export const penaltyTypes = [
  'warning',
  'fine',
  'confiscation',
  'suspension-of-business',
  'licence-revocation',
  'detention',
  'criminal',
] as const;
export type PenaltyType = (typeof penaltyTypes)[number];

export const severities = ['serious', 'general'] as const;
export type Severity = (typeof severities)[number];
