/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { activityGet } from "./activity-get.js";
import { activityWait } from "./activity-wait.js";

export const tools: AnyToolDef[] = [activityGet, activityWait];
