import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The cdk-nag rule packs this app is held to, in `cdk synth` (app.ts) and in the tests. */
export function nagPacks(scope?: IConstruct) {
  return [new AwsSolutionsChecks(scope), new ServerlessChecks(scope)];
}

/**
 * Acknowledges one cdk-nag finding on one construct (and its children). Every call names the
 * exact rule (or rule[finding]) and says why it does not apply here; there are no blanket ones.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
