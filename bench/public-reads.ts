import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiGatewayEvent, type LocalRequest, lambdaContext } from '../local/api-gateway.js';
import { localDynamoClient } from '../local/dynamodb-local.js';
import { functionEnvironment, type LocalPlatformConfig } from '../local/functions/environment.js';
import { TABLE_NAME } from '../local/runtime.js';
import { repositoryRoot } from '../local/settings.js';
import { scenarios } from '../scenarios.js';
import { VIEWER_IP_HEADER } from '../shared/http/viewer-address.js';
import type { RouteDefinition } from '../shared/scenario.js';
import { PUBLISHER_CHECKPOINT_KEY } from '../shared/storage/publisher-checkpoint.js';
import { percentile, round } from './stats.js';

/** The plan: warm-ups first, then rounds in which every probe makes this many calls in a row. */
const FLOOR_WARMUP = 2_000;
const WARMUP = 200;
const ROUNDS = 30;
const CALLS_PER_ROUND = 20;
/** How often each route is called by each path (function, runtime), warm-up included. */
export const CALLS_PER_PATH = WARMUP + ROUNDS * CALLS_PER_ROUND;

/** A public read as a visitor sends it; `request` gives each call its own (the lookup's next badge). */
export interface PublicRead {
  name: string;
  routeId: string;
  /** The target: the function's p50 within this many GetItem floors. */
  targetRatio?: number;
  request(): { params: Record<string, string>; query?: string; body?: unknown };
}

export interface TimedFigure {
  p50Ms: number;
  p90Ms: number;
  /** p50 over the GetItem floor's p50 of the same interleaved run. */
  ratio: number;
}

export interface PublicReadResult {
  name: string;
  routeId: string;
  targetRatio?: number;
  function: TimedFigure;
  runtime: TimedFigure;
}

export interface PublicReadsResult {
  floor: { p50Ms: number; p90Ms: number; p99Ms: number };
  rounds: number;
  callsPerRound: number;
  reads: PublicReadResult[];
}

/** One kind of call; `prepare` builds the request outside the timed part, the returned call is timed. */
interface Probe {
  prepare(): () => Promise<void>;
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const registered = new Map(
  scenarios.flatMap((scenario) => scenario.routes.map((route) => [route.id, { scenario, route }] as const)),
);

function registeredRoute(routeId: string) {
  const found = registered.get(routeId);
  if (!found) throw new Error(`bench: no route ${routeId} in scenarios.ts`);
  return found;
}

/**
 * The environment the local platform gives these functions. They share this process, so it is
 * the union of their grants (a function ignores what it was not granted); the only variable
 * that differs between them, SERVICE_NAME, merely names log lines.
 */
function functionsEnvironment(routeIds: string[], platform: LocalPlatformConfig): Record<string, string> {
  const environments = routeIds.map((routeId) => {
    const { scenario, route } = registeredRoute(routeId);
    return functionEnvironment(scenario.id, route.access, platform);
  });
  return Object.assign({}, ...environments, { SERVICE_NAME: 'credit-plus-bench' });
}

let addresses = 0;
/** Every function call comes from its own address, so no per-address limit refuses the bench. */
function nextAddress(): string {
  const n = addresses++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function localRequest(
  route: RouteDefinition,
  read: PublicRead,
): { request: LocalRequest; params: Record<string, string> } {
  const { params, query, body } = read.request();
  const path = route.path.replace(/\{(\w+)\}/g, (_placeholder, name: string) => encodeURIComponent(params[name]!));
  const sourceIp = nextAddress();
  const headers: Record<string, string> = { [VIEWER_IP_HEADER]: sourceIp };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const request: LocalRequest = { method: route.method, url: query ? `${path}?${query}` : path, headers, sourceIp };
  if (body !== undefined) request.body = JSON.stringify(body);
  return { request, params };
}

function expectOk(read: PublicRead, path: string, status: number, body: string | undefined) {
  if (status >= 400) throw new Error(`bench: ${read.name} (${path}) answered ${status}: ${body?.slice(0, 300)}`);
}

/** The handler invoked as Lambda invokes it: its API Gateway event in, its result out, in this process. */
async function functionProbe(read: PublicRead): Promise<Probe> {
  const { route } = registeredRoute(read.routeId);
  const { handler } = (await import(pathToFileURL(resolve(repositoryRoot, route.handler)).href)) as {
    handler: Handler;
  };
  return {
    prepare() {
      const { request, params } = localRequest(route, read);
      const event = apiGatewayEvent(request, route, params);
      const context = lambdaContext(route.id);
      return async () => {
        const result = await handler(event, context);
        expectOk(read, 'function', result.statusCode, result.body);
      };
    },
  };
}

/**
 * The local server takes the viewer's address from the connection, as CloudFront does, and its
 * gateway limits lookups per address: runtime calls take turns over this many loopback addresses
 * (127.0.0.0/8 is all loopback), each with its own kept-alive connection.
 */
const LOOPBACK_ADDRESSES = 200;
const loopbackAgents = Array.from(
  { length: LOOPBACK_ADDRESSES },
  (_, index) => new Agent({ keepAlive: true, localAddress: `127.0.0.${index + 2}` }),
);
let nextLoopback = 0;

function send(target: string, request: LocalRequest): Promise<{ status: number; body: string }> {
  const agent = loopbackAgents[nextLoopback++ % LOOPBACK_ADDRESSES];
  return new Promise((answered, failed) => {
    const sent = httpRequest(target, { method: request.method, headers: request.headers, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => answered({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', failed);
    sent.end(request.body);
  });
}

/** The same request over HTTP to the local runtime process, as a local user sees it. */
function runtimeProbe(read: PublicRead, url: string): Probe {
  const { route } = registeredRoute(read.routeId);
  return {
    prepare() {
      const { request } = localRequest(route, read);
      return async () => {
        const { status, body } = await send(`${url}${request.url}`, request);
        expectOk(read, 'runtime', status, body);
      };
    },
  };
}

function getItemProbe(endpoint: string) {
  const client = localDynamoClient(endpoint);
  const command = new GetItemCommand({ TableName: TABLE_NAME, Key: marshall(PUBLISHER_CHECKPOINT_KEY) });
  const probe: Probe = {
    prepare: () => async () => {
      await client.send(command);
    },
  };
  return { probe, close: () => client.destroy() };
}

/**
 * Warms every probe up, then runs rounds in which each probe makes its calls one at a time,
 * starting each round at the next probe: machine drift and order effects fall on all alike.
 */
async function interleavedTimings(probes: Probe[]): Promise<number[][]> {
  const run = (probe: Probe) => probe.prepare()();
  for (let call = 0; call < FLOOR_WARMUP; call++) await run(probes[0]!);
  for (const probe of probes) for (let call = 0; call < WARMUP; call++) await run(probe);
  const timings = probes.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let step = 0; step < probes.length; step++) {
      const index = (step + round) % probes.length;
      const probe = probes[index]!;
      for (let call = 0; call < CALLS_PER_ROUND; call++) {
        const timed = probe.prepare();
        const started = performance.now();
        await timed();
        timings[index]!.push(performance.now() - started);
      }
    }
  }
  return timings;
}

/**
 * The public reads' latency two ways, against the raw GetItem floor of the same run: the
 * function alone (its handler called in this process, one request at a time; what the issue's
 * targets judge) and through the local runtime process over HTTP (what a local user sees).
 */
export async function measurePublicReads(options: {
  reads: PublicRead[];
  runtimeUrl: string;
  databaseEndpoint: string;
  platform: LocalPlatformConfig;
}): Promise<PublicReadsResult> {
  const environment = functionsEnvironment(
    options.reads.map((read) => read.routeId),
    options.platform,
  );
  const saved = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
  // Before the handlers load: each reads its configuration once, as a cold start does.
  Object.assign(process.env, environment);
  const floor = getItemProbe(options.databaseEndpoint);
  try {
    const functions = await Promise.all(options.reads.map(functionProbe));
    const runtimes = options.reads.map((read) => runtimeProbe(read, options.runtimeUrl));
    const [floorTimings, ...timings] = await interleavedTimings([floor.probe, ...functions, ...runtimes]);
    const floorP50 = percentile(floorTimings!, 50);
    const figure = (samples: number[]): TimedFigure => ({
      p50Ms: round(percentile(samples, 50), 3),
      p90Ms: round(percentile(samples, 90), 3),
      ratio: round(percentile(samples, 50) / floorP50, 2),
    });
    return {
      floor: {
        p50Ms: round(floorP50, 3),
        p90Ms: round(percentile(floorTimings!, 90), 3),
        p99Ms: round(percentile(floorTimings!, 99), 3),
      },
      rounds: ROUNDS,
      callsPerRound: CALLS_PER_ROUND,
      reads: options.reads.map((read, index) => ({
        name: read.name,
        routeId: read.routeId,
        ...(read.targetRatio !== undefined ? { targetRatio: read.targetRatio } : {}),
        function: figure(timings[index]!),
        runtime: figure(timings[options.reads.length + index]!),
      })),
    };
  } finally {
    floor.close();
    for (const agent of loopbackAgents) agent.destroy();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
