import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GetItemCommand, PutItemCommand, UpdateItemCommand, BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { workerInput } from '../functions/care/testing.js';
import { freePort, localDynamoClient } from '../local/dynamodb-local.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from '../local/issuer.js';
import { ensureDevClient } from '../local/registry-access.js';
import { TABLE_NAME } from '../local/runtime.js';
import { requestToken } from '../local/token-client.js';
import { validateRegistration } from '../shared/clients/client.js';
import { buildUscc } from '../shared/uscc.js';
import { percentile } from '../bench/stats.js';

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'prof-'));
const child = spawn('node_modules/.bin/tsx', ['local/server.ts', '--in-memory'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
const endpoint = await new Promise<string>((ok) => { const f = (c: Buffer) => { out += c; const m = /DynamoDB Local: (\S+)/.exec(out); if (m && out.includes('Ctrl-C')) ok(m[1]!); }; child.stdout!.on('data', f); child.stderr!.on('data', f); child.stderr!.on('data', (c) => { if (/p50/.test(String(c))) process.stdout.write('   [server] ' + c); }); });
const url = `http://127.0.0.1:${port}`;
const db = localDynamoClient(endpoint);
async function time(name: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn(100000 + i);
  const t: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); await fn(i); t.push(performance.now() - s); }
  console.log(name.padEnd(40), 'p50', percentile(t, 50).toFixed(2), 'p90', percentile(t, 90).toFixed(2));
}
const key = { pk: { S: 'SYS#PUBLISHER' }, sk: { S: 'CHECKPOINT' } };
await time('GetItem', 500, () => db.send(new GetItemCommand({ TableName: TABLE_NAME, Key: key })));
await time('PutItem', 300, (i) => db.send(new PutItemCommand({ TableName: TABLE_NAME, Item: { pk: { S: `X#${i}` }, sk: { S: 'Y' } } })));
await time('UpdateItem ADD', 300, (i) => db.send(new UpdateItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: `RATE#x${i % 7}` }, sk: { S: 'W' } }, UpdateExpression: 'ADD a :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' })));
await time('BatchGet 2', 300, () => db.send(new BatchGetItemCommand({ RequestItems: { [TABLE_NAME]: { Keys: [key, { pk: { S: 'X#1' }, sk: { S: 'Y' } }] } } })));
await time('3 parallel Update+Get', 300, (i) => Promise.all([db.send(new UpdateItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: `RATE#x${i % 7}` }, sk: { S: 'W' } }, UpdateExpression: 'ADD a :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' })), db.send(new UpdateItemCommand({ TableName: TABLE_NAME, Key: { pk: { S: `RATE#y${i % 7}` }, sk: { S: 'W' } }, UpdateExpression: 'ADD a :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' })), db.send(new GetItemCommand({ TableName: TABLE_NAME, Key: key }))]));
await time('GET /v1/nothing (gateway 404)', 500, () => fetch(`${url}/v1/nothing`).then((r) => r.arrayBuffer()));
const http = await import('node:http');
const agent = new http.Agent({ keepAlive: true });
const get = (path: string) => new Promise<void>((ok, bad) => { http.get(`${url}${path}`, { agent }, (res) => { res.resume(); res.on('end', ok); }).on('error', bad); });
await time('node:http GET /v1/nothing', 500, () => get('/v1/nothing'));
await time('GET /v1/health', 500, () => fetch(`${url}/v1/health`).then((r) => r.arrayBuffer()));
const dev = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEV_CLIENT_SECRET };
const admin = await requestToken(url, { ...dev, scopes: ['care:admin'] });
const agency = buildUscc({ orgCodeBody: 'MC000001' });
let r = await fetch(`${url}/v1/care/agencies/${agency}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ name: '上海测试养老', kind: 'home-care-service', district: '黄浦区', address: '上海市', services: ['照护'] }) });
console.log('agency', r.status);
await ensureDevClient(db, TABLE_NAME, validateRegistration({ clientId: `dev-${agency}`, scopes: ['care:write'], agency }));
const token = await requestToken(url, { clientId: `dev-${agency}`, clientSecret: DEV_CLIENT_SECRET, scopes: ['care:write'] });
await time('GET credit profile', 500, () => fetch(`${url}/v1/subjects/${agency}/credit-profile`).then((r) => r.arrayBuffer()));
await time('node:http credit profile', 500, () => get(`/v1/subjects/${agency}/credit-profile`));
await time('GET agency profile', 500, () => fetch(`${url}/v1/care/agencies/${agency}`).then((r) => r.arrayBuffer()));
const codes: string[] = [];
for (let i = 0; i < 40; i++) {
  const res = await fetch(`${url}/v1/care/agencies/${agency}/workers/B-${i}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(workerInput(900 + i)) });
  codes.push(((await res.json()) as { lookupCode: string }).lookupCode);
}
await time('POST lookup', 400, async (i) => {
  const b = i % 40;
  const res = await fetch(`${url}/v1/care/worker-lookups`, { method: 'POST', headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `10.0.${(i >> 8) & 255}.${i & 255}:1234` }, body: JSON.stringify({ badgeNo: `B-${b}`, code: codes[b] }) });
  await res.arrayBuffer();
  if (res.status !== 200 && res.status !== 429) throw new Error(String(res.status));
});

process.env.TABLE_NAME = TABLE_NAME; process.env.DYNAMODB_ENDPOINT = endpoint; process.env.LOG_LEVEL = 'WARN';
const { apiGatewayEvent, lambdaContext } = await import('../local/api-gateway.js');
const cp = (await import('../functions/platform/handlers/get-credit-profile.ts')).handler as any;
const route = { path: '/v1/subjects/{uscc}/credit-profile', method: 'GET' } as any;
await time('in-process credit profile handler', 500, () => cp(apiGatewayEvent({ method: 'GET', url: `/v1/subjects/${agency}/credit-profile`, headers: {} }, route, { uscc: agency }), lambdaContext('x')));
const ga = (await import('../functions/care/handlers/get-agency.ts')).handler as any;
await time('in-process agency handler', 500, () => ga(apiGatewayEvent({ method: 'GET', url: `/v1/care/agencies/${agency}`, headers: {} }, { path: '/v1/care/agencies/{uscc}', method: 'GET' } as any, { uscc: agency }), lambdaContext('x')));
await time('GetItem again', 500, () => db.send(new GetItemCommand({ TableName: TABLE_NAME, Key: key })));
child.kill('SIGINT');
db.destroy();
