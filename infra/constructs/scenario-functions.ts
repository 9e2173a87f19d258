import { Duration } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DataAccess, RouteDefinition, ScenarioDefinition, Subscription } from '../../shared/scenario.js';
import { acknowledge } from '../nag.js';
import { constructId } from '../naming.js';
import type { DataTable } from './data-table.js';
import { createHandlerFunction } from './handler-function.js';
import type { WorkerIdSecret } from './secrets.js';
import type { SigningKey } from './signing.js';

export interface ScenarioFunctionsProps {
  scenario: ScenarioDefinition;
  table: DataTable;
  signing: SigningKey;
  workerIdSecret: WorkerIdSecret;
  /** Where the public pages are (PUBLIC_ORIGIN of functions granted `public-origin`). */
  publicOrigin: string;
  /** Environment every handler gets (TABLE_NAME, AUTH_*, LOG_LEVEL). */
  environment: Record<string, string>;
  memoryMb: number;
  logRetention: RetentionDays;
}

export interface DeployedRoute {
  scenario: ScenarioDefinition;
  route: RouteDefinition;
  fn: NodejsFunction;
}

export interface DeployedSubscription {
  scenario: ScenarioDefinition;
  subscription: Subscription;
  fn: NodejsFunction;
}

/** API Gateway gives up after 29 s; a handler must answer well before that. */
const routeTimeout = Duration.seconds(20);
const subscriberTimeout = Duration.seconds(60);

/**
 * One function per handler a scenario's manifest lists (routes and subscriptions), each granted
 * exactly the data access its manifest entry declares and nothing else.
 */
export class ScenarioFunctions extends Construct {
  readonly routes: DeployedRoute[] = [];
  readonly subscriptions: DeployedSubscription[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ScenarioFunctionsProps,
  ) {
    super(scope, id);
    const { scenario } = props;
    const environment = { ...props.environment, SERVICE_NAME: `credit-plus-${scenario.id}` };
    for (const route of scenario.routes.filter((route) => !route.localOnly)) {
      const fn = createHandlerFunction(this, constructId(route.id), {
        entry: route.handler,
        description: `${route.id}: ${route.method} ${route.path}`,
        environment,
        memoryMb: props.memoryMb,
        timeout: routeTimeout,
        logRetention: props.logRetention,
      });
      this.grantAccess(fn, route.access);
      acknowledge(
        fn,
        'Serverless-LambdaDLQ',
        'Invoked synchronously by API Gateway: the caller gets the error response; a dead-letter queue only ' +
          'applies to asynchronous invocations.',
      );
      this.routes.push({ scenario, route, fn });
    }
    for (const subscription of scenario.subscriptions) {
      const fn = createHandlerFunction(this, constructId(subscription.id), {
        entry: subscription.handler,
        description: `${subscription.id}: consumes ${JSON.stringify(subscription.pattern)}`,
        environment,
        memoryMb: props.memoryMb,
        timeout: subscriberTimeout,
        logRetention: props.logRetention,
      });
      this.grantAccess(fn, subscription.access);
      this.subscriptions.push({ scenario, subscription, fn });
    }
  }

  private grantAccess(fn: NodejsFunction, access: readonly DataAccess[]): void {
    for (const kind of new Set(access)) {
      switch (kind) {
        case 'table:read':
          this.props.table.grantReadAccess(fn);
          break;
        case 'table:write':
          this.props.table.grantWriteAccess(fn);
          break;
        case 'signing-key:sign':
          this.props.signing.grantSign(fn);
          fn.addEnvironment('SIGNING_KEY_ID', this.props.signing.key.keyId);
          break;
        case 'signing-key:public':
          this.props.signing.grantPublicKey(fn);
          fn.addEnvironment('SIGNING_KEY_ID', this.props.signing.key.keyId);
          break;
        case 'worker-id-secret:read':
          this.props.workerIdSecret.grantRead(fn);
          fn.addEnvironment('WORKER_ID_SECRET_ARN', this.props.workerIdSecret.secret.secretArn);
          break;
        case 'public-origin':
          fn.addEnvironment('PUBLIC_ORIGIN', this.props.publicOrigin);
          break;
        case 'local-issuer:sign':
          throw new Error(`${fn.node.id}: the local issuer's key exists only in the local runtime (localOnly routes)`);
        default: {
          const unknown: never = kind;
          throw new Error(`No grant for data access "${String(unknown)}"`);
        }
      }
    }
  }
}
