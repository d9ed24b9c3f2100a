/**
 * sync_health: one read-only call that says whether synchronisation is healthy.
 * It reads list endpoints with bounded pages (never a fan-out that grows with the
 * instance), so it makes at most SYNC_HEALTH_MAX_REQUESTS requests to JIM.
 */
import * as z from "zod";
import { listActivitiesOrdered, PROBLEM_STATUSES } from "../../jim/activities.js";
import { getConnectedSystem, listRunProfiles } from "../../jim/connected-systems.js";
import { countPendingExports } from "../../jim/connector-space.js";
import { listSystemsByExportBacklog } from "../../jim/health.js";
import { getPendingDeletionSummary } from "../../jim/metaverse.js";
import type { ActivityHeader, ActivityStatus } from "../../jim/types.js";
import { listWorkerTasks } from "../../jim/worker-tasks.js";
import { fmtWhen, targetNamed } from "../activities/activity-rows.js";
import { activityCall, type Exposes, firstCall } from "../activities/hints.js";
import { defineTool, ToolInputError } from "../define.js";
import { fmtDuration, fmtNumber, parseTimeSpan, table } from "../format/text.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";
import { RequestBudget } from "./budget.js";

/** Page sizes and caps; together they fix the request bound below. */
export const HEALTH_LIMITS = {
  /** Connected systems examined: one page, largest pending-export backlog first. */
  systems: 100,
  /** Pages of 100 recent runs read to find each run profile's last run. */
  runPages: 3,
  /** Newest activities read per problem status (FailedWithError, CompleteWithError, CompleteWithWarning). */
  perStatus: 50,
  /** Oldest in-progress activities read. */
  inProgress: 25,
  workerTasks: 100,
  /**
   * Systems whose run-profile list is always read to find profiles that never ran (those with no
   * run seen first). Whatever the other reads leave of the bound is used for more systems' lists.
   */
  runProfileSystems: 5,
  /** Systems with a backlog whose failed pending exports are counted. */
  failedExportSystems: 3,
  /** Problems and run-profile rows returned. */
  problems: 20,
  runProfileRows: 25,
} as const;

/** 1 systems + 3 run pages + 3 statuses + in-progress + worker queue + deletions + 5 profile lists + 3 counts = 18. */
export const SYNC_HEALTH_MAX_REQUESTS =
  1 +
  HEALTH_LIMITS.runPages +
  PROBLEM_STATUSES.length +
  1 +
  1 +
  1 +
  HEALTH_LIMITS.runProfileSystems +
  HEALTH_LIMITS.failedExportSystems;

/**
 * Pages of connected systems a name may be looked up in. With one system the report itself needs
 * 12 requests (the system, 3 run pages, 3 statuses, in-progress, queue, deletions, its run
 * profiles, its failed exports), so the lookup fits in what is left of the same bound.
 */
export const NAME_LOOKUP_PAGES =
  SYNC_HEALTH_MAX_REQUESTS - (1 + HEALTH_LIMITS.runPages + PROBLEM_STATUSES.length + 1 + 1 + 1 + 1 + 1);

/** An in-progress activity older than this is reported as long-running or stuck. */
export const LONG_RUNNING_MINUTES = 60;

const RUN = "ConnectedSystemRunProfile";

/** Problem kinds, worst first; the rank is the index. */
export const PROBLEM_KINDS = [
  "failed",
  "completed_with_errors",
  "export_failures",
  "long_running",
  "warnings",
  "never_run",
  "export_backlog",
  "recovered",
] as const;
type ProblemKind = (typeof PROBLEM_KINDS)[number];

interface Problem {
  kind: ProblemKind;
  summary: string;
  connectedSystemId: number | null;
  activityId: string | null;
  next: string;
  /** ms, for ordering within a kind (newest first). */
  at: number;
}

interface SystemInfo {
  id: number;
  name: string;
  status: string;
  pendingExports: number;
}

interface ProfileRun {
  system: string;
  connectedSystemId: number | null;
  runProfile: string;
  status: ActivityStatus | "NeverRun" | "NotSeen";
  when: string | null;
  durationSeconds: number | null;
  errors: number;
  activityId: string | null;
  runningNow: boolean;
  problemRunsInWindow: number;
  /** Known only for profiles read from a run-profile list. */
  runProfileId?: number;
}

/** A run profile before any run of it is recorded. */
function profileRun(
  system: string,
  connectedSystemId: number | null,
  runProfile: string,
  status: ProfileRun["status"],
): ProfileRun {
  return {
    system,
    connectedSystemId,
    runProfile,
    status,
    when: null,
    durationSeconds: null,
    errors: 0,
    activityId: null,
    runningNow: false,
    problemRunsInWindow: 0,
  };
}

const json = (o: Record<string, unknown>) => JSON.stringify(o);

/** Why an activity went wrong: activity_explain, else activity_get, else in words. */
const explainCall = (ctx: Exposes, id: string) =>
  activityCall(ctx, id) ?? `read activity ${id} in JIM's activity log`;

/** A system's pending exports: pending_export_list, else the endpoint through api_get, else in words. */
const exportsCall = (ctx: Exposes, id: number, what: string) =>
  firstCall(
    ctx,
    ["pending_export_list", { connectedSystemId: id }],
    ["api_get", { path: `/synchronisation/connected-systems/${id}/pending-exports` }],
  ) ?? `look at its ${what} in JIM`;
const keyOf = (system: string, profile: string) => `${system}\u0000${profile}`;
const timeOf = (a: ActivityHeader) => Date.parse(a.executed ?? a.created);

const STATUS_TEXT: Record<string, string> = {
  FailedWithError: "failed",
  CompleteWithError: "completed with errors",
  CompleteWithWarning: "completed with warnings",
  Complete: "succeeded",
  Cancelled: "cancelled",
  InProgress: "in progress",
  NeverRun: "never run",
  NotSeen: "no recent run",
};

/** A profile with no run seen: start it if it should run (when this server can), else where to look. */
function neverRunNext(ctx: Exposes, p: ProfileRun): string {
  const sys = p.connectedSystemId;
  if (p.runProfileId === undefined)
    return (
      firstCall(ctx, ["run_profile_list", { connectedSystemId: sys }]) ??
      `sync_health ${json({ connectedSystemId: sys })}`
    );
  const run = firstCall(ctx, [
    "run_profile_execute",
    { connectedSystemId: sys, runProfileId: p.runProfileId },
  ]);
  return run
    ? `if it should run: ${run}`
    : `if it should run, start it in JIM (run profile id ${p.runProfileId}; this server cannot start runs)`;
}

/** Work running far too long: read it, then look at the worker queue. */
function longRunningNext(ctx: Exposes, id: string): string {
  const read = activityCall(ctx, id, "get") ?? `read activity ${id} in JIM's activity log`;
  const queue = firstCall(ctx, ["worker_task_list", {}]);
  return `${read}, then ${queue ?? "JIM's worker queue"} if it is stuck`;
}

function plural(n: number, word: string): string {
  return `${fmtNumber(n)} ${word}${n === 1 ? "" : "s"}`;
}

function ago(ms: number): string {
  return `${fmtDuration(Math.max(0, ms) / 1000)} ago`;
}

function label(a: ActivityHeader): string {
  const named = targetNamed(a);
  if (a.targetType === RUN) return named || RUN;
  return `${a.targetType} ${a.targetOperationType}${named ? ` (${named})` : ""}`;
}

const problemOutput = z.object({
  kind: z.enum(PROBLEM_KINDS),
  summary: z.string(),
  connectedSystemId: z.number().nullable(),
  activityId: z.string().nullable(),
  next: z.string(),
});

export const syncHealth = defineTool({
  name: "sync_health",
  title: "Sync health",
  description:
    "Is sync healthy? One bounded call: each run profile's last run, failures, queue, pending exports and deletions; problems worst first with the next call.",
  toolset: "health",
  kind: "read",
  input: z.object({
    sinceHours: z
      .number()
      .int()
      .min(1)
      .max(720)
      .default(24)
      .describe("Hours to look back, 1–720 (default 24)."),
    connectedSystemId: connectedSystem.optional(),
  }),
  output: z.object({
    verdict: z.enum(["healthy", "attention", "unhealthy"]),
    problemCount: z.number().int(),
    problems: z.array(problemOutput),
    window: z.object({
      hours: z.number().int(),
      failed: z.number().int(),
      completedWithErrors: z.number().int(),
      completedWithWarnings: z.number().int(),
    }),
    runProfiles: z.array(
      z.object({
        system: z.string(),
        connectedSystemId: z.number().nullable(),
        runProfile: z.string(),
        status: z.string(),
        when: z.string().nullable(),
        durationSeconds: z.number().nullable(),
        errors: z.number(),
        activityId: z.string().nullable(),
        runningNow: z.boolean(),
        problemRunsInWindow: z.number().int(),
      }),
    ),
    queue: z.object({
      workerTasks: z.number().int(),
      byStatus: z.record(z.string(), z.number()),
      activitiesInProgress: z.number().int(),
    }),
    backlog: z.object({
      pendingExports: z.number().int(),
      systemsWithPendingExports: z.number().int(),
      failedExportsBySystemId: z.record(z.string(), z.number()),
      pendingDeletions: z
        .object({
          total: z.number(),
          deprovisioning: z.number(),
          awaitingGracePeriod: z.number(),
          readyForDeletion: z.number(),
        })
        .nullable(),
    }),
    coverage: z.object({
      systemsExamined: z.number().int(),
      systemsTotal: z.number().int(),
      runsRead: z.number().int(),
      runsTotal: z.number().int(),
      runProfilesSeen: z.number().int(),
      runProfileListsRead: z
        .number()
        .int()
        .describe("Systems whose run profiles were read (to find profiles that never ran)."),
      runProfileListsNotRead: z
        .number()
        .int()
        .describe("Examined systems whose run profiles were not read: the request bound was reached."),
      requestsUsed: z.number().int(),
      requestBound: z.number().int(),
      nameLookupRequests: z.number().int(),
    }),
  }),
  async handler(args, ctx) {
    const budget = new RequestBudget(SYNC_HEALTH_MAX_REQUESTS);
    const jim = budget.wrap(ctx.jim());
    const signal = ctx.signal;
    const now = Date.now();
    const since = new Date(now - args.sinceHours * 3_600_000).toISOString();

    // A system given by name is looked up first, within the same bound (an id costs nothing).
    const lookup = new RequestBudget(NAME_LOOKUP_PAGES);
    const systemId =
      args.connectedSystemId === undefined
        ? undefined
        : (
            await resolveConnectedSystem(
              { jim: () => lookup.wrap(jim), signal, memo: ctx.memo },
              args.connectedSystemId,
            ).catch((e: unknown) => {
              if (lookup.used < lookup.limit || e instanceof ToolInputError) throw e;
              throw new ToolInputError(
                `connectedSystemId: finding "${args.connectedSystemId}" by name would take more than ${lookup.limit} pages of connected systems. Pass its id (connected_system_list).`,
              );
            })
          ).id;

    // 1. Connected systems (one page) — names, status and export backlogs.
    let systems: SystemInfo[];
    let systemsTotal: number;
    if (systemId !== undefined) {
      const d = await getConnectedSystem(jim, systemId, signal);
      systems = [{ id: d.id, name: d.name, status: d.status, pendingExports: d.pendingExportCount ?? 0 }];
      systemsTotal = 1;
    } else {
      const pg = await listSystemsByExportBacklog(jim, HEALTH_LIMITS.systems, signal);
      systems = pg.items.map((s) => ({
        id: s.id,
        name: s.name,
        status: s.status,
        pendingExports: s.pendingExportObjectsCount ?? 0,
      }));
      systemsTotal = pg.totalCount;
    }
    const systemByName = new Map(systems.map((s) => [s.name, s]));
    const only = args.connectedSystemId !== undefined ? [systems[0]!.name] : undefined;

    // 2–6 are independent: read them concurrently (each within its own cap).
    // 2. Recent runs, newest first: each run profile's last run.
    const scanRuns = async () => {
      const items: ActivityHeader[] = [];
      let total = 0;
      for (let page = 1; page <= HEALTH_LIMITS.runPages; page++) {
        const pg = await listActivitiesOrdered(
          jim,
          { targetType: [RUN], connectedSystem: only },
          { page, pageSize: 100, direction: "desc" },
          signal,
        );
        items.push(...pg.items);
        total = pg.totalCount;
        if (!pg.hasNextPage || pg.items.length === 0) return { items, total, complete: true };
      }
      return { items, total, complete: false };
    };
    // 3. Problem activities in the window, one request per status (counts are exact).
    const readStatus = async (status: (typeof PROBLEM_STATUSES)[number]) => {
      const pg = await listActivitiesOrdered(
        jim,
        { status: [status], createdFrom: since, connectedSystem: only },
        { page: 1, pageSize: HEALTH_LIMITS.perStatus, direction: "desc" },
        signal,
      );
      return { items: pg.items, total: pg.totalCount };
    };
    // 4. In-progress work, oldest first; 5. the worker queue; 6. pending metaverse deletions.
    const [scan, failed, errored, warned, running, queue, deletions] = await Promise.all([
      scanRuns(),
      readStatus("FailedWithError"),
      readStatus("CompleteWithError"),
      readStatus("CompleteWithWarning"),
      listActivitiesOrdered(
        jim,
        { status: ["InProgress"], connectedSystem: only },
        { page: 1, pageSize: HEALTH_LIMITS.inProgress, direction: "asc" },
        signal,
      ),
      listWorkerTasks(jim, 1, HEALTH_LIMITS.workerTasks, signal),
      getPendingDeletionSummary(jim, signal),
    ]);
    const runs = scan.items;
    const runsTotal = scan.total;
    const runScanComplete = scan.complete;
    const windowed: Record<(typeof PROBLEM_STATUSES)[number], { items: ActivityHeader[]; total: number }> = {
      FailedWithError: failed,
      CompleteWithError: errored,
      CompleteWithWarning: warned,
    };

    // Last run per profile (newest finished run), and whether one is running now.
    const profiles = new Map<string, ProfileRun>();
    for (const a of runs) {
      const system = a.targetContext ?? "";
      const profile = a.targetName ?? "";
      const k = keyOf(system, profile);
      let p = profiles.get(k);
      if (!p) {
        p = profileRun(system, systemByName.get(system)?.id ?? null, profile, "InProgress");
        profiles.set(k, p);
      }
      if (a.status === "InProgress") {
        p.runningNow = true;
        if (p.activityId === null) {
          p.when = a.executed ?? a.created;
          p.activityId = a.id;
        }
        continue;
      }
      if (p.status !== "InProgress") continue; // a newer finished run was already recorded
      p.status = a.status;
      p.when = a.executed ?? a.created;
      const d = parseTimeSpan(a.executionTime) ?? parseTimeSpan(a.totalActivityTime);
      p.durationSeconds = d === null ? null : Math.round(d * 10) / 10;
      p.errors = a.totalErrors ?? 0;
      p.activityId = a.id;
    }
    for (const status of PROBLEM_STATUSES) {
      for (const a of windowed[status].items) {
        if (a.targetType !== RUN) continue;
        const p = profiles.get(keyOf(a.targetContext ?? "", a.targetName ?? ""));
        if (p) p.problemRunsInWindow += 1;
      }
    }

    // 7. Run-profile lists: profiles that never ran (or not among the runs read). Every examined
    // system's list is read if the bound allows; systems with no run seen come first.
    // 8. Failed pending exports on the systems with the largest backlogs (read alongside 7).
    const backlog = systems.filter((s) => s.pendingExports > 0);
    const counted = backlog.slice(0, HEALTH_LIMITS.failedExportSystems);
    const seenSystems = new Set([...profiles.values()].map((p) => p.system));
    const toList = [
      ...systems.filter((s) => !seenSystems.has(s.name)),
      ...systems.filter((s) => seenSystems.has(s.name)),
    ];
    const room = Math.max(0, budget.limit - budget.used - counted.length);
    const listed = toList.slice(0, room);
    const notListed = toList.slice(listed.length);
    const [profileLists, failedCounts] = await Promise.all([
      Promise.all(listed.map((s) => listRunProfiles(jim, s.id, signal))),
      Promise.all(counted.map((s) => countPendingExports(jim, s.id, { status: "Failed" }, signal))),
    ]);
    const failedBySystem: Record<string, number> = {};
    counted.forEach((s, i) => {
      failedBySystem[String(s.id)] = failedCounts[i] as number;
    });
    listed.forEach((s, i) => {
      for (const rp of profileLists[i] ?? []) {
        const k = keyOf(s.name, rp.name);
        if (profiles.has(k)) continue;
        profiles.set(k, {
          ...profileRun(s.name, s.id, rp.name, runScanComplete ? "NeverRun" : "NotSeen"),
          runProfileId: rp.id,
        });
      }
    });

    // ---- problems, worst first ------------------------------------------------
    const problems: Problem[] = [];
    const add = (p: Problem) => problems.push(p);
    const profileKind: Partial<Record<string, ProblemKind>> = {
      FailedWithError: "failed",
      CompleteWithError: "completed_with_errors",
      CompleteWithWarning: "warnings",
    };
    for (const p of profiles.values()) {
      const kind = profileKind[p.status];
      const where = `${p.runProfile} on ${p.system}`;
      if (kind && p.activityId) {
        const when = p.when ? ago(now - Date.parse(p.when)) : "";
        const extra = p.problemRunsInWindow > 1 ? `; ${p.problemRunsInWindow} such runs in the window` : "";
        add({
          kind,
          summary: `${where}: last run ${STATUS_TEXT[p.status]} ${when}${p.errors ? ` (${plural(p.errors, "item error")})` : ""}${extra}`,
          connectedSystemId: p.connectedSystemId,
          activityId: p.activityId,
          next: explainCall(ctx, p.activityId),
          at: p.when ? Date.parse(p.when) : 0,
        });
      } else if (p.status === "NeverRun" || p.status === "NotSeen") {
        add({
          kind: "never_run",
          summary:
            p.status === "NeverRun"
              ? `${where}: never run`
              : `${where}: no run among the latest ${fmtNumber(runs.length)} runs`,
          connectedSystemId: p.connectedSystemId,
          activityId: null,
          next: neverRunNext(ctx, p),
          at: 0,
        });
      } else if (p.problemRunsInWindow > 0 && p.activityId) {
        add({
          kind: "recovered",
          summary: `${where}: ${p.problemRunsInWindow} failed or warned run(s) in the window, but the last run ${STATUS_TEXT[p.status]}`,
          connectedSystemId: p.connectedSystemId,
          activityId: p.activityId,
          next:
            firstCall(ctx, ["activity_list", { connectedSystem: p.system, status: [...PROBLEM_STATUSES] }]) ??
            "nothing to do unless it fails again",
          at: p.when ? Date.parse(p.when) : 0,
        });
      }
    }
    // Problem runs in the window whose profile is older than the runs read: its last run is unknown,
    // so the newest problem run stands for it (said plainly, never dropped).
    const unread = new Map<string, { a: ActivityHeader; n: number; status: string }>();
    for (const status of PROBLEM_STATUSES) {
      for (const a of windowed[status].items) {
        if (a.targetType !== RUN) continue;
        const k = keyOf(a.targetContext ?? "", a.targetName ?? "");
        if (profiles.has(k)) continue;
        const g = unread.get(k);
        if (!g) unread.set(k, { a, n: 1, status });
        else {
          g.n += 1;
          if (timeOf(a) > timeOf(g.a)) Object.assign(g, { a, status });
        }
      }
    }
    for (const { a, n, status } of unread.values()) {
      add({
        kind: profileKind[status] ?? "warnings",
        summary: `${label(a)}: a run ${STATUS_TEXT[status]} ${ago(now - timeOf(a))}${n > 1 ? ` (${n} problem runs in the window)` : ""}; later runs not read`,
        connectedSystemId: a.targetContext ? (systemByName.get(a.targetContext)?.id ?? null) : null,
        activityId: a.id,
        next: explainCall(ctx, a.id),
        at: timeOf(a),
      });
    }
    // Activities other than runs (configuration changes, housekeeping…): grouped by what they did.
    const others = new Map<string, { a: ActivityHeader; n: number; status: string }>();
    for (const status of PROBLEM_STATUSES) {
      for (const a of windowed[status].items) {
        if (a.targetType === RUN) continue;
        const k = `${status}\u0000${label(a)}`;
        const g = others.get(k);
        if (g) g.n += 1;
        else others.set(k, { a, n: 1, status });
      }
    }
    for (const { a, n, status } of others.values()) {
      add({
        kind: profileKind[status] ?? "warnings",
        summary: `${label(a)}: ${STATUS_TEXT[status]}${n > 1 ? ` (${n} times)` : ""}, latest ${ago(now - timeOf(a))}`,
        connectedSystemId: a.targetContext ? (systemByName.get(a.targetContext)?.id ?? null) : null,
        activityId: a.id,
        next: explainCall(ctx, a.id),
        at: timeOf(a),
      });
    }
    for (const [id, n] of Object.entries(failedBySystem)) {
      if (n <= 0) continue;
      const s = systems.find((x) => String(x.id) === id)!;
      add({
        kind: "export_failures",
        summary: `${s.name}: ${plural(n, "pending export")} failed`,
        connectedSystemId: s.id,
        activityId: null,
        next: exportsCall(ctx, s.id, "failed pending exports"),
        at: now,
      });
    }
    const longAfter = LONG_RUNNING_MINUTES * 60_000;
    for (const a of running.items) {
      const started = a.executed ? Date.parse(a.executed) : null;
      const age = now - (started ?? Date.parse(a.created));
      if (age < longAfter) continue;
      add({
        kind: "long_running",
        summary: `${label(a)}: ${started ? "running" : "queued"} for ${fmtDuration(age / 1000)}`,
        connectedSystemId: a.targetContext ? (systemByName.get(a.targetContext)?.id ?? null) : null,
        activityId: a.id,
        next: longRunningNext(ctx, a.id),
        at: now - age,
      });
    }
    for (const s of backlog) {
      if ((failedBySystem[String(s.id)] ?? 0) > 0) continue;
      add({
        kind: "export_backlog",
        summary: `${s.name}: ${plural(s.pendingExports, "pending export")} waiting`,
        connectedSystemId: s.id,
        activityId: null,
        next: `${exportsCall(ctx, s.id, "pending exports")}, then run its Export profile`,
        at: s.pendingExports,
      });
    }
    problems.sort((x, y) => PROBLEM_KINDS.indexOf(x.kind) - PROBLEM_KINDS.indexOf(y.kind) || y.at - x.at);
    const shown = problems.slice(0, HEALTH_LIMITS.problems);

    const severe = problems.some((p) => p.kind === "failed" || p.kind === "completed_with_errors");
    const attention = problems.some(
      (p) => PROBLEM_KINDS.indexOf(p.kind) <= PROBLEM_KINDS.indexOf("warnings"),
    );
    const verdict: "healthy" | "attention" | "unhealthy" = severe
      ? "unhealthy"
      : attention
        ? "attention"
        : "healthy";

    // Run-profile rows: problems first, then most recent.
    const statusRank = (s: string) => {
      const order = [
        "FailedWithError",
        "CompleteWithError",
        "CompleteWithWarning",
        "NeverRun",
        "NotSeen",
        "InProgress",
        "Cancelled",
        "Complete",
      ];
      const i = order.indexOf(s);
      return i < 0 ? order.length : i;
    };
    const allRows = [...profiles.values()].sort(
      (x, y) =>
        statusRank(x.status) - statusRank(y.status) ||
        (y.when ? Date.parse(y.when) : 0) - (x.when ? Date.parse(x.when) : 0),
    );
    const rows = allRows.slice(0, HEALTH_LIMITS.runProfileRows);

    const byStatus: Record<string, number> = {};
    for (const t of queue.items) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
    const exportTotal = systems.reduce((n, s) => n + s.pendingExports, 0);

    const structured = {
      verdict,
      problemCount: problems.length,
      problems: shown.map(({ at: _at, ...p }) => p),
      window: {
        hours: args.sinceHours,
        failed: windowed.FailedWithError.total,
        completedWithErrors: windowed.CompleteWithError.total,
        completedWithWarnings: windowed.CompleteWithWarning.total,
      },
      runProfiles: rows.map(({ runProfileId: _id, ...r }) => r),
      queue: { workerTasks: queue.totalCount, byStatus, activitiesInProgress: running.totalCount },
      backlog: {
        pendingExports: exportTotal,
        systemsWithPendingExports: backlog.length,
        failedExportsBySystemId: failedBySystem,
        pendingDeletions: deletions
          ? {
              total: deletions.totalCount ?? 0,
              deprovisioning: deletions.deprovisioningCount ?? 0,
              awaitingGracePeriod: deletions.awaitingGracePeriodCount ?? 0,
              readyForDeletion: deletions.readyForDeletionCount ?? 0,
            }
          : null,
      },
      coverage: {
        systemsExamined: systems.length,
        systemsTotal,
        runsRead: runs.length,
        runsTotal,
        runProfilesSeen: profiles.size,
        runProfileListsRead: listed.length,
        runProfileListsNotRead: notListed.length,
        requestsUsed: budget.used,
        requestBound: budget.limit,
        nameLookupRequests: lookup.used,
      },
    };

    // ---- text -------------------------------------------------------------------
    const scope =
      args.connectedSystemId !== undefined
        ? `${systems[0]!.name} (id ${systems[0]!.id})`
        : `${fmtNumber(systemsTotal)} connected systems`;
    const w = structured.window;
    const lines: string[] = [
      `Sync health: ${verdict.toUpperCase()} · ${scope} · last ${args.sinceHours} h: ${fmtNumber(w.failed)} failed, ${fmtNumber(w.completedWithErrors)} with errors, ${fmtNumber(w.completedWithWarnings)} with warnings`,
    ];
    if (problems.length === 0) lines.push("Problems: none found.");
    else {
      lines.push(
        `Problems (worst first${problems.length > shown.length ? `, ${shown.length} of ${problems.length}` : ""}):`,
      );
      shown.forEach((p, i) => {
        lines.push(`${i + 1}. [${p.kind}] ${p.summary} → ${p.next}`);
      });
    }
    lines.push(
      `Run profiles (last run${allRows.length > rows.length ? `; ${rows.length} of ${fmtNumber(allRows.length)}, problems first` : ""}):`,
      table(rows, [
        ["system", (r) => r.system],
        ["run profile", (r) => r.runProfile],
        ["last run", (r) => `${STATUS_TEXT[r.status] ?? r.status}${r.runningNow ? " (running now)" : ""}`],
        ["when (UTC)", (r) => fmtWhen(r.when)],
        ["duration", (r) => (r.durationSeconds === null ? null : fmtDuration(r.durationSeconds))],
        ["errors", (r) => r.errors],
      ]),
    );
    const queueText = Object.entries(byStatus)
      .map(([s, n]) => `${n} ${s}`)
      .join(", ");
    const d = structured.backlog.pendingDeletions;
    lines.push(
      `Worker queue${args.connectedSystemId !== undefined ? " (all systems)" : ""}: ${fmtNumber(queue.totalCount)} task(s)${queueText ? ` (${queueText})` : ""} · in progress: ${fmtNumber(running.totalCount)}`,
      `Pending exports: ${fmtNumber(exportTotal)} on ${fmtNumber(backlog.length)} system(s)${systems.length < systemsTotal ? " examined" : ""}`,
      d
        ? `Pending metaverse deletions: ${fmtNumber(d.total)} (${fmtNumber(d.readyForDeletion)} ready, ${fmtNumber(d.awaitingGracePeriod)} in grace period, ${fmtNumber(d.deprovisioning)} deprovisioning)`
        : "Pending metaverse deletions: –",
    );
    const cover: string[] = [];
    if (systems.length < systemsTotal)
      cover.push(
        `examined ${fmtNumber(systems.length)} of ${fmtNumber(systemsTotal)} systems (largest export backlog first)`,
      );
    if (!runScanComplete)
      cover.push(`last runs taken from the newest ${fmtNumber(runs.length)} of ${fmtNumber(runsTotal)} runs`);
    if (notListed.length > 0) {
      const some = notListed
        .slice(0, 3)
        .map((s) => `${s.name} (id ${s.id})`)
        .join(", ");
      const first = notListed[0]!;
      const other = firstCall(ctx, ["run_profile_list", { connectedSystemId: first.id }]);
      cover.push(
        `the run profiles of ${plural(notListed.length, "system")} were not read (request bound), so profiles there that never ran are not listed: ${some}${notListed.length > 3 ? ", …" : ""}; check one with sync_health ${json({ connectedSystemId: first.id })}${other ? ` or ${other}` : ""}`,
      );
    }
    if (
      windowed.FailedWithError.total > HEALTH_LIMITS.perStatus ||
      windowed.CompleteWithWarning.total > HEALTH_LIMITS.perStatus ||
      windowed.CompleteWithError.total > HEALTH_LIMITS.perStatus
    )
      cover.push(
        `per status only the newest ${HEALTH_LIMITS.perStatus} activities were grouped${ctx.exposes("activity_list") ? " (activity_list has the rest)" : ""}`,
      );
    if (cover.length) lines.push(`Coverage: ${cover.join("; ")}.`);
    lines.push(
      `JIM requests: ${budget.describe()}${lookup.used ? ` (${lookup.used} to find the system by name)` : ""}.`,
    );
    return { structured, text: lines.join("\n") };
  },
});
