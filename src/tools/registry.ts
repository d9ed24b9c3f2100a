/**
 * Every tool, in the fixed order `tools/list` returns them. A new tool is one
 * file under src/tools/<area>/ plus one line here (docs/adding-a-tool.md).
 */
import { activityGet } from "./activities/activity-get.js";
import { activityWait } from "./activities/activity-wait.js";
import { connectedSystemGet } from "./connected-systems/connected-system-get.js";
import { connectedSystemList } from "./connected-systems/connected-system-list.js";
import { containerSetSelection } from "./connected-systems/container-set-selection.js";
import { partitionList } from "./connected-systems/partition-list.js";
import { partitionSetSelection } from "./connected-systems/partition-set-selection.js";
import { connectionDisconnect } from "./connection/connection-disconnect.js";
import { connectionStatus } from "./connection/connection-status.js";
import { connectionSwitch } from "./connection/connection-switch.js";
import type { AnyToolDef } from "./define.js";
import { runProfileExecute } from "./run-profiles/run-profile-execute.js";
import { runProfileList } from "./run-profiles/run-profile-list.js";

export const REGISTRY: readonly AnyToolDef[] = [
  connectionStatus,
  connectionSwitch,
  connectionDisconnect,
  connectedSystemList,
  connectedSystemGet,
  partitionList,
  partitionSetSelection,
  containerSetSelection,
  runProfileList,
  runProfileExecute,
  activityGet,
  activityWait,
];
