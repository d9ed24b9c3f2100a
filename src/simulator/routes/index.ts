/** Registers every simulator route module. Add new areas here. */
import type { SimContext } from "../context.js";
import type { Router } from "../http.js";
import * as activities from "./activities.js";
import * as certificates from "./certificates.js";
import * as connectedSystems from "./connected-systems.js";
import * as connectorDefinitions from "./connector-definitions.js";
import * as connectorSpace from "./connector-space.js";
import * as health from "./health.js";
import * as history from "./history.js";
import * as metaverse from "./metaverse.js";
import * as metaverseSchema from "./metaverse-schema.js";
import * as operations from "./operations.js";
import * as partitions from "./partitions.js";
import * as runProfiles from "./run-profiles.js";
import * as schedules from "./schedules.js";
import * as schema from "./schema.js";
import * as security from "./security.js";
import * as settings from "./settings.js";
import * as syncRules from "./sync-rules.js";
import * as userinfo from "./userinfo.js";
import * as workerTasks from "./worker-tasks.js";

export const ROUTE_MODULES: Array<{ register(router: Router, sim: SimContext): void }> = [
  health,
  userinfo,
  connectedSystems,
  partitions,
  runProfiles,
  activities,
  workerTasks,
  connectorDefinitions,
  schema,
  connectorSpace,
  metaverse,
  metaverseSchema,
  syncRules,
  schedules,
  security,
  certificates,
  settings,
  history,
  operations,
];

export function registerAll(router: Router, sim: SimContext): void {
  for (const m of ROUTE_MODULES) m.register(router, sim);
}
