import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseUscc } from '../shared/uscc.js';
import { eventCatalog, schemaFileName } from './catalog.js';
import { eventJsonSchema } from './json-schema.js';

const schemaFolder = join(dirname(fileURLToPath(import.meta.url)), 'schemas');

/** Every property path a JSON Schema declares, e.g. `record.penalty.fineAmountCny`. */
function propertyPaths(schema: unknown, prefix = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
  const own = Object.entries(node.properties ?? {}).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...propertyPaths(child, path)];
  });
  return [
    ...own,
    ...propertyPaths(node.items, `${prefix}[]`),
    ...(node.anyOf ?? []).flatMap((branch) => propertyPaths(branch, prefix)),
  ];
}

describe.each(eventCatalog.map((event) => [event.detailType, event] as const))('%s', (_name, event) => {
  test('its example validates against its schema', () => {
    const result = event.schema.safeParse(event.example);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  test('its example carries meta with the schema version and valid USCCs', () => {
    const example = event.example as { meta: { schemaVersion: number }; subject?: { uscc: string } };
    expect(example.meta.schemaVersion).toBe(event.schemaVersion);
    const usccs = JSON.stringify(event.example).match(/"uscc":"([^"]+)"/g) ?? [];
    for (const field of usccs) expect(parseUscc(field.slice(8, -1))).toMatchObject({ ok: true });
  });

  test('follows the naming contract', () => {
    expect(event.source).toMatch(/^credit-plus\.[a-z][a-z-]*$/);
    expect(event.detailType).toMatch(/^[A-Z][A-Za-z]*(ed|Completed|Published)$/);
  });

  test('its published JSON Schema is current and loses no field', () => {
    const file = join(schemaFolder, schemaFileName(event));
    const published = JSON.parse(readFileSync(file, 'utf8'));
    const current = eventJsonSchema(event);
    const lost = propertyPaths(published).filter((path) => !propertyPaths(current).includes(path));
    expect(lost).toEqual([]);
    // Adding a field is fine, but the committed file must then be regenerated: npm run events:schemas
    expect(current).toEqual(published);
  });

  test('rejects an event without meta', () => {
    const { meta: _meta, ...withoutMeta } = event.example as Record<string, unknown>;
    expect(event.schema.safeParse(withoutMeta).success).toBe(false);
  });
});

test('every published schema file belongs to a catalog event (none silently removed)', () => {
  const names = eventCatalog.map(schemaFileName);
  expect(readdirSync(schemaFolder).filter((file) => file.endsWith('.json'))).toEqual(expect.arrayContaining(names));
  for (const file of readdirSync(schemaFolder)) expect(names).toContain(file);
});
