import * as z from "zod";
import { getExecution, isTerminalExecution } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { adviceFor, executionId, executionOutput, renderExecution, summarise } from "./shared.js";

export const scheduleExecutionGet = defineTool({
  name: "schedule_execution_get",
  title: "Get a schedule execution",
  description: "Shows one schedule run: status and each step's state and activity.",
  toolset: "schedules",
  kind: "read",
  input: z.object({ executionId }),
  output: executionOutput,
  async handler(args, ctx) {
    const e = await getExecution(ctx.jim(), args.executionId, ctx.signal);
    const next = isTerminalExecution(e.status)
      ? adviceFor(summarise(e, null))
      : `Still ${e.status}; call schedule_execution_get again to follow it, or schedule_execution_cancel to stop it.`;
    const summary = summarise(e, next);
    return { structured: summary, text: renderExecution(e, summary) };
  },
});
