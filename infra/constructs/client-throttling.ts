import { ApiKey, type RestApi, UsagePlan } from 'aws-cdk-lib/aws-apigateway';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Scope } from '../../shared/http/auth.js';
import { constructId } from '../naming.js';

export interface ClientThrottlingProps {
  api: RestApi;
  /** The app clients (one per scope holder) that each get their own API key. */
  clients: ReadonlyMap<Scope, UserPoolClient>;
  /** Per API key: steady requests per second and burst. */
  rateLimit: number;
  burstLimit: number;
}

/**
 * One throttle bucket per client. API Gateway applies a usage plan's rate and burst to each API
 * key in the plan separately, and protected methods require a key (`x-api-key`), so a client that
 * floods the API exhausts only its own bucket (429) while the others keep theirs. A key per
 * client is what makes this hold: a WAF rule keyed on the Authorization header would count per
 * token, and a client gets a fresh bucket with every token it requests.
 */
export class ClientThrottling extends Construct {
  readonly plan: UsagePlan;
  readonly keys = new Map<Scope, ApiKey>();

  constructor(scope: Construct, id: string, props: ClientThrottlingProps) {
    super(scope, id);
    this.plan = new UsagePlan(this, 'Plan', {
      description: 'Per-client throttling: every API key in this plan has its own rate and burst',
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      apiStages: [{ api: props.api, stage: props.api.deploymentStage }],
    });
    for (const name of props.clients.keys()) {
      const key = new ApiKey(this, `${constructId(name)}Key`, {
        description: `x-api-key of the ${name} app client (its throttle bucket in the usage plan)`,
      });
      this.plan.addApiKey(key);
      this.keys.set(name, key);
    }
  }
}
