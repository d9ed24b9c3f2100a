import * as z from "zod";
import { cancelExecution, getExecution, isTerminalExecution } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { executionId, executionOutput, renderExecution, stepPosition, summarise } from "./shared.js";

export const scheduleExecutionCancel = defineTool({
  name: "schedule_execution_cancel",
  title: "Cancel a schedule execution",
  description: "Stops a queued or running schedule run; later steps never start.",
  toolset: "schedules",
  kind: "destructive",
  input: z.object({ executionId }),
  output: executionOutput,
  async consent(args, ctx) {
    const e = await getExecution(ctx.jim(), args.executionId, ctx.signal);
    const running = e.steps.filter((s) => ["Queued", "Processing", "Waiting"].includes(s.status));
    const notStarted = e.steps.filter((s) => s.status === "Pending").length;
    return {
      summary: `Cancel the run of schedule "${e.scheduleName}" (execution ${e.id}) at ${stepPosition(e)}? ${running.length} running step(s) are stopped part-way and ${notStarted} later step(s) will not run.`,
      preview: {
        execution: e.id,
        schedule: e.scheduleName,
        status: e.status,
        steps: e.steps.map((s) => `${s.stepIndex + 1}. ${s.runProfileName ?? s.name}: ${s.status}`),
      },
      blockedReason: isTerminalExecution(e.status)
        ? `the execution has already finished (${e.status}); there is nothing to cancel.`
        : undefined,
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    await cancelExecution(jim, args.executionId, ctx.signal);
    const e = await getExecution(jim, args.executionId, ctx.signal);
    const summary = summarise(
      e,
      e.steps.some((s) => s.status === "Cancelling")
        ? `Running steps stop within seconds; check with schedule_execution_get {"executionId":"${e.id}"}.`
        : null,
    );
    return {
      structured: summary,
      text: renderExecution(e, summary, `Cancelled the run of "${e.scheduleName}" (${summary.step}).`),
    };
  },
});
