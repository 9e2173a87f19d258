import { scenarios } from '../scenarios.js';
import type { EventDefinition } from '../shared/scenario.js';

/** Every event the system publishes: what the registered scenarios' manifests say they emit. */
export const eventCatalog: EventDefinition[] = scenarios.flatMap((scenario) => scenario.emits);

export const schemaFileName = (event: EventDefinition) =>
  `${event.source}.${event.detailType}.v${event.schemaVersion}.json`;
