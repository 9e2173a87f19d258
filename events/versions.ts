/**
 * The sources and current schema versions of every event, without the schemas: what producers
 * need at run time. The catalog modules (`platform.ts`, `procurement.ts`) build their
 * definitions from these, so a Lambda that only emits events never constructs the schemas.
 */
export const PLATFORM_SOURCE = 'credit-plus.platform';
export const platformEventVersions = {
  CreditRecordPublished: 1,
  CreditRecordRepaired: 1,
  CreditRecordRevoked: 1,
  CreditObjectionRaised: 1,
  CreditObjectionResolved: 1,
  SubjectCreditChanged: 1,
} as const;

export const PROCUREMENT_SOURCE = 'credit-plus.procurement';
export const procurementEventVersions = { SupplierCheckCompleted: 1, WatchedSupplierVerdictChanged: 1 } as const;

export const SHOPPING_SOURCE = 'credit-plus.shopping';
export const shoppingEventVersions = { MerchantDataSubmitted: 1, MerchantScored: 1, DistrictIndexUpdated: 1 } as const;
export const CARE_SOURCE = 'credit-plus.care';
export const careEventVersions = {
  AgencyRegistered: 1,
  WorkerRegistered: 1,
  WorkerMoved: 1,
  ServiceRecorded: 1,
  ServiceReviewed: 1,
  LookupCodeRotated: 1,
  WorkerLookupAnswered: 1,
  AgencyCreditChanged: 1,
} as const;
