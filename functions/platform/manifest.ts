import { platformEvents } from '../../events/platform.js';
import { PLATFORM_SOURCE } from '../../events/versions.js';
import { type ScenarioDefinition, subscribeTo } from '../../shared/scenario.js';
import { platformRoutes } from './routes.js';

const handlers = 'functions/platform/handlers';

/** The platform itself: public credit records that every other scenario builds on. */
export const platformScenario: ScenarioDefinition = {
  id: 'platform',
  title: 'Public credit records (公共信用信息)',
  routes: [
    {
      ...platformRoutes.ingestCreditRecords,
      handler: `${handlers}/ingest-credit-records.ts`,
      access: ['table:read', 'table:write'],
    },
    {
      ...platformRoutes.repairCreditRecord,
      handler: `${handlers}/repair-credit-record.ts`,
      access: ['table:read', 'table:write'],
    },
    {
      ...platformRoutes.revokeCreditRecord,
      handler: `${handlers}/revoke-credit-record.ts`,
      access: ['table:read', 'table:write'],
    },
    {
      ...platformRoutes.raiseObjection,
      handler: `${handlers}/raise-objection.ts`,
      access: ['table:read', 'table:write'],
    },
    {
      ...platformRoutes.resolveObjection,
      handler: `${handlers}/resolve-objection.ts`,
      access: ['table:read', 'table:write'],
    },
    { ...platformRoutes.getCreditProfile, handler: `${handlers}/get-credit-profile.ts`, access: ['table:read'] },
    {
      ...platformRoutes.getRepairEligibility,
      handler: `${handlers}/get-repair-eligibility.ts`,
      access: ['table:read'],
    },
    { ...platformRoutes.getRepairNotice, handler: `${handlers}/get-repair-notice.ts`, access: ['table:read'] },
  ],
  emits: Object.values(platformEvents),
  subscriptions: [
    {
      id: 'platform.maintain-subject-summary',
      handler: `${handlers}/maintain-subject-summary.ts`,
      pattern: subscribeTo(
        [
          ...['CreditRecordPublished', 'CreditRecordRepaired', 'CreditRecordRevoked'],
          ...['CreditObjectionRaised', 'CreditObjectionResolved'],
        ].map((detailType) => ({ source: PLATFORM_SOURCE, detailType })),
      ),
      access: ['table:read', 'table:write'],
    },
  ],
};
