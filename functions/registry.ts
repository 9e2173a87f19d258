import type { ScenarioDefinition } from '../shared/scenario.js';
import { careScenario } from './care/manifest.js';
import { platformScenario } from './platform/manifest.js';
import { procurementScenario } from './procurement/manifest.js';
import { shoppingScenario } from './shopping/manifest.js';
import { systemScenario } from './system/manifest.js';

/** Every scenario the system runs. A new scenario is one folder plus one line here. */
export const scenarios: ScenarioDefinition[] = [
  systemScenario,
  platformScenario,
  procurementScenario,
  shoppingScenario,
  careScenario,
];
