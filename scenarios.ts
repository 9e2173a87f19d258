import { careScenario } from './functions/care/manifest.js';
import { platformScenario } from './functions/platform/manifest.js';
import { procurementScenario } from './functions/procurement/manifest.js';
import { shoppingScenario } from './functions/shopping/manifest.js';
import { systemScenario } from './functions/system/manifest.js';
import type { ScenarioDefinition } from './shared/scenario.js';

/** Every scenario the system runs. A new scenario is one folder plus one line here. */
export const scenarios: ScenarioDefinition[] = [
  systemScenario,
  platformScenario,
  procurementScenario,
  shoppingScenario,
  careScenario,
];
