import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type Scope, scopes } from '../../shared/auth/scopes.js';
import { acknowledge } from '../nag.js';
import { constructId } from '../naming.js';
import type { DataTable } from './data-table.js';
import { createHandlerFunction } from './handler-function.js';

export interface AuthProps {
  stage: string;
  /** The resource server identifier: scopes in tokens read `<identifier>/<scope>`. */
  resourceServerId: string;
  domainPrefix?: string;
  /** The table holding the client registry, which the pre-token-generation trigger reads. */
  table: DataTable;
  logLevel: string;
  memoryMb: number;
  logRetention: RetentionDays;
}

/**
 * The token issuer for machine callers: a Cognito user pool with no users, one resource server
 * carrying the scopes of API.md, a hosted domain for the token endpoint, and one
 * client-credentials app client per scope holder.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly resourceServer: UserPoolResourceServer;
  readonly domain: UserPoolDomain;
  readonly clients = new Map<Scope, UserPoolClient>();
  readonly resourceServerId: string;
  /** `https://cognito-idp.<region>.<url-suffix>/<poolId>`: the `iss` of every token. */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly tokenEndpoint: string;
  /** How long the app clients' access tokens live; handlers refuse longer-lived tokens. */
  readonly accessTokenValidity = Duration.hours(1);
  /** Adds the registry's district / agency claims to machine tokens (V3: client-credentials grants). */
  readonly preTokenGeneration: NodejsFunction;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.resourceServerId = props.resourceServerId;
    this.userPool = new UserPool(this, 'UserPool', {
      // Essentials: needed for access-token customisation of client-credentials tokens (the
      // district / agency claims; see docs/deploy.md, known limitations).
      featurePlan: FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(1),
      },
      accountRecovery: AccountRecovery.NONE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Machine-to-machine pool: no user ever signs in, only app clients use the client-credentials grant, and ' +
        'threat protection (Plus tier) evaluates user sign-ins, not that grant.',
    );

    const scopeObjects = new Map(
      scopes.map((name) => [
        name,
        new ResourceServerScope({ scopeName: name, scopeDescription: `API.md scope ${name}` }),
      ]),
    );
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: props.resourceServerId,
      userPoolResourceServerName: 'credit-plus API',
      scopes: [...scopeObjects.values()],
    });

    const account = Stack.of(this).account;
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `credit-plus-${props.stage}-${account}` },
    });

    for (const [name, scopeObject] of scopeObjects) {
      const client = this.userPool.addClient(`${constructId(name)}Client`, {
        userPoolClientName: `credit-plus-${props.stage}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`,
        generateSecret: true,
        // No user sign-in flows at all (Cognito keeps only ALLOW_REFRESH_TOKEN_AUTH, unused here).
        authFlows: { user: false, userPassword: false, userSrp: false, custom: false, adminUserPassword: false },
        oAuth: {
          flows: { clientCredentials: true },
          scopes: [OAuthScope.resourceServer(this.resourceServer, scopeObject)],
        },
        accessTokenValidity: this.accessTokenValidity,
        enableTokenRevocation: true,
        preventUserExistenceErrors: true,
      });
      this.clients.set(name, client);
    }

    this.preTokenGeneration = createHandlerFunction(this, 'PreTokenGeneration', {
      entry: 'shared/auth/pre-token-generation-handler.ts',
      description: 'Cognito pre-token generation (V3): district / agency claims from the client registry',
      environment: {
        TABLE_NAME: props.table.table.tableName,
        AUTH_SCOPE_PREFIX: `${props.resourceServerId}/`,
        LOG_LEVEL: props.logLevel,
        SERVICE_NAME: 'credit-plus-auth',
      },
      memoryMb: props.memoryMb,
      timeout: Duration.seconds(5),
      logRetention: props.logRetention,
    });
    props.table.grantReadAccess(this.preTokenGeneration);
    acknowledge(
      this.preTokenGeneration,
      'Serverless-LambdaDLQ',
      'Invoked synchronously by Cognito while it issues a token: a failure fails that token request; a ' +
        'dead-letter queue only applies to asynchronous invocations.',
    );
    // V3_0 is the version that customises access tokens of client-credentials grants (Essentials plan, above).
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.preTokenGeneration,
      LambdaVersion.V3_0,
    );

    this.issuer = `https://${this.userPool.userPoolProviderUrl}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    this.tokenEndpoint = `${this.domain.baseUrl()}/oauth2/token`;
  }

  /** The scope as it appears in a Cognito access token and in an API Gateway method. */
  qualifiedScope(scope: Scope): string {
    return `${this.resourceServerId}/${scope}`;
  }
}
