import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultOutDir, ensureWebBuilt } from '../web/build.js';
import { LocalSetupError, localDynamoClient } from './dynamodb-local.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from './issuer.js';
import { PortTakenError, startRuntime, TABLE_NAME } from './runtime.js';
import { beginDemoData, finishDemoData, httpSeedTarget, seedDemoData } from './seed.js';
import { localSettings, repositoryRoot } from './settings.js';
import { localSite } from './site.js';

// `npm start [-- --in-memory]`: the whole platform on this machine.
const inMemory = process.argv.includes('--in-memory');
const log = (line: string) => console.log(`[credit-plus] ${line}`);

async function main() {
  const { port, dataDir } = localSettings();
  let seedingNeeded = false;
  // The marker goes in before the first request, so health never says `ok` before the demo data is in.
  const beforeServing = async (db: DynamoDBClient, table: string) => {
    seedingNeeded = await beginDemoData(db, table);
  };
  await ensureWebBuilt();
  const site = localSite(defaultOutDir);
  const runtime = await startRuntime({ port, dataDir, inMemory, root: repositoryRoot, log, beforeServing, site });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (seedingNeeded) {
    const db = localDynamoClient(runtime.databaseEndpoint);
    const seeded = await seedDemoData(httpSeedTarget(runtime.url, { db, table: TABLE_NAME }));
    await finishDemoData(db, TABLE_NAME).finally(() => db.destroy());
    log(
      `demo data loaded: ${seeded.records} credit records, ${seeded.steps} repairs/revocations/objections, procurement check ${seeded.check.checkId} of project ${seeded.check.projectId} ${JSON.stringify(seeded.check.summary)}, ${seeded.shoppingRosters} shopping rosters`,
    );
  }
  const url = runtime.url;
  console.log(`
credit-plus is running at ${url}  (data: ${inMemory ? 'in memory' : dataDir})
Public pages: ${url}/  (a worker badge and a review link: ${port === 3000 ? '' : `PORT=${port} `}npm run demo-links)
DynamoDB Local: ${runtime.databaseEndpoint}  table ${TABLE_NAME}

  Health:       curl -s ${url}/v1/health
  A token:      TOKEN=$(${port === 3000 ? '' : `PORT=${port} `}npm run -s token -- records:write)
                (Cognito-style: curl -s -u ${DEFAULT_CLIENT_ID}:${DEV_CLIENT_SECRET} -d grant_type=client_credentials -d scope=credit-plus/records:write ${url}/oauth2/token)
  Ingest:       curl -s -X POST ${url}/v1/credit-records -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
                  -d '{"records":[{"recordId":"DEMO-1","subject":{"uscc":"91310000MA1FL8XQ11","name":"上海示例商贸有限公司"},"category":"administrative-penalty","severity":"general","authority":"上海市市场监督管理局","decisionNumber":"沪市监处〔2026〕1号","decidedAt":"2026-03-02","validFrom":"2026-03-05","penalty":{"types":["warning"]}}]}'
  Profile:      curl -s ${url}/v1/subjects/91310000MA1FL8XQ11/credit-profile
  Procurement:  PTOKEN=$(${port === 3000 ? '' : `PORT=${port} `}npm run -s token -- procurement:check)
                curl -s ${url}/v1/procurement/projects/SHZC-DEMO-2026-001/checks -H "authorization: Bearer $PTOKEN"
                curl -s -X POST ${url}/v1/procurement/checks -H "authorization: Bearer $PTOKEN" -H 'content-type: application/json' \\
                  -d '{"projectId":"MY-PROJECT-1","purchaser":"上海市某区教育局","suppliers":[{"uscc":"91310107632154876A","name":"上海普陀宏远建设工程有限公司"},{"uscc":"91310105MA1K8N4T6L","name":"上海长宁安心家政服务有限公司"}]}'
  Verify:       (save a check as check.json) npm run verify-check -- check.json --jwks ${url}/v1/.well-known/jwks.json

Ctrl-C stops everything.`);
}

main().catch((error: Error) => {
  const known = error instanceof LocalSetupError || error instanceof PortTakenError;
  const hint =
    error instanceof PortTakenError ? ' Stop the other process or choose another port: PORT=3001 npm start' : '';
  console.error(`credit-plus could not start: ${known ? error.message : error.stack}${hint}`);
  process.exit(1);
});
