import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { constructId } from '../naming.js';
import { createDeadLetterQueue } from './queues.js';

export interface AlarmsProps {
  email?: string;
}

/**
 * What needs a person: any message on a dead-letter queue (an event that was not delivered or
 * not consumed), a 5xx rate above 1 % on the API, and an outbox publisher falling behind the
 * stream. All alarms notify one SNS topic (subscribe a mail address with `-c alarmEmail=`).
 * The topic comes first; each alarm is added where its subject lives, so a scenario's nested
 * stack holds the alarms on its own dead-letter queues.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'credit-plus alarms', enforceSSL: true });
    this.action = new SnsAction(this.topic);
    if (props.email) {
      // SNS retries an e-mail delivery, then drops it; the queue keeps what it could not deliver.
      const undelivered = createDeadLetterQueue(
        this,
        'EmailDeadLetters',
        'alarm notifications SNS could not deliver to the e-mail address',
      );
      this.topic.addSubscription(new EmailSubscription(props.email, { deadLetterQueue: undelivered }));
      this.onDeadLetters(this, 'alarm-email', undelivered);
    }
  }

  /** Any message on `queue` (holding what `holds` names: a subscription id, `outbox-publisher`). */
  onDeadLetters(scope: Construct, holds: string, queue: IQueue): void {
    this.add(
      new Alarm(scope, `${constructId(holds)}DeadLettersAlarm`, {
        alarmDescription: `Dead letters for ${holds}: inspect the messages, fix the cause, redrive (docs/deploy.md).`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  onApiServerErrors(api: RestApi): void {
    // 5XXError is 0 or 1 per request, so its average is the 5xx rate.
    this.add(
      new Alarm(this, 'Api5xxRate', {
        alarmDescription: 'More than 1 % of API requests answered 5xx in two of three 5-minute periods.',
        metric: api.deploymentStage.metricServerError({ statistic: 'Average', period: Duration.minutes(5) }),
        threshold: 0.01,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  onPublisherLag(publisher: IFunction): void {
    this.add(
      new Alarm(this, 'PublisherIteratorAge', {
        alarmDescription: 'The outbox publisher is more than 5 minutes behind the table stream (events are late).',
        metric: publisher.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
        threshold: Duration.minutes(5).toMilliseconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  private add(alarm: Alarm): void {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
