/**
 * Fault matrix: every way JIM (the simulator) can misbehave, each handled as designed —
 * a retry, a clear error, or "still running" — and the server answers the next call
 * normally. Retry waits go through an injected sleep, so Retry-After costs no time.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../src/simulator/index.js";
import { adoptCanary, type Rig, type RigOptions, rig, text } from "./harness.js";

const CS = "/api/v1/synchronisation/connected-systems";
const EXECUTE = /\/run-profiles\/\d+\/execute$/;
const PROGRESS = /^\/api\/v1\/activities\/[0-9a-f-]+\/progress$/;

let r: Rig | undefined;
let spare: Simulator | undefined;
afterEach(async () => {
  await r?.close();
  await spare?.close();
  r = undefined;
  spare = undefined;
});

/** A rig whose JIM client records its retry waits instead of sleeping. */
async function faultRig(opts: RigOptions = {}): Promise<{ rig: Rig; waits: number[] }> {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason;
    waits.push(ms);
  };
  r = await rig({ ...opts, sleep });
  return { rig: r, waits };
}

function hits(rg: Rig, path: string | RegExp, method = "GET") {
  return rg.sim.requests.filter(
    (q) =>
      q.userAgent === "jim-mcp" &&
      q.method === method &&
      (typeof path === "string" ? q.path === path : path.test(q.path)),
  ).length;
}

/** The next ordinary call works: the fault left nothing behind. */
async function expectNormal(rg: Rig): Promise<void> {
  const list = await rg.call("connected_system_list", {});
  expect(list.isError, text(list)).toBeFalsy();
  expect(text(list)).toMatch(/Corporate Directory/);
  const status = await rg.call("connection_status");
  expect(status.structuredContent).toMatchObject({ reachable: true, keyAccepted: true, administrator: true });
}

async function startRun(rg: Rig): Promise<string> {
  rg.sim.hooks.nextRun({ durationMs: 5000 });
  const started = await rg.call("run_profile_execute", {
    connectedSystemId: 2,
    runProfileId: "Delta Import",
    wait: false,
  });
  expect(started.isError, text(started)).toBeFalsy();
  return (started.structuredContent as { activityId: string }).activityId;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((res) => setTimeout(res, 5));
  expect(check()).toBe(true);
}

describe("fault matrix", () => {
  it("JIM down (connection refused): a clear error, an honest status, and service resumes when JIM is back", async () => {
    const { rig: rg } = await faultRig();
    const port = Number(new URL(rg.sim.url).port);
    await rg.sim.close();

    const res = await rg.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Could not reach JIM at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
    expect(text(res)).toMatch(/Next step: Check that JIM is running/);
    const status = await rg.call("connection_status");
    expect(status.isError).toBeFalsy();
    expect(status.structuredContent).toMatchObject({ configured: true, reachable: false });

    spare = await startSimulator({ port, runDurationMs: 300 });
    adoptCanary(spare);
    const again = await rg.call("connected_system_list", {});
    expect(again.isError, text(again)).toBeFalsy();
    expect(text(again)).toMatch(/Corporate Directory/);
  });

  it("500: a clear error with JIM's code and a next step, not retried", async () => {
    const { rig: rg, waits } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "status", status: 500 });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 500 INTERNAL_ERROR/);
    expect(text(res)).toMatch(/Next step: /);
    expect(hits(rg, CS)).toBe(1);
    expect(waits).toEqual([]);
    await expectNormal(rg);
  });

  it("503 with Retry-After on a read: retried after the wait JIM asked for, then answered", async () => {
    const { rig: rg, waits } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "status", status: 503, retryAfter: "3", times: 2 });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(text(res)).toMatch(/Corporate Directory/);
    expect(hits(rg, CS)).toBe(3);
    expect(waits).toEqual([3000, 3000]);
    await expectNormal(rg);
  });

  it("503 without Retry-After: a clear error, not retried", async () => {
    const { rig: rg, waits } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "status", status: 503 });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 503/);
    expect(text(res)).toMatch(/temporarily unavailable; retry shortly/);
    expect(waits).toEqual([]);
    await expectNormal(rg);
  });

  it("503 with Retry-After on a request that starts work: never re-sent, and the error says to check activities", async () => {
    const { rig: rg, waits } = await faultRig();
    rg.sim.hooks.fault({ method: "POST", path: EXECUTE, kind: "status", status: 503, retryAfter: "1" });
    const res = await rg.call("run_profile_execute", {
      connectedSystemId: 2,
      runProfileId: "Delta Import",
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/not re-sent because it starts work/);
    expect(text(res)).toMatch(/activity_list/);
    expect(hits(rg, EXECUTE, "POST")).toBe(1);
    expect(waits).toEqual([]);
    await expectNormal(rg);
  });

  it("429 with Retry-After: retried after that many seconds, for any method", async () => {
    const { rig: rg, waits } = await faultRig({ config: { destructive: "allow" } });
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "status", status: 429, retryAfter: "7" });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(waits).toEqual([7000]);

    // The rate limiter refuses before anything runs, so even a run start is re-sent.
    rg.sim.hooks.fault({ method: "POST", path: EXECUTE, kind: "status", status: 429, retryAfter: "2" });
    const run = await rg.call("run_profile_execute", {
      connectedSystemId: 2,
      runProfileId: "Delta Import",
    });
    expect(run.isError, text(run)).toBeFalsy();
    expect(run.structuredContent).toMatchObject({ outcome: "succeeded" });
    expect(hits(rg, EXECUTE, "POST")).toBe(2);
    expect(waits).toEqual([7000, 2000]);
    await expectNormal(rg);
  });

  it("429 that does not stop: five retries, then a clear rate-limit error", async () => {
    const { rig: rg, waits } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "status", status: 429, retryAfter: "1", times: 6 });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/still rate-limited after 5 retries/);
    expect(text(res)).toMatch(/Next step: Slow down/);
    expect(hits(rg, CS)).toBe(6);
    expect(waits).toEqual([1000, 1000, 1000, 1000, 1000]);
    await expectNormal(rg);
  });

  it("connection reset before the answer: a read gets one more try", async () => {
    const { rig: rg } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "reset" });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(hits(rg, CS)).toBe(2);

    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "reset", times: 2 });
    const twice = await rg.call("connected_system_list", {});
    expect(twice.isError).toBe(true);
    expect(text(twice)).toMatch(/connection reset/);
    await expectNormal(rg);
  });

  it("connection reset in the middle of the body: a read gets one more try, then a clear error", async () => {
    const { rig: rg } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "reset-mid-body" });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(text(res)).toMatch(/Corporate Directory/);
    expect(hits(rg, CS)).toBe(2);

    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "reset-mid-body", times: 2 });
    const twice = await rg.call("connected_system_list", {});
    expect(twice.isError).toBe(true);
    expect(text(twice)).toMatch(/broke in the middle of its answer to GET .*\(connection reset\)/);
    expect(text(twice)).toMatch(/Next step: /);
    await expectNormal(rg);
  });

  it("connection reset on a run start: not re-sent, and the error says it may have reached JIM", async () => {
    const { rig: rg } = await faultRig();
    rg.sim.hooks.fault({ method: "POST", path: EXECUTE, kind: "reset" });
    const res = await rg.call("run_profile_execute", {
      connectedSystemId: 2,
      runProfileId: "Delta Import",
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/may have reached JIM/);
    expect(text(res)).toMatch(/activity_list/);
    expect(hits(rg, EXECUTE, "POST")).toBe(1);
    await expectNormal(rg);
  });

  it("truncated JSON with status 200: a clear error that the answer is not valid JSON", async () => {
    const { rig: rg } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "garbage" });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/not valid JSON/);
    expect(text(res)).toMatch(/Next step: /);
    await expectNormal(rg);
  });

  it("an HTML page with status 200: a clear error naming the likely cause", async () => {
    const { rig: rg } = await faultRig();
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "html" });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTML page instead of JSON/);
    await expectNormal(rg);
  });

  it("an answer slower than the timeout (headers or body): a clear time-out error", async () => {
    const { rig: rg } = await faultRig({ config: { timeoutMs: 400 } });
    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "delay", delayMs: 2_000 });
    const res = await rg.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/JIM did not answer GET \/synchronisation\/connected-systems\S* within 400 ms/);
    expect(text(res)).toMatch(/Next step: .*--timeout/);

    rg.sim.hooks.fault({ method: "GET", path: CS, kind: "slow-body", delayMs: 2_000 });
    const slowBody = await rg.call("connected_system_list", {});
    expect(slowBody.isError).toBe(true);
    expect(text(slowBody)).toMatch(/did not answer .* within 400 ms/);
    await expectNormal(rg);
  });

  it("progress polls slower than the timeout during a wait: still running, with how to keep waiting", async () => {
    const { rig: rg } = await faultRig({ config: { timeoutMs: 300 } });
    const activityId = await startRun(rg);
    rg.sim.hooks.fault({ method: "GET", path: PROGRESS, kind: "delay", delayMs: 1_000, times: 3 });
    const res = await rg.call("activity_wait", { activityId, timeoutSeconds: 30 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ outcome: "still_running", activityId });
    expect(text(res)).toMatch(/Lost contact with JIM while waiting/);
    expect(text(res)).toContain(`activity_wait {"activityId":"${activityId}"}`);
    await expectNormal(rg);
  });

  it("401 in the middle of a wait: a clear error about the key; once the key works again, so does the server", async () => {
    const { rig: rg } = await faultRig();
    const activityId = await startRun(rg);
    const key = rg.sim.state.apiKeys.find((k) => k.key === rg.key)!;
    const polls = () => hits(rg, PROGRESS);
    const before = polls();
    const waiting = rg.call("activity_wait", { activityId, timeoutSeconds: 30 });
    await until(() => polls() > before);
    key.enabled = false;
    const res = await waiting;
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 401/);
    expect(text(res)).toMatch(/Next step: The API key is invalid, disabled or expired/);
    expect(text(res)).toContain(`Activity ${activityId} is under way in JIM, but waiting for it stopped`);
    expect(text(res)).toContain(`Then follow the run with activity_wait {"activityId":"${activityId}"}`);
    expect(rg.sim.requests.filter((q) => q.userAgent === "jim-mcp" && q.status === 401).length).toBe(1);

    key.enabled = true;
    await expectNormal(rg);
    const again = await rg.call("activity_get", { activityId });
    expect(again.isError, text(again)).toBeFalsy();
  });
});
