/**
 * activity_list, activity_item_list, activity_child_list, worker_task_list and
 * worker_task_cancel against the simulator: results and the exact requests sent.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { isErrored } from "./activity-item-list.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const MISSING = "0b0e7d1c-5a4f-4e3b-9c2d-1a2b3c4d5e6f";

describe("activity_list", () => {
  it("sends the facet filters as JIM expects, newest first", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("activity_list", {
      status: ["CompleteWithWarning", "FailedWithError"],
      connectedSystem: "corporate directory",
      createdFrom: "2020-01-01",
      createdTo: "2099-12-31T23:59:59+01:00",
      pageSize: 10,
    });
    expect(res.isError, text(res)).toBeFalsy();
    // The name is looked up (JIM filters by the exact name), then the one list request.
    expect(r.sim.requests.map((q) => q.path)).toEqual([
      "/api/v1/synchronisation/connected-systems",
      "/api/v1/activities",
    ]);
    expect(r.sim.requests[1]).toMatchObject({
      method: "GET",
      path: "/api/v1/activities",
      query: {
        page: "1",
        pageSize: "10",
        sortDirection: "desc",
        status: ["CompleteWithWarning", "FailedWithError"],
        connectedSystem: "Corporate Directory",
        createdFrom: "2020-01-01T00:00:00.000Z",
        createdTo: "2099-12-31T22:59:59.000Z",
      },
    });
    const out = res.structuredContent as { totalCount: number; items: Array<Record<string, unknown>> };
    expect(out.totalCount).toBe(2);
    expect(out.items.map((i) => [i.target, i.operation, i.status])).toEqual([
      ["Export on Corporate Directory", "Export", "FailedWithError"],
      ["Full Import on Corporate Directory", "FullImport", "CompleteWithWarning"],
    ]);
    expect(text(res)).toMatch(/\| when \(UTC\) \| target \|/);
    expect(text(res)).toMatch(/all 2 shown/);
  });

  it("lists newest first by default and pages honestly", async () => {
    r = await rig();
    const res = await r.call("activity_list", { pageSize: 3 });
    const out = res.structuredContent as {
      totalCount: number;
      hasNextPage: boolean;
      items: Array<{ created: string }>;
    };
    expect(out.totalCount).toBe(r.sim.state.activities.length);
    expect(out.hasNextPage).toBe(true);
    const times = out.items.map((i) => Date.parse(i.created));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(text(res)).toMatch(/next: page=2/);
  });

  it("refuses a date it cannot read and sends nothing", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("activity_list", { createdFrom: "last tuesday" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/createdFrom .* is not a date/);
    const bad = await r.call("activity_list", { status: ["Finished"] });
    expect(bad.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("activity_item_list", () => {
  it("reads every page and shows errored items first", async () => {
    r = await rig();
    const run = r.sim.state.activities.find((a) => a.status === "CompleteWithWarning")!;
    r.sim.clearRequests();
    const res = await r.call("activity_item_list", { activityId: run.id, pageSize: 10 });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as {
      totalCount: number;
      errorCount: number;
      itemsRead: number;
      hasNextPage: boolean;
      items: Array<{ error: string | null; change: string }>;
    };
    expect(out.errorCount).toBeGreaterThan(10);
    expect(out.itemsRead).toBe(out.totalCount);
    expect(out.items).toHaveLength(10);
    expect(out.items.every((i) => i.error === "DuplicateObject")).toBe(true);
    expect(out.hasNextPage).toBe(true);
    const pages = Math.ceil(out.totalCount / 100);
    expect(r.sim.requests.map((q) => [q.method, q.path, q.query])).toEqual(
      Array.from({ length: pages }, (_, i) => [
        "GET",
        `/api/v1/activities/${run.id}/items`,
        { page: String(i + 1), pageSize: "100" },
      ]),
    );
    expect(text(res)).toMatch(new RegExp(`${out.errorCount} with errors \\(shown first\\)`));
    const after = await r.call("activity_item_list", {
      activityId: run.id,
      page: Math.floor(out.errorCount / 10) + 2,
      pageSize: 10,
    });
    const later = (after.structuredContent as { items: Array<{ error: string | null }> }).items;
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((i) => i.error === null)).toBe(true);
  });

  it("treats NotSet like null: no error", () => {
    expect([null, "NotSet", "DuplicateObject"].map((errorType) => isErrored({ errorType }))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it("says so when it stops at the page cap", async () => {
    r = await rig();
    const big = r.sim.state.addHistoricalRun({
      systemId: 2,
      runProfileId: 4,
      outcome: "CompleteWithWarning",
      startedAt: Date.now() - 3_600_000,
      durationMs: 60_000,
      objects: 40_000,
    });
    r.sim.clearRequests();
    const res = await r.call("activity_item_list", { activityId: big.id });
    const out = res.structuredContent as { totalCount: number; itemsRead: number };
    expect(out.itemsRead).toBe(2000);
    expect(out.totalCount).toBeGreaterThan(2000);
    expect(r.sim.requests).toHaveLength(20);
    expect(text(res)).toMatch(/only the first 2,000 were read \(cap 20 pages\)/);
  });

  it("explains that a non-run activity has no items", async () => {
    r = await rig();
    const change = r.sim.state.activities.find((a) => a.targetType === "ConnectedSystem")!;
    const res = await r.call("activity_item_list", { activityId: change.id });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/not a run-profile execution/);
    expect(text(res)).toMatch(/Next step: Read it with activity_get/);
  });

  it("unknown activity: 404 with a next step", async () => {
    r = await rig();
    const res = await r.call("activity_item_list", { activityId: MISSING });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(text(res)).toMatch(/Next step: Check that activity/);
    r.sim.clearRequests();
    const bad = await r.call("activity_item_list", { activityId: "42" });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/GUID/);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("activity_child_list", () => {
  it("pages through an activity's children", async () => {
    r = await rig();
    const parent = r.sim.state.addActivity({
      targetType: "Schedule",
      targetOperationType: "Execute",
      targetName: "Nightly",
    });
    for (const [i, name] of ["Full Import", "Full Synchronisation", "Export"].entries()) {
      r.sim.state.addActivity({
        targetType: "ConnectedSystemRunProfile",
        targetOperationType: "Execute",
        targetName: name,
        targetContext: "HR System",
        parentActivityId: parent.id,
        created: Date.now() - 1000 + i,
      });
    }
    r.sim.clearRequests();
    const res = await r.call("activity_child_list", { activityId: parent.id, pageSize: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.requests).toHaveLength(1);
    expect(r.sim.requests[0]).toMatchObject({
      method: "GET",
      path: `/api/v1/activities/${parent.id}/children`,
      query: { page: "1", pageSize: "2" },
    });
    const out = res.structuredContent as { totalCount: number; items: Array<{ target: string }> };
    expect(out.totalCount).toBe(3);
    expect(out.items.map((i) => i.target)).toEqual([
      "Full Import on HR System",
      "Full Synchronisation on HR System",
    ]);
    expect(text(res)).toMatch(/showing 1–2 of 3 — next: page=2/);
  });

  it("says plainly when there are none, and 404s an unknown id", async () => {
    r = await rig();
    const lone = r.sim.state.activities[0]!;
    const none = await r.call("activity_child_list", { activityId: lone.id });
    expect(text(none)).toMatch(/has no child activities/);
    const res = await r.call("activity_child_list", { activityId: MISSING });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
  });
});

async function queueTwoRuns(rig: Rig) {
  rig.sim.hooks.nextRun({ durationMs: 60_000 });
  rig.sim.hooks.nextRun({ durationMs: 60_000 });
  const first = await rig.call("run_profile_execute", { connectedSystemId: 1, runProfileId: 1, wait: false });
  const second = await rig.call("run_profile_execute", {
    connectedSystemId: 1,
    runProfileId: 2,
    wait: false,
  });
  const ids = (x: typeof first) => x.structuredContent as { activityId: string; taskId: string };
  return { running: ids(first), queued: ids(second) };
}

describe("worker_task_list", () => {
  it("shows the live queue with status, step and activity", async () => {
    r = await rig();
    const { running, queued } = await queueTwoRuns(r);
    r.sim.clearRequests();
    const res = await r.call("worker_task_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.requests).toHaveLength(1);
    expect(r.sim.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/v1/worker-tasks",
      query: { page: "1", pageSize: "50" },
    });
    const out = res.structuredContent as {
      totalCount: number;
      items: Array<{ id: string; status: string; step: string | null; activityId: string }>;
    };
    expect(out.totalCount).toBe(2);
    expect(out.items[0]).toMatchObject({
      id: running.taskId,
      status: "Processing",
      activityId: running.activityId,
    });
    expect(out.items[0]!.step).toMatch(/^\d\/3 /);
    expect(out.items[1]).toMatchObject({ id: queued.taskId, status: "Queued", step: null });
  });

  it("says when the queue is empty", async () => {
    r = await rig();
    const res = await r.call("worker_task_list", { page: 1, pageSize: 5 });
    expect(res.structuredContent).toMatchObject({ totalCount: 0, items: [] });
    expect(text(res)).toMatch(/queue is empty/);
  });
});

describe("worker_task_cancel", () => {
  it("asks first: a preview naming the task and nothing sent", async () => {
    r = await rig();
    const { running } = await queueTwoRuns(r);
    r.sim.clearRequests();
    const res = await r.call("worker_task_cancel", { taskId: running.taskId });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(/Cancel worker task "Full Import \(HR System\)" \(Processing\)\?/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("cancels a queued task at once and a running one shortly after", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const { running, queued } = await queueTwoRuns(r);
    r.sim.clearRequests();
    const q = await r.call("worker_task_cancel", { taskId: queued.taskId });
    expect(q.isError, text(q)).toBeFalsy();
    // The consent gate reads the task (to describe it), then the handler reads it again.
    expect(r.sim.requests.map((x) => `${x.method} ${x.path}`)).toEqual([
      `GET /api/v1/worker-tasks/${queued.taskId}`,
      `GET /api/v1/worker-tasks/${queued.taskId}`,
      `POST /api/v1/worker-tasks/${queued.taskId}/cancel`,
      `GET /api/v1/activities/${queued.activityId}`,
    ]);
    expect(r.sim.changingRequests()[0]!.body).toBeUndefined();
    expect(q.structuredContent).toMatchObject({ activityStatus: "Cancelled", nextStep: null });
    expect(text(q)).toMatch(/^Cancelled "Full Synchronisation \(HR System\)"\./);

    const p = await r.call("worker_task_cancel", { taskId: running.taskId });
    expect(p.structuredContent).toMatchObject({
      activityId: running.activityId,
      activityStatus: "InProgress",
    });
    expect(text(p)).toMatch(/activity_wait/);
    const waited = await r.call("activity_wait", { activityId: running.activityId, timeoutSeconds: 10 });
    expect(waited.structuredContent).toMatchObject({ outcome: "cancelled" });
  });

  it("a finished task: a clear error and no cancel sent", async () => {
    r = await rig({ config: { destructive: "allow" } });
    r.sim.clearRequests();
    const res = await r.call("worker_task_cancel", { taskId: MISSING });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/already finished or been cancelled/);
    expect(text(res)).toMatch(/activity_get/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("refuses a task id that is not a GUID and sends nothing", async () => {
    r = await rig({ config: { destructive: "allow" } });
    r.sim.clearRequests();
    const res = await r.call("worker_task_cancel", { taskId: "42" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/GUID/);
    expect(r.sim.requests).toHaveLength(0);
  });
});
