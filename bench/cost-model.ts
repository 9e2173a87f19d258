import type { BenchOutput } from './report.js';
import { round } from './stats.js';

/**
 * List prices assumed for the estimate (USD, us-east-1, on-demand, as published in 2026; AWS
 * China regions bill in CNY at different rates: scale the result, the structure holds).
 */
export const prices = {
  dynamoWriteRequestUnitPerMillion: 0.625,
  dynamoReadRequestUnitPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  restApiRequestsPerMillion: 3.5,
  eventBridgeEventsPerMillion: 1.0,
  kmsKeyMonth: 1.0,
  kmsAsymmetricSignPer10k: 0.15,
  kmsSymmetricPer10k: 0.03,
  secretMonth: 0.4,
  wafWebAclMonth: 5.0,
  wafRuleMonth: 1.0,
  wafRequestsPerMillion: 0.6,
  logsIngestGb: 0.5,
};

/** The city-scale workload of issue #5, per month. */
export const workload = {
  subjects: 3_000_000,
  /** Assumption: two current records per subject on average, ~1 KB each plus its version item. */
  recordsPerSubject: 2,
  /** Assumption: 5 % of records are new or changed each month (feeds re-send the rest unchanged). */
  changedRecordsPerMonth: 300_000,
  /** Assumption: authorities re-send their whole lists monthly, unchanged records included. */
  resentRecordsPerMonth: 6_000_000,
  lifecycleStepsPerMonth: 20_000,
  publicProfileLookupsPerMonth: 1_000_000,
  suppliersCheckedPerMonth: (100_000 * 20) / 12,
  checksPerMonth: 100_000 / 12,
  /** The shopping index: 50,000 merchants scored twice a year. */
  merchantsScoredPerMonth: (50_000 * 2) / 12,
  /** Assumption: 300,000 care workers, each looked up five times a month (a new household, a shift). */
  careLookupsPerMonth: 300_000 * 5,
  /** Assumption: one service recorded and reviewed per worker a month. */
  careReviewsPerMonth: 300_000,
  lambdaMemoryGb: 0.5,
};

const month = (perMonth: number, unitPrice: number, per = 1_000_000) => (perMonth / per) * unitPrice;

export function renderCostDoc(output: BenchOutput): string {
  const cost = (name: string) => output.costs?.find((c) => c.operation.startsWith(name));
  // A public read's own function p50 where measured (Lambda bills the handler's time), else the route's through the runtime.
  const p50 = (name: string) =>
    output.latency?.publicReads.reads.find((r) => r.name.startsWith(name))?.function.p50Ms ??
    output.latency?.routes.find((r) => r.name.startsWith(name))?.p50Ms ??
    100;
  const ingest = cost('ingest a new record');
  const resend = cost('re-send an unchanged record');
  const summary = cost('keep the subject summary current');
  const profile = cost('read a public credit profile');
  const repair = cost('repair a record');
  const check500 = cost('check a supplier (check of 500)');
  const check1 = cost('check a supplier (check of 1)');
  const merchant = cost('score a merchant');
  const lookup = cost('look a worker up');
  const review = cost('record a service and review it');
  if (
    !ingest ||
    !resend ||
    !summary ||
    !profile ||
    !repair ||
    !check500 ||
    !check1 ||
    !merchant ||
    !lookup ||
    !review
  ) {
    return '# Monthly cost at city scale\n\nRun `npm run bench -- --write` with the cost section to compute this page.\n';
  }
  const w = workload;
  // A check costs a fixed part (its stored record, the feed times: the check of 1 minus one
  // supplier) plus the per-supplier reads measured on the check of 500.
  const perCheck = {
    rcu: check1.readUnits - check500.readUnits + 20 * check500.readUnits,
    wcu: check1.writeUnits,
  };
  const rows: [string, string, number][] = [];
  const add = (item: string, basis: string, usd: number) => rows.push([item, basis, round(usd, 2)]);

  const writeUnits =
    w.changedRecordsPerMonth * (ingest.writeUnits + summary.writeUnits) +
    w.resentRecordsPerMonth * resend.writeUnits +
    w.lifecycleStepsPerMonth * (repair.writeUnits + summary.writeUnits) +
    w.checksPerMonth * perCheck.wcu +
    w.merchantsScoredPerMonth * merchant.writeUnits +
    w.careLookupsPerMonth * lookup.writeUnits +
    w.careReviewsPerMonth * review.writeUnits;
  const readUnits =
    w.changedRecordsPerMonth * (ingest.readUnits + summary.readUnits) +
    w.resentRecordsPerMonth * resend.readUnits +
    w.lifecycleStepsPerMonth * (repair.readUnits + summary.readUnits) +
    w.publicProfileLookupsPerMonth * profile.readUnits +
    w.checksPerMonth * perCheck.rcu +
    w.merchantsScoredPerMonth * merchant.readUnits +
    w.careLookupsPerMonth * lookup.readUnits +
    w.careReviewsPerMonth * review.readUnits;
  add(
    'DynamoDB writes',
    `${Math.round(writeUnits).toLocaleString('en')} WRU from the measured WCU per operation`,
    month(writeUnits, prices.dynamoWriteRequestUnitPerMillion),
  );
  add(
    'DynamoDB reads',
    `${Math.round(readUnits).toLocaleString('en')} RRU from the measured RCU per operation`,
    month(readUnits, prices.dynamoReadRequestUnitPerMillion),
  );
  const storageGb = (w.subjects * w.recordsPerSubject * 2 * 1.2 + w.subjects * 1.0) / 1_000_000;
  add(
    'DynamoDB storage + PITR',
    `≈${round(storageGb, 1)} GB: records and versions (~1.2 KB), one ~1 KB summary per subject, plus the index`,
    storageGb * 1.5 * (prices.dynamoStorageGbMonth + prices.dynamoPitrGbMonth),
  );

  const ingestBatches = (w.changedRecordsPerMonth + w.resentRecordsPerMonth) / 100;
  // Merchants arrive in submissions of 1,000; a service and its review are two requests.
  const invocations = {
    api:
      ingestBatches +
      w.lifecycleStepsPerMonth +
      w.publicProfileLookupsPerMonth +
      w.checksPerMonth +
      w.merchantsScoredPerMonth / 1_000 +
      w.careLookupsPerMonth +
      2 * w.careReviewsPerMonth,
    // One subscriber run per record change, scored merchant, answered lookup (its log entry) and review.
    subscribers:
      w.changedRecordsPerMonth +
      w.lifecycleStepsPerMonth +
      w.merchantsScoredPerMonth +
      w.careLookupsPerMonth +
      w.careReviewsPerMonth,
    publisher:
      (w.changedRecordsPerMonth / 50 +
        w.lifecycleStepsPerMonth +
        w.checksPerMonth +
        w.merchantsScoredPerMonth +
        w.careLookupsPerMonth +
        2 * w.careReviewsPerMonth) /
      10,
  };
  const gbSeconds =
    w.lambdaMemoryGb *
    ((ingestBatches * p50('POST ingest') * 5 +
      w.publicProfileLookupsPerMonth * p50('GET credit profile') +
      w.careLookupsPerMonth * p50('POST care worker lookup') +
      w.checksPerMonth * p50('POST check of 500') * (20 / 500 + 0.5) +
      (invocations.subscribers + w.lifecycleStepsPerMonth) * 30 +
      invocations.publisher * 50) /
      1000);
  const totalInvocations = invocations.api + invocations.subscribers + invocations.publisher;
  add(
    'Lambda',
    `${Math.round(totalInvocations).toLocaleString('en')} invocations, ≈${Math.round(gbSeconds).toLocaleString('en')} GB-s at ${w.lambdaMemoryGb} GB arm64`,
    month(totalInvocations, prices.lambdaRequestsPerMillion) + gbSeconds * prices.lambdaArmGbSecond,
  );
  add(
    'API Gateway (REST)',
    `${Math.round(invocations.api).toLocaleString('en')} requests`,
    month(invocations.api, prices.restApiRequestsPerMillion),
  );
  add(
    'WAF',
    '1 web ACL, 8 rules (3 rate limits as pairs per visitor and per connection, 2 managed groups), every API request inspected; ~1,750 WCUs (the per-request fee for WCUs past 1,500 is not included)',
    prices.wafWebAclMonth + 8 * prices.wafRuleMonth + month(invocations.api, prices.wafRequestsPerMillion),
  );
  const events =
    w.changedRecordsPerMonth +
    w.lifecycleStepsPerMonth +
    w.checksPerMonth +
    2 * w.merchantsScoredPerMonth +
    w.careLookupsPerMonth +
    2 * w.careReviewsPerMonth;
  add(
    'EventBridge',
    `${Math.round(events).toLocaleString('en')} events published (one per state change)`,
    month(events, prices.eventBridgeEventsPerMillion),
  );
  add(
    'KMS',
    '2 keys (table, signing); one asymmetric Sign per check; table key requests cached by DynamoDB',
    2 * prices.kmsKeyMonth + (w.checksPerMonth / 10_000) * prices.kmsAsymmetricSignPer10k,
  );
  add('Secrets Manager', '1 secret (worker id key)', prices.secretMonth);
  const logGb = (totalInvocations * 600) / 1e9;
  add('CloudWatch Logs', `≈${round(logGb, 2)} GB (≈600 bytes of JSON log per invocation)`, logGb * prices.logsIngestGb);
  const total = rows.reduce((sum, row) => sum + row[2], 0);

  return [
    '# Monthly cost at city scale',
    '',
    `Generated by \`npm run bench -- --write\` on ${output.generatedAt.slice(0, 10)} from the capacity units and latencies measured in that run (BENCHMARKS.md), with the workload and prices below. Change an assumption in \`bench/cost-model.ts\` and re-run to see its effect.`,
    '',
    '## Measured inputs (per operation)',
    '',
    '| operation | per | requests | RCU | WCU |',
    '|---|---|---|---|---|',
    ...(output.costs ?? []).map(
      (c) => `| ${c.operation} | ${c.per} | ${c.requests} | ${c.readUnits} | ${c.writeUnits} |`,
    ),
    '',
    '## Workload assumptions (per month)',
    '',
    `- ${w.subjects.toLocaleString('en')} subjects with ${w.recordsPerSubject} current records each on average.`,
    `- ${w.changedRecordsPerMonth.toLocaleString('en')} new or changed records, and authorities re-sending ${w.resentRecordsPerMonth.toLocaleString('en')} unchanged ones (whole lists each month), in batches of 100.`,
    `- ${w.lifecycleStepsPerMonth.toLocaleString('en')} repairs, revocations and objections.`,
    `- ${w.publicProfileLookupsPerMonth.toLocaleString('en')} public lookups (credit profiles).`,
    `- 100,000 procurement checks of 20 suppliers a year: ${Math.round(w.checksPerMonth).toLocaleString('en')} checks, ${Math.round(w.suppliersCheckedPerMonth).toLocaleString('en')} suppliers a month; a 20-supplier check costs the fixed part of a 1-supplier check plus 20 × the per-supplier reads of the 500-supplier check.`,
    "- Lambda duration per invocation ≈ the local p50 latency of the same route: a public read's handler called in process, a write through the local runtime (which adds HTTP and emulation while Lambda adds network to DynamoDB: taken as equal); ingest batches of 100 at 5× the 1-record latency; subscribers 30 ms; publisher 50 ms per batch of 10 outbox items.",
    `- The shopping index: 50,000 merchants scored twice a year (${Math.round(w.merchantsScoredPerMonth).toLocaleString('en')} a month), in submissions of 1,000, at the measured end-to-end cost per merchant (its MerchantScored and the district update counted as two events).`,
    `- Care: 300,000 workers, ${w.careLookupsPerMonth.toLocaleString('en')} public worker lookups a month (each with its log entry written from its event) and ${w.careReviewsPerMonth.toLocaleString('en')} services recorded and reviewed (two requests, two events, the rating subscriber).`,
    '',
    '## Prices assumed (USD, us-east-1 list prices, on-demand)',
    '',
    Object.entries(prices)
      .map(([name, value]) => `\`${name}\` ${value}`)
      .join(' · '),
    '',
    '## Estimate',
    '',
    '| item | basis | USD / month |',
    '|---|---|---|',
    ...rows.map(([item, basis, usd]) => `| ${item} | ${basis} | ${usd.toFixed(2)} |`),
    `| **total** | | **${total.toFixed(2)}** |`,
    '',
    'Not included: CloudFront for the public pages (requests and data transfer), data transfer out, Cognito machine-to-machine token requests (priced per token request, depends on token caching by clients), CloudWatch alarms and metrics (a few dollars), and the AWS Support plan.',
    '',
  ].join('\n');
}
