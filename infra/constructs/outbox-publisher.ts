import { Duration } from 'aws-cdk-lib';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PUBLISHER_STREAM_FILTERS } from '../../shared/storage/outbox.js';
import { PUBLISHER_CHECKPOINT_KEY } from '../../shared/storage/publisher-checkpoint.js';
import { acknowledge } from '../nag.js';
import type { DataTable } from './data-table.js';
import { createHandlerFunction } from './handler-function.js';
import { createDeadLetterQueue } from './queues.js';

export interface OutboxPublisherProps {
  table: DataTable;
  bus: EventBus;
  environment: Record<string, string>;
  memoryMb: number;
  logRetention: RetentionDays;
}

/** The publisher's module, relative to the repository root. */
export const publisherHandler = 'shared/outbox-publisher/handler.ts';

/**
 * Carries events from the table's stream to the bus. Lambda reads the stream with filters
 * (`PUBLISHER_STREAM_FILTERS`, which the local poller applies too), so only INSERTs of `OUTBOX#`
 * items and INSERTs or MODIFYs of items carrying `outboxEvents` invoke the function; a failed
 * record is reported as a batch item failure, the batch is bisected and retried, and a record
 * that still fails is described on the dead-letter queue (shard and sequence numbers; an outbox
 * item stays in the table until its TTL, an item's carried events until its next write, so they
 * can be re-published from there).
 */
export class OutboxPublisher extends Construct {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: OutboxPublisherProps) {
    super(scope, id);
    this.fn = createHandlerFunction(this, 'Publisher', {
      entry: publisherHandler,
      description: 'Outbox publisher: table stream (OUTBOX# inserts, items carrying outboxEvents) → EventBridge',
      environment: { ...props.environment, EVENT_BUS_NAME: props.bus.eventBusName, SERVICE_NAME: 'credit-plus-outbox' },
      memoryMb: props.memoryMb,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
    });
    props.bus.grantPutEventsTo(this.fn);
    // Its only write: the progress checkpoint the health route reads.
    props.table.grantUpdateOfPartition(this.fn, PUBLISHER_CHECKPOINT_KEY.pk);

    this.deadLetterQueue = createDeadLetterQueue(
      this,
      'DeadLetters',
      'stream batches the publisher could not put on the bus',
    );
    const streamArn = props.table.table.tableStreamArn as string;
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    // Kept apart from the role's own policy so that acknowledging its `Resource: *` hides nothing else.
    const listStreams = new Policy(this, 'ListStreamsPolicy', {
      roles: [this.fn.role as IRole],
      statements: [new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] })],
    });
    acknowledge(
      listStreams,
      'AwsSolutions-IAM5[Resource::*]',
      "dynamodb:ListStreams supports no resource-level permissions; Lambda's stream poller needs it. This " +
        'policy holds nothing else.',
    );
    const mapping = this.fn.addEventSourceMapping('TableStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      // The stream keeps records for 24 hours; give up (to the dead-letter queue) well before they vanish.
      maxRecordAge: Duration.hours(12),
      onFailure: new SqsDlq(this.deadLetterQueue),
      filters: PUBLISHER_STREAM_FILTERS.map((pattern) => FilterCriteria.filter(pattern)),
    });
    // CloudFormation checks the stream permissions when it creates the mapping.
    mapping.node.addDependency(listStreams);
    acknowledge(
      this.fn,
      'Serverless-LambdaDLQ',
      'Invoked synchronously by its DynamoDB stream event source mapping, whose on-failure destination is the ' +
        'publisher dead-letter queue; a function DeadLetterConfig only applies to asynchronous invocations.',
    );
  }
}
