/**
 * The wait engine as tools use it (run_profile_execute, activity_wait): polls,
 * sends MCP progress, and states the outcome plainly.
 */
import * as z from "zod";
import {
  describeProgress,
  OUTCOME_TEXT,
  outcomeOf,
  type RunOutcome,
  readRunReport,
  waitForActivity,
} from "../../jim/activities.js";
import { isJimApiError, reworded } from "../../jim/errors.js";
import type { ActivityProgress, ActivityRunStats } from "../../jim/types.js";
import type { ToolContext } from "../define.js";
import { fields, fmtDuration, fmtNumber, parseTimeSpan } from "../format/text.js";
import { targetNamed } from "./activity-rows.js";
import { activityCall, firstCall } from "./hints.js";

export const runResultOutput = z.object({
  outcome: z.enum([
    "succeeded",
    "succeeded_with_warnings",
    "completed_with_errors",
    "failed",
    "cancelled",
    "still_running",
  ]),
  status: z.string(),
  activityId: z.string(),
  taskId: z.string().nullable(),
  target: z.string().nullable(),
  runType: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  waitedSeconds: z.number(),
  warnings: z.array(z.string()),
  errorMessage: z.string().nullable(),
  progress: z.string().nullable(),
  stats: z
    .object({
      objectsProcessed: z.number(),
      changes: z.number(),
      unchanged: z.number(),
      errors: z.number(),
      added: z.number(),
      updated: z.number(),
      deleted: z.number(),
      projected: z.number(),
      joined: z.number(),
      attributeFlows: z.number(),
      provisioned: z.number(),
      exported: z.number(),
      pendingExports: z.number(),
    })
    .nullable(),
  nextStep: z.string().nullable(),
});
export type RunResult = z.infer<typeof runResultOutput>;

export function summariseStats(s: ActivityRunStats | null): RunResult["stats"] {
  if (!s) return null;
  return {
    objectsProcessed: s.totalObjectsProcessed,
    changes: s.totalObjectChangeCount,
    unchanged: s.totalUnchanged,
    errors: s.totalObjectErrors,
    added: s.totalCsoAdds,
    updated: s.totalCsoUpdates,
    deleted: s.totalCsoDeletes,
    projected: s.totalProjections,
    joined: s.totalJoins,
    attributeFlows: s.totalAttributeFlows,
    provisioned: s.totalProvisioned,
    exported: s.totalExported,
    pendingExports: s.totalPendingExports,
  };
}

/** Overall percent across steps: monotonic even when per-step counters reset. */
function overallPercent(p: ActivityProgress): number | undefined {
  const step = p.currentPhaseNumber;
  const total = p.totalPhases;
  const within =
    p.percentComplete ?? (p.objectsToProcess > 0 ? (100 * p.objectsProcessed) / p.objectsToProcess : 0);
  if (step && total) return Math.min(100, ((step - 1 + within / 100) / total) * 100);
  return p.percentComplete ?? undefined;
}

export interface WaitArgs {
  activityId: string;
  timeoutSeconds: number;
  taskId?: string | null;
  executeWarnings?: string[];
  /** The run was started by this call: it is known to be queued, so the first poll waits one interval. */
  justStarted?: boolean;
}

export async function waitAndReport(ctx: ToolContext, args: WaitArgs): Promise<RunResult> {
  const jim = ctx.jim();
  const waitCall = firstCall(ctx, ["activity_wait", { activityId: args.activityId }]);
  /** At least one poll answered: the activity existed while this call waited. */
  let seen = false;
  if (args.justStarted && ctx.wantsProgress) {
    await ctx.progress({ progress: 0, message: `queued as activity ${args.activityId}` });
  }
  const res = await waitForActivity(jim, args.activityId, {
    timeoutMs: args.timeoutSeconds * 1000,
    intervalMs: ctx.config.pollIntervalMs,
    firstPollAfterMs: args.justStarted ? ctx.config.pollIntervalMs : 0,
    signal: ctx.signal,
    onProgress: async (p, polls) => {
      seen = true;
      if (!ctx.wantsProgress) return;
      const pct = overallPercent(p);
      await ctx.progress({
        progress: pct !== undefined ? Math.round(pct * 10) / 10 : polls,
        total: pct !== undefined ? 100 : undefined,
        message: describeProgress(p),
      });
    },
  }).catch((e: unknown) => {
    // JIM refused a poll (a revoked key, say): the run is not affected, only the wait. Say so first.
    if (!isJimApiError(e) || ctx.signal.aborted) throw e;
    if (e.status === 404 && !args.justStarted && !seen) {
      // Nothing was ever under way: JIM has no activity with this id.
      const finder = firstCall(ctx, ["activity_list", {}], ["worker_task_list", {}]);
      throw reworded(e, {
        message: `JIM has no activity with id ${args.activityId}, so there is nothing to wait for.`,
        nextStep: finder
          ? `Check the id; find the run's activity id with ${finder} (newest first).`
          : "Check the id: it is the activityId that starting the run returned.",
      });
    }
    throw reworded(e, {
      message: `Activity ${args.activityId} is under way in JIM, but waiting for it stopped: ${e.message}`,
      nextStep: `${e.nextStep ? `${e.nextStep} ` : ""}${waitCall ? `Then follow the run with ${waitCall}.` : `Then check on activity ${args.activityId} again.`}`,
    });
  });
  const waitedSeconds = Math.round(res.waitedMs / 100) / 10;
  const base = {
    activityId: args.activityId,
    taskId: args.taskId ?? null,
    waitedSeconds,
  };
  if (res.end !== "terminal") {
    const why =
      res.end === "timeout"
        ? `Still running after waiting ${fmtDuration(waitedSeconds)}.`
        : res.end === "cancelled"
          ? "Stopped waiting (the request was cancelled); the run itself goes on in JIM."
          : `Lost contact with JIM while waiting (${res.lastError?.message ?? "repeated errors"}); the run may still be going.`;
    return {
      ...base,
      outcome: "still_running",
      status: res.progress?.status ?? "InProgress",
      target: null,
      runType: res.progress?.runType ?? null,
      durationSeconds: res.progress?.elapsedSeconds ?? null,
      warnings: args.executeWarnings ?? [],
      errorMessage: null,
      progress: res.progress ? describeProgress(res.progress) : null,
      stats: null,
      nextStep: `${why} ${keepWaiting(ctx, args.activityId, args.taskId ?? null)}`,
    };
  }
  const { activity, stats } = await readRunReport(jim, args.activityId, ctx.signal);
  const outcome: RunOutcome = outcomeOf(activity.status);
  const warnings = [...(args.executeWarnings ?? [])];
  if (activity.warningMessage) warnings.push(activity.warningMessage);
  const summary = summariseStats(stats);
  const duration = parseTimeSpan(activity.executionTime) ?? parseTimeSpan(activity.totalActivityTime);
  let nextStep: string | null = null;
  if (outcome === "succeeded_with_warnings" || outcome === "completed_with_errors" || outcome === "failed") {
    const why = activityCall(ctx, args.activityId);
    const what = outcome === "succeeded_with_warnings" ? "the warnings" : "what went wrong";
    nextStep = why?.startsWith("activity_explain")
      ? `Find out why: ${why} explains ${what}, with the item errors grouped by type.`
      : why
        ? `Inspect ${what}: ${why} shows the message and statistics.`
        : `The message and statistics above say ${what}.`;
  }
  return {
    ...base,
    outcome,
    status: activity.status,
    target: targetNamed(activity) || null,
    runType: activity.connectedSystemRunType ?? null,
    durationSeconds: duration !== null ? Math.round(duration * 10) / 10 : null,
    warnings,
    errorMessage: activity.errorMessage ?? null,
    progress: null,
    stats: summary,
    nextStep,
  };
}

/** How to go on with a run that has not finished: wait again, or cancel its worker task. */
export function keepWaiting(
  ctx: Pick<ToolContext, "exposes">,
  activityId: string,
  taskId: string | null,
  lead = "Keep waiting with",
): string {
  const wait = firstCall(ctx, ["activity_wait", { activityId }]);
  const look = activityCall(ctx, activityId, "get");
  const cancel = taskId ? firstCall(ctx, ["worker_task_cancel", { taskId }]) : undefined;
  const go = wait
    ? `${lead} ${wait}`
    : look
      ? `Check on it later with ${look}`
      : `Check on activity ${activityId} later`;
  return `${go}${cancel ? `, or stop it with ${cancel}` : ""}.`;
}

/**
 * The outcome line, the run's fields, statistics and next step. `withHead: false` leaves out the
 * outcome line and `withActivity: false` the activity id, for callers that print their own.
 */
export function renderRunResult(
  r: RunResult,
  opts: { withHead?: boolean; withActivity?: boolean } = {},
): string {
  const head =
    r.outcome === "still_running"
      ? `${OUTCOME_TEXT[r.outcome]}: ${r.progress ?? "no progress reported yet"}`
      : `${OUTCOME_TEXT[r.outcome]}${r.target ? `: ${r.target}` : ""}${r.durationSeconds !== null ? ` in ${fmtDuration(r.durationSeconds)}` : ""}`;
  const s = r.stats;
  const lines = [
    opts.withHead === false ? "" : head,
    fields([
      ["activity", opts.withActivity === false ? null : r.activityId],
      ["status", r.status],
      ["run type", r.runType],
      ["error", r.errorMessage],
    ]),
  ];
  if (r.warnings.length) lines.push(`warnings:\n${r.warnings.map((w) => `- ${w}`).join("\n")}`);
  if (s) {
    lines.push(
      `objects: ${fmtNumber(s.objectsProcessed)} processed · ${fmtNumber(s.changes)} changed · ${fmtNumber(s.unchanged)} unchanged · ${fmtNumber(s.errors)} errors`,
    );
    const counts: Array<[string, number]> = [
      ["added", s.added],
      ["updated", s.updated],
      ["deleted", s.deleted],
      ["projected", s.projected],
      ["joined", s.joined],
      ["attribute flows", s.attributeFlows],
      ["provisioned", s.provisioned],
      ["exported", s.exported],
      ["pending exports", s.pendingExports],
    ];
    const nonZero = counts.filter(([, n]) => n > 0);
    if (nonZero.length) lines.push(nonZero.map(([k, n]) => `${k} ${fmtNumber(n)}`).join(" · "));
  }
  if (r.nextStep) lines.push(`next: ${r.nextStep}`);
  return lines.filter(Boolean).join("\n");
}
