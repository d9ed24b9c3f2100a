/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { activityChildList } from "./activity-child-list.js";
import { activityGet } from "./activity-get.js";
import { activityItemList } from "./activity-item-list.js";
import { activityList } from "./activity-list.js";
import { activityWait } from "./activity-wait.js";
import { workerTaskCancel } from "./worker-task-cancel.js";
import { workerTaskList } from "./worker-task-list.js";

export const tools: AnyToolDef[] = [
  activityList,
  activityGet,
  activityWait,
  activityItemList,
  activityChildList,
  workerTaskList,
  workerTaskCancel,
];
