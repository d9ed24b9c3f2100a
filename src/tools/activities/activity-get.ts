import * as z from "zod";
import { OUTCOME_TEXT, outcomeOf, type RunOutcome, readRunReport } from "../../jim/activities.js";
import { defineTool, type ToolContext } from "../define.js";
import { fields, fmtDuration, parseTimeSpan } from "../format/text.js";
import { activityId } from "../params.js";
import { targetNamed } from "./activity-rows.js";
import { firstCall } from "./hints.js";
import { renderRunResult, runResultOutput, summariseStats } from "./run-result.js";

function nextStepFor(ctx: ToolContext, outcome: RunOutcome, id: string): string | null {
  if (outcome === "still_running") {
    const wait = firstCall(ctx, ["activity_wait", { activityId: id }]);
    return wait ? `Wait for it with ${wait}.` : null;
  }
  if (outcome === "succeeded" || outcome === "cancelled") return null;
  const explain = firstCall(ctx, ["activity_explain", { activityId: id }]);
  return explain ? `Find out why: ${explain} groups the item errors by type.` : null;
}

export const activityGet = defineTool({
  name: "activity_get",
  title: "Get an activity",
  description:
    "Shows one activity: what it targeted, status and plain outcome, timing, messages and, for runs, the statistics.",
  toolset: "activities",
  kind: "read",
  input: z.object({ activityId }),
  output: runResultOutput.extend({
    targetType: z.string(),
    operation: z.string(),
    initiatedBy: z.string().nullable(),
    created: z.string(),
    executed: z.string().nullable(),
    message: z.string().nullable(),
    errorDetail: z.string().nullable(),
  }),
  async handler(args, ctx) {
    const { activity: a, stats } = await readRunReport(ctx.jim(), args.activityId, ctx.signal);
    const outcome = outcomeOf(a.status);
    const duration = parseTimeSpan(a.executionTime) ?? parseTimeSpan(a.totalActivityTime);
    const out = {
      outcome,
      status: a.status,
      activityId: a.id,
      taskId: null,
      target: targetNamed(a) || null,
      runType: a.connectedSystemRunType ?? null,
      durationSeconds: duration !== null ? Math.round(duration * 10) / 10 : null,
      waitedSeconds: 0,
      warnings: a.warningMessage ? [a.warningMessage] : [],
      errorMessage: a.errorMessage ?? null,
      progress: null,
      stats: summariseStats(stats),
      nextStep: nextStepFor(ctx, outcome, a.id),
      targetType: a.targetType,
      operation: a.targetOperationType,
      initiatedBy: [a.initiatedByType, a.initiatedByName].filter(Boolean).join(": ") || null,
      created: a.created,
      executed: a.executed,
      message: a.message,
      errorDetail: a.errorDetail ?? null,
    };
    const text = [
      outcome === "still_running"
        ? `${OUTCOME_TEXT[outcome]} (${a.status})`
        : renderRunResult(out).split("\n")[0],
      fields([
        ["activity", a.id],
        ["target", `${a.targetType} · ${a.targetOperationType}${out.target ? ` · ${out.target}` : ""}`],
        ["initiated by", out.initiatedBy],
        ["created", a.created],
        ["executed", a.executed],
        ["duration", duration !== null ? fmtDuration(duration) : null],
        ["message", a.message],
        ["error detail", a.errorDetail],
      ]),
      // The rest of the run result: its fields block repeats the activity id, printed above.
      renderRunResult(out, { withHead: false, withActivity: false }),
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: out, text };
  },
});
