import * as z from 'zod/mini';
import type { EventDefinition } from '../shared/scenario.js';

/**
 * The published JSON Schema of an event's `detail`, as consumers outside TypeScript read it.
 * Input mode leaves objects open, so consumers keep validating when later versions add fields.
 */
export function eventJsonSchema(event: EventDefinition): Record<string, unknown> {
  return {
    $id: `urn:credit-plus:event:${event.source}:${event.detailType}:v${event.schemaVersion}`,
    title: event.detailType,
    description: event.description,
    'x-source': event.source,
    'x-detail-type': event.detailType,
    'x-schema-version': event.schemaVersion,
    ...z.toJSONSchema(event.schema, { target: 'draft-2020-12', io: 'input' }),
  };
}
