import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'constructs';
import { cfnLintAvailable, runCfnLint, templatesIn } from './cfn-lint.js';
import { repoRoot } from './naming.js';
import { readSettings } from './settings.js';
import { type CfnJson, type Resource, type Synthesis, synthesize } from './test-support.js';

/**
 * Every context combination docs/deploy.md documents, synthesised as `cdk synth` would (cdk-nag
 * registered as validation plugins), without bundling: bundles do not depend on context.
 */
const allKeys = {
  stage: 'staging',
  alarmEmail: 'ops@example.com',
  logRetentionDays: '30',
  logLevel: 'debug',
  functionMemoryMb: '512',
  apiRateLimit: '50',
  apiBurstLimit: '100',
  publicRateLimitPer5Min: '300',
  ipRateLimitPer5Min: '1500',
  clientRateLimit: '10',
  clientBurstLimit: '20',
  authDomainPrefix: 'credit-plus-staging-auth',
  resourceServerId: 'credit-plus-staging',
  archiveRetentionDays: '30',
  publicOrigin: 'https://credit.example.cn',
};
const combinations: [string, Record<string, string>][] = [
  ['no context (dev defaults)', {}],
  ['-c stage=prod (deploy.md step 3)', { stage: 'prod' }],
  ['-c stage=prod -c alarmEmail=… (deploy.md step 4)', { stage: 'prod', alarmEmail: 'ops@example.com' }],
  ['every key set to a non-default value', allKeys],
];

const synthesised = new Map<string, Synthesis>();
const synthesisOf = (label: string) => synthesised.get(label) as Synthesis;
beforeAll(() => {
  for (const [label, context] of combinations) synthesised.set(label, synthesize({ context }));
}, 240_000);
afterAll(() => {
  for (const { assemblyDir } of synthesised.values()) rmSync(assemblyDir, { recursive: true, force: true });
});

const ofType = (synthesis: Synthesis, type: string) =>
  Object.entries(synthesis.resources).filter(([, resource]) => resource.Type === type) as [string, Resource][];
const propertiesOf = (synthesis: Synthesis, type: string) =>
  ofType(synthesis, type).map(([, resource]) => resource.Properties as CfnJson);

test('the combinations exercise every context key settings.ts reads, and docs/deploy.md lists exactly those', () => {
  const read = new Set<string>();
  readSettings({
    tryGetContext: (key: string) => {
      read.add(key);
      return undefined;
    },
  } as unknown as Node);
  const deployMd = readFileSync(join(repoRoot, 'docs/deploy.md'), 'utf8');
  const section = deployMd.slice(deployMd.indexOf('## Context values'), deployMd.indexOf('## Deploy step by step'));
  const documented = new Set(
    section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Za-z0-9]+)`/g)].map((match) => match[1])),
  );
  expect([...documented].sort()).toEqual([...read].sort());
  expect(Object.keys(allKeys).sort()).toEqual([...read].sort());
});

describe.each(combinations)('%s', (label) => {
  test('synthesises with cdk-nag clean (no errors, no warnings) on every stack', () => {
    expect(synthesisOf(label).nagFindings).toEqual([]);
  });

  test('the API stage, stack name and termination protection follow `stage`', () => {
    const synthesis = synthesisOf(label);
    const stage = combinations.find(([name]) => name === label)?.[1].stage ?? 'dev';
    expect(synthesis.stack.stackName).toBe(`CreditPlus-${stage}`);
    expect(synthesis.stack.terminationProtection).toBe(stage === 'prod');
    expect(propertiesOf(synthesis, 'AWS::ApiGateway::Stage').map((stageProps) => stageProps.StageName)).toEqual([
      stage,
    ]);
  });
});

test('alarmEmail: the e-mail subscription has a dead-letter queue SNS may write to, and that queue raises an alarm', () => {
  const synthesis = synthesisOf('-c stage=prod -c alarmEmail=… (deploy.md step 4)');
  const subscriptions = propertiesOf(synthesis, 'AWS::SNS::Subscription');
  expect(subscriptions).toHaveLength(1);
  const [subscription] = subscriptions;
  expect(subscription).toMatchObject({ Protocol: 'email', Endpoint: 'ops@example.com' });
  const queueId = subscription.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] as string;
  expect(synthesis.resources[queueId]?.Type).toBe('AWS::SQS::Queue');
  const policy = propertiesOf(synthesis, 'AWS::SQS::QueuePolicy').find((queuePolicy) =>
    JSON.stringify(queuePolicy.Queues).includes(`"${queueId}"`),
  );
  expect(JSON.stringify(policy?.PolicyDocument)).toContain('sns.amazonaws.com');
  expect(
    propertiesOf(synthesis, 'AWS::CloudWatch::Alarm').some((alarm) =>
      JSON.stringify(alarm.Dimensions).includes(`"${queueId}"`),
    ),
  ).toBe(true);
  expect(propertiesOf(synthesisOf('-c stage=prod (deploy.md step 3)'), 'AWS::SNS::Subscription')).toEqual([]);
});

test('every other key reaches the resources it configures', () => {
  const synthesis = synthesisOf('every key set to a non-default value');
  // Ours, not the CDK's BucketDeployment handler (Python) that copies the pages.
  const functions = propertiesOf(synthesis, 'AWS::Lambda::Function').filter((fn) => fn.Runtime.startsWith('nodejs'));
  for (const fn of functions) {
    expect(fn.MemorySize).toBe(512);
    expect(fn.Environment.Variables.LOG_LEVEL).toBe('DEBUG');
  }
  for (const logGroup of propertiesOf(synthesis, 'AWS::Logs::LogGroup')) expect(logGroup.RetentionInDays).toBe(30);
  expect(propertiesOf(synthesis, 'AWS::ApiGateway::Stage')[0].MethodSettings[0]).toMatchObject({
    ThrottlingRateLimit: 50,
    ThrottlingBurstLimit: 100,
  });
  const rules = propertiesOf(synthesis, 'AWS::WAFv2::WebACL')[0].Rules as CfnJson[];
  const limitOf = (name: string) => rules.find((rule) => rule.Name === name).Statement.RateBasedStatement.Limit;
  for (const suffix of ['per-viewer-ip', 'per-ip']) {
    expect(limitOf(`public-routes-rate-limit-${suffix}`)).toBe(300);
    expect(limitOf(`all-routes-rate-limit-${suffix}`)).toBe(1500);
  }
  expect(propertiesOf(synthesis, 'AWS::ApiGateway::UsagePlan')[0].Throttle).toEqual({ RateLimit: 10, BurstLimit: 20 });
  expect(propertiesOf(synthesis, 'AWS::Cognito::UserPoolDomain')[0].Domain).toBe('credit-plus-staging-auth');
  expect(propertiesOf(synthesis, 'AWS::Cognito::UserPoolResourceServer')[0].Identifier).toBe('credit-plus-staging');
  const scopes = propertiesOf(synthesis, 'AWS::ApiGateway::Method').flatMap(
    (method) => method.AuthorizationScopes ?? [],
  );
  expect(scopes.length).toBeGreaterThan(0);
  for (const scope of scopes) expect(scope).toMatch(/^credit-plus-staging\//);
  for (const fn of functions.filter((candidate) => 'AUTH_SCOPE_PREFIX' in candidate.Environment.Variables)) {
    expect(fn.Environment.Variables.AUTH_SCOPE_PREFIX).toBe('credit-plus-staging/');
  }
  expect(propertiesOf(synthesis, 'AWS::Events::Archive')[0].RetentionDays).toBe(30);
  const linking = functions.filter((fn) => 'PUBLIC_ORIGIN' in fn.Environment.Variables);
  expect(linking.length).toBeGreaterThan(0);
  for (const fn of linking) expect(fn.Environment.Variables.PUBLIC_ORIGIN).toBe('https://credit.example.cn');
});

(cfnLintAvailable() ? test : test.skip)(
  'cfn-lint passes on the templates of the combination with every key set (the e-mail subscription included)',
  () => {
    const lint = runCfnLint(templatesIn(synthesisOf('every key set to a non-default value').assemblyDir));
    expect(lint.output).toBe('');
    expect(lint.status).toBe(0);
  },
  60_000,
);
