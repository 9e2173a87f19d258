import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { shoppingRoutes } from '../routes.js';
import { readRoster, readSubmission } from '../store.js';
import { submissionStatus } from '../submission/plan.js';

export const handler = httpRoute(shoppingRoutes.getSubmission, async ({ params, caller }) => {
  const submission = await readSubmission(dynamo(), tableName(), params.submissionId);
  // Another district's submission is as unknown to this caller as a missing one.
  if (!submission || submission.districtId !== caller.district) {
    throw notFound(`No submission ${params.submissionId} of this district.`);
  }
  const roster = await readRoster(dynamo(), tableName(), submission.districtId, submission.period);
  return { status: 200, body: submissionStatus(submission, roster) };
});
