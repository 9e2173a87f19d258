import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventCatalog, schemaFileName } from './catalog.js';
import { eventJsonSchema } from './json-schema.js';

// Writes events/schemas/*.json from the zod schemas; the catalog test fails when they drift.
const folder = join(dirname(fileURLToPath(import.meta.url)), 'schemas');
mkdirSync(folder, { recursive: true });
for (const event of eventCatalog) {
  writeFileSync(join(folder, schemaFileName(event)), `${JSON.stringify(eventJsonSchema(event), null, 2)}\n`);
  console.log(`wrote events/schemas/${schemaFileName(event)}`);
}
