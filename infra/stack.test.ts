import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { scenarios } from '../scenarios.js';
import { scopes } from '../shared/auth/scopes.js';
import { isPublicRead } from '../shared/http/public-read.js';
import type { DataAccess } from '../shared/scenario.js';
import { OUTBOX_PREFIX } from '../shared/storage/outbox.js';
import { tableDesign } from '../shared/storage/table-design.js';
import { cdkBundlingOptions, functionBundle } from './bundling.js';
import { cfnLintAvailable, runCfnLint, templatesIn } from './cfn-lint.js';
import { accessLogFields, pathRegex, uriPathTransformations } from './constructs/api.js';
import { tableActions } from './constructs/data-table.js';
import { lambdaRuntime } from './constructs/handler-function.js';
import { constructId } from './naming.js';
import { securityHeaders } from './site/security-headers.js';
import { siteCacheControl } from './site/site.js';
import { spaFallbackSource } from './site/spa-fallback.js';
import { viewerIpSource } from './site/viewer-ip.js';
import type { CreditPlusStack } from './stack.js';
import { type CfnJson, type NagFinding, type Resource, type Synthesis, synthesize } from './test-support.js';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

let synthesis: Synthesis;
let app: App;
let stack: CreditPlusStack;
/** Every stack's resources as one template (references across stacks resolved; see test-support). */
let template: Template;
let resources: Record<string, Resource>;
let assemblyDir: string;
let nagFindings: NagFinding[];
let synthSeconds: number;

// ONE synthesis (it bundles every function with esbuild) shared by every test below.
beforeAll(() => {
  const started = performance.now();
  synthesis = synthesize({ bundle: true });
  synthSeconds = (performance.now() - started) / 1000;
  ({ app, stack, resources, assemblyDir, nagFindings } = synthesis);
  template = Template.fromJSON({ Resources: resources });
}, 180_000);

afterAll(() => {
  if (assemblyDir) rmSync(assemblyDir, { recursive: true, force: true });
  console.info(`infra: one synthesis of the app (with bundling) took ${synthSeconds.toFixed(1)} s`);
});

const logicalId = (construct: IConstruct) => synthesis.idOf(construct);
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const actionsOf = (statement: Statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
const mentions = (value: unknown, id: string) => JSON.stringify(value).includes(`"${id}"`);

function functionConstruct(manifestId: string): IConstruct {
  const found = stack.scenarios
    .map((scenario) => scenario.functions.node.tryFindChild(constructId(manifestId)))
    .find((construct) => construct !== undefined);
  if (!found) throw new Error(`No function for ${manifestId}`);
  return found;
}

/** Every statement any policy attached to the function's role allows (its own and managed policies). */
function statementsOf(manifestId: string): Statement[] {
  const fn = resources[logicalId(functionConstruct(manifestId))] as Resource;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const role = resources[roleId] as Resource;
  const managed = ((role.Properties.ManagedPolicyArns ?? []) as { Ref?: string }[])
    .map((arn) => (arn.Ref ? resources[arn.Ref] : undefined))
    .filter((policy): policy is Resource => policy !== undefined);
  const inline = ofType('AWS::IAM::Policy')
    .map(([, policy]) => policy)
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId));
  return [...inline, ...managed].flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function actionsGranted(manifestId: string): Set<string> {
  return new Set(statementsOf(manifestId).flatMap(actionsOf));
}

/** The path of an API Gateway resource, from its PathPart chain up to the root. */
function resourcePath(resourceRef: unknown): string {
  const ref = (resourceRef as { Ref?: string }).Ref;
  if (!ref) return '/';
  const resource = resources[ref] as Resource;
  const parent = resourcePath(resource.Properties.ParentId);
  return `${parent === '/' ? '' : parent}/${resource.Properties.PathPart}`;
}

function webAcl(): [string, Resource] {
  const acls = ofType('AWS::WAFv2::WebACL');
  expect(acls).toHaveLength(1);
  return acls[0] as [string, Resource];
}

function wafRule(name: string): CfnJson {
  const rule = (webAcl()[1].Properties.Rules as { Name: string }[]).find((candidate) => candidate.Name === name);
  expect(rule).toBeDefined();
  return rule;
}

/** Every value under a key named `key`, anywhere in `json`. */
function collect(json: CfnJson, key: string): CfnJson[] {
  if (Array.isArray(json)) return json.flatMap((item) => collect(item, key));
  if (!json || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([name, value]) => [...(name === key ? [value] : []), ...collect(value, key)]);
}

/** The CDK's BucketDeployment handler (Python, at the stack's root): copies the pages, no handler of ours. */
function siteDeploymentHandlerId(): string {
  const handlers = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('CustomCDKBucketDeployment'));
  expect(handlers).toHaveLength(1);
  return (handlers[0] as [string, Resource])[0];
}

function methodFor(method: string, path: string): Resource | undefined {
  return ofType('AWS::ApiGateway::Method')
    .map(([, resource]) => resource)
    .find(
      (resource) => resource.Properties.HttpMethod === method && resourcePath(resource.Properties.ResourceId) === path,
    );
}

/** Every route AWS serves: local-only routes (the local token endpoint) are never deployed. */
const allRoutes = scenarios.flatMap((scenario) => scenario.routes).filter((route) => !route.localOnly);
const localOnlyRoutes = scenarios.flatMap((scenario) => scenario.routes).filter((route) => route.localOnly);
const allSubscriptions = scenarios.flatMap((scenario) => scenario.subscriptions);
const handlers = [...allRoutes, ...allSubscriptions];

describe('API routes come from the manifests', () => {
  test.each(allRoutes.map((route) => [route.id, route] as const))('%s', (_id, route) => {
    const method = methodFor(route.method, route.path);
    expect(method).toBeDefined();
    const properties = (method as Resource).Properties;
    expect(properties.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
    expect(mentions(properties.Integration.Uri, logicalId(functionConstruct(route.id)))).toBe(true);
    if (route.auth === 'public') {
      expect(properties.AuthorizationType).toBe('NONE');
      expect(properties.AuthorizationScopes).toBeUndefined();
    } else {
      expect(properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
      // The authorizer only authenticates: every scope of the resource server passes it, the
      // handler answers a wrong one with 403 (as locally).
      expect(properties.AuthorizationScopes).toEqual(scopes.map((scope) => `credit-plus/${scope}`));
      const authorizerId = (properties.AuthorizerId as { Ref: string }).Ref;
      expect(resources[authorizerId]?.Properties).toMatchObject({ Type: 'COGNITO_USER_POOLS' });
      expect(mentions(resources[authorizerId]?.Properties.ProviderARNs, logicalId(stack.auth.userPool))).toBe(true);
    }
  });

  test('the API has no route the manifests do not list; every routed path answers other methods with 405', () => {
    const methods = ofType('AWS::ApiGateway::Method').map(([, resource]) => resource);
    const proxied = methods.filter((method) => method.Properties.Integration?.Type === 'AWS_PROXY');
    const getRoutes = allRoutes.filter((route) => route.method === 'GET');
    expect(proxied).toHaveLength(allRoutes.length + getRoutes.length);
    const mocks = methods.filter((method) => method.Properties.HttpMethod === 'ANY');
    expect(new Set(mocks.map((method) => resourcePath(method.Properties.ResourceId)))).toEqual(
      new Set(allRoutes.map((route) => route.path)),
    );
    for (const mock of mocks) {
      expect(mock.Properties.Integration).toMatchObject({
        Type: 'MOCK',
        IntegrationResponses: [
          {
            StatusCode: '405',
            ResponseParameters: { 'method.response.header.Content-Type': "'application/problem+json'" },
          },
        ],
      });
    }
  });

  test.each(allRoutes.filter((route) => route.method === 'GET').map((route) => [route.id, route] as const))(
    '%s: HEAD goes to the same function with the same authorization',
    (_id, route) => {
      const get = (methodFor('GET', route.path) as Resource).Properties;
      const head = (methodFor('HEAD', route.path) as Resource | undefined)?.Properties;
      expect(head?.Integration).toEqual(get.Integration);
      for (const key of ['AuthorizationType', 'AuthorizerId', 'AuthorizationScopes'])
        expect(head?.[key]).toEqual(get[key]);
    },
  );

  test('public reads answer CORS preflights at the gateway (any origin, GET and HEAD, no credentials); protected paths do not', () => {
    const publicReadPaths = new Set(allRoutes.filter(isPublicRead).map((route) => route.path));
    for (const path of new Set(allRoutes.map((route) => route.path))) {
      const options = methodFor('OPTIONS', path)?.Properties;
      if (!publicReadPaths.has(path)) {
        expect(options).toBeUndefined();
        continue;
      }
      expect(options).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'MOCK' } });
      const [response] = (options as CfnJson).Integration.IntegrationResponses as {
        StatusCode: string;
        ResponseParameters: CfnJson;
      }[];
      expect(response?.StatusCode).toBe('204');
      expect(response?.ResponseParameters).toMatchObject({
        'method.response.header.Access-Control-Allow-Origin': "'*'",
        'method.response.header.Access-Control-Allow-Methods': "'GET,HEAD'",
      });
      expect(response?.ResponseParameters['method.response.header.Access-Control-Allow-Credentials']).toBeUndefined();
    }
  });

  test('a 405 lists HEAD wherever GET is served and OPTIONS where preflights are answered', () => {
    const allowOf = (path: string) =>
      methodFor('ANY', path)?.Properties.Integration.IntegrationResponses[0].ResponseParameters[
        'method.response.header.Allow'
      ];
    expect(allowOf('/v1/health')).toBe("'GET, HEAD, OPTIONS'");
    expect(allowOf('/v1/credit-records')).toBe("'POST'");
  });

  test('gateway responses are problem+json: unknown route 404, throttled 429, defaults for 4xx and 5xx', () => {
    const expectations: [string, string | undefined][] = [
      ['MISSING_AUTHENTICATION_TOKEN', '404'],
      ['THROTTLED', '429'],
      ['UNAUTHORIZED', '401'],
      ['DEFAULT_4XX', undefined],
      ['DEFAULT_5XX', undefined],
    ];
    for (const [type, status] of expectations) {
      const response = ofType('AWS::ApiGateway::GatewayResponse').find(
        ([, resource]) => resource.Properties.ResponseType === type,
      )?.[1];
      expect(response?.Properties.StatusCode).toBe(status);
      expect(response?.Properties.ResponseParameters['gatewayresponse.header.Content-Type']).toBe(
        "'application/problem+json'",
      );
      const body = response?.Properties.ResponseTemplates['application/json'] as string;
      // API Gateway substitutes $context.error.messageString with a quoted JSON string.
      const parsed = JSON.parse(body.replace('$context.error.messageString', '"message"'));
      expect(parsed.type).toMatch(/^https:\/\/credit-plus\.example\/problems\//);
      if (status) expect(parsed.status).toBe(Number(status));
    }
  });

  test('the stage is throttled, logs access as JSON, and has a web ACL', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() }),
      ],
      AccessLogSetting: Match.objectLike({ Format: Match.stringLikeRegexp('^\\{') }),
    });
    const [stageId] = ofType('AWS::ApiGateway::Stage')[0] ?? [];
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [webAcl()[0], 'Arn'] },
      ResourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: stageId }])]) }),
    });
  });

  const perVisitor = [
    ['per-viewer-ip', 'CUSTOM_KEYS'],
    ['per-ip', 'IP'],
  ] as const;

  test('WAF: one visitor may send 600 requests in 5 minutes to public routes, matched on the normalised path', () => {
    const publicRoutes = allRoutes.filter((route) => route.auth === 'public');
    for (const [suffix, aggregateKeyType] of perVisitor) {
      const rule = wafRule(`public-routes-rate-limit-${suffix}`);
      expect(rule.Action).toEqual({
        Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'rate-limited' } },
      });
      expect(rule.Statement.RateBasedStatement).toMatchObject({
        Limit: 600,
        AggregateKeyType: aggregateKeyType,
        EvaluationWindowSec: 300,
      });
      const pathMatches = collect(rule, 'RegexMatchStatement');
      // Each public path, behind a stage prefix too, is matched by one of a few combined regexes.
      for (const route of publicRoutes) {
        const concrete = route.path.replace(/\{\w+\}/g, '91310000MA1K4B2C3X').toLowerCase();
        for (const sent of [concrete, `/prod${concrete}`]) {
          expect(pathMatches.some((match) => new RegExp(match.RegexString).test(sent))).toBe(true);
        }
      }
      expect(pathMatches.some((match) => new RegExp(match.RegexString).test('/v1/credit-records'))).toBe(false);
      expect(pathMatches.length).toBeLessThan(publicRoutes.length);
      for (const match of pathMatches) {
        expect(match.RegexString.length).toBeLessThanOrEqual(200);
        expect(match.FieldToMatch).toEqual({ UriPath: {} });
        expect(match.TextTransformations).toEqual([
          { Priority: 0, Type: 'URL_DECODE' },
          { Priority: 1, Type: 'NORMALIZE_PATH' },
          { Priority: 2, Type: 'LOWERCASE' },
        ]);
      }
    }
  });

  test('WAF: a second per-visitor limit covers every route, protected clients included', () => {
    for (const [suffix, aggregateKeyType] of perVisitor) {
      const rule = wafRule(`all-routes-rate-limit-${suffix}`);
      expect(rule.Statement.RateBasedStatement).toMatchObject({
        Limit: 3000,
        AggregateKeyType: aggregateKeyType,
        EvaluationWindowSec: 300,
      });
      // Split only by whether the request came through CloudFront: no path or method narrows it.
      expect(collect(rule, 'RegexMatchStatement')).toEqual([]);
      expect(collect(rule, 'ByteMatchStatement')).toEqual([]);
      expect(rule.Action).toEqual({
        Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'ip-rate-limited' } },
      });
    }
    const bodies = webAcl()[1].Properties.CustomResponseBodies;
    expect(JSON.parse(bodies['ip-rate-limited'].Content)).toMatchObject({ status: 429 });
  });

  test("WAF: each route's perAddressLimit from its manifest, per viewer IP and per connection, before the general limits", () => {
    const limited = allRoutes.filter((route) => route.perAddressLimit !== undefined);
    expect(limited.length).toBeGreaterThan(0);
    const rules = webAcl()[1].Properties.Rules as CfnJson[];
    const priorityOf = (name: string) => rules.find((rule) => rule.Name === name)?.Priority;
    for (const route of limited) {
      const stem = route.id.replace(/[^\w-]/g, '-');
      for (const [suffix, aggregateKeyType] of [
        ['per-viewer-ip', 'CUSTOM_KEYS'],
        ['per-ip', 'IP'],
      ]) {
        const rule = wafRule(`${stem}-${suffix}`);
        expect(rule.Statement.RateBasedStatement).toMatchObject({
          Limit: route.perAddressLimit?.limit,
          EvaluationWindowSec: route.perAddressLimit?.windowSeconds,
          AggregateKeyType: aggregateKeyType,
        });
        const scopeDown = JSON.stringify(rule.Statement.RateBasedStatement.ScopeDownStatement);
        expect(scopeDown).toContain(JSON.stringify(pathRegex(route.path)).slice(1, -1));
        expect(scopeDown).toContain(`"SearchString":"${route.method}"`);
        expect(rule.Action).toEqual({
          Block: {
            CustomResponse: {
              ResponseCode: 429,
              CustomResponseBodyKey: 'route-rate-limited',
              ResponseHeaders: [{ Name: 'Retry-After', Value: String(route.perAddressLimit?.windowSeconds) }],
            },
          },
        });
        expect(rule.Priority).toBeLessThan(priorityOf('public-routes-rate-limit-per-viewer-ip'));
      }
    }
    const priorities = rules.map((rule) => rule.Priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    const body = JSON.parse(webAcl()[1].Properties.CustomResponseBodies['route-rate-limited'].Content);
    expect(body).toMatchObject({
      type: expect.stringMatching(/too-many-requests$/),
      title: 'Too many requests',
      status: 429,
    });
  });

  test("WAF: the web ACL stays within WAF's 5,000 capacity units", () => {
    // WAF's published costs (developer guide, rule statements): each text transformation but NONE
    // adds 10; logical statements cost only what they nest.
    const transformations = (statement: CfnJson) =>
      10 * (statement.TextTransformations ?? []).filter((step: CfnJson) => step.Type !== 'NONE').length;
    const managedGroups: Record<string, number> = {
      AWSManagedRulesCommonRuleSet: 700,
      AWSManagedRulesKnownBadInputsRuleSet: 200,
    };
    const capacity = (statement: CfnJson): number => {
      const [[kind, body]] = Object.entries(statement) as [[string, CfnJson]];
      switch (kind) {
        case 'AndStatement':
        case 'OrStatement':
          return body.Statements.reduce((sum: number, each: CfnJson) => sum + capacity(each), 0);
        case 'NotStatement':
          return capacity(body.Statement);
        case 'ByteMatchStatement':
          expect(body.PositionalConstraint).toBe('EXACTLY');
          return 2 + transformations(body);
        case 'RegexMatchStatement':
          return 3 + transformations(body);
        case 'SizeConstraintStatement':
          return 1 + transformations(body);
        case 'RateBasedStatement':
          return (
            2 + 30 * (body.CustomKeys ?? []).length + (body.ScopeDownStatement ? capacity(body.ScopeDownStatement) : 0)
          );
        case 'ManagedRuleGroupStatement':
          expect(managedGroups[body.Name]).toBeDefined();
          return managedGroups[body.Name] as number;
        default:
          throw new Error(`no capacity known for ${kind}`);
      }
    };
    const rules = webAcl()[1].Properties.Rules as CfnJson[];
    const total = rules.reduce((sum, rule) => sum + capacity(rule.Statement), 0);
    // Past 1,500 WAF bills every request a little more; past 5,000 it refuses the ACL.
    console.info(`WAF: the web ACL needs about ${total} WCUs`);
    expect(total).toBeLessThanOrEqual(5000);
  });

  test('WAF: a path spelt differently (encoded, doubled slashes, dot segments, upper case) still meets the public limit', () => {
    // What WAF does with each transformation the rules list, in their priority order.
    const transforms: Record<string, (path: string) => string> = {
      URL_DECODE: (path) => decodeURIComponent(path),
      NORMALIZE_PATH: (path) => posix.normalize(path),
      LOWERCASE: (path) => path.toLowerCase(),
    };
    const asWafSeesIt = (path: string) =>
      [...uriPathTransformations]
        .sort((a, b) => a.priority - b.priority)
        .reduce((value, step) => (transforms[step.type] as (path: string) => string)(value), path);
    const health = new RegExp(pathRegex('/v1/health'));
    for (const spelling of [
      '/dev/v1/%68ealth',
      '/dev//v1/health',
      '/dev/v1/x/../health',
      '/dev/./v1/health',
      '/DEV/V1/Health',
    ]) {
      expect(health.test(spelling)).toBe(false);
      expect(health.test(asWafSeesIt(spelling))).toBe(true);
    }
    expect(health.test(asWafSeesIt('/dev/v1/healthy'))).toBe(false);
  });

  test('local-only routes are not deployed: no method, no function, not in the web ACL', () => {
    expect(localOnlyRoutes.map((route) => route.path)).toContain('/oauth2/token');
    const json = JSON.stringify(resources);
    for (const route of localOnlyRoutes) {
      expect(methodFor(route.method, route.path)).toBeUndefined();
      for (const scenario of stack.scenarios) {
        expect(scenario.functions.node.tryFindChild(constructId(route.id))).toBeUndefined();
      }
      expect(json).not.toContain(route.id);
      const regexes = collect(webAcl()[1], 'RegexString') as string[];
      expect(regexes.some((regex) => new RegExp(regex).test(route.path))).toBe(false);
    }
    // Only the API's own paths: no resource for the token path's first segment either.
    const pathParts = ofType('AWS::ApiGateway::Resource').map(([, resource]) => resource.Properties.PathPart);
    expect(pathParts).not.toContain('oauth2');
  });

  test('the WAF path regexes match the routes with and without the stage prefix, and nothing else', () => {
    const regex = new RegExp(pathRegex('/v1/subjects/{uscc}/credit-profile'));
    expect(regex.test('/dev/v1/subjects/91310000MA1FL8XQ30/credit-profile')).toBe(true);
    expect(regex.test('/v1/subjects/91310000MA1FL8XQ30/credit-profile')).toBe(true);
    expect(regex.test('/dev/v1/subjects/91310000MA1FL8XQ30/credit-profile/extra')).toBe(false);
    expect(regex.test('/dev/v1/credit-records')).toBe(false);
    expect(new RegExp(pathRegex('/v1/openapi.json')).test('/dev/v1/openapiXjson')).toBe(false);
  });
});

describe('Cognito issues machine tokens with the API.md scopes', () => {
  test('a resource server with one scope per API.md scope, and a client-credentials client per scope', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'credit-plus',
      Scopes: scopes.map((scope) => Match.objectLike({ ScopeName: scope })),
    });
    for (const scope of scopes) {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        GenerateSecret: true,
        AllowedOAuthScopes: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`/${scope}`])] })],
      });
    }
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS' });
  });

  test('a V3_0 pre-token-generation trigger adds claims from the client registry (Essentials plan)', () => {
    const triggerId = logicalId(stack.auth.preTokenGeneration);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] },
          LambdaVersion: 'V3_0',
        },
      },
    });
    const trigger = resources[triggerId] as Resource;
    expect(trigger.Properties.Runtime).toBe(lambdaRuntime.name);
    expect(trigger.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: logicalId(stack.table.table) },
      AUTH_SCOPE_PREFIX: 'credit-plus/',
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
    });
    // It reads the registry and writes nothing.
    const roleId = (trigger.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const actions = ofType('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId))
      .flatMap(([, policy]) => (policy.Properties.PolicyDocument.Statement as Statement[]).flatMap(actionsOf));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
    expect(
      actions.filter((action) => action.startsWith('dynamodb:') && /Put|Update|Delete|Write/.test(action)),
    ).toEqual([]);
  });
});

describe('each handler gets exactly the access its manifest declares', () => {
  const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
  const noWriteActions = [...writeActions, 'dynamodb:TransactWriteItems'];
  const allowedFor = (access: readonly DataAccess[], subscriber: boolean) => {
    const allowed = new Set<string>([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
    ]);
    if (subscriber)
      for (const action of ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']) allowed.add(action);
    if (access.includes('table:read'))
      for (const action of [...tableActions.read, 'kms:Decrypt', 'kms:DescribeKey']) allowed.add(action);
    if (access.includes('table:write')) {
      for (const action of [
        ...tableActions.write,
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'kms:DescribeKey',
      ]) {
        allowed.add(action);
      }
    }
    if (access.includes('signing-key:sign')) for (const action of ['kms:Sign', 'kms:GetPublicKey']) allowed.add(action);
    if (access.includes('signing-key:public')) allowed.add('kms:GetPublicKey');
    if (access.includes('worker-id-secret:read')) {
      for (const action of ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']) allowed.add(action);
    }
    return allowed;
  };

  test.each(handlers.map((handler) => [handler.id, handler.access.join(', ') || 'no data access', handler] as const))(
    '%s (%s)',
    (id, _label, handler) => {
      const granted = actionsGranted(id);
      const subscriber = allSubscriptions.some((subscription) => subscription.id === id);
      for (const action of granted) expect(allowedFor(handler.access, subscriber)).toContain(action);

      const reads = handler.access.includes('table:read');
      const writes = handler.access.includes('table:write');
      expect(granted.has('dynamodb:Query')).toBe(reads);
      expect(granted.has('dynamodb:GetItem')).toBe(reads);
      for (const action of writeActions) expect(granted.has(action)).toBe(writes);
      if (!writes) for (const action of noWriteActions) expect(granted).not.toContain(action);
      expect(granted.has('kms:Sign')).toBe(handler.access.includes('signing-key:sign'));
      expect(granted.has('secretsmanager:GetSecretValue')).toBe(handler.access.includes('worker-id-secret:read'));

      const statements = statementsOf(id);
      const signing = statements.filter((statement) => actionsOf(statement).includes('kms:Sign'));
      for (const statement of signing) expect(mentions(statement.Resource, logicalId(stack.signing.key))).toBe(true);
      const reading = statements.filter((statement) => actionsOf(statement).includes('dynamodb:Query'));
      for (const statement of reading) {
        for (const index of tableDesign.indexes)
          expect(JSON.stringify(statement.Resource)).toContain(`/index/${index.name}`);
      }

      const environment = (resources[logicalId(functionConstruct(id))] as Resource).Properties.Environment.Variables;
      expect('SIGNING_KEY_ID' in environment).toBe(
        handler.access.includes('signing-key:sign') || handler.access.includes('signing-key:public'),
      );
      expect('WORKER_ID_SECRET_ARN' in environment).toBe(handler.access.includes('worker-id-secret:read'));
      expect(environment.PUBLIC_ORIGIN).toEqual(
        handler.access.includes('public-origin')
          ? { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.site.distribution), 'DomainName'] }]] }
          : undefined,
      );
    },
  );

  test('no public route can sign: the JWKS function holds kms:GetPublicKey only', () => {
    const publicRoutes = stack.scenarios
      .flatMap((scenario) => scenario.functions.routes)
      .filter(({ route }) => route.auth === 'public');
    expect(publicRoutes.map(({ route }) => route.id)).toContain('system.jwks');
    for (const { route } of publicRoutes) expect(actionsGranted(route.id).has('kms:Sign')).toBe(false);
    expect(actionsGranted('system.jwks').has('kms:GetPublicKey')).toBe(true);
  });

  test('no function holds a wildcard action on the table, its stream or its key, nor any dynamodb:* at all', () => {
    const tableIds = [logicalId(stack.table.table), logicalId(stack.table.key)];
    for (const [, policy] of [...ofType('AWS::IAM::Policy'), ...ofType('AWS::IAM::ManagedPolicy')]) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
        const actions = actionsOf(statement);
        expect(actions.filter((action) => action.startsWith('dynamodb:') && action.includes('*'))).toEqual([]);
        if (tableIds.some((id) => mentions(statement.Resource, id))) {
          expect(actions.filter((action) => action.includes('*'))).toEqual([]);
        }
        if (statement.Resource === '*') {
          expect(
            actions.every((action) =>
              ['dynamodb:ListStreams', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'].includes(action),
            ),
          ).toBe(true);
        }
      }
    }
  });
});

describe('functions', () => {
  test('every function: nodejs24.x on arm64, ESM bundle, tracing, JSON logs to its own log group with retention', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([id]) => id !== siteDeploymentHandlerId());
    // The handlers, the outbox publisher and Cognito's pre-token-generation trigger.
    expect(functions).toHaveLength(handlers.length + 2);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(fn.Properties.MemorySize).toBeGreaterThan(0);
      expect(fn.Properties.Timeout).toBeGreaterThan(0);
      const logGroupId = (fn.Properties.LoggingConfig.LogGroup as { Ref: string }).Ref;
      expect(resources[logGroupId]?.Properties.RetentionInDays).toBeGreaterThan(0);
      expect(fn.Properties.Environment.Variables).toMatchObject({
        TABLE_NAME: { Ref: logicalId(stack.table.table) },
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        SERVICE_NAME: expect.stringMatching(/^credit-plus-/),
      });
    }
  });

  test('handlers get the issuer, JWKS and scope prefix of the Cognito pool; construct ids come from manifest ids', () => {
    for (const handler of handlers) {
      const fn = resources[logicalId(functionConstruct(handler.id))] as Resource;
      const variables = fn.Properties.Environment.Variables;
      expect(variables.AUTH_SCOPE_PREFIX).toBe('credit-plus/');
      // Cognito signs with RS256 and issues 1-hour access tokens; nothing else is accepted.
      expect(variables.AUTH_TOKEN_ALGORITHM).toBe('RS256');
      expect(variables.AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe('3600');
      expect(JSON.stringify(variables.AUTH_ISSUER)).toContain('"https://"');
      expect(mentions(variables.AUTH_ISSUER, logicalId(stack.auth.userPool))).toBe(true);
      expect(JSON.stringify(variables.AUTH_JWKS_URL)).toContain('/.well-known/jwks.json');
      const scenario = scenarios.find((candidate) =>
        [...candidate.routes, ...candidate.subscriptions].some((entry) => entry.id === handler.id),
      );
      expect(functionConstruct(handler.id).node.path).toBe(
        `${stack.stackName}/${constructId(scenario?.id ?? '')}Scenario/Functions/${constructId(handler.id)}`,
      );
    }
    expect(constructId('platform.ingest-credit-records')).toBe('PlatformIngestCreditRecords');
  });

  test('every function was bundled by esbuild from the one bundle description', () => {
    expect(cdkBundlingOptions()).toMatchObject({
      format: 'esm',
      target: functionBundle.target,
      minify: true,
      sourceMap: true,
      externalModules: [],
      mainFields: ['module', 'main'],
    });
    expect(lambdaRuntime.name).toBe(`nodejs${functionBundle.target.replace('node', '')}.x`);
    for (const [, fn] of ofType('AWS::Lambda::Function').filter(([id]) => id !== siteDeploymentHandlerId())) {
      const assetHash = (fn.Properties.Code.S3Key as string).replace(/\.zip$/, '');
      const bundle = join(assemblyDir, `asset.${assetHash}`, functionBundle.outputFile);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith(functionBundle.banner)).toBe(true);
      // The default credential chain is replaced by our stub, not imported at cold start.
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    }
  });
});

describe('data, events and the outbox', () => {
  test('the table is built from tableDesign: on demand, PITR, deletion protection, customer-managed key, stream', () => {
    const keyId = logicalId(stack.table.key);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      StreamSpecification: { StreamViewType: tableDesign.streamView },
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDesign.indexes.map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
    });
    expect(resources[keyId]?.Properties).toMatchObject({ EnableKeyRotation: true });
  });

  test('the publisher reads only OUTBOX# inserts and items carrying events, reports batch item failures, bisects, retries, dead-letters', () => {
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping')[0] ?? [];
    expect(mapping?.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table.table), 'StreamArn'] },
      FunctionName: { Ref: logicalId(stack.publisher.fn) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: expect.any(Number),
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.publisher.deadLetterQueue), 'Arn'] } },
      },
    });
    const filters = mapping?.Properties.FilterCriteria.Filters as { Pattern: string }[];
    expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { [tableDesign.partitionKey]: { S: [{ prefix: OUTBOX_PREFIX }] } } } },
      {
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: { NewImage: { outboxEvents: { L: { M: { detailType: { S: [{ exists: true }] } } } } } },
      },
    ]);
    const publisher = resources[logicalId(stack.publisher.fn)] as Resource;
    expect(publisher.Properties.Environment.Variables.EVENT_BUS_NAME).toEqual({ Ref: logicalId(stack.events.bus) });
    const granted = new Set(
      ofType('AWS::IAM::Policy')
        .filter(([, policy]) => mentions(policy.Properties.Roles, logicalId(stack.publisher.fn.role as IConstruct)))
        .flatMap(([, policy]) => (policy.Properties.PolicyDocument.Statement as Statement[]).flatMap(actionsOf)),
    );
    expect(granted).toContain('events:PutEvents');
    expect(granted).not.toContain('dynamodb:PutItem');
  });

  test('the bus has an archive', () => {
    template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [logicalId(stack.events.bus), 'Arn'] },
      RetentionDays: Match.anyValue(),
    });
  });

  test.each(allSubscriptions.map((subscription) => [subscription.id, subscription] as const))(
    'rule for %s: the manifest pattern exactly, a DLQ and a retry policy on its target',
    (id, subscription) => {
      const rules = ofType('AWS::Events::Rule').filter(([, rule]) =>
        mentions(rule.Properties.Targets, logicalId(functionConstruct(id))),
      );
      expect(rules).toHaveLength(1);
      const rule = (rules[0] as [string, Resource])[1];
      expect(rule.Properties.EventPattern).toEqual(subscription.pattern);
      expect(rule.Properties.EventBusName).toEqual({ Ref: logicalId(stack.events.bus) });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(functionConstruct(id)) },
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    },
  );

  test('every rule target has a dead-letter queue and a retry policy', () => {
    const targets = ofType('AWS::Events::Rule').flatMap(
      ([, rule]) => rule.Properties.Targets as Record<string, CfnJson>[],
    );
    expect(targets).toHaveLength(allSubscriptions.length);
    for (const target of targets) {
      expect(target.DeadLetterConfig?.Arn).toBeDefined();
      expect(target.RetryPolicy).toMatchObject({
        MaximumRetryAttempts: expect.any(Number),
        MaximumEventAgeInSeconds: expect.any(Number),
      });
    }
  });
});

describe('keys, secrets and alarms', () => {
  test('an ECC P-256 signing key and a generated worker-id secret', () => {
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({}) });
  });

  test('every dead-letter queue has a depth alarm, the API a 5xx-rate alarm, all notifying the alarm topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const topicId = logicalId(stack.alarms.topic);
    for (const [queueId] of ofType('AWS::SQS::Queue')) {
      const alarm = alarms.find(
        (properties) =>
          properties.MetricName === 'ApproximateNumberOfMessagesVisible' && mentions(properties.Dimensions, queueId),
      );
      expect(alarm).toBeDefined();
      expect(alarm?.AlarmActions).toEqual([{ Ref: topicId }]);
    }
    const fiveXx = alarms.find((properties) => properties.MetricName === '5XXError');
    expect(fiveXx).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Average',
      AlarmActions: [{ Ref: topicId }],
    });
  });
});

describe('cdk-nag', () => {
  test('AwsSolutions and Serverless packs find nothing unacknowledged (errors or warnings)', () => {
    expect(nagFindings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(nagFindings).toEqual([]);
  });

  test('every acknowledgement names a rule and gives a specific reason', () => {
    const acknowledgements: { path: string; id: string; reason: string }[] = [];
    const visit = (construct: IConstruct) => {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledgements.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
        }
      }
      for (const child of construct.node.children) visit(child);
    };
    visit(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    // No blanket acknowledgements on the app or a stack: each sits on the construct it is about.
    const stackPaths = new Set(['', stack.node.path, ...stack.scenarios.map((scenario) => scenario.node.path)]);
    expect(acknowledgements.filter((ack) => stackPaths.has(ack.path))).toEqual([]);
    for (const ack of acknowledgements) {
      expect(ack.id).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/);
      expect(ack.reason.length).toBeGreaterThan(40);
    }
  });
});

describe('per-client throttling', () => {
  test('every protected method needs an API key; public ones do not', () => {
    for (const route of allRoutes) {
      const method = methodFor(route.method, route.path) as Resource;
      expect(method.Properties.ApiKeyRequired ?? false).toBe(route.auth !== 'public');
    }
  });

  test("a usage plan on the stage gives each client's key its own rate and burst; one key per app client", () => {
    const [restApiId] = ofType('AWS::ApiGateway::RestApi')[0] ?? [];
    const [stageId] = ofType('AWS::ApiGateway::Stage')[0] ?? [];
    const plans = ofType('AWS::ApiGateway::UsagePlan');
    expect(plans).toHaveLength(1);
    const [planId, plan] = plans[0] as [string, Resource];
    expect(plan.Properties).toMatchObject({
      Throttle: { RateLimit: 50, BurstLimit: 100 },
      ApiStages: [{ ApiId: { Ref: restApiId }, Stage: { Ref: stageId } }],
    });
    expect(plan.Properties.Quota).toBeUndefined();
    const keyIds = ofType('AWS::ApiGateway::ApiKey').map(([id]) => id);
    expect(keyIds).toHaveLength(stack.auth.clients.size);
    const planKeys = ofType('AWS::ApiGateway::UsagePlanKey').map(([, resource]) => resource.Properties);
    expect(planKeys.map((key) => key.UsagePlanId)).toEqual(keyIds.map(() => ({ Ref: planId })));
    expect(new Set(planKeys.map((key) => key.KeyId.Ref))).toEqual(new Set(keyIds));
    for (const key of planKeys) expect(key.KeyType).toBe('API_KEY');
  });
});

describe('stack layout: a core stack and one nested stack per scenario', () => {
  const countOf = (json: CfnJson) => Object.keys(json.Resources).length;

  test('each scenario stack holds its functions with their roles and log groups, its rules and dead-letter queues', () => {
    expect(synthesis.templates.map(({ name }) => name)).toEqual([
      stack.stackName,
      ...scenarios.map((scenario) => `${constructId(scenario.id)}Scenario`),
    ]);
    const [core, ...nested] = synthesis.templates.map(({ template }) => template);
    scenarios.forEach((scenario, index) => {
      const scenarioTemplate = nested[index] as Template;
      const handlerCount = scenario.routes.filter((route) => !route.localOnly).length + scenario.subscriptions.length;
      scenarioTemplate.resourceCountIs('AWS::Lambda::Function', handlerCount);
      scenarioTemplate.resourceCountIs('AWS::IAM::Role', handlerCount);
      scenarioTemplate.resourceCountIs('AWS::Logs::LogGroup', handlerCount);
      scenarioTemplate.resourceCountIs('AWS::Events::Rule', scenario.subscriptions.length);
      scenarioTemplate.resourceCountIs('AWS::SQS::Queue', scenario.subscriptions.length);
      scenarioTemplate.resourceCountIs('AWS::CloudWatch::Alarm', scenario.subscriptions.length);
    });
    // The core keeps only the kernel's functions (outbox publisher, Cognito token trigger, the site's
    // deployment handler) and no subscription.
    core?.resourceCountIs('AWS::Lambda::Function', 3);
    core?.resourceCountIs('AWS::Events::Rule', 0);
    core?.resourceCountIs('AWS::CloudFormation::Stack', scenarios.length);
  });

  test('every stack stays far below the 500-resource limit', () => {
    const counts = synthesis.templates.map(({ name, template }) => ({
      stack: name,
      resources: countOf(template.toJSON()),
    }));
    console.info(
      `infra: resources per stack\n${counts.map((row) => `  ${row.stack.padEnd(28)} ${row.resources}`).join('\n')}`,
    );
    for (const row of counts) expect(row.resources).toBeLessThan(300);
  });

  test('the event archive names no KMS key (CloudFormation then uses an AWS-owned key)', () => {
    const archives = ofType('AWS::Events::Archive');
    expect(archives).toHaveLength(1);
    expect(Object.keys((archives[0] as [string, Resource])[1].Properties)).not.toContain('KmsKeyIdentifier');
  });
});

describe('public site: S3 behind CloudFront, the API under /v1/*', () => {
  const distribution = () => resources[logicalId(stack.site.distribution)]?.Properties.DistributionConfig as CfnJson;
  const originOf = (behavior: CfnJson) =>
    (distribution().Origins as CfnJson[]).find((origin) => origin.Id === behavior.TargetOriginId);
  const apiBehavior = () => (distribution().CacheBehaviors as CfnJson[]).find((b) => b.PathPattern === '/v1/*');
  const cachePolicy = (ref: CfnJson) => resources[ref.Ref]?.Properties.CachePolicyConfig as CfnJson;
  const originRequestPolicy = (ref: CfnJson) => resources[ref.Ref]?.Properties.OriginRequestPolicyConfig as CfnJson;

  test('the bucket is private (all public access blocked, TLS only, encrypted, no website) and read through OAC only', () => {
    const bucketId = logicalId(stack.site.bucket);
    const bucket = resources[bucketId] as Resource;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    expect(ofType('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
    const [[oacId, oac]] = ofType('AWS::CloudFront::OriginAccessControl') as [[string, Resource]];
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = originOf(distribution().DefaultCacheBehavior);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });

    const policies = ofType('AWS::S3::BucketPolicy').filter(([, policy]) =>
      mentions(policy.Properties.Bucket, bucketId),
    );
    const statements = policies.flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as CfnJson[]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(mentions(allows[0].Condition.StringEquals['AWS:SourceArn'], logicalId(stack.site.distribution))).toBe(true);
  });

  test('two origins: the bucket, and the REST API by its id and region with the stage as origin path (not its URL)', () => {
    expect(distribution().Origins).toHaveLength(2);
    const apiOrigin = originOf(apiBehavior());
    expect(apiOrigin.DomainName).toEqual({
      'Fn::Join': [
        '',
        [{ Ref: logicalId(stack.api.api) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
      ],
    });
    const [[stageId, apiStage]] = ofType('AWS::ApiGateway::Stage') as [[string, Resource]];
    expect(apiOrigin.OriginPath).toBe(`/${apiStage.Properties.StageName}`);
    expect(apiOrigin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    // Functions read the distribution's domain, and the deployment depends on those functions: the
    // distribution may depend on the RestApi alone, never on its deployment or stage.
    const [[deploymentId]] = ofType('AWS::ApiGateway::Deployment') as [[string, Resource]];
    for (const id of [deploymentId, stageId]) expect(mentions(distribution(), id)).toBe(false);
  });

  test('/v1/* takes every method, forwards the headers the API reads and the viewer address, and caches only what the API allows, per Authorization', () => {
    const behavior = apiBehavior();
    expect(behavior.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(behavior.CachedMethods).toEqual(['GET', 'HEAD']);
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    const forwarded = originRequestPolicy(behavior.OriginRequestPolicyId);
    expect(forwarded.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(forwarded.HeadersConfig.Headers).toEqual(expect.arrayContaining(['X-Viewer-Ip', 'X-Api-Key']));
    expect(forwarded.HeadersConfig.Headers).not.toContain('CloudFront-Viewer-Address');
    expect(forwarded.HeadersConfig.Headers.map((header: string) => header.toLowerCase())).not.toContain('host');
    expect(forwarded.QueryStringsConfig.QueryStringBehavior).toBe('all');
    const policy = cachePolicy(behavior.CachePolicyId);
    // min and default 0: nothing is kept unless the API's Cache-Control says so (its public reads).
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      CookiesConfig: { CookieBehavior: 'none' },
    });
  });

  test('pages: the viewer-request function serves index.html for page paths; no error mapping hides a missing file', () => {
    const defaultBehavior = distribution().DefaultCacheBehavior;
    expect(defaultBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(defaultBehavior.FunctionAssociations).toHaveLength(1);
    const [association] = defaultBehavior.FunctionAssociations;
    expect(association.EventType).toBe('viewer-request');
    const fn = resources[association.FunctionARN['Fn::GetAtt'][0]] as Resource;
    expect(fn.Properties.FunctionCode).toBe(spaFallbackSource);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(apiBehavior().FunctionAssociations).not.toContainEqual(
      expect.objectContaining({ FunctionARN: association.FunctionARN }),
    );
    expect(distribution().CustomErrorResponses).toBeUndefined();
    expect(cachePolicy(defaultBehavior.CachePolicyId)).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
  });

  test("/v1/*: a viewer-request function sets X-Viewer-Ip from the viewer's address, and the policy forwards it", () => {
    const associations = apiBehavior().FunctionAssociations as CfnJson[];
    expect(associations).toHaveLength(1);
    const [association] = associations;
    expect(association.EventType).toBe('viewer-request');
    const fn = resources[association.FunctionARN['Fn::GetAtt'][0]] as Resource;
    expect(fn.Properties.FunctionCode).toBe(viewerIpSource);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const forwarded = originRequestPolicy(apiBehavior().OriginRequestPolicyId).HeadersConfig.Headers as string[];
    expect(forwarded).toContain('X-Viewer-Ip');
    expect(forwarded.length).toBeLessThanOrEqual(10);
  });

  test('the response headers policy of the pages sends exactly the security headers of the shared module', () => {
    const ref = distribution().DefaultCacheBehavior.ResponseHeadersPolicyId;
    const config = resources[ref.Ref]?.Properties.ResponseHeadersPolicyConfig as CfnJson;
    const security = config.SecurityHeadersConfig;
    const hsts = security.StrictTransportSecurity;
    const sent = {
      'Content-Security-Policy': security.ContentSecurityPolicy.ContentSecurityPolicy,
      'Strict-Transport-Security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}${hsts.Preload ? '; preload' : ''}`,
      'Referrer-Policy': security.ReferrerPolicy.ReferrerPolicy,
      'X-Content-Type-Options': security.ContentTypeOptions ? 'nosniff' : undefined,
      'X-Frame-Options': security.FrameOptions.FrameOption,
      ...Object.fromEntries(
        ((config.CustomHeadersConfig?.Items ?? []) as CfnJson[]).map((item) => [item.Header, item.Value]),
      ),
    };
    expect(sent).toEqual(securityHeaders);
    for (const setting of Object.values(security) as CfnJson[]) expect(setting.Override).toBe(true);
  });

  test('the build is deployed twice: hashed files cached for a year, then index.html revalidated; nothing pruned', () => {
    const deployments = ofType('Custom::CDKBucketDeployment').map(([id, resource]) => ({ id, ...resource }));
    expect(deployments).toHaveLength(2);
    const hashed = deployments.find((deployment) => deployment.Properties.Include) as CfnJson;
    const other = deployments.find((deployment) => !deployment.Properties.Include) as CfnJson;
    expect(hashed.Properties).toMatchObject({
      Exclude: ['*'],
      Include: ['main-ABCD2345.js'],
      Prune: false,
      SystemMetadata: { 'cache-control': siteCacheControl.hashed },
      DestinationBucketName: { Ref: logicalId(stack.site.bucket) },
    });
    expect(other.Properties).toMatchObject({
      Exclude: ['main-ABCD2345.js'],
      Prune: false,
      SystemMetadata: { 'cache-control': siteCacheControl.other },
    });
    expect(other.DependsOn).toContain(hashed.id);
    expect(hashed.Properties.SourceObjectKeys).toEqual(other.Properties.SourceObjectKeys);
  });

  test('no IP address is logged: the API access log leaves it out, and CloudFront keeps no access log', () => {
    const [[, apiStage]] = ofType('AWS::ApiGateway::Stage') as [[string, Resource]];
    const format = apiStage.Properties.AccessLogSetting.Format as string;
    expect(JSON.parse(format)).toEqual(accessLogFields);
    expect(format).not.toMatch(/sourceIp|X-Forwarded-For|clientIp|vpce/i);
    expect(distribution().Logging).toBeUndefined();
  });

  test('the SiteUrl and PublicOrigin outputs name the distribution', () => {
    const outputs = synthesis.templates[0]?.template.toJSON().Outputs as CfnJson;
    const expected = {
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.site.distribution), 'DomainName'] }]],
    };
    expect(outputs.SiteUrl.Value).toEqual(expected);
    expect(outputs.PublicOrigin.Value).toEqual(expected);
  });
});

describe('cfn-lint', () => {
  const available = cfnLintAvailable();
  if (!available)
    console.warn('infra: cfn-lint is not on PATH, so the templates were NOT linted (pip install cfn-lint)');
  (available ? test : test.skip)(
    'every synthesised template (the core and each nested stack) passes cfn-lint with .cfnlintrc.yaml',
    () => {
      const templates = templatesIn(assemblyDir);
      expect(templates).toHaveLength(1 + scenarios.length);
      const lint = runCfnLint(templates);
      expect(lint.output).toBe('');
      expect(lint.status).toBe(0);
    },
    60_000,
  );
});
