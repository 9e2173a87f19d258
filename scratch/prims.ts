import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GetItemCommand, PutItemCommand, UpdateItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { freePort, localDynamoClient } from '../local/dynamodb-local.js';
import { TABLE_NAME } from '../local/runtime.js';
import { buildUscc } from '../shared/uscc.js';

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'prof-'));
const child = spawn('node_modules/.bin/tsx', ['local/server.ts', '--in-memory'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
const endpoint = await new Promise<string>((ok) => { const f = (c: Buffer) => { out += c; const m = /DynamoDB Local: (\S+)/.exec(out); if (m && out.includes('Ctrl-C')) ok(m[1]!); }; child.stdout!.on('data', f); child.stderr!.on('data', f); });
const url = `http://127.0.0.1:${port}`;
const db = localDynamoClient(endpoint);
const key = { pk: { S: 'SYS#PUBLISHER' }, sk: { S: 'CHECKPOINT' } };
const big = 'x'.repeat(800);
await db.send(new PutItemCommand({ TableName: TABLE_NAME, Item: { pk: { S: 'B#1' }, sk: { S: 'B' }, data: { S: big }, codeHash: { S: 'h' }, n: { N: '0' } } }));
const { CreateTableCommand } = await import('@aws-sdk/client-dynamodb');
await db.send(new CreateTableCommand({ TableName: 'nostream', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], BillingMode: 'PAY_PER_REQUEST' }));
const ops: Record<string, (i: number) => Promise<unknown>> = {
  getItem: () => db.send(new GetItemCommand({ TableName: TABLE_NAME, Key: key })),
  getBig: () => db.send(new GetItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: 'B#1' }, sk: { S: 'B' } } })),
  updateAllNew: (i) => db.send(new UpdateItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: 'B#1' }, sk: { S: 'B' } }, UpdateExpression: 'ADD n :one SET lastAt = :at', ConditionExpression: 'codeHash = :h', ExpressionAttributeValues: { ':one': { N: '1' }, ':at': { S: String(i) }, ':h': { S: 'h' } }, ReturnValues: 'ALL_NEW' })),
  updateCondFail: (i) => db.send(new UpdateItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: 'B#1' }, sk: { S: 'B' } }, UpdateExpression: 'ADD n :one SET lastAt = :at', ConditionExpression: 'codeHash = :h', ExpressionAttributeValues: { ':one': { N: '1' }, ':at': { S: String(i) }, ':h': { S: 'wrong' } }, ReturnValues: 'ALL_NEW' })).catch(() => 0),
  counter: (i) => db.send(new UpdateItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: `RATE#${i % 5}` }, sk: { S: 'W' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' })),
  counterNoStream: (i) => db.send(new UpdateItemCommand({ TableName: 'nostream', Key: { pk: { S: `RATE#${i % 5}` }, sk: { S: 'W' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' })),
  parallelNoStream: (i) => Promise.all([ops.updateAllNew!(i), ops.counterNoStream!(i)]),
  seqNoStream: async (i) => { await ops.counterNoStream!(i); await ops.updateAllNew!(i); },
  twoParallel: (i) => Promise.all([ops.updateAllNew!(i), ops.counter!(i)]),
  updateAndGet: (i) => Promise.all([ops.updateAllNew!(i), ops.getItem!(i)]),
  transact2: (i) => db.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: { TableName: TABLE_NAME, Key: { pk: { S: `RATE#${i % 5}` }, sk: { S: 'W' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }, { Update: { TableName: TABLE_NAME, Key: { pk: { S: 'B#1' }, sk: { S: 'B' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }] })),
  //route_health: () => fetch(`${url}/v1/health`).then((r) => r.arrayBuffer()),
  //route_credit: () => fetch(`${url}/v1/subjects/${buildUscc({ orgCodeBody: 'MC000001' })}/credit-profile`).then((r) => r.arrayBuffer()),
};
process.env.TABLE_NAME = TABLE_NAME; process.env.DYNAMODB_ENDPOINT = endpoint; process.env.LOG_LEVEL = 'WARN'; process.env.AWS_REGION = 'local';
const { apiGatewayEvent, lambdaContext } = await import('../local/api-gateway.js');
const { localFunctions } = await import('../local/functions/pool.js');
const { scenarios } = await import('../functions/registry.js');
const { repositoryRoot } = await import('../local/settings.js');
const pool = localFunctions(scenarios, { root: repositoryRoot, platform: { common: { TABLE_NAME, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'local', LOG_LEVEL: 'WARN' }, signingKeyFile: '/tmp/x', workerIdSecretFile: '/tmp/y', publicOrigin: url, localIssuerKeyFile: '/tmp/z' } });
const uscc = buildUscc({ orgCodeBody: 'MC000001' });
const ev = () => apiGatewayEvent({ method: 'GET', url: `/v1/subjects/${uscc}/credit-profile`, headers: {} }, { path: '/v1/subjects/{uscc}/credit-profile', method: 'GET' } as any, { uscc });
const cp = (await import('../functions/platform/handlers/get-credit-profile.ts')).handler as any;
// = () => cp(ev(), lambdaContext('x'));
// = () => pool.invoke('platform.get-credit-profile', ev());
const { localHttpServer, localRequestListener } = await import('../local/http-server.js');
const { localApi } = await import('../local/api-gateway.js');
const api = localApi(scenarios, { invoke: pool.invoke });
const server = localHttpServer(localRequestListener({ api: () => api, log: console.log }));
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const myUrl = `http://127.0.0.1:${(server.address() as any).port}`;
// = () => fetch(`${myUrl}/v1/subjects/${uscc}/credit-profile`).then((r) => r.arrayBuffer());
const http = await import('node:http');
const agent = new http.Agent({ keepAlive: true });
// = () => new Promise<void>((ok, bad) => { http.get(`${myUrl}/v1/subjects/${uscc}/credit-profile`, { agent }, (res) => { res.resume(); res.on('end', ok); }).on('error', bad); });
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(ops).map((k) => [k, []]));
for (let i = 0; i < 3000; i++) await ops.getItem!(i);
for (let round = 0; round < 30; round++) for (const [name, op] of Object.entries(ops)) for (let i = 0; i < 20; i++) { const s = performance.now(); await op(round * 100 + i); samples[name]!.push(performance.now() - s); }
const p50 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const floor = p50(samples.getItem!);
for (const [name, t] of Object.entries(samples)) console.log(name.padEnd(16), p50(t).toFixed(3), (p50(t) / floor).toFixed(2) + '×');
child.kill('SIGINT'); db.destroy(); server.close(); await pool.stop(); process.exit(0);
