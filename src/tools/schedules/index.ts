/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { scheduleDelete } from "./schedule-delete.js";
import { scheduleExecutionCancel } from "./schedule-execution-cancel.js";
import { scheduleExecutionGet } from "./schedule-execution-get.js";
import { scheduleExecutionList } from "./schedule-execution-list.js";
import { scheduleGet } from "./schedule-get.js";
import { scheduleList } from "./schedule-list.js";
import { scheduleRun } from "./schedule-run.js";
import { scheduleSetEnabled } from "./schedule-set-enabled.js";
import { scheduleUpdate } from "./schedule-update.js";

export const tools: AnyToolDef[] = [
  scheduleList,
  scheduleGet,
  scheduleRun,
  scheduleSetEnabled,
  scheduleUpdate,
  scheduleDelete,
  scheduleExecutionList,
  scheduleExecutionGet,
  scheduleExecutionCancel,
];
