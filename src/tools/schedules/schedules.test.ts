/**
 * Schedule tools through the MCP rig against the simulator: results, the exact
 * requests JIM received, the consent gate for destructive calls, and waits.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { data, SAMPLE_EXECUTION_IDS } from "../../simulator/data/schedules.js";
import { DEMO_ADMIN_KEY } from "../../simulator/index.js";

let r: Rig | undefined;
afterEach(async () => {
  // rig.close() also checks every request against the catalogue.
  await r?.close();
  r = undefined;
});

const UNKNOWN = "0f0f0f0f-1111-4222-8333-444444444444";

function schedule(rg: Rig, name: string) {
  const s = data(rg.sim.state).schedules.find((x) => x.name === name);
  if (!s) throw new Error(`no sample schedule ${name}`);
  return s;
}

function changed(rg: Rig) {
  return rg.sim.changingRequests().map((q) => `${q.method} ${q.path}`);
}

describe("schedule_list", () => {
  it("uses the schedules paging (1/20, sortBy + sortDescending)", async () => {
    r = await rig();
    const res = await r.call("schedule_list", { sortBy: "name", sortDescending: true });
    expect(res.isError).toBeFalsy();
    expect(r.sim.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/v1/schedules",
      query: { page: "1", pageSize: "20", sortBy: "name", sortDescending: "true" },
    });
    const s = res.structuredContent as {
      totalCount: number;
      items: Array<{ name: string; trigger: string }>;
    };
    expect(s.totalCount).toBe(4);
    expect(s.items.map((i) => i.name)).toEqual([
      "Weekly full refresh",
      "Temporal scope reconciliation",
      "Nightly HR to AD",
      "Hourly delta",
    ]);
    expect(text(res)).toMatch(/\| Nightly HR to AD \| yes \| cron 0 2 \* \* \* \| 4 \| .* Cancelled \|/);
    expect(text(res)).toMatch(/all 4 shown/);
  });

  it("says plainly when a page is past the end (JIM reports totalCount 0 there)", async () => {
    r = await rig();
    const res = await r.call("schedule_list", { page: 3, pageSize: 2 });
    expect(res.structuredContent).toMatchObject({ totalCount: 0, items: [] });
    expect(text(res)).toMatch(/Page 3 is past the end of the list; start again at page=1/);
  });

  it("refuses pageSize 0 before JIM can answer 400", async () => {
    r = await rig();
    const res = await r.call("schedule_list", { pageSize: 0 });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("schedule_get", () => {
  it("shows the ordered steps with run profile and system names", async () => {
    r = await rig();
    const s = schedule(r, "Nightly HR to AD");
    const res = await r.call("schedule_get", { scheduleId: s.id });
    expect(res.isError).toBeFalsy();
    expect(r.sim.requests[0]).toMatchObject({ method: "GET", path: `/api/v1/schedules/${s.id}` });
    expect(r.sim.requests.map((q) => q.path).sort()).toEqual(
      [
        `/api/v1/schedules/${s.id}`,
        "/api/v1/synchronisation/connected-systems/1",
        "/api/v1/synchronisation/connected-systems/1/run-profiles",
        "/api/v1/synchronisation/connected-systems/2",
        "/api/v1/synchronisation/connected-systems/2/run-profiles",
      ].sort(),
    );
    const t = text(res);
    expect(t).toMatch(/Schedule "Nightly HR to AD" .* · enabled · cron 0 2 \* \* \*/);
    expect(t).toMatch(/\| 1 \| Full Import on HR System \| FullImport \| stop \|/);
    expect(t).toMatch(/\| 4 \| Export on Corporate Directory \| Export \| stop \|/);
    expect(t).toMatch(/last run: .* · Cancelled/);
  });

  it("marks parallel steps", async () => {
    r = await rig();
    const res = await r.call("schedule_get", { scheduleId: schedule(r, "Weekly full refresh").id });
    expect(text(res)).toMatch(/\| 1 ∥ \| Full Import on Learning Platform \|/);
  });

  it("reports an unknown schedule with JIM's message", async () => {
    r = await rig();
    const res = await r.call("schedule_get", { scheduleId: UNKNOWN });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Schedule with ID .* not found/);
    expect(text(res)).toMatch(/HTTP 404/);
  });

  it("reads a value that is not a GUID as a name: an unknown one lists the closest, only the list is read", async () => {
    r = await rig();
    const res = await r.call("schedule_get", { scheduleId: "nightly" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain('scheduleId: no schedule is named "nightly". Closest: Nightly HR to AD (id ');
    expect(r.sim.requests.map((q) => `${q.method} ${q.path}`)).toEqual(["GET /api/v1/schedules"]);
  });
});

describe("schedule_run", () => {
  it("runs a schedule without exports, waits with progress and reports each step", async () => {
    r = await rig({ sim: { runDurationMs: 120 } });
    const s = schedule(r, "Hourly delta");
    const progress: string[] = [];
    const res = await r.call(
      "schedule_run",
      { scheduleId: s.id },
      { onprogress: (p) => progress.push(p.message ?? "") },
    );
    expect(res.isError).toBeFalsy();
    expect(changed(r)).toEqual([`POST /api/v1/schedules/${s.id}/run`]);
    const out = res.structuredContent as {
      executionId: string;
      status: string;
      steps: Array<{
        name: string;
        status: string;
        activityId: string | null;
        activityStatus: string | null;
      }>;
    };
    expect(out.status).toBe("Complete");
    expect(out.steps.map((x) => [x.name, x.status, x.activityStatus])).toEqual([
      ["Delta Import on Corporate Directory", "Completed", "Complete"],
      ["Delta Synchronisation on Corporate Directory", "Completed", "Complete"],
    ]);
    for (const step of out.steps) expect(r.sim.state.getActivity(step.activityId!)?.status).toBe("Complete");
    expect(r.sim.requests.some((q) => q.path === `/api/v1/schedule-executions/${out.executionId}`)).toBe(
      true,
    );
    expect(progress.some((m) => /^step 1 of 2 · Delta Import on Corporate Directory/.test(m))).toBe(true);
    expect(text(res)).toMatch(/: Complete in /);
  });

  it("asks before running a schedule with an Export step", async () => {
    r = await rig();
    const res = await r.call("schedule_run", { scheduleId: schedule(r, "Nightly HR to AD").id });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /export step\(s\) 4 \(Export on Corporate Directory\).*37 pending on "Corporate Directory"/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("stops at a failed step and never reaches the export", async () => {
    r = await rig({ sim: { runDurationMs: 80 }, config: { destructive: "allow" } });
    r.sim.hooks.nextRun({ outcome: "Complete" });
    r.sim.hooks.nextRun({ outcome: "FailedWithError" });
    const res = await r.call("schedule_run", { scheduleId: schedule(r, "Nightly HR to AD").id });
    const out = res.structuredContent as {
      status: string;
      steps: Array<{ status: string }>;
      nextStep: string;
    };
    expect(out.status).toBe("Failed");
    expect(out.steps.map((x) => x.status)).toEqual(["Completed", "Failed", "Cancelled", "Cancelled"]);
    expect(r.sim.state.exportsWritten).toBe(0);
    expect(out.nextStep).toMatch(/activity_get/);
    expect(text(res)).toMatch(/error: Step 2 \(Full Synchronisation on HR System\) ended FailedWithError/);
  });

  it("returns at once with wait=false and says how to follow", async () => {
    r = await rig({ sim: { runDurationMs: 5000 } });
    const res = await r.call("schedule_run", { scheduleId: schedule(r, "Hourly delta").id, wait: false });
    const out = res.structuredContent as {
      status: string;
      step: string;
      nextStep: string;
      executionId: string;
    };
    expect(out.status).toBe("InProgress");
    expect(out.step).toBe("step 1 of 2 · Delta Import on Corporate Directory");
    expect(out.nextStep).toBe(`Follow it with schedule_execution_get {"executionId":"${out.executionId}"}.`);
  });

  it("on timeout reports the run as still going", async () => {
    r = await rig({ sim: { runDurationMs: 5000 } });
    const res = await r.call("schedule_run", {
      scheduleId: schedule(r, "Hourly delta").id,
      timeoutSeconds: 1,
    });
    expect(res.isError).toBeFalsy();
    const out = res.structuredContent as { status: string; nextStep: string };
    expect(out.status).toBe("InProgress");
    expect(out.nextStep).toMatch(
      /^Still running after waiting .* Keep following with schedule_execution_get/,
    );
  });

  it("reports an unknown schedule", async () => {
    r = await rig();
    const res = await r.call("schedule_run", { scheduleId: UNKNOWN });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("schedule_set_enabled", () => {
  it("disables with the change reason in the query", async () => {
    r = await rig();
    const s = schedule(r, "Nightly HR to AD");
    const res = await r.call("schedule_set_enabled", {
      scheduleId: s.id,
      enabled: false,
      changeReason: "freeze",
    });
    expect(res.isError).toBeFalsy();
    expect(r.sim.requests).toHaveLength(1);
    expect(r.sim.requests[0]).toMatchObject({
      method: "POST",
      path: `/api/v1/schedules/${s.id}/disable`,
      query: { changeReason: "freeze" },
      body: undefined,
    });
    expect(res.structuredContent).toMatchObject({ enabled: false, nextRun: null });
    expect(s.isEnabled).toBe(false);
  });

  it("enables and reports the next run", async () => {
    r = await rig();
    const s = schedule(r, "Weekly full refresh");
    const res = await r.call("schedule_set_enabled", { scheduleId: s.id, enabled: true });
    expect(r.sim.requests[0]).toMatchObject({ path: `/api/v1/schedules/${s.id}/enable`, query: {} });
    expect(text(res)).toMatch(/manual trigger, so it only runs with schedule_run/);
  });

  it("reports an unknown schedule", async () => {
    r = await rig();
    const res = await r.call("schedule_set_enabled", { scheduleId: UNKNOWN, enabled: true });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/not found/);
  });
});

describe("schedule_update", () => {
  it("appends a run profile given by name within its system, and needs the system for a name", async () => {
    r = await rig();
    const s = schedule(r, "Nightly HR to AD");
    const lp = r.sim.state.connectedSystems.find((c) => c.id === 3)!;
    const target = lp.runProfiles[0]!;
    const noSystem = await r.call("schedule_update", { scheduleId: s.id, appendRunProfileId: target.name });
    expect(noSystem.isError).toBe(true);
    expect(text(noSystem)).toMatch(/needs appendConnectedSystemId/);
    const res = await r.call("schedule_update", {
      scheduleId: s.id,
      appendRunProfileId: target.name.toLowerCase(),
      appendConnectedSystemId: lp.name,
    });
    expect(res.isError, text(res)).toBeFalsy();
    const body = r.sim.changingRequests()[0]!.body as { steps: Array<{ runProfileId: number }> };
    expect(body.steps.at(-1)!.runProfileId).toBe(target.id);
  });

  it("re-sends every field and step it was not asked to change", async () => {
    r = await rig();
    const s = schedule(r, "Nightly HR to AD");
    const ids = s.steps.map((x) => x.id);
    const res = await r.call("schedule_update", {
      scheduleId: s.id,
      name: "Nightly HR to AD v2",
      appendRunProfileId: 11,
      changeReason: "add LP sync",
    });
    expect(res.isError).toBeFalsy();
    const puts = r.sim.changingRequests();
    expect(puts.map((q) => `${q.method} ${q.path}`)).toEqual([`PUT /api/v1/schedules/${s.id}`]);
    const body = puts[0]!.body as Record<string, unknown> & { steps: Array<Record<string, unknown>> };
    expect(body).toMatchObject({
      name: "Nightly HR to AD v2",
      triggerType: "Cron",
      cronExpression: "0 2 * * *",
      patternType: "SpecificTimes",
      runTimes: "02:00",
      isEnabled: true,
      changeReason: "add LP sync",
    });
    expect(body.steps.map((x) => [x.id, x.stepIndex, x.runProfileId])).toEqual([
      [ids[0], 0, 1],
      [ids[1], 1, 2],
      [ids[2], 2, 4],
      [ids[3], 3, 8],
      [null, 4, 11],
    ]);
    expect(body.steps[4]).toMatchObject({
      stepType: "RunProfile",
      executionMode: "Sequential",
      connectedSystemId: 3,
    });
    expect(res.structuredContent).toMatchObject({ stepCount: 5, name: "Nightly HR to AD v2" });
    expect(text(res)).toMatch(/added step 5: Delta Synchronisation on Learning Platform/);
    expect(
      schedule(r, "Nightly HR to AD v2")
        .steps.slice(0, 4)
        .map((x) => x.id),
    ).toEqual(ids);
  });

  it("a new cron replaces the day/time pattern", async () => {
    r = await rig();
    const s = schedule(r, "Hourly delta");
    await r.call("schedule_update", { scheduleId: s.id, cronExpression: "30 3 * * 1-5" });
    expect(r.sim.changingRequests()[0]!.body).toMatchObject({
      triggerType: "Cron",
      cronExpression: "30 3 * * 1-5",
      patternType: "Custom",
      intervalValue: null,
      intervalUnit: null,
    });
  });

  it("asks before removing a step", async () => {
    r = await rig();
    const s = schedule(r, "Nightly HR to AD");
    const res = await r.call("schedule_update", { scheduleId: s.id, removeStep: 3 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /Remove step 3 \(Full Import on Corporate Directory\) from schedule "Nightly HR to AD".*keeps 3 step/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("removes a step and renumbers the later ones when allowed", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const s = schedule(r, "Nightly HR to AD");
    const ids = s.steps.map((x) => x.id);
    const res = await r.call("schedule_update", { scheduleId: s.id, removeStep: 3 });
    expect(res.isError).toBeFalsy();
    const body = r.sim.changingRequests()[0]!.body as { steps: Array<{ id: string; stepIndex: number }> };
    expect(body.steps.map((x) => [x.id, x.stepIndex])).toEqual([
      [ids[0], 0],
      [ids[1], 1],
      [ids[3], 2],
    ]);
    expect(res.structuredContent).toMatchObject({ stepCount: 3 });
  });

  it("names the steps that exist when asked to remove one that does not", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const s = schedule(r, "Hourly delta");
    const res = await r.call("schedule_update", { scheduleId: s.id, removeStep: 9 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/has no step 9; its steps are 1, 2/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("refuses an empty change before calling JIM", async () => {
    r = await rig();
    const res = await r.call("schedule_update", { scheduleId: schedule(r, "Hourly delta").id });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Nothing to change/);
    expect(r.sim.requests).toHaveLength(0);
  });

  it("refuses an empty or blank name before calling JIM", async () => {
    r = await rig();
    const id = schedule(r, "Hourly delta").id;
    for (const name of ["", "   "]) {
      const res = await r.call("schedule_update", { scheduleId: id, name });
      expect(res.isError, JSON.stringify(name)).toBe(true);
      expect(text(res)).toMatch(/name: .*allowed: text from 1 to 200 characters/);
      expect(text(res)).toMatch(/Nothing was sent to JIM/);
    }
    expect(r.sim.requests).toHaveLength(0);
    expect(schedule(r, "Hourly delta").name).toBe("Hourly delta");
  });
});

describe("schedule_delete", () => {
  it("asks first, naming the schedule and its steps", async () => {
    r = await rig();
    const s = schedule(r, "Hourly delta");
    const res = await r.call("schedule_delete", { scheduleId: s.id });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /Delete schedule "Hourly delta" \(id .*\) with 2 step\(s\)\? This cannot be undone/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("deletes with the change reason in the query when allowed", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const s = schedule(r, "Hourly delta");
    const res = await r.call("schedule_delete", { scheduleId: s.id, changeReason: "replaced" });
    expect(res.isError).toBeFalsy();
    expect(r.sim.changingRequests()).toEqual([
      expect.objectContaining({
        method: "DELETE",
        path: `/api/v1/schedules/${s.id}`,
        query: { changeReason: "replaced" },
        status: 204,
      }),
    ]);
    expect(data(r.sim.state).schedules.some((x) => x.id === s.id)).toBe(false);
  });

  it("refuses a built-in schedule before asking anyone, and sends nothing", async () => {
    for (const destructive of ["confirm", "allow"] as const) {
      r = await rig({ config: { destructive } });
      const builtIn = schedule(r, "Temporal scope reconciliation");
      r.sim.clearRequests();
      const res = await r.call("schedule_delete", { scheduleId: "Temporal scope reconciliation" });
      expect(res.isError).toBe(true);
      expect(text(res)).not.toMatch(/CONFIRMATION REQUIRED|confirmationToken/);
      expect(text(res)).toMatch(/one of JIM's built-in schedules/);
      expect(text(res)).toContain(`schedule_set_enabled {"scheduleId":"${builtIn.id}","enabled":false}`);
      expect(r.sim.changingRequests()).toHaveLength(0);
      expect(data(r.sim.state).schedules.some((x) => x.id === builtIn.id)).toBe(true);
      await r.close();
      r = undefined;
    }
  });

  it("a user schedule with ordinary steps still asks first", async () => {
    r = await rig();
    const res = await r.call("schedule_delete", { scheduleId: "Weekly full refresh" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("schedule executions", () => {
  it("lists executions newest first", async () => {
    r = await rig();
    const s = schedule(r, "Nightly HR to AD");
    const res = await r.call("schedule_execution_list", { scheduleId: s.id });
    expect(r.sim.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/v1/schedule-executions",
      query: { page: "1", pageSize: "20", scheduleId: s.id },
    });
    const out = res.structuredContent as {
      totalCount: number;
      items: Array<{ status: string; step: string }>;
    };
    expect(out.totalCount).toBe(1);
    expect(out.items[0]).toMatchObject({ status: "Cancelled", step: "4 of 4" });
  });

  it("lists only active executions from the plain-array endpoint", async () => {
    r = await rig({ sim: { runDurationMs: 5000 } });
    await r.call("schedule_run", { scheduleId: schedule(r, "Hourly delta").id, wait: false });
    r.sim.clearRequests();
    const res = await r.call("schedule_execution_list", { activeOnly: true });
    expect(r.sim.requests.map((q) => q.path)).toEqual(["/api/v1/schedule-executions/active"]);
    expect(res.structuredContent).toMatchObject({ totalCount: 1, hasNextPage: false });
    expect(text(res)).toMatch(/\| Hourly delta \| InProgress \| 1 of 2 \|/);
  });

  it("gets one execution with its steps' activities", async () => {
    r = await rig();
    const e = data(r.sim.state).executions[0]!;
    const res = await r.call("schedule_execution_get", { executionId: e.id });
    expect(r.sim.requests[0]).toMatchObject({ method: "GET", path: `/api/v1/schedule-executions/${e.id}` });
    const out = res.structuredContent as {
      status: string;
      steps: Array<{ status: string; activityId: string | null }>;
    };
    expect(out.status).toBe("Cancelled");
    expect(out.steps.map((x) => x.status)).toEqual([
      "Completed",
      "Completed",
      "Completed with Warning",
      "Cancelled",
    ]);
    expect(out.steps[0]!.activityId).toBe(e.steps[0]!.activityId);
    expect(text(res)).toMatch(/error: Cancelled by Alex Morgan before the export started/);
  });

  it("reports an unknown execution", async () => {
    r = await rig();
    const res = await r.call("schedule_execution_get", { executionId: UNKNOWN });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Schedule execution with ID .* not found/);
  });

  it("asks before cancelling, then cancels the running step and the rest", async () => {
    r = await rig({ sim: { runDurationMs: 5000 } });
    const started = await r.call("schedule_run", { scheduleId: schedule(r, "Hourly delta").id, wait: false });
    const executionId = (started.structuredContent as { executionId: string }).executionId;
    r.sim.clearRequests();
    const ask = await r.call("schedule_execution_cancel", { executionId });
    expect(ask.isError).toBe(true);
    expect(text(ask)).toMatch(/CONFIRMATION REQUIRED/);
    expect(text(ask)).toMatch(
      /Cancel the run of schedule "Hourly delta".*at step 1 of 2.*1 running step\(s\).*1 later step\(s\) will not run/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);

    const token = (ask._meta!["jim-mcp/confirmation"] as { confirmationToken: string }).confirmationToken;
    const res = await r.call("schedule_execution_cancel", { executionId, confirmationToken: token });
    expect(res.isError).toBeFalsy();
    expect(changed(r)).toEqual([`POST /api/v1/schedule-executions/${executionId}/cancel`]);
    const out = res.structuredContent as { status: string; steps: Array<{ status: string }> };
    expect(out.status).toBe("Cancelled");
    expect(out.steps.map((x) => x.status)).toEqual(["Cancelling", "Cancelled"]);
    expect(r.sim.state.workerTasks.every((t) => t.status !== "Queued")).toBe(true);
  });

  it("cancels a paused execution: its remaining steps never run", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("schedule_execution_cancel", { executionId: SAMPLE_EXECUTION_IDS.pausedWeekly });
    expect(res.isError).toBeFalsy();
    expect(changed(r)).toEqual([
      `POST /api/v1/schedule-executions/${SAMPLE_EXECUTION_IDS.pausedWeekly}/cancel`,
    ]);
    const out = res.structuredContent as { status: string; steps: Array<{ status: string }> };
    expect(out.status).toBe("Cancelled");
    expect(out.steps.map((x) => x.status)).toEqual(["Completed", "Completed", "Cancelled"]);
  });

  it("refuses to cancel an execution that already finished", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const e = data(r.sim.state).executions[0]!;
    const res = await r.call("schedule_execution_cancel", { executionId: e.id });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/blocked: the execution has already finished \(Cancelled\)/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("simulator: PUT /schedules is a full replacement", () => {
  it("deletes unlisted steps, disables when isEnabled is omitted and defaults the trigger to Cron", async () => {
    r = await rig();
    const s = schedule(r, "Hourly delta");
    const keep = s.steps[0]!;
    const put = (body: unknown) =>
      fetch(`${r!.sim.url}/api/v1/schedules/${s.id}`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-api-key": DEMO_ADMIN_KEY },
        body: JSON.stringify(body),
      });
    const noCron = await put({ name: "Hourly delta", steps: [] });
    expect(noCron.status).toBe(400);
    expect(await noCron.json()).toMatchObject({
      code: "",
      message: expect.stringMatching(/cron expression is required/),
    });
    const ok = await put({ name: "Hourly delta", cronExpression: "15 * * * *", steps: [{ ...keep }] });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      isEnabled: boolean;
      triggerType: string;
      steps: Array<{ id: string }>;
    };
    expect(body).toMatchObject({ isEnabled: false, triggerType: "Cron" });
    expect(body.steps.map((x) => x.id)).toEqual([keep.id]);
  });
});
