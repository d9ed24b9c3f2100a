/**
 * The walking skeleton through a real MCP client, both protocol eras, against
 * the simulator: connection, systems, partitions, selection, run + wait.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ADMIN_KEY } from "../src/simulator/index.js";
import { type Era, type Rig, rig, text } from "./harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

interface Flat {
  id: number;
  name: string;
  selected: boolean;
  excluded: boolean;
  depth: number;
}

async function containers(rig: Rig, csId = 2): Promise<Flat[]> {
  const res = await rig.call("partition_list", { connectedSystemId: csId });
  const parts = (res.structuredContent as { partitions: Array<{ containers: Flat[] }> }).partitions;
  return parts.flatMap((p) => p.containers);
}

function jimPaths(rig: Rig): string[] {
  return rig.sim.requests.map((q) => `${q.method} ${q.path}`);
}

for (const era of ["modern", "legacy"] as Era[]) {
  describe(`skeleton (${era} era)`, () => {
    it("lists tools with schemas, annotations and a fixed order", async () => {
      r = await rig({ era });
      const { tools } = await r.client.listTools();
      const names = tools.map((t) => t.name);
      expect(names.slice(0, 3)).toEqual(["connection_status", "connection_switch", "connection_disconnect"]);
      for (const t of tools) {
        expect(t.description?.length).toBeGreaterThan(20);
        expect(t.outputSchema).toBeDefined();
        expect(t.annotations).toMatchObject({
          readOnlyHint: expect.any(Boolean),
          destructiveHint: expect.any(Boolean),
          idempotentHint: expect.any(Boolean),
          openWorldHint: expect.any(Boolean),
        });
      }
      expect((await r.client.listTools()).tools.map((t) => t.name)).toEqual(names);
    });

    it("connection_status is honest about version, key and role", async () => {
      r = await rig({ era });
      const res = await r.call("connection_status");
      expect(res.isError).toBeFalsy();
      expect(res.structuredContent).toMatchObject({
        configured: true,
        reachable: true,
        keyAccepted: true,
        administrator: true,
        keyPreview: "jim_ak_demo…",
      });
      expect(text(res)).not.toContain(DEMO_ADMIN_KEY);
    });

    it("lists systems and renders the partition tree", async () => {
      r = await rig({ era });
      const list = await r.call("connected_system_list", {});
      expect(text(list)).toMatch(/Corporate Directory/);
      expect(list.structuredContent).toMatchObject({ page: 1, hasNextPage: false });
      const tree = await r.call("partition_list", { connectedSystemId: 2 });
      const t = text(tree);
      expect(t).toMatch(/\[x\] DC=corp,DC=example,DC=com/);
      expect(t).toMatch(/\[ \] CN=Configuration/);
      expect(t).toMatch(/hidden/);
      expect(t).toMatch(/\[-\] .*excluded/);
      expect(t).toMatch(/^ {8}\[/m); // nested containers are indented under their parents
    });
  });
}

describe("selection", () => {
  it("selecting a container is a plain write, sent exactly as JIM expects", async () => {
    r = await rig();
    const target = (await containers(r)).find((c) => !c.selected && !c.excluded);
    expect(target).toBeDefined();
    r.sim.clearRequests();
    const res = await r.call("container_set_selection", {
      connectedSystemId: 2,
      containerId: target!.id,
      selected: true,
    });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({
      changed: true,
      container: { id: target!.id, selected: true },
    });
    const put = r.sim.changingRequests();
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({
      method: "PUT",
      path: `/api/v1/synchronisation/connected-systems/2/containers/${target!.id}`,
      body: { selected: true },
    });
  });

  it("bad arguments get a clear error and send nothing to JIM", async () => {
    r = await rig();
    r.sim.clearRequests();
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        "container_set_selection",
        { connectedSystemId: 2, containerId: 5, selected: true, excluded: true },
        /both selected and excluded/,
      ],
      [
        "container_set_selection",
        { connectedSystemId: 2, containerId: 5 },
        /at least one of selected, excluded or scope/,
      ],
      ["container_set_selection", { connectedSystemId: 2, containerId: 5, scope: "Deep" }, /scope/],
      ["partition_list", { connectedSystemId: "" }, /connectedSystemId/],
      ["partition_list", { connectedSystemId: true }, /connectedSystemId/],
      ["partition_list", { connectedSystemId: 0 }, /connectedSystemId/],
      ["partition_list", { connectedSystemId: 2, extra: 1 }, /extra/],
      ["run_profile_execute", { runProfileId: "Full Import" }, /name needs connectedSystemId/],
      ["run_profile_execute", { runProfileId: 1, timeoutSeconds: 99999 }, /timeoutSeconds/],
      ["activity_get", { activityId: "123" }, /activityId/],
    ];
    for (const [tool, args, pattern] of cases) {
      const res = await r.call(tool, args);
      expect(res.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(text(res)).toMatch(pattern);
    }
    expect(r.sim.requests).toHaveLength(0);
  });

  it("unknown ids come back as JIM's 404 with a next step", async () => {
    r = await rig();
    const res = await r.call("partition_list", { connectedSystemId: 999 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/connected system 999/i);
    expect(text(res)).toMatch(/Next step/);
  });
});

describe("name resolution", () => {
  it("finds a system by name beyond the first page of the list", async () => {
    r = await rig();
    r.sim.state.addConnectedSystems(150, "Branch Office");
    const last = r.sim.state.connectedSystems.at(-1)!;
    const res = await r.call("run_profile_list", { connectedSystemId: last.id });
    expect(res.isError).toBeFalsy();
    const byName = await r.call("run_profile_execute", {
      connectedSystemId: last.name.toUpperCase(),
      runProfileId: "no such profile",
    });
    expect(byName.isError).toBe(true);
    expect(text(byName)).toContain(
      `no run profile on ${last.name} (id ${last.id}) is named "no such profile"`,
    );
    const pages = r.sim.requests.filter((q) => q.path === "/api/v1/synchronisation/connected-systems");
    expect(pages.map((q) => q.query.page)).toEqual(["1", "2"]);
    expect(pages.every((q) => q.query.pageSize === "100")).toBe(true);
  });

  it("several case-insensitive matches are an error listing the candidates, and nothing runs", async () => {
    r = await rig();
    r.sim.state.addConnectedSystem({ name: "corporate directory" });
    const res = await r.call("run_profile_execute", {
      connectedSystemId: "CORPORATE DIRECTORY",
      runProfileId: "Full Import",
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /2 connected systems are named "CORPORATE DIRECTORY": Corporate Directory \(id 2\), corporate directory \(id \d+\)/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
    const exact = await r.call("run_profile_execute", {
      connectedSystemId: "Corporate Directory",
      runProfileId: "full import",
      wait: false,
    });
    expect(exact.structuredContent).toMatchObject({
      connectedSystem: { id: 2 },
      runProfile: { name: "Full Import" },
    });
  });
});

describe("not connected", () => {
  it("every JIM tool says exactly what to set", async () => {
    r = await rig({ unconfigured: true });
    const res = await r.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/JIM_URL/);
    expect(text(res)).toMatch(/JIM_API_KEY/);
    const status = await r.call("connection_status");
    expect(status.isError).toBeFalsy();
    expect(status.structuredContent).toMatchObject({ configured: false });
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("run_profile_execute and the wait engine", () => {
  const outcomes = [
    ["Complete", "succeeded"],
    ["CompleteWithWarning", "succeeded_with_warnings"],
    ["CompleteWithError", "completed_with_errors"],
    ["FailedWithError", "failed"],
  ] as const;

  for (const [status, outcome] of outcomes) {
    it(`${status} → ${outcome}, with stats and duration`, async () => {
      r = await rig();
      r.sim.hooks.nextRun({ outcome: status, durationMs: 250 });
      const res = await r.call("run_profile_execute", {
        connectedSystemId: "corporate directory",
        runProfileId: "full import",
      });
      expect(res.isError).toBeFalsy();
      const s = res.structuredContent as Record<string, unknown>;
      expect(s).toMatchObject({
        outcome,
        status,
        runProfile: { name: "Full Import", runType: "FullImport" },
      });
      expect(s.activityId).toMatch(/^[0-9a-f-]{36}$/);
      expect(s.stats).not.toBeNull();
      expect(typeof s.durationSeconds).toBe("number");
      if (status !== "Complete") {
        expect((s.stats as { errors: number }).errors + (s.errorMessage ? 1 : 0)).toBeGreaterThan(0);
        expect(s.nextStep).toMatch(/activity_explain/);
      }
      const execute = r.sim.requests.filter((q) => q.method === "POST");
      expect(execute).toHaveLength(1);
      expect(execute[0]!.path).toMatch(/\/connected-systems\/2\/run-profiles\/\d+\/execute$/);
      expect(jimPaths(r).some((p) => /\/progress$/.test(p))).toBe(true);
    });
  }

  it("Cancelled: a run stopped in JIM is reported as cancelled", async () => {
    r = await rig();
    r.sim.hooks.nextRun({ durationMs: 5000 });
    const started = await r.call("run_profile_execute", {
      connectedSystemId: 2,
      runProfileId: "Delta Import",
      wait: false,
    });
    const { activityId, taskId } = started.structuredContent as { activityId: string; taskId: string };
    expect(started.structuredContent).toMatchObject({ outcome: "still_running" });
    const cancel = await fetch(`${r.sim.url}/api/v1/worker-tasks/${taskId}/cancel`, {
      method: "POST",
      headers: { "X-API-Key": DEMO_ADMIN_KEY },
    });
    expect(cancel.status).toBe(202);
    const waited = await r.call("activity_wait", { activityId, timeoutSeconds: 10 });
    expect(waited.structuredContent).toMatchObject({ outcome: "cancelled", status: "Cancelled" });
  });

  it("a timeout is not an error: still running, with the activity id and how to keep waiting", async () => {
    r = await rig();
    r.sim.hooks.nextRun({ durationMs: 4000 });
    const res = await r.call("run_profile_execute", {
      connectedSystemId: 1,
      runProfileId: "Full Import",
      timeoutSeconds: 1,
    });
    expect(res.isError).toBeFalsy();
    const s = res.structuredContent as Record<string, string>;
    expect(s.outcome).toBe("still_running");
    expect(s.nextStep).toContain(`activity_wait {"activityId":"${s.activityId}"}`);
    expect(text(res)).toMatch(/Still running/);
    const later = await r.call("activity_wait", { activityId: s.activityId, timeoutSeconds: 20 });
    expect(later.structuredContent).toMatchObject({ outcome: "succeeded" });
  });

  it("sends MCP progress notifications when asked: step, counts, rate", async () => {
    r = await rig();
    r.sim.hooks.nextRun({ durationMs: 1200, objects: 5000 });
    const updates: Array<{ progress: number; total?: number; message?: string }> = [];
    const res = await r.call(
      "run_profile_execute",
      { connectedSystemId: 2, runProfileId: "Full Import" },
      { onprogress: (p) => updates.push(p) },
    );
    expect(res.structuredContent).toMatchObject({ outcome: "succeeded" });
    expect(updates.length).toBeGreaterThan(2);
    expect(updates.some((u) => /step \d of \d/.test(u.message ?? ""))).toBe(true);
    expect(updates.some((u) => /\d[\d,]* \/ 5,000 objects/.test(u.message ?? ""))).toBe(true);
    for (let i = 1; i < updates.length; i++)
      expect(updates[i]!.progress).toBeGreaterThan(updates[i - 1]!.progress);
  });

  it("a run it has just started is not polled at once: it says so and asks JIM one interval later", async () => {
    r = await rig();
    r.sim.hooks.nextRun({ durationMs: 600 });
    const updates: Array<{ progress: number; message?: string }> = [];
    const res = await r.call(
      "run_profile_execute",
      { connectedSystemId: 2, runProfileId: "Full Import" },
      { onprogress: (p) => updates.push(p) },
    );
    expect(res.structuredContent).toMatchObject({ outcome: "succeeded" });
    const { activityId } = res.structuredContent as { activityId: string };
    expect(updates[0]).toMatchObject({ progress: 0, message: `queued as activity ${activityId}` });
    const execute = r.sim.requests.find((q) => q.method === "POST");
    const firstPoll = r.sim.requests.find((q) => q.path.endsWith("/progress"));
    // The fixtures poll every 40 ms; a timer may fire a hair early, never a whole interval early.
    expect(firstPoll!.at - execute!.at).toBeGreaterThanOrEqual(30);
    // activity_wait on an existing activity still asks at once.
    const before = r.sim.requests.length;
    await r.call("activity_wait", { activityId, timeoutSeconds: 5 });
    expect(r.sim.requests[before]?.path).toMatch(/\/progress$/);
  });

  it("MCP cancellation stops the polling", async () => {
    r = await rig();
    r.sim.hooks.nextRun({ durationMs: 5000 });
    const ac = new AbortController();
    const call = r.call(
      "run_profile_execute",
      { connectedSystemId: 1, runProfileId: "Full Import" },
      { signal: ac.signal },
    );
    await new Promise((res) => setTimeout(res, 300));
    ac.abort();
    await expect(call).rejects.toThrow();
    await new Promise((res) => setTimeout(res, 100));
    const polls = () => r!.sim.requests.filter((q) => q.path.endsWith("/progress")).length;
    const before = polls();
    await new Promise((res) => setTimeout(res, 400));
    expect(polls()).toBe(before);
  });

  it("JIM's incomplete-selection 400 comes back as a clear error", async () => {
    r = await rig();
    const res = await r.call("partition_set_selection", {
      connectedSystemId: 2,
      partitionId: 1,
      selected: false,
    });
    expect(res.isError).toBe(true); // destructive: needs confirmation first — nothing sent
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});
