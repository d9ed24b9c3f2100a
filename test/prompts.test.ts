/**
 * MCP prompts and their argument completion through a real MCP client against the simulator,
 * in both protocol eras: listing, getting each prompt with arguments filled in, completing
 * every argument, plans that follow the tools this server exposes, and the failures.
 */
import { afterEach, describe, expect, it } from "vitest";
import { daysAgo, either, Plan } from "../src/prompts/plan.js";
import { type Era, promptText as prompt, type Rig, rig } from "./harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

async function complete(
  rg: Rig,
  name: string,
  argument: string,
  value: string,
  context?: Record<string, string>,
) {
  const res = await rg.client.complete({
    ref: { type: "ref/prompt", name },
    argument: { name: argument, value },
    ...(context ? { context: { arguments: context } } : {}),
  });
  return res.completion;
}

async function failure(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: number; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error("expected the request to fail");
}

function failedRun(rg: Rig) {
  const a = [...rg.sim.state.activities].reverse().find((x) => x.status === "FailedWithError");
  if (!a) throw new Error("no failed run in the sample data");
  return a;
}

/** The tool of step N ("N. …: call `tool {…}`"). */
function calls(text: string): Array<{ tool: string; args: Record<string, unknown> }> {
  return [...text.matchAll(/^\d+\. .*?: call `(\w+) (\{.*\})`$/gm)].map((m) => ({
    tool: m[1]!,
    args: JSON.parse(m[2]!) as Record<string, unknown>,
  }));
}

describe.each<Era>(["modern", "legacy"])("prompts (%s era)", (era) => {
  it("prompts/list: three prompts with their arguments", async () => {
    r = await rig({ era });
    const { prompts } = await r.client.listPrompts();
    expect(prompts.map((p) => [p.name, p.arguments?.map((a) => [a.name, a.required])])).toEqual([
      ["sync-health-check", [["connectedSystem", false]]],
      [
        "investigate-failed-run",
        [
          ["activity", false],
          ["connectedSystem", false],
        ],
      ],
      [
        "connected-system-overview",
        [
          ["connectedSystem", true],
          ["runProfile", false],
        ],
      ],
    ]);
    for (const p of prompts) expect(p.description).toBeTruthy();
  });

  it("sync-health-check for every system: a read-only plan, no JIM request", async () => {
    r = await rig({ era });
    const before = r.sim.requests.length;
    const weekAgo = daysAgo(7);
    const t = await prompt(r, "sync-health-check");
    expect(t).toMatch(/^Check the synchronisation health of every connected system in JIM\./);
    const steps = calls(t);
    expect(steps[0]).toEqual({ tool: "connection_status", args: {} });
    expect(steps.map((s) => s.tool)).toContain("activity_list");
    const list = steps.find((s) => s.tool === "activity_list")!;
    expect(list.args).toMatchObject({
      status: ["FailedWithError", "CompleteWithError", "CompleteWithWarning"],
    });
    // The date is computed when the prompt is got; the run may cross midnight UTC.
    expect([weekAgo, daysAgo(7)]).toContain(list.args.createdFrom);
    expect(t).toMatch(/do not start runs, change scope or delete anything/);
    expect(r.sim.requests.length).toBe(before);
  });

  it("sync-health-check for one system, named: its id and name are filled in", async () => {
    r = await rig({ era });
    const t = await prompt(r, "sync-health-check", { connectedSystem: "corporate directory" });
    expect(t).toMatch(/the connected system "Corporate Directory" \(id 2\)/);
    const steps = calls(t);
    expect(steps.find((s) => s.tool === "activity_list")!.args).toMatchObject({
      connectedSystem: "Corporate Directory",
    });
    expect(steps.find((s) => s.tool === "pending_export_list")!.args).toMatchObject({ connectedSystemId: 2 });
  });

  it("investigate-failed-run with a completed value: the run's id, system and profile are filled in", async () => {
    r = await rig({ era });
    const failed = failedRun(r);
    const offered = await complete(r, "investigate-failed-run", "activity", "");
    const value = offered.values.find((v) => v.startsWith(failed.id));
    expect(value).toMatch(
      /^[0-9a-f-]{36} · \d{4}-\d{2}-\d{2} \d{2}:\d{2}Z Export on Corporate Directory · Export · FailedWithError$/,
    );
    const t = await prompt(r, "investigate-failed-run", { activity: value! });
    expect(t).toMatch(
      new RegExp(
        `^Find out why the run Export on Corporate Directory · Export \\(activity ${failed.id}\\) ended FailedWithError`,
      ),
    );
    const steps = calls(t);
    const explain = steps.find((s) => s.tool === "activity_explain" || s.tool === "activity_get")!;
    expect(explain.args).toEqual({ activityId: failed.id });
    expect(steps.find((s) => s.tool === "activity_item_list")!.args).toEqual({ activityId: failed.id });
    expect(steps.find((s) => s.tool === "connected_system_get")!.args).toEqual({ connectedSystemId: 2 });
    expect(steps.find((s) => s.tool === "run_profile_list")!.args).toEqual({ connectedSystemId: 2 });
    expect(steps.filter((s) => s.tool === "activity_list").at(-1)!.args).toMatchObject({
      connectedSystem: "Corporate Directory",
      runProfile: "Export",
    });
    expect(t).toMatch(/Ask the user before re-running the profile \(run_profile_execute\)/);
  });

  it("investigate-failed-run without a run: the first step finds the latest failed one", async () => {
    r = await rig({ era });
    const t = await prompt(r, "investigate-failed-run", { connectedSystem: "2" });
    expect(t).toMatch(/^Find the latest failed run of "Corporate Directory" \(id 2\)/);
    const steps = calls(t);
    expect(steps[0]).toEqual({
      tool: "activity_list",
      args: {
        status: ["FailedWithError", "CompleteWithError"],
        connectedSystem: "Corporate Directory",
        pageSize: 5,
      },
    });
    expect(steps[1]!.args).toEqual({ activityId: "<activity id from step 1>" });
    expect(steps.find((s) => s.tool === "partition_list")!.args).toEqual({ connectedSystemId: 2 });
  });

  it("connected-system-overview: every read of the system, and the chosen run profile", async () => {
    r = await rig({ era });
    const t = await prompt(r, "connected-system-overview", {
      connectedSystem: "Corporate Directory",
      runProfile: "export",
    });
    expect(t).toMatch(/^Give an overview of the connected system "Corporate Directory" \(id 2\) in JIM\./);
    expect(t).toMatch(/jim:\/\/connected-systems\/2\/run-profiles/);
    const steps = calls(t);
    expect(steps.map((s) => s.tool)).toEqual([
      "connected_system_get",
      "partition_list",
      "object_type_list",
      "run_profile_list",
      "activity_list",
      "pending_export_list",
    ]);
    expect(steps[4]!.args).toEqual({
      connectedSystem: "Corporate Directory",
      runProfile: "Export",
      pageSize: 10,
    });
    expect(t).toMatch(/in detail: "Export", id 8, Export/);
  });

  it("completes connected system names", async () => {
    r = await rig({ era });
    expect((await complete(r, "connected-system-overview", "connectedSystem", "")).values).toEqual([
      "HR System",
      "Corporate Directory",
      "Learning Platform",
    ]);
    expect((await complete(r, "sync-health-check", "connectedSystem", "hr")).values).toEqual(["HR System"]);
    expect((await complete(r, "investigate-failed-run", "connectedSystem", "direct")).values).toEqual([
      "Corporate Directory",
    ]);
  });

  it("completes run profile names of the chosen system, else of every system", async () => {
    r = await rig({ era });
    const chosen = await complete(r, "connected-system-overview", "runProfile", "delta", {
      connectedSystem: "Corporate Directory",
    });
    expect(chosen.values).toEqual(["Delta Import", "Delta Synchronisation"]);
    const hr = await complete(r, "connected-system-overview", "runProfile", "", { connectedSystem: "1" });
    expect(hr.values).not.toContain("Export");
    const any = await complete(r, "connected-system-overview", "runProfile", "export");
    expect(any.values).toEqual(["Export"]);
    const unknownSystem = await complete(r, "connected-system-overview", "runProfile", "", {
      connectedSystem: "Nope",
    });
    expect(unknownSystem.values).toEqual([]);
  });

  it("completes recent runs with problems, narrowed by the chosen system", async () => {
    r = await rig({ era });
    const all = await complete(r, "investigate-failed-run", "activity", "");
    expect(all.values.length).toBeGreaterThan(0);
    for (const v of all.values)
      expect(v).toMatch(/ · (FailedWithError|CompleteWithError|CompleteWithWarning)$/);
    const hr = await complete(r, "investigate-failed-run", "activity", "", { connectedSystem: "HR System" });
    expect(hr.values).toEqual([]);
    const last = r.sim.requests.filter((q) => q.path === "/api/v1/activities").at(-1)!;
    expect(last.query).toMatchObject({ connectedSystem: "HR System", sortDirection: "desc" });
    // An id or a loosely typed name narrows the same way: JIM is asked with the system's exact name.
    for (const chosen of ["2", "corporate directory"]) {
      const cd = await complete(r, "investigate-failed-run", "activity", "", { connectedSystem: chosen });
      expect(cd.values.length, chosen).toBeGreaterThan(0);
      const q = r.sim.requests.filter((x) => x.path === "/api/v1/activities").at(-1)!;
      expect(q.query.connectedSystem).toBe("Corporate Directory");
    }
  });

  it("an unknown system or run profile fails with the valid choices (-32602)", async () => {
    r = await rig({ era });
    const system = await failure(
      r.client.getPrompt({ name: "connected-system-overview", arguments: { connectedSystem: "Nope" } }),
    );
    expect(system.code).toBe(-32602);
    expect(system.message).toMatch(
      /^connectedSystem: no connected system is named "Nope"\. Closest: .*Pass an id or an exact name \(connected_system_list\)\.$/,
    );
    const profile = await failure(
      r.client.getPrompt({
        name: "connected-system-overview",
        arguments: { connectedSystem: "2", runProfile: "Nope" },
      }),
    );
    expect(profile.code).toBe(-32602);
    expect(profile.message).toMatch(
      /^runProfile: no run profile on Corporate Directory \(id 2\) is named "Nope"\. Closest: .*Full Import \(id 4\)/,
    );
    const missing = await failure(r.client.getPrompt({ name: "connected-system-overview", arguments: {} }));
    expect(missing.code).toBe(-32602);
    expect(missing.message).toMatch(/connectedSystem/);
  });

  it("a value without an activity id, or an unknown one, fails and lists recent runs with problems", async () => {
    r = await rig({ era });
    const failed = failedRun(r);
    const bad = await failure(
      r.client.getPrompt({ name: "investigate-failed-run", arguments: { activity: "yesterday" } }),
    );
    expect(bad.code).toBe(-32602);
    expect(bad.message).toMatch(/"yesterday" holds no activity id/);
    expect(bad.message).toContain(failed.id);
    const unknown = await failure(
      r.client.getPrompt({
        name: "investigate-failed-run",
        arguments: { activity: "00000000-0000-4000-8000-000000000000" },
      }),
    );
    expect(unknown.code).toBe(-32602);
    expect(unknown.message).toMatch(
      /no activity has id 00000000-0000-4000-8000-000000000000\. Recent runs with problems/,
    );
  });

  it("a JIM fault while checking an argument is a clear error", async () => {
    r = await rig({ era });
    r.sim.hooks.fault({
      method: "GET",
      path: "/api/v1/synchronisation/connected-systems/2",
      kind: "status",
      status: 500,
    });
    const err = await failure(
      r.client.getPrompt({ name: "connected-system-overview", arguments: { connectedSystem: "2" } }),
    );
    expect(err.code).toBe(-32603);
    expect(err.message).toMatch(/HTTP 500/);
  });
});

describe("prompts follow the tools this server exposes", () => {
  it("skips steps whose tools are hidden, uses the fallback tool, and says what was skipped", async () => {
    r = await rig({ config: { toolsets: ["connection"], tools: ["activity_list", "activity_get"] } });
    const failed = failedRun(r);
    const t = await prompt(r, "investigate-failed-run", { activity: failed.id });
    expect(calls(t).map((s) => s.tool)).toEqual(["activity_get", "activity_list"]);
    expect(t).toMatch(/\(Skipped: this server does not expose .*activity_item_list.*connected_system_get/);
  });

  it("without a JIM connection a plan needing no lookup is still given; one naming a system says how to configure", async () => {
    r = await rig({ unconfigured: true });
    expect(await prompt(r, "sync-health-check")).toMatch(/call `connection_status \{\}`/);
    const err = await failure(
      r.client.getPrompt({ name: "sync-health-check", arguments: { connectedSystem: "HR System" } }),
    );
    expect(err.code).toBe(-32603);
    expect(err.message).toMatch(/No JIM connection is configured\. Set JIM_URL/);
    const completion = await failure(
      r.client.complete({
        ref: { type: "ref/prompt", name: "sync-health-check" },
        argument: { name: "connectedSystem", value: "" },
      }),
    );
    expect(completion.message).toMatch(/No JIM connection is configured/);
  });
});

describe("Plan", () => {
  const tools = new Map<string, ReadonlySet<string>>([
    ["a_get", new Set(["connectedSystemId"])],
    ["b_list", new Set(["connectedSystem", "pageSize"])],
    ["both", new Set(["connectedSystemId", "connectedSystem"])],
  ]);

  it("sends each tool only the arguments it takes, one spelling of an either, and notes missing tools", () => {
    const p = new Plan(tools);
    const spellings = { connectedSystemId: 2, connectedSystem: "Corporate Directory" };
    expect(p.step("one", ["missing_tool", {}], ["a_get", { ...spellings, extra: 1 }])).toBe("a_get");
    expect(p.step("two", ["b_list", { ...either(spellings), pageSize: 5 }])).toBe("b_list");
    expect(p.step("three", ["both", either(spellings)])).toBe("both");
    expect(p.step("four", ["gone", {}])).toBeUndefined();
    expect(p.render()).toBe(
      [
        '1. one: call `a_get {"connectedSystemId":2}`',
        '2. two: call `b_list {"connectedSystem":"Corporate Directory","pageSize":5}`',
        '3. three: call `both {"connectedSystemId":2}`',
        "",
        "(Skipped: this server does not expose gone; enable them with --toolsets or --tools for a fuller check.)",
      ].join("\n"),
    );
  });
});
