/**
 * What the activity tools say to do next: waits on unknown ids, runs that warned or are still
 * going, activity_get's layout, activity_list's run-profile names, and hints that name only
 * tools this server exposes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const UNKNOWN = "00000000-0000-0000-0000-000000000000";
const jimRequests = (x: Rig) => x.sim.requests.filter((q) => q.userAgent === "jim-mcp");
const warnedRun = (x: Rig) => x.sim.state.activities.find((a) => a.status === "CompleteWithWarning")!;

describe("activity_wait", () => {
  it("an unknown id: says no such activity and points to activity_list, never to waiting again", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("activity_wait", { activityId: UNKNOWN, timeoutSeconds: 5 });
    expect(res.isError).toBe(true);
    const t = text(res);
    expect(t).toContain(`JIM has no activity with id ${UNKNOWN}, so there is nothing to wait for.`);
    expect(t).toMatch(/find the run's activity id with activity_list \{\}/);
    expect(t).not.toMatch(/under way|activity_wait \{/);
    // One poll, answered 404: no retries, no loop.
    expect(jimRequests(r).map((q) => q.path)).toEqual([`/api/v1/activities/${UNKNOWN}/progress`]);
  });

  it("an unknown id on a server without activity_list: says what the id is instead", async () => {
    r = await rig({ config: { toolsets: ["connection"], tools: ["activity_wait"] } });
    const res = await r.call("activity_wait", { activityId: UNKNOWN, timeoutSeconds: 5 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Check the id: it is the activityId that starting the run returned\./);
    expect(text(res)).not.toMatch(/activity_list/);
  });

  it("a run that completed with warnings: suggests activity_explain, or activity_get when that is hidden", async () => {
    r = await rig();
    const run = warnedRun(r);
    const res = await r.call("activity_wait", { activityId: run.id, timeoutSeconds: 5 });
    expect(res.isError, text(res)).toBeFalsy();
    const s = res.structuredContent as { outcome: string; nextStep: string };
    expect(s.outcome).toBe("succeeded_with_warnings");
    expect(s.nextStep).toBe(
      `Find out why: activity_explain {"activityId":"${run.id}"} explains the warnings, with the item errors grouped by type.`,
    );
    expect(s.nextStep).not.toMatch(/activity_get/);
    await r.close();

    r = await rig({ config: { toolsets: ["activities"] } });
    const hidden = await r.call("activity_wait", { activityId: warnedRun(r).id, timeoutSeconds: 5 });
    expect((hidden.structuredContent as { nextStep: string }).nextStep).toMatch(
      /^Inspect the warnings: activity_get \{"activityId":"[0-9a-f-]{36}"\} shows the message and statistics\.$/,
    );
  });

  it("still running: names worker_task_cancel with its argument, and only when it is exposed", async () => {
    r = await rig();
    r.sim.hooks.nextRun({ durationMs: 4000 });
    const res = await r.call("run_profile_execute", {
      connectedSystemId: 1,
      runProfileId: "Full Import",
      timeoutSeconds: 1,
    });
    const s = res.structuredContent as {
      outcome: string;
      activityId: string;
      taskId: string;
      nextStep: string;
    };
    expect(s.outcome).toBe("still_running");
    expect(s.nextStep).toMatch(
      new RegExp(
        `^Still running after waiting .*\\. Keep waiting with activity_wait \\{"activityId":"${s.activityId}"\\}, or stop it with worker_task_cancel \\{"taskId":"${s.taskId}"\\}\\.$`,
      ),
    );
    expect(s.nextStep).not.toMatch(/the worker task/);

    const queued = await r.call("run_profile_execute", {
      connectedSystemId: 1,
      runProfileId: 1,
      wait: false,
      queueAnother: true,
    });
    const q = queued.structuredContent as { activityId: string; taskId: string; nextStep: string };
    expect(q.nextStep).toBe(
      `Follow it with activity_wait {"activityId":"${q.activityId}"}, or stop it with worker_task_cancel {"taskId":"${q.taskId}"}.`,
    );
    await r.close();

    // --destructive deny hides worker_task_cancel; without activity_wait the hint falls back to activity_get.
    r = await rig({
      config: { destructive: "deny", toolsets: ["run_profiles"], tools: ["activity_get"] },
    });
    r.sim.hooks.nextRun({ durationMs: 4000 });
    const denied = await r.call("run_profile_execute", {
      connectedSystemId: 1,
      runProfileId: 1,
      wait: false,
    });
    const d = denied.structuredContent as { activityId: string; nextStep: string };
    expect(d.nextStep).toBe(`Check on it later with activity_get {"activityId":"${d.activityId}"}.`);
  });
});

describe("activity_get", () => {
  it("prints the activity id once, and sends a run with problems to activity_explain", async () => {
    r = await rig();
    const run = warnedRun(r);
    const res = await r.call("activity_get", { activityId: run.id });
    expect(res.isError, text(res)).toBeFalsy();
    const t = text(res);
    expect(t.match(/^activity: /gm)).toHaveLength(1);
    expect(t).toContain(`activity: ${run.id}`);
    expect(t).toMatch(/^objects: .* processed/m);
    expect(t).toContain(`next: Find out why: activity_explain {"activityId":"${run.id}"}`);
  });
});

describe("activity_list run profile names", () => {
  it("matches a run profile name ignoring case, across systems, and says which name it sent", async () => {
    r = await rig();
    const exact = await r.call("activity_list", { runProfile: "Full Import" });
    const exactOut = exact.structuredContent as { totalCount: number };
    expect(exactOut.totalCount).toBe(2);

    r.sim.clearRequests();
    const res = await r.call("activity_list", { runProfile: "full import" });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as {
      totalCount: number;
      runProfiles: string[];
      items: Array<{ target: string }>;
    };
    expect(out.totalCount).toBe(2);
    expect(out.runProfiles).toEqual(["Full Import"]);
    expect(out.items.map((i) => i.target).sort()).toEqual([
      "Full Import on Corporate Directory",
      "Full Import on HR System",
    ]);
    expect(text(res)).toMatch(
      /^runProfile "full import" matched "Full Import" \(names match ignoring case\)\./,
    );
    // The name as given, then a search for how runs spell it, then JIM's exact name.
    const lists = jimRequests(r).filter((q) => q.path === "/api/v1/activities");
    expect(lists.map((q) => q.query.runProfile ?? null)).toEqual(["full import", null, "Full Import"]);
    expect(lists[1]!.query).toMatchObject({ targetType: "ConnectedSystemRunProfile", search: "full import" });
  });

  it("with a system: resolves against its run profiles before sending, in one list read", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("activity_list", { runProfile: "FULL IMPORT", connectedSystem: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    expect((res.structuredContent as { totalCount: number }).totalCount).toBe(1);
    const paths = jimRequests(r).map((q) => q.path);
    expect(paths.filter((p) => p === "/api/v1/activities")).toHaveLength(1);
    expect(paths).toContain("/api/v1/synchronisation/connected-systems/2/run-profiles");
    expect(jimRequests(r).find((q) => q.path === "/api/v1/activities")!.query.runProfile).toBe("Full Import");
  });

  it("no such name: the closest names, as an error when the system was given", async () => {
    r = await rig();
    const res = await r.call("activity_list", { runProfile: "full imprt" });
    expect(res.isError, text(res)).toBeFalsy();
    expect((res.structuredContent as { totalCount: number }).totalCount).toBe(0);
    expect(text(res)).toMatch(
      /No run of a profile named "full imprt" was found \(names match ignoring case\)\. Closest names among recent runs: "Full Import"/,
    );

    const bad = await r.call("activity_list", {
      runProfile: "full imprt",
      connectedSystem: "Corporate Directory",
    });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(
      /runProfile: Corporate Directory \(id 2\) has no run profile named "full imprt" \(names match ignoring case\)\. Closest: "Full Import"/,
    );
  });

  it("the exact name costs one request, as before", async () => {
    r = await rig();
    r.sim.clearRequests();
    await r.call("activity_list", { runProfile: "Full Import" });
    expect(jimRequests(r).map((q) => q.path)).toEqual(["/api/v1/activities"]);
  });

  it("names in its Next line only the tools this server exposes", async () => {
    r = await rig({ config: { toolsets: ["activities"] } });
    const t = text(await r.call("activity_list", { pageSize: 3 }));
    expect(t).toMatch(/Next: details: activity_get; per-object errors of a run: activity_item_list\./);
    expect(t).not.toMatch(/activity_explain/);
  });
});

describe("worker_task_list", () => {
  it("names activity_list for finished work only when this server exposes it", async () => {
    r = await rig({ config: { toolsets: ["connection"], tools: ["worker_task_list"] } });
    r.sim.state.workerTasks = [];
    const hidden = text(await r.call("worker_task_list", {}));
    expect(hidden).toBe("The worker queue is empty: nothing is queued or running.");
    await r.close();
    r = await rig();
    r.sim.state.workerTasks = [];
    expect(text(await r.call("worker_task_list", {}))).toMatch(/Finished work is in activity_list\.$/);
  });
});
