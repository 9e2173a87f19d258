import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/**
 * What a deployment may vary, read from CDK context (`cdk.json` or `-c key=value`). Every value
 * has a safe default, so `cdk synth` needs none of them.
 */
export interface DeploymentSettings {
  /** Names the stack (`CreditPlus-<stage>`) and the API stage; `prod` turns on termination protection. */
  stage: string;
  /** Subscribed to the alarm topic when given (the subscription must be confirmed by mail). */
  alarmEmail?: string;
  logRetention: RetentionDays;
  /** Handlers' LOG_LEVEL. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  functionMemoryMb: number;
  /** API stage throttling: steady requests per second and burst, across all clients. */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** WAF: requests one IP may send to public routes in 5 minutes before it gets 429. */
  publicRateLimitPer5Min: number;
  /** WAF: requests one IP may send to any route (protected ones included) in 5 minutes before it gets 429. */
  ipRateLimitPer5Min: number;
  /** Usage plan throttling per API key, that is per client: steady requests per second and burst. */
  clientRateLimit: number;
  clientBurstLimit: number;
  /** Cognito hosted domain prefix (the token endpoint's host); unique per region. */
  authDomainPrefix?: string;
  /** The OAuth resource server; scopes arrive as `<identifier>/<scope>`. */
  resourceServerId: string;
  /** How long the event bus archive keeps events for replay. */
  archiveRetentionDays: number;
  /** Where the public pages are, when a custom domain fronts the distribution (default: its own domain). */
  publicOrigin?: string;
}

const logLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function positiveInteger(node: Node, key: string, fallback: number, minimum = 1): number {
  const raw = text(node, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum)
    throw new Error(`Context "${key}" must be an integer of at least ${minimum}, got "${raw}"`);
  return value;
}

/** WAF refuses a rate-based rule whose limit is below 10 requests per evaluation window. */
const wafMinimumRateLimit = 10;

export function readSettings(node: Node): DeploymentSettings {
  const stage = text(node, 'stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context "stage" must be lower-case letters, digits and hyphens (max 20), got "${stage}"`);
  }
  const retentionDays = positiveInteger(node, 'logRetentionDays', 90);
  if (!Object.values(RetentionDays).includes(retentionDays)) {
    throw new Error(
      `Context "logRetentionDays" must be a CloudWatch retention (1, 3, 5, 7, 14, 30, 60, 90, …), got ${retentionDays}`,
    );
  }
  const logLevel = (text(node, 'logLevel') ?? 'INFO').toUpperCase();
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new Error(`Context "logLevel" must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  }
  const alarmEmail = text(node, 'alarmEmail');
  const authDomainPrefix = text(node, 'authDomainPrefix');
  const publicOrigin = text(node, 'publicOrigin');
  if (publicOrigin !== undefined && !/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(publicOrigin)) {
    throw new Error(
      `Context "publicOrigin" must be an https origin without a path (https://host), got "${publicOrigin}"`,
    );
  }
  return {
    stage,
    ...(alarmEmail ? { alarmEmail } : {}),
    logRetention: retentionDays as RetentionDays,
    logLevel: logLevel as DeploymentSettings['logLevel'],
    functionMemoryMb: positiveInteger(node, 'functionMemoryMb', 1024),
    apiRateLimit: positiveInteger(node, 'apiRateLimit', 200),
    apiBurstLimit: positiveInteger(node, 'apiBurstLimit', 400),
    publicRateLimitPer5Min: positiveInteger(node, 'publicRateLimitPer5Min', 600, wafMinimumRateLimit),
    ipRateLimitPer5Min: positiveInteger(node, 'ipRateLimitPer5Min', 3000, wafMinimumRateLimit),
    clientRateLimit: positiveInteger(node, 'clientRateLimit', 50),
    clientBurstLimit: positiveInteger(node, 'clientBurstLimit', 100),
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
    resourceServerId: text(node, 'resourceServerId') ?? 'credit-plus',
    archiveRetentionDays: positiveInteger(node, 'archiveRetentionDays', 365),
    ...(publicOrigin ? { publicOrigin } : {}),
  };
}
