import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { parse as parseContentType } from 'content-type';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { DomainError } from '../domain-errors.js';
import { newId } from '../ids.js';
import { logger } from '../logger.js';
import type { RouteContract, RouteResponses } from '../scenario.js';
import { dynamo, tableName } from '../storage/dynamo.js';
import { commit, WriteConflict, type WriteUnit } from '../storage/outbox.js';
import { authenticate, type Caller } from './auth.js';
import {
  findReplay,
  type IdempotencyClaim,
  idempotencyClaim,
  idempotencyRecordWrite,
  type StoredResponse,
} from './idempotency.js';
import { type FieldError, HttpProblem, problemOf, validationProblem } from './problem.js';
import { cacheControl, clientHasCurrent, corsResponseHeaders, isPublicRead, strongEtag } from './public-read.js';
// zod/mini's English messages, set before any request is validated.
import '../zod-locale.js';
import { viewerAddress } from './viewer-address.js';

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const correlationIdPattern = /^[\w.:-]{1,128}$/;

export interface RouteRequest<Body, Params, Query, Auth> {
  body: Body;
  params: Params;
  query: Query;
  caller: Auth extends 'public' ? undefined : Caller;
  correlationId: string;
  now: Date;
  /** Request headers, names in lower case (for content negotiation; auth and idempotency are the kernel's). */
  headers: Record<string, string>;
  /** The client's address as API Gateway saw it: for rate limits only, never to be stored or logged. */
  sourceIp: string;
}

interface RouteOutcome {
  headers?: Record<string, string>;
  units?: WriteUnit[];
  /** Best-effort bookkeeping once the units are committed; a failure is logged, not returned. */
  afterCommit?: () => Promise<void>;
}

/**
 * What a route decided: one of the responses its contract declares (status and body typed by
 * the contract's schema), and the state changes (with their events) to commit first.
 */
export type RouteResult<Responses extends RouteResponses = RouteResponses> = {
  [Status in keyof Responses & number]: RouteOutcome & { status: Status } & (
      | { body: z.input<Responses[Status]>; serializedBody?: string }
      /** The body already serialised, for responses that must be byte-identical when read again. */
      | { body?: undefined; serializedBody: string }
    );
}[keyof Responses & number];

interface RouteContext extends Context {
  route: {
    correlationId: string;
    startedAt: number;
    now: Date;
    headers: Record<string, string>;
    caller?: Caller;
    input?: { body: unknown; params: unknown; query: unknown };
    idempotency?: IdempotencyClaim;
  };
}

type ApiRequest = middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RouteContext>;

const lowerCaseHeaders = (headers: APIGatewayProxyEvent['headers'] | null | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value ?? '']));

/** Turns zod issues into API.md's `errors[{path, message}]`, one entry per bad or extra field. */
export function fieldErrors(error: core.$ZodError, prefix: (string | number)[] = []): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not an allowed field' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  serializedBody?: string,
): APIGatewayProxyResult {
  const problem = status >= 400;
  return {
    statusCode: status,
    headers: { 'content-type': problem ? 'application/problem+json' : 'application/json', ...headers },
    body: serializedBody ?? JSON.stringify(body),
  };
}

const jsonMediaType = /^application\/([\w.+-]+\+)?json$/;
const utf8Labels = new Set(['utf-8', 'utf8']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON is UTF-8 (RFC 8259); a body declared in another charset would be read as something it is
 * not. Returns the decoder of a text media type the route also reads, if that is what was sent.
 */
function requireUtf8Body(
  contentType: string | undefined,
  textBodies: RouteContract['textBodies'] = {},
): ((text: string) => unknown) | undefined {
  const accepted = ['application/json', ...Object.keys(textBodies)].join(' or ');
  const unsupported = () =>
    new HttpProblem(415, 'unsupported-media-type', `Send the request body as ${accepted} in UTF-8.`);
  let mediaType: ReturnType<typeof parseContentType>;
  try {
    mediaType = parseContentType(contentType ?? '');
  } catch {
    throw unsupported();
  }
  const charset = mediaType.parameters.charset?.toLowerCase();
  const decoder = Object.hasOwn(textBodies, mediaType.type) ? textBodies[mediaType.type] : undefined;
  if ((!decoder && !jsonMediaType.test(mediaType.type)) || (charset !== undefined && !utf8Labels.has(charset)))
    throw unsupported();
  return decoder;
}

/**
 * Text bodies arrive as strings; bodies that are not valid UTF-8 arrive base64 (the local server
 * sends them so, as API Gateway does for binary ones) and are decoded strictly, never patched
 * with U+FFFD.
 */
function readJsonBody(
  event: APIGatewayProxyEvent,
  headers: Record<string, string>,
  maxBytes: number,
  textBodies?: RouteContract['textBodies'],
): unknown {
  const body = event.body;
  if (body === null || body === undefined || body === '') {
    throw validationProblem([{ path: '', message: 'a JSON request body is required' }], 'The request has no body.');
  }
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : undefined;
  if ((bytes?.length ?? Buffer.byteLength(body, 'utf8')) > maxBytes) {
    throw new HttpProblem(413, 'payload-too-large', `The request body is larger than ${maxBytes} bytes.`);
  }
  const decodeText = requireUtf8Body(headers['content-type'], textBodies);
  const notUtf8 = () => new HttpProblem(400, 'invalid-encoding', 'The request body is not valid UTF-8.');
  let raw = body;
  if (bytes) {
    try {
      raw = strictUtf8.decode(bytes);
    } catch {
      throw notUtf8();
    }
  } else if (!body.isWellFormed()) {
    throw notUtf8();
  }
  if (decodeText) return decodeText(raw);
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new HttpProblem(400, 'invalid-json', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

const observability = (
  contract: RouteContract,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RouteContext> => ({
  before: (request: ApiRequest) => {
    const headers = lowerCaseHeaders(request.event.headers);
    const offered = headers['x-correlation-id'];
    const correlationId =
      offered && correlationIdPattern.test(offered) ? offered : (request.event.requestContext?.requestId ?? newId());
    request.context.route = { correlationId, startedAt: Date.now(), now: new Date(), headers };
    logger.appendKeys({ correlationId, route: contract.id });
  },
  after: (request: ApiRequest) => finish(contract, request),
  onError: (request: ApiRequest) => {
    request.response = errorResponse(request.error, request.context.route?.correlationId, request.event.path);
    finish(contract, request);
  },
});

function finish(contract: RouteContract, request: ApiRequest): void {
  const route = request.context.route;
  const response = request.response;
  if (!response || !route) return;
  response.headers = {
    ...response.headers,
    ...(isPublicRead(contract) ? corsResponseHeaders : {}),
    'x-correlation-id': route.correlationId,
  };
  // API Gateway sends HEAD to the GET route's function: the same answer, without its body.
  if (request.event.httpMethod === 'HEAD') response.body = '';
  logger.info('request', {
    method: request.event.httpMethod,
    status: response.statusCode,
    durationMs: Date.now() - route.startedAt,
    clientId: route.caller?.clientId,
  });
  logger.removeKeys(['correlationId', 'route']);
}

/** Anything a client can cause is an HttpProblem or a DomainError; everything else is our fault and is logged. */
function errorResponse(error: unknown, correlationId: string | undefined, instance: string): APIGatewayProxyResult {
  if (error instanceof HttpProblem) {
    return jsonResponse(error.status, error.toProblem(instance), error.headers);
  }
  if (error instanceof DomainError) return jsonResponse(problemOf(error).status, problemOf(error).toProblem(instance));
  logger.error('unhandled error', error as Error);
  const problem = new HttpProblem(
    500,
    'internal-error',
    `Something went wrong on our side; quote correlation id ${correlationId ?? 'n/a'} when reporting it.`,
  );
  return jsonResponse(500, problem.toProblem(instance));
}

const authentication = (
  contract: RouteContract,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RouteContext> => ({
  before: async (request: ApiRequest) => {
    if (contract.auth === 'public') return;
    request.context.route.caller = await authenticate(request.context.route.headers.authorization, contract.auth.scope);
  },
});

const validation = (
  contract: RouteContract,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RouteContext> => ({
  before: (request: ApiRequest) => {
    const { event } = request;
    const errors: FieldError[] = [];
    const parse = (schema: core.$ZodType | undefined, value: unknown, where: string) => {
      if (!schema) return undefined;
      const result = z.safeParse(schema, value);
      if (result.success) return result.data;
      errors.push(...fieldErrors(result.error, where === 'body' ? [] : [where]));
      return undefined;
    };
    const params = parse(contract.params, event.pathParameters ?? {}, 'path');
    const query = parse(contract.query, event.queryStringParameters ?? {}, 'query');
    const rawBody = contract.body
      ? readJsonBody(
          event,
          request.context.route.headers,
          contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          contract.textBodies,
        )
      : undefined;
    const body = parse(contract.body, rawBody, 'body');
    if (errors.length > 0) throw validationProblem(errors);
    request.context.route.input = { body, params, query };
  },
});

/**
 * Public reads carry their route's Cache-Control and a strong ETag, and a client that already
 * holds the representation gets 304 without the body. Only 200s are validated: errors are not
 * cached representations.
 */
const conditionalRead = (
  contract: RouteContract,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RouteContext> => ({
  after: (request: ApiRequest) => {
    const response = request.response;
    if (!response) return;
    const caching = { 'cache-control': cacheControl(contract.cache) };
    if (contract.cache === 'no-store' || response.statusCode !== 200) {
      response.headers = { ...response.headers, ...caching };
      return;
    }
    const validator = { ...caching, etag: strongEtag(response.body) };
    request.response = clientHasCurrent(request.context.route.headers, validator.etag)
      ? { statusCode: 304, headers: validator, body: '' }
      : { ...response, headers: { ...response.headers, ...validator } };
  },
});

const isIdempotent = (contract: RouteContract) =>
  contract.idempotent ?? (contract.method === 'POST' || contract.method === 'PUT');

const replayResponse = (stored: StoredResponse): APIGatewayProxyResult => ({ ...stored });

/** Claims the Idempotency-Key; the replay happens in the core, so the after-stack runs for it too. */
const idempotency = (
  contract: RouteContract,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RouteContext> => ({
  before: (request: ApiRequest) => {
    const route = request.context.route;
    const key = route.headers['idempotency-key'];
    if (!isIdempotent(contract) || key === undefined) return;
    route.idempotency = idempotencyClaim({
      key,
      clientId: route.caller?.clientId ?? 'public',
      routeId: contract.id,
      path: request.event.path,
      body: route.input?.body,
    });
  },
});

/**
 * The one middy stack every HTTP handler uses: correlation id and logging, problem+json for
 * every error, CORS, Cache-Control, ETag and 304 for public reads, HEAD as GET without the body,
 * bearer token and scope, zod validation of path, query and body, Idempotency-Key,
 * then the route's own logic, whose state changes and events are committed in one transaction
 * together with the idempotency record.
 */
export function httpRoute<
  Body extends core.$ZodType,
  Params extends core.$ZodType,
  Query extends core.$ZodType,
  Responses extends RouteResponses,
  Contract extends RouteContract<Body, Params, Query, Responses>,
>(
  contract: Contract & RouteContract<Body, Params, Query, Responses>,
  handle: (
    request: RouteRequest<z.output<Body>, z.output<Params>, z.output<Query>, Contract['auth']>,
  ) => Promise<RouteResult<NoInfer<Responses>>>,
) {
  const core = async (event: APIGatewayProxyEvent, context: RouteContext): Promise<APIGatewayProxyResult> => {
    const route = context.route;
    const claim = route.idempotency;
    if (claim) {
      const replay = await findReplay(dynamo(), tableName(), claim, route.now);
      if (replay) return replayResponse(replay);
    }
    const result = await handle({
      body: route.input?.body as z.output<Body>,
      params: route.input?.params as z.output<Params>,
      query: route.input?.query as z.output<Query>,
      caller: route.caller as RouteRequest<unknown, unknown, unknown, Contract['auth']>['caller'],
      correlationId: route.correlationId,
      now: route.now,
      headers: route.headers,
      sourceIp: viewerAddress(route.headers, event.requestContext?.identity?.sourceIp),
    });
    // The OpenAPI document promises exactly these statuses; anything else is a bug, not an answer.
    if (!(result.status in contract.responses)) {
      throw new Error(`${contract.id} answered ${result.status}, which its contract does not declare`);
    }
    const response = jsonResponse(
      result.status,
      result.body,
      { 'content-type': contract.mediaType ?? 'application/json', ...result.headers },
      result.serializedBody,
    );
    const stored: StoredResponse = {
      statusCode: response.statusCode,
      headers: response.headers as Record<string, string>,
      body: response.body,
    };
    const finalWrites = claim ? [idempotencyRecordWrite(tableName(), claim, stored, route.now)] : [];
    if ((result.units?.length ?? 0) > 0 || finalWrites.length > 0) {
      try {
        await commit(dynamo(), tableName(), result.units ?? [], { finalWrites, now: route.now });
      } catch (error) {
        // A concurrent retry with the same key won the race: answer as it did.
        if (
          claim &&
          error instanceof WriteConflict &&
          error.failedWrites.some((write) => finalWrites.includes(write))
        ) {
          const replay = await findReplay(dynamo(), tableName(), claim, route.now);
          if (replay) return replayResponse(replay);
        }
        throw error;
      }
    }
    await result
      .afterCommit?.()
      .catch((error: Error) => logger.warn('after-commit step failed', { error: error.message }));
    return response;
  };
  const stack = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RouteContext>(core).use(
    observability(contract),
  );
  // After-steps run in reverse: the conditional read sees the route's response before `finish`.
  if (isPublicRead(contract)) stack.use(conditionalRead(contract));
  return logger.invocation(stack.use(authentication(contract)).use(validation(contract)).use(idempotency(contract)));
}
