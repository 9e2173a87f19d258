import { Duration, Stack } from 'aws-cdk-lib';
import { type CfnArchive, EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export interface EventBusProps {
  archiveRetentionDays: number;
}

/**
 * The one custom bus every scenario's events travel on, with an archive of everything put on
 * it, so consumers can be replayed after a fix (`aws events start-replay`).
 */
export class ScenarioEventBus extends Construct {
  readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: EventBusProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'credit-plus scenario events (outbox publisher → rules)' });
    const archive = this.bus.archive('Archive', {
      description: 'Every event on the credit-plus bus, for replay',
      // Events on a custom bus all come from this account (the outbox publisher).
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(props.archiveRetentionDays),
    });
    // The CDK writes `KmsKeyIdentifier: ""` when no key is given; the archive uses an AWS-owned key,
    // which CloudFormation means by leaving the property out, not by an empty identifier.
    (archive.node.defaultChild as CfnArchive).addPropertyDeletionOverride('KmsKeyIdentifier');
  }
}
