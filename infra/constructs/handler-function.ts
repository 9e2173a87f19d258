import { join } from 'node:path';
import { type Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { cdkBundlingOptions } from '../bundling.js';
import { acknowledge } from '../nag.js';
import { repoRoot } from '../naming.js';

export interface HandlerFunctionProps {
  /** The handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  memoryMb: number;
  timeout: Duration;
  logRetention: RetentionDays;
}

/** The Lambda runtime every function runs on (ARCHITECTURE.md: nodejs24.x on arm64). */
export const lambdaRuntime = Runtime.NODEJS_24_X;

/**
 * X-Ray's write actions support no resource-level permissions, so they need `Resource: *`. They
 * live in ONE customer-managed policy shared by every function role (rather than in each role's
 * own policy, where acknowledging `Resource::*` would also hide any future wildcard there).
 */
function xrayWritePolicy(scope: Construct): ManagedPolicy {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('XRayWrite');
  if (existing) return existing as ManagedPolicy;
  const policy = new ManagedPolicy(stack, 'XRayWrite', {
    description: 'Lets functions send X-Ray trace segments',
    statements: [
      new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    ],
  });
  acknowledge(
    policy,
    'AwsSolutions-IAM5[Resource::*]',
    'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (IAM service ' +
      'authorization reference); this policy holds nothing else.',
  );
  return policy;
}

/**
 * One function for one handler module: its own esbuild ESM bundle, its own log group with a
 * retention, active X-Ray tracing, and its own role that may only write to that log group and
 * send traces until a construct grants it more (no AWS managed policy, so every permission the
 * role holds is visible in the stack).
 */
export function createHandlerFunction(scope: Construct, id: string, props: HandlerFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Runs ${props.entry}`,
    managedPolicies: [xrayWritePolicy(scope)],
  });
  logGroup.grantWrite(role);
  const fn = new NodejsFunction(scope, id, {
    entry: join(repoRoot, props.entry),
    handler: 'handler',
    projectRoot: repoRoot,
    depsLockFilePath: join(repoRoot, 'package-lock.json'),
    runtime: lambdaRuntime,
    architecture: Architecture.ARM_64,
    memorySize: props.memoryMb,
    timeout: props.timeout,
    description: props.description.slice(0, 256),
    role,
    logGroup,
    loggingFormat: LoggingFormat.JSON,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    bundling: cdkBundlingOptions(),
  });
  // `tracing: Tracing.ACTIVE` would add the X-Ray statement to the role's own policy; the shared
  // managed policy above already grants it.
  (fn.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
  return fn;
}
