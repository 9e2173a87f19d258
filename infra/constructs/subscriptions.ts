import { Duration } from 'aws-cdk-lib';
import { type EventBus, type EventPattern, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { constructId } from '../naming.js';
import { createDeadLetterQueue } from './queues.js';
import type { DeployedSubscription } from './scenario-functions.js';

export interface SubscriptionsProps {
  bus: EventBus;
  subscriptions: readonly DeployedSubscription[];
}

/** EventBridge keeps retrying a failed delivery for up to this long (with back-off). */
const deliveryRetry = { retryAttempts: 20, maxEventAge: Duration.hours(24) };
/** Lambda retries a failing consumer this often (1 and 2 minutes apart) before giving up. */
const consumerRetry = { retryAttempts: 2, maxEventAge: Duration.hours(6) };

/**
 * One rule per manifest subscription, matching the manifest's EventBridge pattern exactly as
 * written (the local bus matches the same pattern). Each subscription has its own dead-letter
 * queue, used twice: by the rule target when EventBridge cannot deliver (after its retries),
 * and by the function's asynchronous invoke configuration when the consumer keeps failing.
 */
export class Subscriptions extends Construct {
  readonly deadLetterQueues = new Map<string, Queue>();
  readonly rules = new Map<string, Rule>();

  constructor(scope: Construct, id: string, props: SubscriptionsProps) {
    super(scope, id);
    for (const { subscription, fn } of props.subscriptions) {
      const name = constructId(subscription.id);
      const dlq = createDeadLetterQueue(
        this,
        `${name}DeadLetters`,
        `events for ${subscription.id} that could not be delivered or kept failing`,
      );
      fn.configureAsyncInvoke({ ...consumerRetry, onFailure: new SqsDestination(dlq) });
      acknowledge(
        fn,
        'Serverless-LambdaDLQ',
        'Asynchronous failures go to the on-failure destination (the subscription dead-letter queue) configured ' +
          'in the EventInvokeConfig, which supersedes DeadLetterConfig and also records the error.',
      );
      const rule = new Rule(this, `${name}Rule`, {
        eventBus: props.bus,
        description: `${subscription.id} (${subscription.handler})`,
        // The manifest pattern uses EventBridge's own field names (`detail-type`); the CDK passes
        // every key through unchanged (it only renames a camel-case `detailType`).
        eventPattern: subscription.pattern as EventPattern,
      });
      rule.addTarget(new LambdaFunction(fn, { deadLetterQueue: dlq, ...deliveryRetry }));
      this.deadLetterQueues.set(subscription.id, dlq);
      this.rules.set(subscription.id, rule);
    }
  }
}
