import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { type Scope, scopes } from '../../shared/http/auth.js';
import { acknowledge } from '../nag.js';
import { constructId } from '../naming.js';

export interface AuthProps {
  stage: string;
  /** The resource server identifier: scopes in tokens read `<identifier>/<scope>`. */
  resourceServerId: string;
  domainPrefix?: string;
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
        accessTokenValidity: Duration.hours(1),
        enableTokenRevocation: true,
        preventUserExistenceErrors: true,
      });
      this.clients.set(name, client);
    }

    this.issuer = `https://${this.userPool.userPoolProviderUrl}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    this.tokenEndpoint = `${this.domain.baseUrl()}/oauth2/token`;
  }

  /** The scope as it appears in a Cognito access token and in an API Gateway method. */
  qualifiedScope(scope: Scope): string {
    return `${this.resourceServerId}/${scope}`;
  }
}
