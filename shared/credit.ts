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
  'public-criticism',
  'fine',
  'confiscation',
  'licence-suspension',
  'qualification-downgrade',
  'suspension-of-business',
  'closure',
  'production-restriction',
  'practice-restriction',
  'licence-revocation',
  'detention',
  'criminal',
] as const;
export type PenaltyType = (typeof penaltyTypes)[number];

export const severities = ['serious', 'general'] as const;
export type Severity = (typeof severities)[number];

/** The 36号令 class of failure information an authority may assign (DOMAIN.md "Credit repair"). */
export const failureClasses = ['minor', 'general', 'serious'] as const;
export type FailureClass = (typeof failureClasses)[number];

/** The national "large fine" of 财库〔2022〕3号: ¥2,000,000 or more; a department may set a higher one. */
export const NATIONAL_MAJOR_FINE_CNY = 2_000_000;
