import { join } from 'node:path';
import { LocalSetupError } from './dynamodb-local.js';
import { persistentIssuer } from './issuer.js';
import { PortTakenError, startRuntime } from './runtime.js';
import { seedDemoData } from './seed.js';
import { localSettings, repositoryRoot } from './settings.js';

// `npm start [-- --in-memory]`: the whole platform on this machine.
const inMemory = process.argv.includes('--in-memory');
const log = (line: string) => console.log(`[credit-plus] ${line}`);

async function main() {
  const { port, dataDir } = localSettings();
  const runtime = await startRuntime({ port, dataDir, inMemory, root: repositoryRoot, log });
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

  if (runtime.freshTable) {
    const issuer = await persistentIssuer(join(dataDir, 'issuer-key.json'));
    const token = await issuer.mint({ scopes: ['records:write'], clientId: 'demo-seeder' });
    const seeded = await seedDemoData(runtime.url, token);
    log(`demo data loaded: ${seeded.records} credit records, ${seeded.steps} repairs/revocations/objections`);
  }
  const url = runtime.url;
  console.log(`
credit-plus is running at ${url}  (data: ${inMemory ? 'in memory' : dataDir})

  Health:       curl -s ${url}/v1/health
  A token:      TOKEN=$(npm run -s token -- records:write)
  Ingest:       curl -s -X POST ${url}/v1/credit-records -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
                  -d '{"records":[{"recordId":"DEMO-1","subject":{"uscc":"91310000MA1FL8XQ11","name":"上海示例商贸有限公司"},"category":"administrative-penalty","severity":"general","authority":"上海市市场监督管理局","decisionNumber":"沪市监处〔2026〕1号","decidedAt":"2026-03-02","validFrom":"2026-03-05","penalty":{"types":["warning"]}}]}'
  Profile:      curl -s ${url}/v1/subjects/91310000MA1FL8XQ11/credit-profile

Ctrl-C stops everything.`);
}

main().catch((error: Error) => {
  const known = error instanceof LocalSetupError || error instanceof PortTakenError;
  const hint =
    error instanceof PortTakenError ? ' Stop the other process or choose another port: PORT=3001 npm start' : '';
  console.error(`credit-plus could not start: ${known ? error.message : error.stack}${hint}`);
  process.exit(1);
});
