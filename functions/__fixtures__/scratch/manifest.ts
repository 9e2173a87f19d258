import { PLATFORM_SOURCE } from '../../../events/versions.js';
import { type ScenarioDefinition, subscribeTo } from '../../../shared/scenario.js';
import { scratchRoutes } from './routes.js';

const handlers = 'functions/__fixtures__/scratch/handlers';

/**
 * A throw-away scenario used by tests to prove the seams: one public route and one subscriber
 * to SubjectCreditChanged, plugged in by adding `scratchScenario` to the scenario list only.
 */
export const scratchScenario: ScenarioDefinition = {
  id: 'scratch',
  title: 'Scratch scenario (tests only)',
  routes: [{ ...scratchRoutes.getNote, handler: `${handlers}/get-note.ts`, access: ['table:read'] }],
  emits: [],
  subscriptions: [
    {
      id: 'scratch.note-credit-change',
      handler: `${handlers}/note-credit-change.ts`,
      pattern: subscribeTo([{ source: PLATFORM_SOURCE, detailType: 'SubjectCreditChanged' }]),
      access: ['table:read', 'table:write'],
    },
  ],
};
