import type * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { Scope } from './auth/scopes.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a function may touch; the CDK app grants exactly these and nothing more. */
export type DataAccess =
  | 'table:read'
  | 'table:write'
  /** kms:Sign (and the public key): functions that sign documents. */
  | 'signing-key:sign'
  /** kms:GetPublicKey only: functions that publish or check signatures and must never sign. */
  | 'signing-key:public'
  | 'worker-id-secret:read'
  /**
   * PUBLIC_ORIGIN, where the public pages are served (the CloudFront distribution in AWS, the
   * running server locally): functions whose answers link to a page.
   */
  | 'public-origin'
  /** The local issuer's private key (LOCAL_ISSUER_KEY_FILE): only the local token endpoint, never deployed. */
  | 'local-issuer:sign';

/** How long a public read may be kept by browsers and shared caches; `no-store` for live answers. */
export type CachePolicy = { maxAgeSeconds: number } | 'no-store';
/** Problem statuses a route's own logic answers, beyond those its shape implies (see shared/http/openapi.ts). */
export type RouteProblemStatus = 404 | 409 | 422;

/** Each status the handler answers with, and the schema of that response's JSON body. */
export type RouteResponses = { readonly [status: number]: core.$ZodType };

/** The HTTP contract of one route, shared by its handler, the OpenAPI document and the CDK app. */
export interface RouteContract<
  Body extends core.$ZodType = core.$ZodType,
  Params extends core.$ZodType = core.$ZodType,
  Query extends core.$ZodType = core.$ZodType,
  Responses extends RouteResponses = RouteResponses,
> {
  /** Stable id, also the deployed function's name stem: `<scenario>.<action>`. */
  id: string;
  method: HttpMethod;
  /** API Gateway style path with `{param}` placeholders. */
  path: string;
  auth: 'public' | { scope: Scope };
  summary: string;
  body?: Body;
  params?: Params;
  query?: Query;
  /** What the handler answers when it succeeds; `httpRoute` refuses to send any other status. */
  responses: Responses;
  /** The media type of a successful response when it is not JSON (a badge's SVG); its schema is then `z.string()`. */
  mediaType?: string;
  /**
   * Other media types a success may take when the request's Accept prefers them (a check as
   * `text/csv`): the handler reads `headers.accept` and answers with that content-type; the OpenAPI
   * document lists them beside the JSON schema as strings.
   */
  alternativeMediaTypes?: readonly string[];
  /** Client errors only this route's logic gives (a missing record is 404, a clashing change 409). */
  problems?: readonly RouteProblemStatus[];
  /** POST and PUT honour `Idempotency-Key` unless a route opts out. */
  idempotent?: boolean;
  /**
   * Text media types the route reads besides JSON (a roster as `text/csv`): each decodes the UTF-8
   * text into the value `body` then validates, throwing `invalid` (from shared/domain-errors) for
   * what it cannot read.
   */
  textBodies?: { readonly [mediaType: string]: (text: string) => unknown };
  /** Larger bodies get 413; the default is 1 MiB. */
  maxBodyBytes?: number;
  /** Public GET routes: their Cache-Control; every one also gets an ETag and 304 unless `no-store`. */
  cache?: CachePolicy;
}

/**
 * How many requests one viewer address may send to a route in a window, enforced at the edge (AWS
 * WAF in the CDK app, the local gateway locally) before the function runs. The windows are WAF's
 * evaluation windows.
 */
export interface PerAddressLimit {
  limit: number;
  windowSeconds: 60 | 120 | 300 | 600;
}

/** WAF's bounds on a rate-based rule's limit. */
export const PER_ADDRESS_LIMIT_BOUNDS = { min: 10, max: 2_000_000_000 } as const;

/** Stops a runtime or a synthesis at a limit WAF would refuse, so both places enforce the same one. */
export function assertPerAddressLimit(route: Pick<RouteDefinition, 'id' | 'perAddressLimit'>): void {
  const declared = route.perAddressLimit;
  if (declared === undefined) return;
  const { min, max } = PER_ADDRESS_LIMIT_BOUNDS;
  if (!Number.isInteger(declared.limit) || declared.limit < min || declared.limit > max) {
    throw new Error(`${route.id}: perAddressLimit.limit must be a whole number from ${min} to ${max} (WAF's bounds)`);
  }
  if (![60, 120, 300, 600].includes(declared.windowSeconds)) {
    throw new Error(`${route.id}: perAddressLimit.windowSeconds must be 60, 120, 300 or 600 (WAF's windows)`);
  }
}

export interface RouteDefinition extends RouteContract {
  /** The handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  access: DataAccess[];
  /** Served by the local runtime only (the local token endpoint); the CDK app never deploys it. */
  localOnly?: boolean;
  /**
   * Deployment policy rather than contract: the edge refuses requests past it with 429 before the
   * handler runs, so the handler never sees it (docs/decisions.md #51).
   */
  perAddressLimit?: PerAddressLimit;
}

/** An EventBridge event pattern (validated by the event bus before use). */
export type EventPattern = { [field: string]: unknown };

export interface EventDefinition {
  source: string;
  detailType: string;
  schemaVersion: number;
  /** A zod/mini schema (with its `safeParse`), so consumers' tests can validate against it. */
  schema: z.ZodMiniType;
  example: unknown;
  description: string;
}

export interface Subscription {
  id: string;
  handler: string;
  /** Built with `subscribeTo`, so it names every detail-type it takes (no open-ended patterns). */
  pattern: EventPattern;
  access: DataAccess[];
}

/** An event a subscription takes, as the catalog names it. */
export interface EventRef {
  source: string;
  detailType: string;
}

/**
 * The EventBridge pattern for exactly these events. Listing detail-types one by one (never
 * "everything from a source") keeps a new event from reaching, and looping through, a
 * subscriber that was not written for it.
 */
export function subscribeTo(events: readonly EventRef[]): EventPattern {
  return {
    source: [...new Set(events.map((event) => event.source))].sort(),
    'detail-type': [...new Set(events.map((event) => event.detailType))].sort(),
  };
}

/** One scenario = one folder with one of these; the CDK app and the local runtime read it. */
export interface ScenarioDefinition {
  id: string;
  title: string;
  routes: RouteDefinition[];
  emits: EventDefinition[];
  subscriptions: Subscription[];
}

/** Keeps the contract's exact types (its schemas and whether it is public) for its handler. */
export function defineRoute<const Contract extends RouteContract>(contract: Contract): Contract {
  return contract;
}
