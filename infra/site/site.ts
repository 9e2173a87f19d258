import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Aws, type CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  type ResponseCustomHeader,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { SecurityHeaders } from './security-headers.js';
import { spaFallbackSource } from './spa-fallback.js';
import { viewerIpSource } from './viewer-ip.js';

/**
 * What the API reads of a request besides Authorization (ten at most: CloudFront's limit per
 * policy). Never Host: API Gateway routes on its own host name.
 */
export const API_REQUEST_HEADERS = [
  'Accept',
  'Content-Type',
  'If-None-Match',
  'Idempotency-Key',
  'X-Correlation-Id',
  'X-Api-Key',
  'Origin',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  // Set by the viewer-ip function from the viewer's address (infra/site/viewer-ip.ts).
  'X-Viewer-Ip',
] as const;

export interface SiteProps {
  /** The built pages (`web/dist`): the `index.html` shell and its content-hashed assets. */
  directory: string;
  /** The API, served by the same distribution under `/v1/*`. */
  api: RestApi;
  /** The API's stage: the origin path in front of `/v1`. */
  stage: string;
  /** Header name → value, as the local server sends them. */
  securityHeaders: SecurityHeaders;
  logRetention: RetentionDays;
}

/** esbuild's `[name]-[hash]` file names: a content hash of 8 base32 characters before the extension. */
const contentHashedName = /-[A-Z2-7]{8}\.[A-Za-z0-9]+$/;

/** A file whose name changes with its content may be kept forever; any other must be revalidated. */
export function isContentHashed(path: string): boolean {
  return contentHashedName.test(path);
}

/** Cache-Control sent with each kind of file (S3 object metadata, honoured by CloudFront and browsers). */
export const siteCacheControl = {
  hashed: 'public, max-age=31536000, immutable',
  other: 'no-cache',
} as const;

/** Every file under `directory`, as a relative path with `/` separators (an S3 key). */
function filesIn(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * CloudFront's response headers policy from the header map the local server sends. CloudFront
 * takes its security headers as structured settings (and refuses them as custom headers), so
 * each is parsed; a value it cannot express stops synthesis rather than deploying another one.
 */
export function responseHeadersFrom(headers: SecurityHeaders): {
  securityHeadersBehavior: ResponseSecurityHeadersBehavior;
  customHeaders: ResponseCustomHeader[];
} {
  const security: { -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K] } = {};
  const customHeaders: ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const unsupported = () => new Error(`CloudFront cannot send ${name}: ${value}`);
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'strict-transport-security': {
        const match = /^max-age=(\d+)(; includeSubDomains)?(; preload)?$/.exec(value);
        if (!match) throw unsupported();
        security.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(match[1])),
          includeSubdomains: match[2] !== undefined,
          preload: match[3] !== undefined,
          override: true,
        };
        break;
      }
      case 'referrer-policy': {
        const policy = Object.values(HeadersReferrerPolicy).find((candidate) => candidate === value);
        if (!policy) throw unsupported();
        security.referrerPolicy = { referrerPolicy: policy, override: true };
        break;
      }
      case 'x-content-type-options':
        if (value !== 'nosniff') throw unsupported();
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options': {
        const option = Object.values(HeadersFrameOption).find((candidate) => candidate === value);
        if (!option) throw unsupported();
        security.frameOptions = { frameOption: option, override: true };
        break;
      }
      default:
        customHeaders.push({ header: name, value, override: true });
    }
  }
  return { securityHeadersBehavior: security, customHeaders };
}

/**
 * The public pages on AWS: a private S3 bucket read only by one CloudFront distribution through
 * origin access control, which also serves the REST API under `/v1/*`, so the pages call their
 * own origin (no CORS). Page paths get the `index.html` shell from a viewer-request function;
 * the pages' responses carry the security headers the local server sends.
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<distribution domain>`: where the pages are, for links such as the badge QR. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    if (!existsSync(join(props.directory, 'index.html'))) {
      throw new Error(
        `The site directory ${props.directory} has no index.html: build the pages first (npm run build:web).`,
      );
    }
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Like every stateful resource here: `cdk destroy` leaves it (docs/deploy.md, Removing a stage).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Only CloudFront (origin access control) reads this bucket and only the deployment writes it; S3 access ' +
        'logs would record just those two principals.',
    );

    const spaFallback = new EdgeFunction(this, 'SpaFallback', {
      comment: 'Page paths get the index.html shell; file paths go to S3 unchanged',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaFallbackSource),
    });
    const viewerIp = new EdgeFunction(this, 'ViewerIp', {
      comment: "API requests carry the viewer's IP in X-Viewer-Ip, replacing any value the client sent",
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(viewerIpSource),
    });
    const { securityHeadersBehavior, customHeaders } = responseHeadersFrom(props.securityHeaders);
    const headersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'The public pages: the security headers the local server sends',
      securityHeadersBehavior,
      ...(customHeaders.length > 0 ? { customHeadersBehavior: { customHeaders } } : {}),
    });
    const pagesCache = new CachePolicy(this, 'PagesCache', {
      comment: "The pages' files, kept as long as their Cache-Control says",
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Only what the API marks cacheable is kept (its public reads' max-age), and always per
    // Authorization value: a protected answer is never served to another caller.
    const apiCache = new CachePolicy(this, 'ApiCache', {
      comment: "The API: honours the API's Cache-Control, keyed by Authorization and the query string",
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Named headers, not "all viewer headers but Host" (a list is what lets the API see only what
    // it reads), among them X-Viewer-Ip, without which every visitor of an edge would share one
    // address and its rate limits (shared/http/viewer-address.ts). Authorization travels in the cache key.
    const apiRequests = new OriginRequestPolicy(this, 'ApiRequests', {
      comment: 'The API: the headers its routes read, and the viewer address',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...API_REQUEST_HEADERS),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });
    // The API's own host, not `api.url` (which names the stage and so depends on the deployment):
    // functions read this distribution's domain, and the deployment depends on those functions.
    const apiOrigin = new HttpOrigin(`${props.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
      originPath: `/${props.stage}`,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `credit-plus ${props.stage}: public pages and /v1`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: pagesCache,
        responseHeadersPolicy: headersPolicy,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: apiOrigin,
          // A redirected POST would lose its body: API callers must use HTTPS.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: apiCache,
          originRequestPolicy: apiRequests,
          functionAssociations: [{ function: viewerIp, eventType: FunctionEventType.VIEWER_REQUEST }],
          compress: true,
        },
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'No CloudFront access logs: standard logs always record the viewer IP (c-ip), and issue 12 allows no IP ' +
        'kept beyond a day, which an S3 lifecycle expiry (run asynchronously) does not guarantee. API requests are ' +
        'logged by API Gateway without the IP.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default *.cloudfront.net certificate only offers the TLSv1 security policy; a custom domain with an ACM ' +
        'certificate (docs/deploy.md) raises it.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Public pages for anyone holding a badge or looking up a company, residents abroad included: no geo restriction.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'A CLOUDFRONT-scope web ACL must be created in us-east-1 and this stack is region-agnostic; the API behind ' +
        '/v1/* keeps its regional web ACL, and the pages are static files.',
    );

    this.deploy(props);
  }

  /**
   * Two deployments of the same build: content-hashed files first, cached for a year; then every
   * other file (`index.html`), revalidated on each use so a new build shows at once. Neither
   * prunes: a page loaded before a deployment still finds the assets it names.
   */
  private deploy(props: SiteProps): void {
    const hashed = filesIn(props.directory).filter(isContentHashed);
    const source = Source.asset(props.directory);
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role rather than the CDK's default (which carries an AWS managed policy): it may write
    // its log group, and the deployments add read on the asset and read-write on this bucket.
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built pages into the site bucket during deployments',
    });
    logGroup.grantWrite(role);
    const common = {
      sources: [source],
      destinationBucket: this.bucket,
      prune: false,
      logGroup,
      role,
      memoryLimit: 512,
    };
    const assets =
      hashed.length > 0
        ? new BucketDeployment(this, 'HashedFiles', {
            ...common,
            exclude: ['*'],
            include: hashed,
            cacheControl: [CacheControl.fromString(siteCacheControl.hashed)],
          })
        : undefined;
    const pages = new BucketDeployment(this, 'OtherFiles', {
      ...common,
      exclude: hashed,
      cacheControl: [CacheControl.fromString(siteCacheControl.other)],
    });
    if (assets) pages.node.addDependency(assets);

    const wildcards = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']
      .map((action) => `Action::${action}`)
      .concat([
        `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`,
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      ]);
    for (const finding of wildcards) {
      acknowledge(
        role,
        `AwsSolutions-IAM5[${finding}]`,
        "The CDK's BucketDeployment grants: read of the build's asset object in the bootstrap asset bucket and " +
          'read-write of the objects in the site bucket, which the AWS CLI sync it runs needs; nothing else.',
      );
    }
    const handler = Stack.of(this)
      .node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))
      .map((child) => child.node.defaultChild ?? child);
    for (const fn of handler) {
      const reason =
        "The CDK's BucketDeployment handler (Python with the AWS CLI layer, its runtime pinned by aws-cdk-lib) runs " +
        'only while CloudFormation deploys the pages; CloudFormation receives and reports its failures.';
      for (const rule of [
        'AwsSolutions-L1',
        'Serverless-LambdaLatestVersion',
        'Serverless-LambdaDLQ',
        'Serverless-LambdaTracing',
      ]) {
        acknowledge(fn, rule, reason);
      }
    }
  }
}
