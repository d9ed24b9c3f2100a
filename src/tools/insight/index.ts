/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { activityExplain } from "./activity-explain.js";
import { syncHealth } from "./sync-health.js";

export const tools: AnyToolDef[] = [syncHealth, activityExplain];
