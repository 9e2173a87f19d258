import { NestedStack } from 'aws-cdk-lib';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { ScenarioDefinition } from '../../shared/scenario.js';
import type { Alarms } from './alarms.js';
import type { DataTable } from './data-table.js';
import { ScenarioFunctions } from './scenario-functions.js';
import type { WorkerIdSecret } from './secrets.js';
import type { SigningKey } from './signing.js';
import { Subscriptions } from './subscriptions.js';

export interface ScenarioStackProps {
  scenario: ScenarioDefinition;
  table: DataTable;
  signing: SigningKey;
  workerIdSecret: WorkerIdSecret;
  /** Where the public pages are (PUBLIC_ORIGIN of functions granted `public-origin`). */
  publicOrigin: string;
  bus: EventBus;
  alarms: Alarms;
  /** Environment every handler gets (TABLE_NAME, AUTH_*, LOG_LEVEL). */
  environment: Record<string, string>;
  memoryMb: number;
  logRetention: RetentionDays;
}

/**
 * Everything one scenario adds, in its own nested stack: its functions with their roles and log
 * groups, its subscription rules with their dead-letter queues, and the alarms on those queues.
 * The core stack passes in what is shared (table, keys, bus, alarm topic) as parameters and reads
 * back only the function ARNs its API methods integrate with, so a new scenario adds a nested
 * stack rather than resources to the core (CloudFormation's limit is 500 per template).
 */
export class ScenarioStack extends NestedStack {
  readonly scenario: ScenarioDefinition;
  readonly functions: ScenarioFunctions;
  readonly subscriptions: Subscriptions;

  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id, { description: `credit-plus scenario ${props.scenario.id}: ${props.scenario.title}` });
    this.scenario = props.scenario;
    this.functions = new ScenarioFunctions(this, 'Functions', {
      scenario: props.scenario,
      table: props.table,
      signing: props.signing,
      workerIdSecret: props.workerIdSecret,
      publicOrigin: props.publicOrigin,
      environment: props.environment,
      memoryMb: props.memoryMb,
      logRetention: props.logRetention,
    });
    this.subscriptions = new Subscriptions(this, 'Subscriptions', {
      bus: props.bus,
      subscriptions: this.functions.subscriptions,
    });
    for (const [holds, queue] of this.subscriptions.deadLetterQueues) props.alarms.onDeadLetters(this, holds, queue);
  }
}
