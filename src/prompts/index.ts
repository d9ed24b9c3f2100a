/**
 * MCP prompts: ready-made investigations that tell the model which tools to call, in which
 * order, with the arguments filled in. Arguments complete from JIM (connected system names,
 * run profile names of the chosen system, recent runs with problems) and are checked against
 * JIM before the plan is written, so a wrong name fails with the valid choices.
 *
 *   sync-health-check          [connectedSystem]
 *   investigate-failed-run     [activity] [connectedSystem]
 *   connected-system-overview  connectedSystem [runProfile]
 */
import {
  completable,
  type GetPromptResult,
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type ServerContext,
} from "@modelcontextprotocol/server";
import * as z from "zod";
import {
  completeProblemActivity,
  completeRunProfileName,
  completeSystemName,
  PROBLEM_VALUE_MAX,
} from "../completions.js";
import { redactSecrets } from "../config.js";
import { getActivity, listActivities, PROBLEM_STATUSES } from "../jim/activities.js";
import type { JimClient } from "../jim/client.js";
import { isJimApiError } from "../jim/errors.js";
import type { ActivityDetail } from "../jim/types.js";
import { activityIdOf, findSystem, guarded, protocolError, toolContextFor } from "../resources/shared.js";
import { targetNamed, toActivityRow } from "../tools/activities/activity-rows.js";
import { findRunProfile } from "../tools/run-profiles/resolve.js";
import type { ToolSummary } from "../tools/summary.js";
import type { Runtime } from "../tools/wrap.js";
import { daysAgo, either, Plan } from "./plan.js";

const FAILED = ["FailedWithError", "CompleteWithError"] as const;
const SAFETY =
  "Only read: do not start runs, change scope or delete anything unless the user asks for it after seeing your findings.";

function message(text: string): GetPromptResult {
  return { messages: [{ role: "user", content: { type: "text", text: redactSecrets(text) } }] };
}

/** Recent runs with problems, as "<id> (<label>)", for error messages. */
async function recentProblems(jim: JimClient, signal: AbortSignal): Promise<string> {
  try {
    const page = await listActivities(jim, { status: PROBLEM_STATUSES }, 1, 10, signal);
    if (page.items.length === 0) return "JIM lists no recent runs with problems.";
    const rows = page.items.map((a) => {
      const r = toActivityRow(a);
      return `${a.id} (${r.target} · ${r.operation} · ${r.status})`;
    });
    return `Recent runs with problems: ${rows.join("; ")}.`;
  } catch {
    return "Find activity ids with activity_list.";
  }
}

async function findActivity(jim: JimClient, raw: string, signal: AbortSignal): Promise<ActivityDetail> {
  const id = activityIdOf(raw);
  if (!id) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      redactSecrets(`activity: "${raw}" holds no activity id (a GUID). ${await recentProblems(jim, signal)}`),
    );
  }
  try {
    return await getActivity(jim, id, signal);
  } catch (e) {
    if (isJimApiError(e) && e.status === 404) {
      throw protocolError(e, "activity", {
        message: `activity: no activity has id ${id}. ${await recentProblems(jim, signal)}`,
      });
    }
    throw protocolError(e, "activity");
  }
}

const systemArg = (what: string, rt: Runtime) =>
  completable(z.string().min(1).max(200).describe(what), completeSystemName(rt));

/** The prompts' argument schemas, made once per runtime: an HTTP server builds a server per request. */
function argsFor(rt: Runtime) {
  return {
    health: z.object({
      connectedSystem: systemArg(
        "Connected system name or id; leave out to check every system.",
        rt,
      ).optional(),
    }),
    investigate: z.object({
      activity: completable(
        z
          .string()
          .min(1)
          .max(PROBLEM_VALUE_MAX)
          .describe(
            "The run's activity id (completion offers recent runs with problems); leave out for the latest.",
          ),
        completeProblemActivity(rt),
      ).optional(),
      connectedSystem: systemArg("Connected system name or id, to narrow the search.", rt).optional(),
    }),
    overview: z.object({
      connectedSystem: systemArg("Connected system name or id.", rt),
      runProfile: completable(
        z.string().min(1).max(200).describe("A run profile of that system to look at closely (optional)."),
        completeRunProfileName(rt),
      ).optional(),
    }),
  };
}
const argsByRuntime = new WeakMap<Runtime, ReturnType<typeof argsFor>>();

export function registerPrompts(server: McpServer, rt: Runtime, tools: readonly ToolSummary[]): void {
  let args = argsByRuntime.get(rt);
  if (!args) {
    args = argsFor(rt);
    argsByRuntime.set(rt, args);
  }
  const available = new Map(tools.map((t) => [t.name, new Set(t.args)]));
  const plan = () => new Plan(available);
  const jim = () => rt.connection.jim();
  const signalOf = (ctx: ServerContext) => ctx.mcpReq.signal;

  server.registerPrompt(
    "sync-health-check",
    {
      title: "Sync health check",
      description:
        "Checks JIM's synchronisation health, or one connected system's, and reports what needs attention.",
      argsSchema: args.health,
    },
    async ({ connectedSystem }, ctx) => {
      const system = connectedSystem
        ? await guarded("sync-health-check", () =>
            findSystem(toolContextFor(rt, ctx), connectedSystem, "connectedSystem"),
          )
        : undefined;
      const p = plan();
      const scope = system
        ? `the connected system "${system.name}" (id ${system.id})`
        : "every connected system";
      p.step("Confirm which JIM instance and key you are working with", ["connection_status", {}]);
      p.step(
        `Get the health summary of ${scope}`,
        ["sync_health", system ? either({ connectedSystemId: system.id, connectedSystem: system.name }) : {}],
        system
          ? ["connected_system_get", { connectedSystemId: system.id }]
          : ["connected_system_list", { pageSize: 100 }],
      );
      const health = p.has("sync_health") ? p.size : undefined;
      const listed = p.step("Find runs with problems in the last 7 days", [
        "activity_list",
        {
          status: PROBLEM_STATUSES,
          connectedSystem: system?.name,
          createdFrom: daysAgo(7),
          pageSize: 25,
        },
      ]);
      // Name only a step that is in the plan as where the runs come from.
      const runs = listed
        ? `For each run found in step ${p.size} (newest first, at most 5), find the cause`
        : health
          ? `For each problem in step ${health}'s answer that names an activity id (at most 5), find the cause`
          : "For each run with problems the user names (ask for its activity id), find the cause";
      p.step(
        runs,
        ["activity_explain", { activityId: "<activity id>" }],
        ["activity_get", { activityId: "<activity id>" }],
      );
      p.step("Where a run reports object errors, see which objects failed and why", [
        "activity_item_list",
        { activityId: "<activity id>" },
      ]);
      p.step(
        system
          ? "Check what is waiting to be exported"
          : "For each system with pending exports, see what is waiting",
        ["pending_export_list", { connectedSystemId: system?.id ?? "<connected system id>", pageSize: 25 }],
      );
      p.step("Look for stuck or queued work", ["worker_task_list", {}]);
      p.note(
        `Report one line per connected system: status, last run and its outcome, problems found, pending exports. Then, for each problem, the likely cause with its evidence and the next step. ${SAFETY}`,
      );
      return message(`Check the synchronisation health of ${scope} in JIM.\n\n${p.render()}`);
    },
  );

  server.registerPrompt(
    "investigate-failed-run",
    {
      title: "Investigate a failed run",
      description: "Finds out why a run-profile execution failed or reported errors, and proposes a fix.",
      argsSchema: args.investigate,
    },
    async ({ activity, connectedSystem }, ctx) => {
      const signal = signalOf(ctx);
      const a = activity
        ? await guarded("investigate-failed-run", () => findActivity(jim(), activity, signal))
        : undefined;
      const named = connectedSystem
        ? await guarded("investigate-failed-run", () =>
            findSystem(toolContextFor(rt, ctx), connectedSystem, "connectedSystem"),
          )
        : undefined;
      const systemId = a?.connectedSystemId ?? named?.id;
      const systemName = a ? (a.targetContext ?? named?.name) : named?.name;
      const profile = a?.targetType === "ConnectedSystemRunProfile" ? (a.targetName ?? undefined) : undefined;
      const p = plan();
      let activityId = a?.id ?? "";
      let intro: string;
      if (a) {
        const target = targetNamed(a) || a.targetType;
        const operation = a.connectedSystemRunType ?? a.targetOperationType;
        intro = `Find out why the run ${target} · ${operation} (activity ${a.id}) ended ${a.status}${a.created ? `, started ${a.created}` : ""}, and what to do about it.`;
      } else {
        intro = `Find the latest failed run${named ? ` of "${named.name}" (id ${named.id})` : ""}, find out why it failed, and what to do about it.`;
        const found = p.step(
          "Find the latest run that failed or ended with errors; use its activity id below",
          ["activity_list", { status: FAILED, connectedSystem: named?.name, pageSize: 5 }],
          ["sync_health", { connectedSystemId: named?.id }],
        );
        // A later step names the step that finds the id only when that step is in the plan.
        activityId = found
          ? `<activity id from step ${p.size}>`
          : "<activity id of the failed run: ask the user for it>";
      }
      p.step(
        "Read the outcome and the error",
        ["activity_explain", { activityId }],
        ["activity_get", { activityId }],
      );
      p.step("See which objects failed and the reasons", ["activity_item_list", { activityId }]);
      p.step("If the run has sub-activities, look at them", ["activity_child_list", { activityId }]);
      const sysId = systemId ?? "<connected system id of the run>";
      p.step("Check the system: status, settings validity, configuration drift", [
        "connected_system_get",
        { connectedSystemId: sysId },
      ]);
      p.step("Check the run profile: run type and partition (a deselected partition is a common cause)", [
        "run_profile_list",
        { connectedSystemId: sysId },
      ]);
      p.step("Check what is in scope", ["partition_list", { connectedSystemId: sysId }]);
      p.step("See whether earlier runs of the same profile succeeded, and when the trouble started", [
        "activity_list",
        {
          connectedSystem: systemName ?? "<system name>",
          runProfile: profile ?? "<run profile name>",
          pageSize: 10,
        },
      ]);
      p.note(
        `Explain the cause in plain words with the evidence (messages, failing objects, what changed), then propose the fix. Ask the user before re-running the profile (run_profile_execute) or changing anything. ${SAFETY}`,
      );
      return message(`${intro}\n\n${p.render()}`);
    },
  );

  server.registerPrompt(
    "connected-system-overview",
    {
      title: "Connected system overview",
      description:
        "Summarises one connected system: connector, object types, scope, run profiles, recent runs and pending exports.",
      argsSchema: args.overview,
    },
    async ({ connectedSystem, runProfile }, ctx) => {
      const system = await guarded("connected-system-overview", () =>
        findSystem(toolContextFor(rt, ctx), connectedSystem, "connectedSystem"),
      );
      let profile: { id: number; name: string; runType: string } | undefined;
      if (runProfile) {
        // The resolver every tool uses: an id, or a name within the system (exact, then ignoring case).
        const found = await guarded("connected-system-overview", () =>
          findRunProfile(
            toolContextFor(rt, ctx),
            { runProfileId: runProfile, connectedSystemId: system.id },
            { profile: "runProfile", system: "connectedSystem" },
          ),
        );
        profile = { id: found.profile.id, name: found.profile.name, runType: found.profile.runType };
      }
      const p = plan();
      const id = system.id;
      p.step("Read the system: connector, status, counts, object types, configuration drift", [
        "connected_system_get",
        { connectedSystemId: id },
      ]);
      p.step("See which partitions and containers are in scope", [
        "partition_list",
        { connectedSystemId: id },
      ]);
      p.step("See which object types are selected and their attributes", [
        "object_type_list",
        { connectedSystemId: id },
      ]);
      p.step("List its run profiles", ["run_profile_list", { connectedSystemId: id }]);
      p.step(profile ? `See how recent runs of "${profile.name}" went` : "See how its recent runs went", [
        "activity_list",
        { connectedSystem: system.name, runProfile: profile?.name, pageSize: 10 },
      ]);
      p.step("See what is waiting to be exported", [
        "pending_export_list",
        { connectedSystemId: id, pageSize: 25 },
      ]);
      p.note(
        `Summarise for an administrator: what the system is, what is in scope, its run profiles${profile ? ` (in detail: "${profile.name}", id ${profile.id}, ${profile.runType})` : ""} and how recent runs went, pending exports, and anything that needs attention. ${SAFETY}`,
      );
      return message(
        `Give an overview of the connected system "${system.name}" (id ${id}) in JIM. Its resources: jim://connected-systems/${id}, jim://connected-systems/${id}/partitions, jim://connected-systems/${id}/run-profiles.\n\n${p.render()}`,
      );
    },
  );
}
