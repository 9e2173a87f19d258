import { SHOPPING_SOURCE, shoppingEventVersions } from '../../../events/versions.js';
import { httpRoute } from '../../../shared/http/route.js';
import { newId } from '../../../shared/ids.js';
import { makeEvent } from '../../../shared/outbox-event.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { shoppingRoutes } from '../routes.js';
import { chunkWrite, readRoster, rosterWrite, submissionWrite } from '../store.js';
import { authorizeSubmission, planSubmission } from '../submission/plan.js';

export const handler = httpRoute(
  shoppingRoutes.submitMerchants,
  async ({ params, body, caller, correlationId, now }) => {
    authorizeSubmission(caller.district, params.districtId, params.period, now);
    const table = tableName();
    const previous = await readRoster(dynamo(), table, params.districtId, params.period);
    const plan = planSubmission({ ...params, body, submissionId: newId(), now }, previous);
    if ('unchanged' in plan) {
      return {
        status: 202,
        body: { accepted: plan.unchanged.usccs.length, submissionId: plan.unchanged.submissionId, status: 'unchanged' },
      };
    }
    const { submission, roster, chunks } = plan;
    const events = chunks.map((_, chunk) =>
      makeEvent(
        SHOPPING_SOURCE,
        'MerchantDataSubmitted',
        shoppingEventVersions.MerchantDataSubmitted,
        { ...params, submissionId: submission.submissionId, revision: roster.revision, chunk, chunks: chunks.length },
        { correlationId, now },
      ),
    );
    const writes = [
      rosterWrite(table, roster),
      submissionWrite(table, submission),
      ...chunks.map((chunk, index) => chunkWrite(table, submission.submissionId, index, chunk)),
    ];
    return {
      status: 202,
      headers: { location: `/v1/shopping/submissions/${submission.submissionId}` },
      body: { accepted: roster.usccs.length, submissionId: submission.submissionId, status: 'scoring' },
      units: [{ writes, events }],
    };
  },
);
