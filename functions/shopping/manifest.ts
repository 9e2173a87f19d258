import { shoppingEvents } from '../../events/shopping.js';
import { PLATFORM_SOURCE, SHOPPING_SOURCE } from '../../events/versions.js';
import { type ScenarioDefinition, subscribeTo } from '../../shared/scenario.js';
import { shoppingRoutes as r } from './routes.js';

const handlers = 'functions/shopping/handlers';
const read = ['table:read'] as const;
const write = ['table:read', 'table:write'] as const;

/** 上海购物 integrity index: districts submit merchants, scores follow their credit records. */
export const shoppingScenario: ScenarioDefinition = {
  id: 'shopping',
  title: '上海购物 shopping integrity index of merchants and business districts',
  routes: [
    { ...r.getMethod, handler: `${handlers}/get-method.ts`, access: [] },
    // Before `{version}`: the literal path wins, as in API Gateway.
    { ...r.methodTemplate, handler: `${handlers}/method-template.ts`, access: [] },
    { ...r.getMethodVersion, handler: `${handlers}/get-method-version.ts`, access: [] },
    { ...r.submitMerchants, handler: `${handlers}/submit-merchants.ts`, access: [...write] },
    { ...r.getSubmission, handler: `${handlers}/get-submission.ts`, access: [...read] },
    { ...r.reply, handler: `${handlers}/reply.ts`, access: [...write] },
    { ...r.ranking, handler: `${handlers}/ranking.ts`, access: [...read] },
    { ...r.districtMerchants, handler: `${handlers}/district-merchants.ts`, access: [...read] },
    { ...r.weakestIndicators, handler: `${handlers}/weakest-indicators.ts`, access: [...read] },
    { ...r.merchant, handler: `${handlers}/merchant.ts`, access: [...read] },
  ],
  emits: Object.values(shoppingEvents),
  subscriptions: [
    {
      id: 'shopping.score-submission',
      handler: `${handlers}/score-submission.ts`,
      pattern: subscribeTo([{ source: SHOPPING_SOURCE, detailType: 'MerchantDataSubmitted' }]),
      access: [...write],
    },
    {
      id: 'shopping.rescore-on-credit-changed',
      handler: `${handlers}/rescore-on-credit-changed.ts`,
      pattern: subscribeTo([{ source: PLATFORM_SOURCE, detailType: 'SubjectCreditChanged' }]),
      access: [...write],
    },
  ],
};
