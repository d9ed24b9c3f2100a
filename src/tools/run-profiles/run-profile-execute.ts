import * as z from "zod";
import { listActivities } from "../../jim/activities.js";
import { executeRunProfile, getConnectedSystem } from "../../jim/connected-systems.js";
import type { ActivityHeader } from "../../jim/types.js";
import { keepWaiting, renderRunResult, runResultOutput, waitAndReport } from "../activities/run-result.js";
import { defineTool, type ToolContext, ToolInputError } from "../define.js";
import { fmtNumber } from "../format/text.js";
import { idOrName, waitTimeoutSeconds } from "../params.js";
import { checkRunProfileRef, findRunProfile } from "./resolve.js";

/**
 * A run of this profile that is queued or running, if any. JIM accepts a second execute and queues it
 * behind the first (an agent retrying after a timeout would double the work), so look first.
 */
async function activeRun(
  ctx: ToolContext,
  systemName: string,
  profileName: string,
): Promise<ActivityHeader | undefined> {
  const page = await listActivities(
    ctx.jim(),
    {
      status: ["InProgress"],
      targetType: ["ConnectedSystemRunProfile"],
      connectedSystem: [systemName],
      runProfile: [profileName],
    },
    1,
    25,
    ctx.signal,
  );
  return page.items.find((a) => a.targetName === profileName && a.targetContext === systemName);
}

export const runProfileExecute = defineTool({
  name: "run_profile_execute",
  title: "Run a run profile",
  description:
    "Runs a run profile (import, sync or export) and by default waits, with progress, for its outcome and statistics. Exports write to the target system and ask first.",
  toolset: "run_profiles",
  kind: "write",
  idempotent: false,
  input: z.object({
    runProfileId: idOrName("Run profile id or name (run_profile_list)."),
    connectedSystemId: idOrName(
      "Connected system id or name (connected_system_list); needed with a profile name.",
    ).optional(),
    wait: z.boolean().default(true).describe("false: return at once with the activity id."),
    timeoutSeconds: waitTimeoutSeconds,
    queueAnother: z
      .boolean()
      .default(false)
      .describe("true: queue it even if a run of this profile is already queued or running."),
  }),
  output: runResultOutput.extend({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    runProfile: z.object({ id: z.number(), name: z.string(), runType: z.string() }),
  }),
  check: checkRunProfileRef,
  async destructiveWhen(args, ctx) {
    const jim = ctx.jim();
    const { system, profile } = await ctx.memo("profile", () => findRunProfile(ctx, args));
    if (profile.runType !== "Export") return undefined;
    // Nothing will run if a run is already under way (the handler says so): no question to ask.
    if (!args.queueAnother && (await ctx.memo("active", () => activeRun(ctx, system.name, profile.name)))) {
      return undefined;
    }
    const cs = await getConnectedSystem(jim, system.id, ctx.signal);
    return {
      summary: `Run export "${profile.name}" (id ${profile.id}) on "${system.name}"? It writes ${fmtNumber(cs.pendingExportCount)} pending change(s) to the real target system; this cannot be undone from JIM.`,
      preview: {
        connectedSystem: `${system.name} (id ${system.id})`,
        runProfile: {
          id: profile.id,
          name: profile.name,
          runType: profile.runType,
          partition: profile.partitionName,
        },
        pendingExports: cs.pendingExportCount,
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { system, profile } = await ctx.memo("profile", () => findRunProfile(ctx, args));
    if (!args.queueAnother) {
      const active = await ctx.memo("active", () => activeRun(ctx, system.name, profile.name));
      if (active) {
        const since = active.executed ?? active.created;
        throw new ToolInputError(
          `"${profile.name}" on "${system.name}" is already ${active.executed ? "running" : "queued"} (activity ${active.id}, since ${since}). Nothing was queued: JIM would run a second one after it. ${ctx.exposes("activity_wait") ? `Follow it with activity_wait {"activityId":"${active.id}"}` : "Follow that activity in JIM"}; to queue another run anyway, call again with queueAnother: true.`,
        );
      }
    }
    const started = await executeRunProfile(jim, system.id, profile.id, ctx.signal);
    const ids = {
      connectedSystem: system,
      runProfile: { id: profile.id, name: profile.name, runType: profile.runType },
    };
    const warnings = started.warnings ?? [];
    if (!args.wait) {
      const out = {
        ...ids,
        outcome: "still_running" as const,
        status: "InProgress",
        activityId: started.activityId,
        taskId: started.taskId,
        target: `${profile.name} on ${system.name}`,
        runType: profile.runType,
        durationSeconds: null,
        waitedSeconds: 0,
        warnings,
        errorMessage: null,
        progress: "queued",
        stats: null,
        nextStep: keepWaiting(ctx, started.activityId, started.taskId, "Follow it with"),
      };
      return {
        structured: out,
        text: `Queued "${profile.name}" on "${system.name}".\n${renderRunResult(out).split("\n").slice(1).join("\n")}`,
      };
    }
    const r = await waitAndReport(ctx, {
      activityId: started.activityId,
      taskId: started.taskId,
      timeoutSeconds: args.timeoutSeconds,
      executeWarnings: warnings,
      justStarted: true,
    });
    const out = {
      ...ids,
      ...r,
      target: r.target ?? `${profile.name} on ${system.name}`,
      runType: r.runType ?? profile.runType,
    };
    return { structured: out, text: renderRunResult(out) };
  },
});
