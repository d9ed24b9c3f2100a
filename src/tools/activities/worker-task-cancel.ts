import * as z from "zod";
import { getActivity } from "../../jim/activities.js";
import { cancelWorkerTask, getWorkerTask } from "../../jim/worker-tasks.js";
import { defineTool } from "../define.js";
import { fields } from "../format/text.js";
import { guid } from "../params.js";
import { firstCall } from "./hints.js";
import { taskProgress, taskStep } from "./worker-task-list.js";

const input = z.object({
  taskId: guid("Worker task id (worker_task_list or run_profile_execute)."),
});

export const workerTaskCancel = defineTool({
  name: "worker_task_cancel",
  title: "Cancel a worker task",
  description: "Cancels a queued or running worker task (such as a run); its activity ends as Cancelled.",
  toolset: "activities",
  kind: "destructive",
  input,
  output: z.object({
    taskId: z.string(),
    task: z.string(),
    activityId: z.string().nullable(),
    activityStatus: z.string().nullable(),
    nextStep: z.string().nullable(),
  }),
  async consent(args, ctx) {
    const t = await getWorkerTask(ctx.jim(), args.taskId, ctx.signal);
    const queued = t.status === "Queued" || t.status === "WaitingForPreviousStep";
    const where = [taskStep(t) && `step ${taskStep(t)}`, taskProgress(t)].filter(Boolean).join(", ");
    const impact = queued
      ? "It has not started; it is taken off the queue."
      : t.status === "CancellationRequested"
        ? "A cancellation was already requested; this asks again."
        : `It is running${where ? ` (${where})` : ""}; JIM stops it shortly and keeps what was already processed (nothing is rolled back).`;
    return {
      summary: `Cancel worker task "${t.name}" (${t.status})? ${impact} Its activity will end as Cancelled.`,
      preview: {
        task: { id: t.id, name: t.name, type: t.type, status: t.status, step: taskStep(t) },
        progress: taskProgress(t),
        activityId: t.activityId,
        initiatedBy: [t.initiatedByType, t.initiatedByName].filter(Boolean).join(": "),
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const t = await getWorkerTask(jim, args.taskId, ctx.signal);
    await cancelWorkerTask(jim, args.taskId, ctx.signal);
    const activity = t.activityId ? await getActivity(jim, t.activityId, ctx.signal) : null;
    const status = activity?.status ?? null;
    let nextStep: string | null = null;
    if (status === "InProgress" && t.activityId) {
      const check = firstCall(
        ctx,
        ["activity_wait", { activityId: t.activityId }],
        ["activity_get", { activityId: t.activityId }],
      );
      nextStep = `JIM was asked to stop it; ${check ? `confirm with ${check}` : `activity ${t.activityId} ends as Cancelled shortly`}.`;
    }
    const head =
      status === "Cancelled"
        ? `Cancelled "${t.name}".`
        : `Cancellation requested for "${t.name}"${status ? `; its activity is still ${status}` : ""}.`;
    const text = [
      head,
      fields([
        ["task", t.id],
        ["activity", t.activityId],
        ["activity status", status],
        ["message", activity?.message],
        ["next", nextStep],
      ]),
    ].join("\n");
    return {
      structured: { taskId: t.id, task: t.name, activityId: t.activityId, activityStatus: status, nextStep },
      text,
    };
  },
});
