import { connectRegistry } from './registry-access.js';
import { httpSeedTarget, seedDemoData } from './seed.js';
import { localSettings } from './settings.js';

// `npm run seed`: loads the demo data into the platform that `npm start` is running.
const { port, dataDir } = localSettings();
const url = `http://127.0.0.1:${port}`;
try {
  // Agency tokens need dev clients with agency claims, registered in the running platform's registry.
  const registry = connectRegistry({ dataDir, port, aws: false });
  const seeded = await seedDemoData(httpSeedTarget(url, registry));
  console.log(
    `demo data loaded into ${url}: ${seeded.records} credit records, ${seeded.steps} lifecycle steps, check ${seeded.check.checkId}${seeded.check.created ? '' : ' (already there)'}`,
  );
} catch (error) {
  console.error(`Seeding failed (is \`npm start\` running on ${url}?): ${(error as Error).message}`);
  process.exit(1);
}
