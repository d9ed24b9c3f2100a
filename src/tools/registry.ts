/**
 * Every tool, in the fixed order `tools/list` returns them: areas in toolset
 * order, tools in each area's own order. A new tool is one file under
 * src/tools/<area>/ plus one entry in that area's index.ts (docs/adding-a-tool.md).
 */
import { tools as activities } from "./activities/index.js";
import { tools as api } from "./api/index.js";
import { tools as certificates } from "./certificates/index.js";
import { tools as connectedSystems } from "./connected-systems/index.js";
import { tools as connection } from "./connection/index.js";
import { tools as connectorSpace } from "./connector-space/index.js";
import type { AnyToolDef } from "./define.js";
import { tools as history } from "./history/index.js";
import { tools as insight } from "./insight/index.js";
import { tools as metaverse } from "./metaverse/index.js";
import { tools as operations } from "./operations/index.js";
import { tools as runProfiles } from "./run-profiles/index.js";
import { tools as schedules } from "./schedules/index.js";
import { tools as security } from "./security/index.js";
import { tools as settings } from "./settings/index.js";
import { tools as syncRules } from "./sync-rules/index.js";
import { TOOLSET_IDS } from "./toolsets.js";

const all: AnyToolDef[] = [
  ...connection,
  ...insight,
  ...connectedSystems,
  ...connectorSpace,
  ...runProfiles,
  ...activities,
  ...metaverse,
  ...api,
  ...syncRules,
  ...schedules,
  ...security,
  ...certificates,
  ...settings,
  ...history,
  ...operations,
];

/** Sorted by toolset order (stable within a toolset), so the listing order never depends on import order. */
export const REGISTRY: readonly AnyToolDef[] = [...all].sort(
  (a, b) => TOOLSET_IDS.indexOf(a.toolset) - TOOLSET_IDS.indexOf(b.toolset),
);
