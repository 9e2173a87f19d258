import { type App, CfnOutput, Lazy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { scenarios as registeredScenarios } from '../scenarios.js';
import type { ScenarioDefinition } from '../shared/scenario.js';
import { Alarms } from './constructs/alarms.js';
import { Api } from './constructs/api.js';
import { Auth } from './constructs/auth.js';
import { ClientThrottling } from './constructs/client-throttling.js';
import { DataTable } from './constructs/data-table.js';
import { ScenarioEventBus } from './constructs/event-bus.js';
import { OutboxPublisher } from './constructs/outbox-publisher.js';
import { ScenarioStack } from './constructs/scenario-stack.js';
import { WorkerIdSecret } from './constructs/secrets.js';
import { SigningKey } from './constructs/signing.js';
import { nagPacks } from './nag.js';
import { constructId } from './naming.js';
import { type DeploymentSettings, readSettings } from './settings.js';
import { securityHeaders } from './site/security-headers.js';
import { Site } from './site/site.js';

export interface CreditPlusStackProps extends StackProps {
  settings: DeploymentSettings;
  /** The scenarios to deploy: `scenarios.ts` (the one list of scenarios). */
  scenarios: readonly ScenarioDefinition[];
  /** The built public pages (`web/dist`, see infra/app.ts): what the site bucket serves. */
  siteDirectory: string;
}

/**
 * The system, generated from the scenario manifests: a core stack with what every scenario shares
 * (table, bus, auth, signing key, secret, outbox publisher, API, alarms) and one nested stack per
 * scenario with that scenario's functions and subscriptions.
 */
export class CreditPlusStack extends Stack {
  readonly table: DataTable;
  readonly events: ScenarioEventBus;
  readonly auth: Auth;
  readonly signing: SigningKey;
  readonly workerIdSecret: WorkerIdSecret;
  readonly scenarios: ScenarioStack[];
  readonly publisher: OutboxPublisher;
  readonly api: Api;
  readonly clientThrottling: ClientThrottling;
  readonly alarms: Alarms;
  readonly site: Site;
  /** PUBLIC_ORIGIN of functions granted `public-origin`: `publicOrigin` context, else the distribution. */
  readonly publicOrigin: string;

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
    this.alarms = new Alarms(this, 'Alarms', settings.alarmEmail ? { email: settings.alarmEmail } : {});
    // The distribution needs the API, and the API needs the scenarios' functions: they get the
    // origin lazily, which resolves to the distribution's domain (no dependency on the stage).
    const publicOrigin = Lazy.string({ produce: () => this.publicOrigin });
    this.scenarios = props.scenarios.map(
      (scenario) =>
        new ScenarioStack(this, `${constructId(scenario.id)}Scenario`, {
          scenario,
          table: this.table,
          signing: this.signing,
          workerIdSecret: this.workerIdSecret,
          publicOrigin,
          bus: this.events.bus,
          alarms: this.alarms,
          environment,
          memoryMb: settings.functionMemoryMb,
          logRetention: settings.logRetention,
        }),
    );
    this.publisher = new OutboxPublisher(this, 'Outbox', {
      table: this.table,
      bus: this.events.bus,
      environment: { TABLE_NAME: this.table.table.tableName, LOG_LEVEL: settings.logLevel },
      memoryMb: settings.functionMemoryMb,
      logRetention: settings.logRetention,
    });
    this.alarms.onDeadLetters(this.alarms, 'outbox-publisher', this.publisher.deadLetterQueue);
    this.alarms.onPublisherLag(this.publisher.fn);
    this.api = new Api(this, 'Api', {
      stage: settings.stage,
      routes: this.scenarios.flatMap((scenario) => scenario.functions.routes),
      auth: this.auth,
      rateLimit: settings.apiRateLimit,
      burstLimit: settings.apiBurstLimit,
      publicRateLimitPer5Min: settings.publicRateLimitPer5Min,
      ipRateLimitPer5Min: settings.ipRateLimitPer5Min,
      logRetention: settings.logRetention,
    });
    this.alarms.onApiServerErrors(this.api.api);
    this.site = new Site(this, 'Site', {
      directory: props.siteDirectory,
      api: this.api.api,
      stage: settings.stage,
      securityHeaders,
      logRetention: settings.logRetention,
    });
    this.publicOrigin = settings.publicOrigin ?? this.site.origin;
    this.clientThrottling = new ClientThrottling(this, 'ClientThrottling', {
      api: this.api.api,
      clients: this.auth.clients,
      rateLimit: settings.clientRateLimit,
      burstLimit: settings.clientBurstLimit,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL; routes start with /v1' });
    new CfnOutput(this, 'SiteUrl', {
      value: this.site.origin,
      description: 'The public pages, and the API under /v1 on the same origin',
    });
    new CfnOutput(this, 'PublicOrigin', { value: this.publicOrigin, description: 'Where badge QR codes point' });
    new CfnOutput(this, 'TokenEndpoint', { value: this.auth.tokenEndpoint, description: 'OAuth2 token endpoint' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'Issuer', { value: this.auth.issuer });
    for (const [scope, client] of this.auth.clients) {
      new CfnOutput(this, `${constructId(scope)}ClientId`, {
        value: client.userPoolClientId,
        description: `App client for scope ${this.auth.qualifiedScope(scope)} (client credentials)`,
      });
    }
    for (const [scope, key] of this.clientThrottling.keys) {
      new CfnOutput(this, `${constructId(scope)}ApiKeyId`, {
        value: key.keyId,
        description: `API key (x-api-key) of the ${this.auth.qualifiedScope(scope)} client: its own throttle`,
      });
    }
    new CfnOutput(this, 'ClientUsagePlanId', { value: this.clientThrottling.plan.usagePlanId });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'SigningKeyId', { value: this.signing.key.keyId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }
}

export interface AppOptions {
  /** The built public pages (`web/dist`). */
  siteDirectory: string;
  /** Default: the registry. */
  scenarios?: readonly ScenarioDefinition[];
}

/** The app's stack, `CreditPlus-<stage>` (with its nested scenario stacks), from the context of `scope` and the scenario registry. */
export function createStack(scope: Construct, options: AppOptions): CreditPlusStack {
  const settings = readSettings(scope.node);
  return new CreditPlusStack(scope, `CreditPlus-${settings.stage}`, {
    settings,
    scenarios: options.scenarios ?? registeredScenarios,
    siteDirectory: options.siteDirectory,
  });
}

/** The app as `cdk synth` builds it: the stack, and the cdk-nag packs that stop synthesis on a finding. */
export function defineApp(app: App, options: AppOptions): CreditPlusStack {
  const stack = createStack(app, options);
  Validations.of(app).addPlugins(...nagPacks(app));
  return stack;
}
