/** Registers every simulator route module. Add new areas here. */
import type { SimContext } from "../context.js";
import type { Router } from "../http.js";
import * as activities from "./activities.js";
import * as connectedSystems from "./connected-systems.js";
import * as health from "./health.js";
import * as partitions from "./partitions.js";
import * as runProfiles from "./run-profiles.js";
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
];

export function registerAll(router: Router, sim: SimContext): void {
  for (const m of ROUTE_MODULES) m.register(router, sim);
}
