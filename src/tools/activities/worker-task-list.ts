import * as z from "zod";
import type { WorkerTaskHeader } from "../../jim/types.js";
import { listWorkerTasks } from "../../jim/worker-tasks.js";
import { defineTool } from "../define.js";
import { fmtNumber, pageFooter, pagingOf, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

/** "2/3 Importing objects", or null while the task has not started. */
export function taskStep(t: WorkerTaskHeader): string | null {
  const s = t.steps;
  if (!s) return null;
  const n = s.currentStepNumber ? `${s.currentStepNumber}/${s.totalSteps}` : `–/${s.totalSteps}`;
  return s.currentStepName ? `${n} ${s.currentStepName}` : n;
}

/** "1,204/5,000 objects", "1,204 objects", or null. */
export function taskProgress(t: WorkerTaskHeader): string | null {
  if (t.objectsToProcess)
    return `${fmtNumber(t.objectsProcessed ?? 0)}/${fmtNumber(t.objectsToProcess)} objects`;
  if (t.objectsProcessed) return `${fmtNumber(t.objectsProcessed)} objects`;
  return null;
}

export const workerTaskList = defineTool({
  name: "worker_task_list",
  title: "List worker tasks",
  description:
    "Lists JIM's live worker queue (queued and running tasks) with step, progress and activity id.",
  toolset: "activities",
  kind: "read",
  input: z.object({ page, pageSize: pageSize(50) }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        step: z.string().nullable(),
        progress: z.string().nullable(),
        activityId: z.string().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const env = await listWorkerTasks(ctx.jim(), args.page, args.pageSize, ctx.signal);
    const items = env.items.map((t) => ({
      id: t.id,
      name: t.name,
      status: t.status,
      step: taskStep(t),
      progress: taskProgress(t),
      activityId: t.activityId,
    }));
    const paging = pagingOf(env);
    const text =
      env.totalCount === 0
        ? `The worker queue is empty: nothing is queued or running.${ctx.exposes("activity_list") ? " Finished work is in activity_list." : ""}`
        : [
            table(items, [
              ["task id", (t) => t.id],
              ["name", (t) => t.name],
              ["status", (t) => t.status],
              ["step", (t) => t.step],
              ["progress", (t) => t.progress],
              ["activity id", (t) => t.activityId],
            ]),
            pageFooter({ ...paging, shown: items.length }),
            `Finished tasks leave the queue${ctx.exposes("activity_wait") ? "; follow a run with activity_wait" : ""}${ctx.exposes("worker_task_cancel") ? "; stop one with worker_task_cancel" : ""}.`,
          ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
