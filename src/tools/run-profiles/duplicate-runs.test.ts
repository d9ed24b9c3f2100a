/** run_profile_execute does not queue a second run of a profile that is already queued or running. */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe("a run already under way", () => {
  it("is not queued twice unless asked; the refusal names the activity to follow", async () => {
    r = await rig();
    r.sim.hooks.nextRun({ durationMs: 60_000 });
    const call = { connectedSystemId: "HR System", runProfileId: "Full Import", wait: false };
    const first = await r.call("run_profile_execute", call);
    expect(first.isError, text(first)).toBeFalsy();
    const activityId = (first.structuredContent as { activityId: string }).activityId;

    r.sim.clearRequests();
    const again = await r.call("run_profile_execute", call);
    expect(again.isError).toBe(true);
    expect(text(again)).toContain(`activity_wait {"activityId":"${activityId}"}`);
    expect(text(again)).toMatch(/already (running|queued).*Nothing was queued.*queueAnother: true/s);
    expect(r.sim.changingRequests()).toHaveLength(0);

    const another = await r.call("run_profile_execute", { ...call, queueAnother: true });
    expect(another.isError, text(another)).toBeFalsy();
    expect((another.structuredContent as { activityId: string }).activityId).not.toBe(activityId);
    expect(r.sim.changingRequests().filter((q) => q.path.endsWith("/execute"))).toHaveLength(1);
  });
});
