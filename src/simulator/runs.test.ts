import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  ActivityDetail,
  ActivityProgress,
  RunProfileExecutionResponse,
  WorkerTaskHeader,
} from "../jim/types.js";
import { DEMO_ADMIN_KEY, type RunOutcome, type Simulator, startSimulator } from "./index.js";
import { planRun, snapshot, timeSpan } from "./runs.js";

const CS = "/api/v1/synchronisation/connected-systems";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// biome-ignore lint/suspicious/noExplicitAny: test convenience for JSON bodies
type Any = any;

let sim: Simulator;

async function call(method: string, path: string): Promise<{ status: number; json: Any; text: string }> {
  const res = await fetch(sim.url + path, { method, headers: { "x-api-key": DEMO_ADMIN_KEY } });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text };
}

async function execute(cs: number, rp: number): Promise<RunProfileExecutionResponse> {
  const r = await call("POST", `${CS}/${cs}/run-profiles/${rp}/execute`);
  expect(r.status, r.text).toBe(202);
  return r.json;
}

const progress = async (id: string): Promise<ActivityProgress> =>
  (await call("GET", `/api/v1/activities/${id}/progress`)).json;
const detail = async (id: string): Promise<ActivityDetail> =>
  (await call("GET", `/api/v1/activities/${id}`)).json;

async function waitTerminal(id: string, timeoutMs = 3000): Promise<ActivityProgress> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const p = await progress(id);
    if (p.status !== "InProgress") return p;
    if (Date.now() > end) throw new Error(`activity ${id} still InProgress`);
    await sleep(25);
  }
}

beforeAll(async () => {
  sim = await startSimulator({ runDurationMs: 300 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  // Each test starts with an idle worker.
  for (let i = 0; i < 200 && sim.state.workerTasks.length > 0; i++) await sleep(20);
  sim.hooks.setPartitionValidationMode("Error");
});

describe("run math", () => {
  it("formats .NET TimeSpans", () => {
    expect(timeSpan(4012.3456)).toBe("00:00:04.0120000");
    expect(timeSpan(61_000)).toBe("00:01:01");
    expect(timeSpan(7 * 86_400_000)).toBe("7.00:00:00");
  });

  it("keeps counts within the objects processed", () => {
    for (const outcome of [
      "Complete",
      "CompleteWithWarning",
      "CompleteWithError",
      "FailedWithError",
    ] as const) {
      const plan = planRun({
        runType: "DeltaSynchronisation",
        outcome,
        durationMs: 1000,
        objects: 7,
        startedAt: 0,
        objectTypes: ["user"],
        excluded: [],
      });
      const total = Object.values(plan.counts).reduce((a, b) => a + b, 0) + plan.errors;
      expect(total).toBeLessThanOrEqual(plan.processedAtEnd);
      const mid = snapshot(plan, plan.runType, 500, null);
      expect(mid.activePhase).toBe(1);
      expect(mid.objectsToProcess).toBe(7);
    }
  });
});

describe("execute and progress", () => {
  it("202s with ids, creates an InProgress activity and a worker task, and progresses to Complete", async () => {
    sim.hooks.nextRun({ durationMs: 400, objects: 1000 });
    const started = Date.now();
    const r = await execute(1, 1);
    expect(r.warnings).toEqual([]);
    expect(r.message).toContain("Full Import");
    expect(r.activityId).toMatch(/^[0-9a-f-]{36}$/);

    const d0 = await detail(r.activityId);
    expect(d0).toMatchObject({
      status: "InProgress",
      targetType: "ConnectedSystemRunProfile",
      targetOperationType: "Execute",
      targetName: "Full Import",
      targetContext: "HR System",
      connectedSystemRunType: "FullImport",
      initiatedByType: "ApiKey",
      initiatedByName: "Demo administrator key",
      connectedSystemId: 1,
      connectedSystemRunProfileId: 1,
      executionTime: null,
    });
    const task = (await call("GET", `/api/v1/worker-tasks/${r.taskId}`)).json as WorkerTaskHeader;
    expect(task).toMatchObject({
      type: "Synchronisation Worker Task",
      activityId: r.activityId,
      status: "Processing",
    });

    const first = await progress(r.activityId);
    expect(first.objectsPerSecond).toBeNull();
    expect(first.estimatedSecondsRemaining).toBeNull();
    expect(first.totalPhases).toBe(3);
    expect(first.runType).toBe("FullImport");

    await sleep(Math.max(0, started + 200 - Date.now()));
    const mid = await progress(r.activityId);
    expect(mid.status).toBe("InProgress");
    expect(mid.currentPhaseNumber).toBe(2);
    expect(mid.currentPhase?.name).toBe("Importing objects");
    expect(mid.objectsToProcess).toBe(1000);
    expect(mid.objectsProcessed).toBeGreaterThan(first.objectsProcessed);
    expect(mid.objectsProcessed).toBeLessThan(1000);
    expect(mid.percentComplete).toBe(Math.round((mid.objectsProcessed / 10) * 10) / 10);
    expect(mid.objectsPerSecond).toBeGreaterThan(0);
    expect(mid.estimatedSecondsRemaining).not.toBeNull();
    expect(Object.keys(mid.operationCounts)).toEqual(["Added", "Updated", "Deleted"]);

    const done = await waitTerminal(r.activityId);
    expect(done).toMatchObject({
      status: "Complete",
      currentPhaseNumber: null,
      currentPhase: null,
      percentComplete: 100,
    });
    expect(done.phases.map((p) => p.status)).toEqual(["Completed", "Completed", "Completed"]);
    const d = await detail(r.activityId);
    expect(d.executionTime).toMatch(/^00:00:00\.\d{7}$/);
    expect(d.totalActivityTime).toMatch(/^00:00:00\.\d{7}$/);
    expect(d.executionStats?.totalObjectsProcessed).toBe(1000);
    expect(d.executionStats?.totalObjectErrors).toBe(0);
    expect((await call("GET", `/api/v1/worker-tasks/${r.taskId}`)).status).toBe(404);
  });

  it("reports an indeterminate percentage while connecting and when there are no objects", async () => {
    sim.hooks.nextRun({ durationMs: 2000, objects: 0 });
    const r = await execute(1, 2);
    const p = await progress(r.activityId);
    expect(p.currentPhaseNumber).toBe(1);
    expect(p.objectsToProcess).toBe(0);
    expect(p.percentComplete).toBeNull();
    expect((await call("POST", `/api/v1/worker-tasks/${r.taskId}/cancel`)).status).toBe(202);
    await waitTerminal(r.activityId);
  });

  const cases: Array<[RunOutcome, (d: ActivityDetail, p: ActivityProgress) => void]> = [
    [
      "Complete",
      (d) => {
        expect(d.warningMessage).toBeNull();
        expect(d.errorMessage).toBeNull();
      },
    ],
    [
      "CompleteWithWarning",
      (d, p) => {
        expect(d.warningMessage).toBeTruthy();
        expect(p.totalErrors).toBeGreaterThan(0);
        expect(d.executionStats?.totalObjectErrors).toBeGreaterThan(0);
      },
    ],
    [
      "CompleteWithError",
      (d, p) => {
        expect(d.errorMessage).toBeTruthy();
        expect(p.totalErrors).toBeGreaterThan(0);
      },
    ],
    [
      "FailedWithError",
      (d) => {
        expect(d.errorMessage).toBeTruthy();
        expect(d.errorDetail).toBeTruthy();
        expect(d.phases.map((p) => p.status)).toEqual(["Completed", "Failed", "Skipped"]);
        expect(d.objectsProcessed).toBeLessThan(d.objectsToProcess);
      },
    ],
  ];

  for (const [outcome, check] of cases) {
    it(`ends with ${outcome}`, async () => {
      sim.hooks.nextRun({ outcome, durationMs: 150 });
      const r = await execute(2, 7);
      expect((await progress(r.activityId)).status).toBe("InProgress");
      const p = await waitTerminal(r.activityId);
      expect(p.status).toBe(outcome);
      const d = await detail(r.activityId);
      expect(d.status).toBe(outcome);
      check(d, p);
      const list = (await call("GET", "/api/v1/activities?sortDirection=desc&pageSize=1")).json;
      expect(list.items[0]).toMatchObject({ id: r.activityId, status: outcome, totalErrors: p.totalErrors });
      const stats = (await call("GET", `/api/v1/activities/${r.activityId}/stats`)).json;
      expect(stats).toEqual(d.executionStats);
      const items = (await call("GET", `/api/v1/activities/${r.activityId}/items?pageSize=100`)).json;
      const errored = items.items.filter((i: Any) => i.errorType !== null);
      const totalErrors = p.totalErrors;
      if (totalErrors > 0 && items.totalCount <= 100) expect(errored).toHaveLength(totalErrors);
      if (outcome === "CompleteWithError") expect(errored[0]?.errorType).toBe("UnhandledError");
      if (outcome === "Complete") expect(errored).toHaveLength(0);
    });
  }

  it("queues a second execute behind the running one", async () => {
    sim.hooks.nextRun({ durationMs: 300 });
    sim.hooks.nextRun({ durationMs: 150 });
    const a = await execute(1, 1);
    const b = await execute(1, 1);
    const tasks = (await call("GET", "/api/v1/worker-tasks")).json;
    expect(tasks.items.map((t: Any) => [t.id, t.status])).toEqual([
      [a.taskId, "Processing"],
      [b.taskId, "Queued"],
    ]);
    const queued = await progress(b.activityId);
    expect(queued).toMatchObject({ status: "InProgress", currentPhaseNumber: null, objectsToProcess: 0 });
    expect((await detail(b.activityId)).executed).toBeNull();
    await waitTerminal(a.activityId);
    const running = await progress(b.activityId);
    expect(running.status).toBe("InProgress");
    expect(running.currentPhaseNumber).not.toBeNull();
    const db = await detail(b.activityId);
    const da = await detail(a.activityId);
    expect(Date.parse(db.executed ?? "")).toBeGreaterThanOrEqual(Date.parse(da.executed ?? "") + 290);
    await waitTerminal(b.activityId);
  });
});

describe("partition validation", () => {
  it("refuses an incomplete selection in Error mode and warns in Warning mode", async () => {
    const users = sim.state.findContainerByName(2, "Users")!;
    const groups = sim.state.findContainerByName(2, "Groups")!;
    sim.state.setContainer(2, users.id, { selected: false });
    sim.state.setContainer(2, groups.id, { selected: false });
    try {
      const r = await call("POST", `${CS}/2/run-profiles/4/execute`);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: "BAD_REQUEST" });
      expect(r.json.message).toContain("none of its containers");

      sim.hooks.setPartitionValidationMode("Warning");
      sim.hooks.nextRun({ durationMs: 100 });
      const w = await execute(2, 4);
      expect(w.warnings).toHaveLength(1);
      await waitTerminal(w.activityId);
    } finally {
      sim.state.setContainer(2, users.id, { selected: true });
      sim.state.setContainer(2, groups.id, { selected: true });
    }
  });

  it("refuses when no partition is selected", async () => {
    sim.state.setPartitionSelected(2, 1, false);
    try {
      const r = await call("POST", `${CS}/2/run-profiles/6/execute`);
      expect(r.status).toBe(400);
      expect(r.json.message).toContain("No partition");
    } finally {
      sim.state.setPartitionSelected(2, 1, true);
    }
  });

  it("always refuses a profile whose partition is deselected", async () => {
    sim.hooks.setPartitionValidationMode("Warning");
    const r = await call("POST", `${CS}/2/run-profiles/9/execute`);
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("CN=Configuration");
  });

  it("404s for unknown systems and for profiles of another system", async () => {
    expect((await call("POST", `${CS}/99/run-profiles/1/execute`)).json.code).toBe("NOT_FOUND");
    expect((await call("POST", `${CS}/1/run-profiles/4/execute`)).status).toBe(404);
  });
});

describe("exports and cancellation", () => {
  it("counts export runs that start and leaves the counter alone for refused or cancelled-while-queued runs", async () => {
    const before = sim.state.exportsWritten;
    await call("POST", `${CS}/2/run-profiles/9/execute`);
    expect(sim.state.exportsWritten).toBe(before);
    sim.hooks.nextRun({ durationMs: 300 });
    const blocker = await execute(1, 1);
    const queuedExport = await execute(2, 8);
    expect((await call("POST", `/api/v1/worker-tasks/${queuedExport.taskId}/cancel`)).status).toBe(202);
    await waitTerminal(blocker.activityId);
    expect(sim.state.exportsWritten).toBe(before);
    sim.hooks.nextRun({ durationMs: 100 });
    const ex = await execute(2, 8);
    await waitTerminal(ex.activityId);
    expect(sim.state.exportsWritten).toBe(before + 1);
    expect(sim.state.exportRuns.at(-1)).toBe(ex.activityId);
  });

  it("cancels a queued task at once", async () => {
    sim.hooks.nextRun({ durationMs: 300 });
    const a = await execute(1, 1);
    const b = await execute(1, 2);
    const c = await call("POST", `/api/v1/worker-tasks/${b.taskId}/cancel`);
    expect(c.status).toBe(202);
    expect(c.text).toBe("");
    expect((await progress(b.activityId)).status).toBe("Cancelled");
    expect((await call("GET", `/api/v1/worker-tasks/${b.taskId}`)).status).toBe(404);
    expect((await progress(a.activityId)).status).toBe("InProgress");
    await waitTerminal(a.activityId);
  });

  it("cancels a running task shortly after the request", async () => {
    sim.hooks.nextRun({ durationMs: 5000 });
    const a = await execute(2, 6);
    await sleep(50);
    const t0 = Date.now();
    expect((await call("POST", `/api/v1/worker-tasks/${a.taskId}/cancel`)).status).toBe(202);
    const t = await call("GET", `/api/v1/worker-tasks/${a.taskId}`);
    expect(t.status === 404 || t.json.status === "CancellationRequested").toBe(true);
    const p = await waitTerminal(a.activityId, 1000);
    expect(p.status).toBe("Cancelled");
    expect(Date.now() - t0).toBeLessThan(500);
    expect((await call("GET", `/api/v1/worker-tasks/${a.taskId}`)).status).toBe(404);
    expect((await call("POST", `/api/v1/worker-tasks/${a.taskId}/cancel`)).status).toBe(404);
    const d = await detail(a.activityId);
    expect(d.executionTime).not.toBeNull();
  });
});
