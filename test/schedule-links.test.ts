/**
 * Runs a schedule starts carry the schedule in JIM's activity and worker-task DTOs, and the
 * activity list's scheduledOnly / scheduleId filters find them (simulator, and activity_list).
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ADMIN_KEY, type Simulator, startSimulator } from "../src/simulator/index.js";
import { type Rig, rig, text } from "./harness.js";

const SCHEDULE = (n: number) => `3b8f2c1e-5d4a-4e21-9f6b-1a2b3c4d5e0${n}`;
let sim: Simulator | undefined;
let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  await sim?.close();
  r = undefined;
  sim = undefined;
});

async function get(s: Simulator, path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${s.url}/api/v1${path}`, { headers: { "x-api-key": DEMO_ADMIN_KEY } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("schedule links", () => {
  it("a schedule's run names its execution, step and schedule, and the filters find it", async () => {
    sim = await startSimulator({});
    const schedule = (await get(sim, `/schedules/${SCHEDULE(1)}`)) as { id: string; name: string };
    const run = await fetch(`${sim.url}/api/v1/schedules/${SCHEDULE(1)}/run`, {
      method: "POST",
      headers: { "x-api-key": DEMO_ADMIN_KEY },
    });
    expect(run.status).toBeLessThan(300);
    const { executionId } = (await run.json()) as { executionId: string };

    const scheduled = (await get(sim, "/activities?scheduledOnly=true&pageSize=100")) as {
      items: Array<Record<string, unknown>>;
    };
    expect(scheduled.items.length).toBeGreaterThan(0);
    for (const a of scheduled.items) {
      expect(a).toMatchObject({
        scheduleExecutionId: executionId,
        scheduledByScheduleId: schedule.id,
        scheduledByScheduleName: schedule.name,
      });
      expect(typeof a.scheduleStepIndex).toBe("number");
    }
    const byId = (await get(sim, `/activities?scheduleId=${SCHEDULE(1).toUpperCase()}`)) as {
      totalCount: number;
    };
    expect(byId.totalCount).toBe(scheduled.items.length);
    const other = (await get(sim, `/activities?scheduleId=${SCHEDULE(2)}`)) as { totalCount: number };
    expect(other.totalCount).toBe(0);
    const all = (await get(sim, "/activities?pageSize=100")) as { totalCount: number };
    expect(all.totalCount).toBeGreaterThan(scheduled.items.length);

    const tasks = (await get(sim, "/worker-tasks")) as { items: Array<Record<string, unknown>> };
    const mine = tasks.items.filter((t) => t.scheduleExecutionId === executionId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ scheduleExecutionName: schedule.name });
    expect(typeof mine[0]!.scheduleTotalSteps).toBe("number");
  });

  it("activity_list scheduledOnly lists the runs a schedule started", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const started = await r.call("schedule_run", { scheduleId: SCHEDULE(1), wait: false });
    expect(started.isError, text(started)).toBeFalsy();
    const res = await r.call("activity_list", { scheduledOnly: true });
    expect(res.isError, text(res)).toBeFalsy();
    expect((res.structuredContent as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });
});
