import { careEvents } from '../../events/care.js';
import { CARE_SOURCE, PLATFORM_SOURCE } from '../../events/versions.js';
import { type ScenarioDefinition, subscribeTo } from '../../shared/scenario.js';
import { careRoutes } from './routes.js';

const handlers = 'functions/care/handlers';

/** Elderly-care and domestic-service agencies, their workers, services, reviews and public lookups. */
export const careScenario: ScenarioDefinition = {
  id: 'care',
  title: 'Elderly-care and domestic-service agencies, workers and public lookups (养老、家政)',
  routes: [
    { ...careRoutes.putAgency, handler: `${handlers}/put-agency.ts`, access: ['table:read', 'table:write'] },
    { ...careRoutes.searchAgencies, handler: `${handlers}/search-agencies.ts`, access: ['table:read'] },
    { ...careRoutes.getAgency, handler: `${handlers}/get-agency.ts`, access: ['table:read'] },
    {
      ...careRoutes.putWorker,
      handler: `${handlers}/put-worker.ts`,
      access: ['table:read', 'table:write', 'worker-id-secret:read'],
    },
    {
      ...careRoutes.rotateLookupCode,
      handler: `${handlers}/rotate-lookup-code.ts`,
      access: ['table:read', 'table:write'],
    },
    { ...careRoutes.badgeSvg, handler: `${handlers}/badge-svg.ts`, access: ['table:read', 'public-origin'] },
    { ...careRoutes.listLookups, handler: `${handlers}/list-lookups.ts`, access: ['table:read'] },
    { ...careRoutes.recordService, handler: `${handlers}/record-service.ts`, access: ['table:read', 'table:write'] },
    { ...careRoutes.review, handler: `${handlers}/review.ts`, access: ['table:read', 'table:write'] },
    {
      ...careRoutes.lookupWorker,
      handler: `${handlers}/lookup-worker.ts`,
      access: ['table:read', 'table:write'],
      // Counted at the edge (WAF; the local gateway), so no address reaches the function's storage.
      perAddressLimit: { limit: 30, windowSeconds: 600 },
    },
  ],
  emits: Object.values(careEvents),
  subscriptions: [
    {
      id: 'care.track-agency-credit',
      handler: `${handlers}/on-credit-changed.ts`,
      pattern: subscribeTo([{ source: PLATFORM_SOURCE, detailType: 'SubjectCreditChanged' }]),
      access: ['table:read', 'table:write'],
    },
    {
      id: 'care.summarise-ratings',
      handler: `${handlers}/summarise-ratings.ts`,
      pattern: subscribeTo([{ source: CARE_SOURCE, detailType: 'ServiceReviewed' }]),
      access: ['table:read', 'table:write'],
    },
    {
      id: 'care.copy-agency-to-badges',
      handler: `${handlers}/copy-agency-to-badges.ts`,
      pattern: subscribeTo([
        { source: CARE_SOURCE, detailType: 'AgencyRegistered' },
        { source: CARE_SOURCE, detailType: 'AgencyCreditChanged' },
      ]),
      access: ['table:read', 'table:write'],
    },
    {
      id: 'care.record-lookups',
      handler: `${handlers}/record-lookups.ts`,
      pattern: subscribeTo([{ source: CARE_SOURCE, detailType: 'WorkerLookupAnswered' }]),
      access: ['table:write'],
    },
  ],
};
