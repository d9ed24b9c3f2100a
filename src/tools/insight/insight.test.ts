/**
 * sync_health and activity_explain through a real MCP client against the
 * simulator: results, the exact requests JIM received, and the request bound
 * and output budget on a large instance.
 */
import { afterEach, describe, expect, it } from "vitest";
import { liveRun } from "../../../test/calls.js";
import { type Rig, rig, text } from "../../../test/harness.js";
import { fillLargeInstance } from "../../simulator/data/large.js";
import { OUTPUT_BUDGET_CHARS } from "../wrap.js";
import { ACTIVITY_EXPLAIN_MAX_REQUESTS, EXPLAIN_ITEM_PAGES } from "./activity-explain.js";
import { HEALTH_LIMITS, SYNC_HEALTH_MAX_REQUESTS } from "./sync-health.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const HOUR = 3_600_000;
const MISSING = "0b0e7d1c-5a4f-4e3b-9c2d-1a2b3c4d5e6f";

interface Health {
  verdict: string;
  problemCount: number;
  problems: Array<{
    kind: string;
    summary: string;
    connectedSystemId: number | null;
    activityId: string | null;
    next: string;
  }>;
  window: { hours: number; failed: number; completedWithErrors: number; completedWithWarnings: number };
  runProfiles: Array<{ system: string; runProfile: string; status: string; activityId: string | null }>;
  queue: { workerTasks: number; activitiesInProgress: number };
  backlog: {
    pendingExports: number;
    systemsWithPendingExports: number;
    failedExportsBySystemId: Record<string, number>;
    pendingDeletions: { total: number } | null;
  };
  coverage: {
    systemsExamined: number;
    systemsTotal: number;
    runsRead: number;
    runsTotal: number;
    runProfileListsRead: number;
    runProfileListsNotRead: number;
    requestsUsed: number;
    requestBound: number;
  };
}

const jimRequests = (x: Rig) => x.sim.requests.filter((q) => q.userAgent === "jim-mcp");

/** Leaves one connected system whose three profiles each ran once, cleanly. */
function healthyInstance(x: Rig): void {
  const s = x.sim.state;
  s.connectedSystems = [];
  s.activities = [];
  s.workerTasks = [];
  fillLargeInstance(s, { systems: 1, activities: 3, prefix: "Clean System" });
}

describe("sync_health", () => {
  it("ranks the sample instance's problems worst first, with the exact bounded requests", async () => {
    r = await rig();
    r.sim.clearRequests();
    const before = Date.now();
    const res = await r.call("sync_health", {});
    const after = Date.now();
    expect(res.isError, text(res)).toBeFalsy();

    // Independent reads go out concurrently, so compare without order.
    const reqs = jimRequests(r);
    const byQuery = (path: string, match: Record<string, string>) =>
      reqs.filter(
        (q) =>
          q.path === path &&
          Object.entries(match).every(([k, v]) => (q.query as Record<string, unknown>)[k] === v),
      );
    expect(reqs.map((q) => q.path).sort()).toEqual(
      [
        "/api/v1/synchronisation/connected-systems",
        "/api/v1/activities",
        "/api/v1/activities",
        "/api/v1/activities",
        "/api/v1/activities",
        "/api/v1/activities",
        "/api/v1/worker-tasks",
        "/api/v1/metaverse/pending-deletions/summary",
        "/api/v1/synchronisation/connected-systems/2/pending-exports/count",
        "/api/v1/synchronisation/connected-systems/3/pending-exports/count",
        // Every system's run profiles fit in the bound: profiles that never ran are found on all.
        "/api/v1/synchronisation/connected-systems/1/run-profiles",
        "/api/v1/synchronisation/connected-systems/2/run-profiles",
        "/api/v1/synchronisation/connected-systems/3/run-profiles",
      ].sort(),
    );
    expect(reqs[0]!.query).toEqual({
      page: "1",
      pageSize: "100",
      sortBy: "pendingExportObjectsCount",
      sortDirection: "desc",
    });
    expect(
      byQuery("/api/v1/activities", { targetType: "ConnectedSystemRunProfile" }).map((q) => q.query),
    ).toEqual([
      { page: "1", pageSize: "100", sortDirection: "desc", targetType: "ConnectedSystemRunProfile" },
    ]);
    for (const status of ["FailedWithError", "CompleteWithError", "CompleteWithWarning"]) {
      const hits = byQuery("/api/v1/activities", { status });
      expect(hits, status).toHaveLength(1);
      const q = hits[0]!.query as Record<string, string>;
      expect(q).toMatchObject({ page: "1", pageSize: "50", sortDirection: "desc", status });
      const from = Date.parse(q.createdFrom as string);
      expect(from).toBeGreaterThanOrEqual(before - 24 * HOUR);
      expect(from).toBeLessThanOrEqual(after - 24 * HOUR);
    }
    expect(byQuery("/api/v1/activities", { status: "InProgress" }).map((q) => q.query)).toEqual([
      { page: "1", pageSize: "25", sortDirection: "asc", status: "InProgress" },
    ]);
    expect(byQuery("/api/v1/worker-tasks", {}).map((q) => q.query)).toEqual([{ page: "1", pageSize: "100" }]);
    expect(reqs.filter((q) => q.path.endsWith("/pending-exports/count")).map((q) => q.query)).toEqual([
      { status: "Failed" },
      { status: "Failed" },
    ]);

    const out = res.structuredContent as unknown as Health;
    const failedExport = r.sim.state.activities.find((a) => a.status === "FailedWithError")!;
    expect(out.verdict).toBe("unhealthy");
    expect(out.problems[0]).toMatchObject({
      kind: "failed",
      connectedSystemId: 2,
      activityId: failedExport.id,
      next: `activity_explain {"activityId":"${failedExport.id}"}`,
    });
    expect(out.problems[0]!.summary).toMatch(/^Export on Corporate Directory: last run failed/);
    expect(out.problems.map((p) => p.kind)).toEqual([
      "failed",
      "export_failures",
      "export_failures",
      "warnings",
      ...Array(6).fill("never_run"),
    ]);
    // The failed export is 24.5 h old: outside the window, but still the profile's last run.
    expect(out.window).toEqual({ hours: 24, failed: 0, completedWithErrors: 0, completedWithWarnings: 0 });
    const allProfiles = r.sim.state.connectedSystems.flatMap((cs) => cs.runProfiles);
    expect(out.runProfiles).toHaveLength(allProfiles.length);
    expect(out.backlog.pendingExports).toBe(49);
    expect(out.backlog.pendingDeletions?.total).toBeGreaterThan(0);
    expect(out.coverage).toMatchObject({
      systemsExamined: 3,
      systemsTotal: 3,
      requestsUsed: 13,
      requestBound: SYNC_HEALTH_MAX_REQUESTS,
      runProfileListsRead: 3,
      runProfileListsNotRead: 0,
    });

    const t = text(res);
    expect(t).toMatch(/^Sync health: UNHEALTHY · 3 connected systems · last 24 h/);
    expect(t).toMatch(/1\. \[failed\] Export on Corporate Directory: last run failed .* → activity_explain/);
    expect(t).toMatch(/\| system \| run profile \| last run \| when \(UTC\) \| duration \| errors \|/);
    expect(t).toMatch(/Pending metaverse deletions: \d+/);
    expect(t).toMatch(/JIM requests: 13 of at most 18\./);
    expect(t).not.toMatch(/Coverage:/);
  });

  it("for one system: filters every activity query by its name and lists profiles that never ran", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("sync_health", { connectedSystemId: 2, sinceHours: 72 });
    expect(res.isError, text(res)).toBeFalsy();
    const reqs = jimRequests(r);
    expect(reqs[0]!.path).toBe("/api/v1/synchronisation/connected-systems/2");
    for (const q of reqs.filter((x) => x.path === "/api/v1/activities")) {
      expect(q.query.connectedSystem).toBe("Corporate Directory");
    }
    expect(reqs.map((q) => q.path)).toContain("/api/v1/synchronisation/connected-systems/2/run-profiles");
    expect(reqs.length).toBeLessThanOrEqual(SYNC_HEALTH_MAX_REQUESTS);

    const out = res.structuredContent as unknown as Health;
    expect(out.window).toMatchObject({ hours: 72, failed: 1, completedWithWarnings: 1 });
    expect(out.runProfiles.map((p) => p.runProfile).sort()).toEqual(
      r.sim.state
        .getConnectedSystem(2)!
        .runProfiles.map((p) => p.name)
        .sort(),
    );
    const neverRun = out.problems.filter((p) => p.kind === "never_run");
    expect(neverRun.map((p) => p.summary)).toContain(
      "Full Synchronisation on Corporate Directory: never run",
    );
    const fullSync = r.sim.state
      .getConnectedSystem(2)!
      .runProfiles.find((p) => p.name === "Full Synchronisation")!;
    expect(neverRun.map((p) => p.next)).toContain(
      `if it should run: run_profile_execute {"connectedSystemId":2,"runProfileId":${fullSync.id}}`,
    );
    expect(text(res)).toMatch(/^Sync health: UNHEALTHY · Corporate Directory \(id 2\) · last 72 h: 1 failed/);
  });

  it("says healthy when every last run succeeded, and flags work running far too long", async () => {
    r = await rig();
    healthyInstance(r);
    let res = await r.call("sync_health", {});
    let out = res.structuredContent as unknown as Health;
    expect(out.verdict, text(res)).toBe("healthy");
    expect(out.problems).toEqual([]);
    expect(out.runProfiles.map((p) => p.status)).toEqual(["Complete", "Complete", "Complete"]);
    expect(text(res)).toMatch(/Problems: none found\./);

    const sys = r.sim.state.connectedSystems[0]!;
    const started = Date.now() - 3 * HOUR;
    const stuck = r.sim.state.addActivity({
      created: started,
      executed: started,
      ended: null,
      status: "InProgress",
      targetType: "ConnectedSystemRunProfile",
      targetOperationType: "Execute",
      targetName: "Full Import",
      targetContext: sys.name,
      connectedSystemId: sys.id,
    });
    res = await r.call("sync_health", {});
    out = res.structuredContent as unknown as Health;
    expect(out.verdict).toBe("attention");
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0]).toMatchObject({ kind: "long_running", activityId: stuck.id });
    expect(out.problems[0]!.summary).toMatch(/^Full Import on Clean System 001: running for 3 h 0\d min$/);
    expect(out.queue.activitiesInProgress).toBe(1);
    expect(text(res)).toMatch(/Full Import \| succeeded \(running now\)/);
  });

  it("stays within its request bound and output budget on a large instance", async () => {
    r = await rig();
    const large = fillLargeInstance(r.sim.state, { systems: 340, activities: 5000 });
    expect(large.outcomes.FailedWithError).toBeGreaterThan(50);
    r.sim.clearRequests();
    const res = await r.call("sync_health", {});
    expect(res.isError, text(res)).toBeFalsy();
    const reqs = jimRequests(r);
    const out = res.structuredContent as unknown as Health;
    expect(reqs.length).toBeLessThanOrEqual(SYNC_HEALTH_MAX_REQUESTS);
    expect(out.coverage.requestsUsed).toBe(reqs.length);
    // No per-system fan-out beyond the caps.
    expect(reqs.filter((q) => q.path.endsWith("/run-profiles")).length).toBeLessThanOrEqual(
      HEALTH_LIMITS.runProfileSystems,
    );
    expect(reqs.filter((q) => q.path.endsWith("/pending-exports/count")).length).toBeLessThanOrEqual(
      HEALTH_LIMITS.failedExportSystems,
    );
    expect(reqs.filter((q) => q.path === "/api/v1/activities" && q.query.targetType).length).toBe(
      HEALTH_LIMITS.runPages,
    );

    // Within the output budget: nothing trimmed by the wrapper.
    expect(res._meta?.["jim-mcp/truncated"]).toBeUndefined();
    const t = text(res);
    expect(t.length).toBeLessThan(OUTPUT_BUDGET_CHARS);
    expect(t).not.toMatch(/output budget/i);
    expect(JSON.stringify(res.structuredContent).length).toBeLessThan(OUTPUT_BUDGET_CHARS);

    expect(out.verdict).toBe("unhealthy");
    expect(out.problems).toHaveLength(HEALTH_LIMITS.problems);
    expect(out.problemCount).toBeGreaterThan(HEALTH_LIMITS.problems);
    expect(out.problems[0]!.kind).toBe("failed");
    expect(out.runProfiles).toHaveLength(HEALTH_LIMITS.runProfileRows);
    expect(out.coverage).toMatchObject({ systemsExamined: 100, systemsTotal: 343, runsRead: 300 });
    // Failures in the window older than the runs read are still reported, and say so.
    const fromWindowOnly = out.problems.filter((p) => p.summary.endsWith("later runs not read"));
    expect(fromWindowOnly.length).toBeGreaterThan(0);
    expect(fromWindowOnly[0]!.kind).toBe("failed");
    expect(out.coverage.runsTotal).toBe(5006);
    expect(t).toMatch(/Coverage: examined 100 of 343 systems \(largest export backlog first\)/);
    expect(t).toMatch(/last runs taken from the newest 300 of 5,006 runs/);
    expect(t).toMatch(/Problems \(worst first, 20 of \d+\):/);
    expect(t).toMatch(new RegExp(`JIM requests: ${reqs.length} of at most ${SYNC_HEALTH_MAX_REQUESTS}\\.`));
  });

  it("keeps the bound when hundreds of systems have never run anything", async () => {
    r = await rig();
    r.sim.state.activities = [];
    fillLargeInstance(r.sim.state, { systems: 500, activities: 0, prefix: "Idle System" });
    r.sim.clearRequests();
    const res = await r.call("sync_health", { sinceHours: 720 });
    const reqs = jimRequests(r);
    expect(reqs.length).toBeLessThanOrEqual(SYNC_HEALTH_MAX_REQUESTS);
    const out = res.structuredContent as unknown as Health;
    // What the other reads leave of the bound goes to run-profile lists: the whole bound is used.
    expect(reqs).toHaveLength(SYNC_HEALTH_MAX_REQUESTS);
    const lists = reqs.filter((q) => q.path.endsWith("/run-profiles")).length;
    expect(lists).toBeGreaterThanOrEqual(HEALTH_LIMITS.runProfileSystems);
    expect(out.coverage.runProfileListsRead).toBe(lists);
    expect(out.coverage.runProfileListsRead + out.coverage.runProfileListsNotRead).toBe(
      out.coverage.systemsExamined,
    );
    expect(out.problems.some((p) => p.kind === "never_run")).toBe(true);
    expect(text(res)).toMatch(
      new RegExp(
        `the run profiles of ${out.coverage.runProfileListsNotRead} systems were not read \\(request bound\\), so profiles there that never ran are not listed: .*; check one with sync_health \\{"connectedSystemId":\\d+\\} or run_profile_list \\{"connectedSystemId":\\d+\\}`,
      ),
    );
  });

  it("takes the system by name: the lookup counts within the same bound and the result matches the id's", async () => {
    r = await rig();
    const byId = (await r.call("sync_health", { connectedSystemId: 2, sinceHours: 72 }))
      .structuredContent as unknown as {
      coverage: { requestsUsed: number; nameLookupRequests: number; requestBound: number };
      problemCount: number;
    };
    r.sim.clearRequests();
    const res = await r.call("sync_health", { connectedSystemId: "corporate directory", sinceHours: 72 });
    expect(res.isError, text(res)).toBeFalsy();
    const reqs = jimRequests(r);
    expect(reqs[0]!.path).toBe("/api/v1/synchronisation/connected-systems");
    expect(reqs[1]!.path).toBe("/api/v1/synchronisation/connected-systems/2");
    const out = res.structuredContent as unknown as typeof byId;
    expect(byId.coverage.nameLookupRequests).toBe(0);
    expect(out.coverage.nameLookupRequests).toBe(1);
    expect(out.coverage.requestsUsed).toBe(byId.coverage.requestsUsed + 1);
    expect(out.problemCount).toBe(byId.problemCount);
    expect(reqs).toHaveLength(out.coverage.requestsUsed);
    expect(text(res)).toMatch(/JIM requests: \d+ of at most 18 \(1 to find the system by name\)/);
  });

  it("a name on a huge instance is looked up within the bound, or refused asking for the id", async () => {
    r = await rig();
    r.sim.state.addConnectedSystems(700, "Branch");
    const last = r.sim.state.connectedSystems.at(-1)!;
    r.sim.clearRequests();
    const res = await r.call("sync_health", { connectedSystemId: last.name });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/would take more than 6 pages of connected systems\. Pass its id/);
    expect(jimRequests(r).length).toBeLessThanOrEqual(SYNC_HEALTH_MAX_REQUESTS);
    await r.close();
    r = await rig();
    r.sim.state.addConnectedSystems(450, "Branch");
    const ok = await r.call("sync_health", { connectedSystemId: r.sim.state.connectedSystems.at(-1)!.name });
    expect(ok.isError, text(ok)).toBeFalsy();
    const cov = (ok.structuredContent as { coverage: { requestsUsed: number; requestBound: number } })
      .coverage;
    expect(cov.requestsUsed).toBeLessThanOrEqual(cov.requestBound);
  });

  it("refuses an out-of-range window without asking JIM, and names a missing system", async () => {
    r = await rig();
    r.sim.clearRequests();
    let res = await r.call("sync_health", { sinceHours: 0 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/sinceHours/);
    expect(jimRequests(r)).toEqual([]);

    res = await r.call("sync_health", { connectedSystemId: 999 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/connected system 999/i);
    expect(jimRequests(r)).toHaveLength(1);
  });

  it("turns a JIM fault part-way into a clear error, not a partial verdict", async () => {
    r = await rig();
    r.sim.hooks.fault({ path: "/api/v1/metaverse/pending-deletions/summary", kind: "status", status: 500 });
    const res = await r.call("sync_health", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/500|internal/i);
    expect(text(res)).not.toMatch(/Sync health:/);
  });

  it("works the same for a legacy-era client", async () => {
    r = await rig({ era: "legacy" });
    const res = await r.call("sync_health", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect((res.structuredContent as unknown as Health).verdict).toBe("unhealthy");
  });
});

interface Explain {
  outcome: string;
  activity: { status: string; target: string; error: string | null; warning: string | null };
  stats: Record<string, number> | null;
  errorGroups: Array<{
    errorType: string;
    count: number;
    hint: string | null;
    examples: Array<{ object: string | null; message: string | null }>;
  }>;
  items: { read: number; total: number; errors: number | null };
  children: { total: number; byStatus: Record<string, number>; items: Array<{ id: string; status: string }> };
  next: string;
}

describe("activity_explain", () => {
  it("groups a warned run's item errors by type with three examples each", async () => {
    r = await rig();
    const warned = r.sim.state.activities.find((a) => a.status === "CompleteWithWarning")!;
    r.sim.clearRequests();
    const res = await r.call("activity_explain", { activityId: warned.id });
    expect(res.isError, text(res)).toBeFalsy();
    const paths = jimRequests(r).map((q) => q.path);
    const base = `/api/v1/activities/${warned.id}`;
    expect(paths[0]).toBe(base);
    expect(paths[1]).toBe(`${base}/stats`);
    expect(paths.at(-1)).toBe(`${base}/children`);
    const itemReqs = jimRequests(r).filter((q) => q.path === `${base}/items`);
    expect(itemReqs.map((q) => q.query)).toEqual(
      itemReqs.map((_, i) => ({ page: String(i + 1), pageSize: "100" })),
    );
    expect(paths.length).toBeLessThanOrEqual(ACTIVITY_EXPLAIN_MAX_REQUESTS);

    const out = res.structuredContent as unknown as Explain;
    expect(out.outcome).toBe("succeeded_with_warnings");
    expect(out.activity.target).toBe("Full Import on Corporate Directory");
    expect(out.items.errors).toBe(20);
    expect(out.errorGroups).toHaveLength(1);
    expect(out.errorGroups[0]).toMatchObject({ errorType: "DuplicateObject", count: 20 });
    expect(out.errorGroups[0]!.hint).toMatch(/external id/);
    expect(out.errorGroups[0]!.examples).toHaveLength(3);
    for (const ex of out.errorGroups[0]!.examples) {
      expect(ex.object).toBeTruthy();
      expect(ex.message).toBeTruthy();
    }
    expect(out.next).toBe(
      `Fix the 20 DuplicateObject errors first (see above); every item: activity_item_list {"activityId":"${warned.id}"}.`,
    );
    const t = text(res);
    expect(t).toMatch(/^Succeeded with warnings: Full Import on Corporate Directory/);
    expect(t).toMatch(/objects: 5,000 processed/);
    expect(t).toMatch(/Item errors by type:\n- DuplicateObject: 20 — /);
    expect(t).toMatch(/Next: Fix the 20 DuplicateObject errors first/);
    expect(t).toMatch(/JIM requests: \d of at most 8\./);
  });

  it("reads no items for a run that failed without item errors, and points at the system", async () => {
    r = await rig();
    const failed = r.sim.state.activities.find((a) => a.status === "FailedWithError")!;
    r.sim.clearRequests();
    const res = await r.call("activity_explain", { activityId: failed.id });
    expect(jimRequests(r).map((q) => q.path)).toEqual([
      `/api/v1/activities/${failed.id}`,
      `/api/v1/activities/${failed.id}/stats`,
      `/api/v1/activities/${failed.id}/children`,
    ]);
    const out = res.structuredContent as unknown as Explain;
    expect(out.outcome).toBe("failed");
    expect(out.activity.error).toMatch(/connection to the connected system was lost/);
    expect(out.errorGroups).toEqual([]);
    expect(out.next).toMatch(/connected_system_get \{"connectedSystemId":2\}/);
    expect(text(res)).toMatch(/error detail: System\.IO\.IOException/);
  });

  it("reads at most a few pages of items and says when more errors exist", async () => {
    r = await rig();
    const big = r.sim.state.addHistoricalRun({
      systemId: 1,
      runProfileId: 1,
      outcome: "CompleteWithWarning",
      startedAt: Date.now() - HOUR,
      durationMs: 60_000,
      objects: 40_000,
    });
    r.sim.clearRequests();
    const res = await r.call("activity_explain", { activityId: big.id });
    const itemReqs = jimRequests(r).filter((q) => q.path.endsWith("/items"));
    expect(itemReqs).toHaveLength(EXPLAIN_ITEM_PAGES);
    expect(jimRequests(r)).toHaveLength(ACTIVITY_EXPLAIN_MAX_REQUESTS);
    const out = res.structuredContent as unknown as Explain;
    expect(out.items.read).toBe(EXPLAIN_ITEM_PAGES * 100);
    expect(out.items.total).toBeGreaterThan(out.items.read);
    expect(out.errorGroups[0]!.count).toBeLessThan(out.items.errors!);
    expect(text(res)).toMatch(
      /Item errors by type \(from the first 500 of [\d,]+ items; more errors exist\):/,
    );
  });

  it("summarises child activities and sends the reader to the worst one", async () => {
    r = await rig();
    const s = r.sim.state;
    const parent = s.addActivity({
      targetType: "ConnectedSystem",
      targetOperationType: "Delete",
      targetName: "Old Directory",
      status: "CompleteWithError",
      errorMessage: "One step did not finish.",
    });
    s.addActivity({
      targetType: "ConnectedSystem",
      targetOperationType: "Clear",
      targetName: "Old Directory",
      parentActivityId: parent.id,
    });
    const bad = s.addActivity({
      targetType: "MetaverseObjectHousekeeping",
      targetOperationType: "Delete",
      status: "FailedWithError",
      parentActivityId: parent.id,
    });
    r.sim.clearRequests();
    const res = await r.call("activity_explain", { activityId: parent.id });
    expect(jimRequests(r).map((q) => q.path)).toEqual([
      `/api/v1/activities/${parent.id}`,
      `/api/v1/activities/${parent.id}/children`,
    ]);
    expect(jimRequests(r)[1]!.query).toEqual({ page: "1", pageSize: "25" });
    const out = res.structuredContent as unknown as Explain;
    expect(out.stats).toBeNull();
    expect(out.children).toMatchObject({ total: 2, byStatus: { Complete: 1, FailedWithError: 1 } });
    expect(out.next).toBe(`A child activity FailedWithError: activity_explain {"activityId":"${bad.id}"}.`);
    expect(text(res)).toMatch(/Child activities: 2 \(1 Complete, 1 FailedWithError\)/);
  });

  it("sends a running activity to activity_wait and reads no items", async () => {
    r = await rig();
    const { activityId } = await liveRun(r);
    r.sim.clearRequests();
    const res = await r.call("activity_explain", { activityId });
    const out = res.structuredContent as unknown as Explain;
    expect(out.outcome).toBe("still_running");
    expect(out.next).toBe(`It is still running: activity_wait {"activityId":"${activityId}"}.`);
    expect(jimRequests(r).some((q) => q.path.endsWith("/items"))).toBe(false);
  });

  it("refuses a malformed id without asking JIM and explains an unknown one", async () => {
    r = await rig();
    r.sim.clearRequests();
    let res = await r.call("activity_explain", { activityId: "not-a-guid" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/GUID/);
    expect(jimRequests(r)).toEqual([]);

    res = await r.call("activity_explain", { activityId: MISSING });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(new RegExp(`activity ${MISSING}`, "i"));
    expect(jimRequests(r)).toHaveLength(1);
  });
});
