import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  MockIntegration,
  PassthroughBehavior,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { scopes } from '../../shared/auth/scopes.js';
import { HttpProblem } from '../../shared/http/problem.js';
import { allowedMethods, isPublicRead, publicCors } from '../../shared/http/public-read.js';
import { VIEWER_IP_HEADER } from '../../shared/http/viewer-address.js';
import { assertPerAddressLimit, type RouteDefinition } from '../../shared/scenario.js';
import { acknowledge } from '../nag.js';
import type { Auth } from './auth.js';
import type { DeployedRoute } from './scenario-functions.js';

export interface ApiProps {
  stage: string;
  routes: readonly DeployedRoute[];
  auth: Auth;
  rateLimit: number;
  burstLimit: number;
  publicRateLimitPer5Min: number;
  ipRateLimitPer5Min: number;
  logRetention: RetentionDays;
}

/**
 * One JSON line per request; no bodies, no tokens, only the calling client's id, and no IP
 * address: these lines are kept for `logRetentionDays`, and no IP may be kept beyond a day (issue 12).
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  errorType: '$context.error.responseType',
  wafStatus: '$context.waf.status',
  clientId: '$context.authorizer.claims.client_id',
  xrayTraceId: '$context.xrayTraceId',
};

/** Stands for API Gateway's own message (`$context.error.messageString`, already a JSON string). */
const GATEWAY_MESSAGE = '\u0000gateway-message\u0000';

/**
 * A problem+json body for a gateway response, built from the same HttpProblem the handlers
 * answer with. `status: undefined` leaves the status out (DEFAULT_4XX/5XX cover many codes).
 */
export function problemTemplate(problem: { status?: number; kind: string; title: string; detail?: string }): string {
  const { status: _status, ...rest } = new HttpProblem(
    problem.status ?? 400,
    problem.kind,
    problem.detail ?? GATEWAY_MESSAGE,
  ).toProblem();
  const body = {
    ...rest,
    title: problem.title,
    ...(problem.status === undefined ? {} : { status: problem.status }),
    requestId: '$context.requestId',
  };
  return JSON.stringify(body).replace(JSON.stringify(GATEWAY_MESSAGE), '$context.error.messageString');
}

const problemHeaders = { 'Content-Type': "'application/problem+json'" };

/** Gateway responses: what API Gateway itself answers, as problem+json like the handlers. */
const gatewayResponses: {
  type: ResponseType;
  status?: number;
  kind: string;
  title: string;
  detail?: string;
  headers?: Record<string, string>;
}[] = [
  // REST APIs answer an unknown path or method with 403 "Missing Authentication Token".
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    kind: 'not-found',
    title: 'Not found',
    detail: 'No route matches this path.',
  },
  {
    type: ResponseType.UNAUTHORIZED,
    status: 401,
    kind: 'unauthorized',
    title: 'Unauthorized',
    headers: { 'WWW-Authenticate': "'Bearer'" },
  },
  { type: ResponseType.ACCESS_DENIED, status: 403, kind: 'forbidden', title: 'Forbidden' },
  { type: ResponseType.WAF_FILTERED, status: 403, kind: 'forbidden', title: 'Forbidden' },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    kind: 'too-many-requests',
    title: 'Too many requests',
    headers: { 'Retry-After': "'1'" },
  },
  { type: ResponseType.REQUEST_TOO_LARGE, status: 413, kind: 'payload-too-large', title: 'Payload too large' },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    kind: 'unsupported-media-type',
    title: 'Unsupported media type',
  },
  { type: ResponseType.INTEGRATION_TIMEOUT, status: 504, kind: 'gateway-timeout', title: 'Gateway timeout' },
  { type: ResponseType.DEFAULT_4XX, kind: 'request-rejected', title: 'Request rejected' },
  { type: ResponseType.DEFAULT_5XX, kind: 'server-error', title: 'Server error' },
];

/**
 * `/v1/subjects/{uscc}/credit-profile` as a WAF regex on the URI path, with or without the stage
 * prefix, after `uriPathTransformations` (so literal segments are matched in lower case).
 */
export function pathRegex(path: string): string {
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      /^\{.+\}$/.test(segment) ? '[^/]+' : segment.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  return `^(/[^/]+)?/${segments.join('/')}/?$`;
}

/**
 * Applied to the path before a rule matches it, so `/v1/%68ealth`, `/v1//health` or
 * `/dev/v1/x/../health` cannot slip past a route's regex: decoded once (as API Gateway decodes it),
 * normalised (repeated slashes, `./` and `../` removed), lower-cased.
 */
export const uriPathTransformations: CfnWebACL.TextTransformationProperty[] = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'NORMALIZE_PATH' },
  { priority: 2, type: 'LOWERCASE' },
];

const tooManyRequestsBody = (detail: string): CfnWebACL.CustomResponseBodyProperty => ({
  contentType: 'APPLICATION_JSON',
  content: JSON.stringify({
    ...new HttpProblem(429, 'too-many-requests', detail).toProblem(),
    title: 'Too many requests',
  }),
});

type Statement = CfnWebACL.StatementProperty;
const anyOf = (statements: Statement[]): Statement =>
  statements.length === 1 ? (statements[0] as Statement) : { orStatement: { statements } };
const allOf = (statements: Statement[]): Statement =>
  statements.length === 1 ? (statements[0] as Statement) : { andStatement: { statements } };

/** Matches requests to the given routes (method and path). */
export function routesStatement(routes: readonly { method: string; path: string }[]): Statement {
  const byMethod = new Map<string, string[]>();
  for (const route of routes) byMethod.set(route.method, [...(byMethod.get(route.method) ?? []), route.path]);
  return anyOf(
    [...byMethod].map(([method, paths]) =>
      allOf([
        {
          byteMatchStatement: {
            fieldToMatch: { method: {} },
            positionalConstraint: 'EXACTLY',
            searchString: method,
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
        anyOf(
          combinedPathRegexes(paths).map((regexString) => ({
            regexMatchStatement: {
              fieldToMatch: { uriPath: {} },
              regexString,
              textTransformations: uriPathTransformations,
            },
          })),
        ),
      ]),
    ),
  );
}

/** WAF's quota on the characters of one regex. */
export const MAX_WAF_REGEX_LENGTH = 200;

/**
 * The paths' regexes as few alternations as fit WAF's regex quota: a regex statement costs the
 * same WCUs (3, plus 10 a transformation) whatever it matches, so one per path made the public
 * routes' scope most of the web ACL's capacity.
 */
export function combinedPathRegexes(paths: readonly string[]): string[] {
  const prefix = '^(/[^/]+)?/';
  const suffix = '/?$';
  const bodies = [...new Set(paths.map((path) => pathRegex(path).slice(prefix.length, -suffix.length)))];
  const regexOf = (group: string[]) =>
    group.length === 1 ? `${prefix}${group[0]}${suffix}` : `${prefix}(?:${group.join('|')})${suffix}`;
  const groups: string[][] = [];
  for (const body of bodies) {
    const last = groups.at(-1);
    if (last && regexOf([...last, body]).length <= MAX_WAF_REGEX_LENGTH) last.push(body);
    else groups.push([body]);
  }
  return groups.map((group) => {
    const regex = regexOf(group);
    if (regex.length > MAX_WAF_REGEX_LENGTH)
      throw new Error(`A route's path regex is longer than WAF allows: ${regex}`);
    return regex;
  });
}

/** A request that came through the site's distribution: its viewer-ip function set the header. */
const viewerIpPresent: Statement = {
  sizeConstraintStatement: {
    // SingleHeader is untyped JSON in the CDK, so its key is spelt as CloudFormation spells it.
    fieldToMatch: { singleHeader: { Name: VIEWER_IP_HEADER } },
    comparisonOperator: 'GT',
    size: 0,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

/**
 * One rate limit as two rate-based rules that split the requests in `scope` (all, if none)
 * between them: those through CloudFront counted per `x-viewer-ip` (the visitor; the connection is
 * the edge's), the others (straight to execute-api) per connection address. A header value is
 * counted as sent, so a caller forging it still lands in one of the two rules (docs/decisions.md #51).
 */
export function perVisitorRules(
  stem: string,
  scope: Statement | undefined,
  counted: { limit: number; evaluationWindowSec: number },
  firstPriority: number,
  action: CfnWebACL.RuleActionProperty,
): CfnWebACL.RuleProperty[] {
  const within = (statement: Statement) => (scope ? allOf([scope, statement]) : statement);
  const statements: [string, CfnWebACL.RateBasedStatementProperty][] = [
    [
      'per-viewer-ip',
      {
        ...counted,
        aggregateKeyType: 'CUSTOM_KEYS',
        customKeys: [{ header: { name: VIEWER_IP_HEADER, textTransformations: [{ priority: 0, type: 'NONE' }] } }],
        scopeDownStatement: within(viewerIpPresent),
      },
    ],
    [
      'per-ip',
      {
        ...counted,
        aggregateKeyType: 'IP',
        scopeDownStatement: within({ notStatement: { statement: viewerIpPresent } }),
      },
    ],
  ];
  return statements.map(([suffix, rateBasedStatement], index) => {
    const name = `${stem}-${suffix}`;
    return {
      name,
      priority: firstPriority + index,
      action,
      statement: { rateBasedStatement },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    };
  });
}

/** A route's `perAddressLimit` as its two per-visitor rules, scoped to the route's method and path. */
export function perAddressRules(
  route: Pick<RouteDefinition, 'id' | 'method' | 'path' | 'perAddressLimit'>,
  firstPriority: number,
  action: CfnWebACL.RuleActionProperty,
): CfnWebACL.RuleProperty[] {
  assertPerAddressLimit(route);
  const rate = route.perAddressLimit;
  if (!rate) return [];
  // HEAD is served by the GET route, so it spends the same allowance (as locally).
  const scope = routesStatement(route.method === 'GET' ? [route, { path: route.path, method: 'HEAD' }] : [route]);
  // Rule names take letters, digits, `_` and `-`; route ids have a dot.
  const stem = route.id.replace(/[^\w-]/g, '-');
  return perVisitorRules(
    stem,
    scope,
    { limit: rate.limit, evaluationWindowSec: rate.windowSeconds },
    firstPriority,
    action,
  );
}

/**
 * The REST API (API Gateway v1: WAF attaches to REST APIs, not HTTP APIs; handlers take the
 * payload 1.0 event). Routes come from the manifests: a protected route gets the Cognito authorizer
 * accepting any scope of the resource server (the handler checks its own), a public route none. Stage throttling, JSON
 * access logs, execution logs on errors, X-Ray, problem+json gateway responses, 405 for a
 * known path with the wrong method, and a web ACL with a per-IP rate limit on public routes.
 */
export class Api extends Construct {
  readonly api: RestApi;
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new RestApi(this, 'RestApi', {
      restApiName: `credit-plus-${props.stage}`,
      description: 'credit-plus HTTP API v1 (API.md)',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // Execution logging needs the account-wide API Gateway → CloudWatch role; kept on stack deletion
      // because other APIs in the account may rely on the same account setting.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stage,
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      acknowledge(
        cloudWatchRole,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        'The account-wide role API Gateway uses to write execution logs; AWS maintains exactly the log actions it needs.',
      );
    }
    acknowledge(
      this.api,
      'AwsSolutions-APIG2',
      'Handlers validate every request with the zod schemas the OpenAPI document is generated from and answer ' +
        'problem+json naming every bad field; gateway validation would duplicate that with a different error shape.',
    );

    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.auth.userPool],
      authorizerName: 'cognito-machine-clients',
    });

    const routesOf = new Map<IResource, RouteDefinition[]>();
    for (const { route, fn } of props.routes) {
      const resource = this.api.root.resourceForPath(route.path);
      const integration = new LambdaIntegration(fn, { proxy: true, scopePermissionToMethod: false });
      // REST APIs do not answer HEAD for GET: the same function serves it and drops the body.
      for (const httpMethod of route.method === 'GET' ? ['GET', 'HEAD'] : [route.method]) {
        const operationName = httpMethod === route.method ? route.id : `${route.id} (${httpMethod})`;
        const method =
          route.auth === 'public'
            ? resource.addMethod(httpMethod, integration, { operationName, authorizationType: AuthorizationType.NONE })
            : resource.addMethod(httpMethod, integration, {
                operationName,
                authorizationType: AuthorizationType.COGNITO,
                authorizer,
                // The client's own throttle bucket (ClientThrottling): its usage plan key.
                apiKeyRequired: true,
                // API Gateway only authenticates: any of our scopes passes, and the handler answers a
                // wrong scope with 403, exactly as the local runtime does (ARCHITECTURE.md, Auth).
                authorizationScopes: scopes.map((name) => props.auth.qualifiedScope(name)),
              });
        if (route.auth === 'public') {
          const reason = `${httpMethod} ${route.path} is public in API.md (${route.id}); it is rate limited per IP by the web ACL.`;
          acknowledge(method, 'AwsSolutions-APIG4', reason);
          acknowledge(method, 'AwsSolutions-COG4', reason);
        }
      }
      routesOf.set(resource, [...(routesOf.get(resource) ?? []), route]);
    }

    // Public reads answer CORS preflights at the gateway (API.md); protected paths offer none.
    for (const [resource, routes] of routesOf) {
      if (!routes.some(isPublicRead)) continue;
      const preflight = resource.addCorsPreflight({
        allowOrigins: [publicCors.allowOrigin],
        allowMethods: [...publicCors.allowMethods],
        allowHeaders: [...publicCors.allowHeaders],
        maxAge: Duration.seconds(publicCors.maxAgeSeconds),
        statusCode: 204,
      });
      const reason = `CORS preflight of the public read ${resource.path}: a mock integration that reaches no backend.`;
      acknowledge(preflight, 'AwsSolutions-APIG4', reason);
      acknowledge(preflight, 'AwsSolutions-COG4', reason);
    }

    // A known path with a method it does not have: 405 with Allow (API.md), not the 404 below.
    for (const [resource, routes] of routesOf) {
      const allow = allowedMethods(routes).join(', ');
      const body = problemTemplate({
        status: 405,
        kind: 'method-not-allowed',
        title: 'Method not allowed',
        detail: `This path allows ${allow}.`,
      });
      const method = resource.addMethod(
        'ANY',
        new MockIntegration({
          passthroughBehavior: PassthroughBehavior.NEVER,
          requestTemplates: { 'application/json': '{"statusCode": 405}' },
          integrationResponses: [
            {
              statusCode: '405',
              responseTemplates: { 'application/json': body },
              responseParameters: {
                'method.response.header.Allow': `'${allow}'`,
                'method.response.header.Content-Type': "'application/problem+json'",
              },
            },
          ],
        }),
        {
          operationName: `method-not-allowed ${resource.path}`,
          authorizationType: AuthorizationType.NONE,
          methodResponses: [
            {
              statusCode: '405',
              responseParameters: { 'method.response.header.Allow': true, 'method.response.header.Content-Type': true },
            },
          ],
        },
      );
      const reason = `Mock integration answering 405 for methods ${resource.path} does not have; it reaches no backend.`;
      acknowledge(method, 'AwsSolutions-APIG4', reason);
      acknowledge(method, 'AwsSolutions-COG4', reason);
    }

    for (const response of gatewayResponses) {
      this.api.addGatewayResponse(`${response.type.responseType}Response`, {
        type: response.type,
        ...(response.status === undefined ? {} : { statusCode: String(response.status) }),
        responseHeaders: { ...problemHeaders, ...response.headers },
        templates: { 'application/json': problemTemplate(response) },
      });
    }

    this.webAcl = this.createWebAcl(props);
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }

  private createWebAcl(props: ApiProps): CfnWebACL {
    const publicRoutes = props.routes
      .filter(({ route }) => route.auth === 'public')
      .flatMap(({ route }) =>
        isPublicRead(route) ? ['GET', 'HEAD', 'OPTIONS'].map((method) => ({ path: route.path, method })) : [route],
      );
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const rules: CfnWebACL.RuleProperty[] = [];
    const blockWith429 = (customResponseBodyKey: string, retryAfterSeconds?: number): CfnWebACL.RuleActionProperty => ({
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey,
          ...(retryAfterSeconds === undefined
            ? {}
            : { responseHeaders: [{ name: 'Retry-After', value: String(retryAfterSeconds) }] }),
        },
      },
    });
    // Routes' own limits first: the tightest, and their 429 names the route's window. WAF keeps
    // counting a blocked address, so after one whole window without requests it is let in again.
    const limitedRoutes = props.routes.filter(({ route }) => route.perAddressLimit !== undefined);
    for (const { route } of limitedRoutes) {
      const window = route.perAddressLimit?.windowSeconds;
      rules.push(...perAddressRules(route, rules.length, blockWith429('route-rate-limited', window)));
    }
    // Behind CloudFront every visitor of an edge shares its address: both general limits count
    // per visitor there too (docs/decisions.md #55).
    if (publicRoutes.length > 0) {
      rules.push(
        ...perVisitorRules(
          'public-routes-rate-limit',
          routesStatement(publicRoutes),
          { limit: props.publicRateLimitPer5Min, evaluationWindowSec: 300 },
          rules.length,
          blockWith429('rate-limited'),
        ),
      );
    }
    // Every route, protected ones included: one address cannot take the stage's shared throttle.
    rules.push(
      ...perVisitorRules(
        'all-routes-rate-limit',
        undefined,
        { limit: props.ipRateLimitPer5Min, evaluationWindowSec: 300 },
        rules.length,
        blockWith429('ip-rate-limited'),
      ),
    );
    for (const [name, overrides] of [
      // Request bodies are limited by the handlers (413 at their own limits, up to a batch of 1000 merchants).
      ['AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']],
      ['AWSManagedRulesKnownBadInputsRuleSet', []],
    ] as const) {
      rules.push({
        name,
        priority: rules.length,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name,
            ...(overrides.length > 0
              ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
              : {}),
          },
        },
        visibilityConfig: visibility(name),
      });
    }
    return new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: `credit-plus ${props.stage} API: per-address limits of routes, per-IP rate limits on public routes and on all routes, AWS managed rules`,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`credit-plus-${props.stage}-api`),
      customResponseBodies: {
        ...(limitedRoutes.length > 0
          ? {
              'route-rate-limited': tooManyRequestsBody(
                'Too many requests to this route from this address; retry after the seconds in Retry-After.',
              ),
            }
          : {}),
        'rate-limited': tooManyRequestsBody(
          'Too many requests to public routes from this address; retry in a few minutes.',
        ),
        'ip-rate-limited': tooManyRequestsBody('Too many requests from this address; retry in a few minutes.'),
      },
      rules,
    });
  }
}
