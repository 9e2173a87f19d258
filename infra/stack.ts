import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { scenarios as registeredScenarios } from '../functions/registry.js';
import type { ScenarioDefinition } from '../shared/scenario.js';
import { Alarms } from './constructs/alarms.js';
import { Api } from './constructs/api.js';
import { Auth } from './constructs/auth.js';
import { DataTable } from './constructs/data-table.js';
import { ScenarioEventBus } from './constructs/event-bus.js';
import { OutboxPublisher } from './constructs/outbox-publisher.js';
import { ScenarioFunctions } from './constructs/scenario-functions.js';
import { WorkerIdSecret } from './constructs/secrets.js';
import { SigningKey } from './constructs/signing.js';
import { Subscriptions } from './constructs/subscriptions.js';
import { constructId } from './naming.js';
import { type DeploymentSettings, readSettings } from './settings.js';

export interface CreditPlusStackProps extends StackProps {
  settings: DeploymentSettings;
  /** The scenarios to deploy: `functions/registry.ts` (the one list of scenarios). */
  scenarios: readonly ScenarioDefinition[];
}

/** The whole system in one stack, generated from the scenario manifests. */
export class CreditPlusStack extends Stack {
  readonly table: DataTable;
  readonly events: ScenarioEventBus;
  readonly auth: Auth;
  readonly signing: SigningKey;
  readonly workerIdSecret: WorkerIdSecret;
  readonly functions: ScenarioFunctions;
  readonly subscriptions: Subscriptions;
  readonly publisher: OutboxPublisher;
  readonly api: Api;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: CreditPlusStackProps) {
    super(scope, id, {
      description: `credit-plus (${props.settings.stage}): public credit scenarios on API Gateway, Lambda, DynamoDB, EventBridge`,
      terminationProtection: props.settings.stage === 'prod',
      ...props,
    });
    const { settings } = props;
    Tags.of(this).add('project', 'credit-plus');
    Tags.of(this).add('stage', settings.stage);

    this.table = new DataTable(this, 'Data');
    this.events = new ScenarioEventBus(this, 'Events', { archiveRetentionDays: settings.archiveRetentionDays });
    this.auth = new Auth(this, 'Auth', {
      stage: settings.stage,
      resourceServerId: settings.resourceServerId,
      ...(settings.authDomainPrefix ? { domainPrefix: settings.authDomainPrefix } : {}),
      table: this.table,
      logLevel: settings.logLevel,
      memoryMb: settings.functionMemoryMb,
      logRetention: settings.logRetention,
    });
    this.signing = new SigningKey(this, 'Signing');
    this.workerIdSecret = new WorkerIdSecret(this, 'WorkerIdSecret');

    const environment = {
      TABLE_NAME: this.table.table.tableName,
      AUTH_ISSUER: this.auth.issuer,
      AUTH_JWKS_URL: this.auth.jwksUrl,
      AUTH_SCOPE_PREFIX: `${settings.resourceServerId}/`,
      AUTH_TOKEN_ALGORITHM: 'RS256',
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(this.auth.accessTokenValidity.toSeconds()),
      LOG_LEVEL: settings.logLevel,
    };
    this.functions = new ScenarioFunctions(this, 'Functions', {
      scenarios: props.scenarios,
      table: this.table,
      signing: this.signing,
      workerIdSecret: this.workerIdSecret,
      environment,
      memoryMb: settings.functionMemoryMb,
      logRetention: settings.logRetention,
    });
    this.subscriptions = new Subscriptions(this, 'Subscriptions', {
      bus: this.events.bus,
      subscriptions: this.functions.subscriptions,
    });
    this.publisher = new OutboxPublisher(this, 'Outbox', {
      table: this.table,
      bus: this.events.bus,
      environment: { TABLE_NAME: this.table.table.tableName, LOG_LEVEL: settings.logLevel },
      memoryMb: settings.functionMemoryMb,
      logRetention: settings.logRetention,
    });
    this.api = new Api(this, 'Api', {
      stage: settings.stage,
      routes: this.functions.routes,
      auth: this.auth,
      rateLimit: settings.apiRateLimit,
      burstLimit: settings.apiBurstLimit,
      publicRateLimitPer5Min: settings.publicRateLimitPer5Min,
      logRetention: settings.logRetention,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      deadLetterQueues: new Map([
        ...this.subscriptions.deadLetterQueues,
        ['outbox-publisher', this.publisher.deadLetterQueue] as const,
      ]),
      api: this.api.api,
      publisher: this.publisher.fn,
      ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL; routes start with /v1' });
    new CfnOutput(this, 'TokenEndpoint', { value: this.auth.tokenEndpoint, description: 'OAuth2 token endpoint' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'Issuer', { value: this.auth.issuer });
    for (const [scope, client] of this.auth.clients) {
      new CfnOutput(this, `${constructId(scope)}ClientId`, {
        value: client.userPoolClientId,
        description: `App client for scope ${this.auth.qualifiedScope(scope)} (client credentials)`,
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'SigningKeyId', { value: this.signing.key.keyId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }
}

/** The app's one stack, `CreditPlus-<stage>`, from the context of `scope` and the scenario registry. */
export function createStack(
  scope: Construct,
  scenarios: readonly ScenarioDefinition[] = registeredScenarios,
): CreditPlusStack {
  const settings = readSettings(scope.node);
  return new CreditPlusStack(scope, `CreditPlus-${settings.stage}`, { settings, scenarios });
}
