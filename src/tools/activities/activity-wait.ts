import * as z from "zod";
import { defineTool } from "../define.js";
import { activityId, waitTimeoutSeconds } from "../params.js";
import { renderRunResult, runResultOutput, waitAndReport } from "./run-result.js";

export const activityWait = defineTool({
  name: "activity_wait",
  title: "Wait for an activity",
  description:
    "Waits for a running activity (e.g. a run started by run_profile_execute) to finish, with progress, and reports the outcome and statistics.",
  toolset: "activities",
  kind: "read",
  input: z.object({ activityId, timeoutSeconds: waitTimeoutSeconds }),
  output: runResultOutput,
  async handler(args, ctx) {
    const r = await waitAndReport(ctx, { activityId: args.activityId, timeoutSeconds: args.timeoutSeconds });
    return { structured: r, text: renderRunResult(r) };
  },
});
