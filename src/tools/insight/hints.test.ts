/**
 * sync_health and activity_explain against the sample instance: profiles that never ran are found
 * on every system, and every tool a hint names is one this server lists.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import type { ServerConfig } from "../../config.js";
import { errorHint } from "./activity-explain.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

interface Problem {
  kind: string;
  summary: string;
  next: string;
}

/** Every word shaped like a tool name (snake_case, known prefix) in `t`. */
function toolNamesIn(t: string): string[] {
  const found = t.match(
    /\b(?:activity|sync|run_profile|pending_export|worker_task|connected_system|log|sync_rule|schema|expression|api|partition)_[a-z_]+\b/g,
  );
  return [...new Set(found ?? [])];
}

async function listed(x: Rig): Promise<Set<string>> {
  return new Set((await x.client.listTools()).tools.map((t) => t.name));
}

describe("sync_health finds run profiles that never ran", () => {
  it("on every system in the all-systems view, as the one-system view does", async () => {
    r = await rig();
    const all = await r.call("sync_health", {});
    expect(all.isError, text(all)).toBeFalsy();
    const allOut = all.structuredContent as {
      problems: Problem[];
      runProfiles: Array<{ system: string; runProfile: string; status: string }>;
      coverage: { runProfilesSeen: number; runProfileListsRead: number; runProfileListsNotRead: number };
    };
    const every = r.sim.state.connectedSystems.flatMap((cs) =>
      cs.runProfiles.map((p) => `${cs.name}/${p.name}`),
    );
    expect(allOut.runProfiles.map((p) => `${p.system}/${p.runProfile}`).sort()).toEqual(every.sort());
    expect(allOut.coverage).toMatchObject({
      runProfilesSeen: every.length,
      runProfileListsRead: r.sim.state.connectedSystems.length,
      runProfileListsNotRead: 0,
    });

    const one = await r.call("sync_health", { connectedSystemId: "Learning Platform" });
    const neverOne = (one.structuredContent as { problems: Problem[] }).problems.filter(
      (p) => p.kind === "never_run",
    );
    expect(neverOne.length).toBeGreaterThan(0);
    const neverAll = allOut.problems.filter((p) => p.kind === "never_run").map((p) => p.summary);
    for (const p of neverOne) expect(neverAll).toContain(p.summary);
    expect(text(all)).not.toMatch(/Coverage:/);
  });
});

describe("hints name only tools this server exposes", () => {
  const configs: Array<[string, Partial<ServerConfig>]> = [
    ["--toolsets health", { toolsets: ["health"] }],
    ["--read-only", { readOnly: true }],
    ["--destructive deny, default toolsets", { destructive: "deny", toolsets: ["default"] }],
  ];
  for (const [name, config] of configs) {
    it(`sync_health and activity_explain with ${name}`, async () => {
      r = await rig({ config });
      const tools = await listed(r);
      const health = await r.call("sync_health", {});
      expect(health.isError, text(health)).toBeFalsy();
      const warned = r.sim.state.activities.find((a) => a.status === "CompleteWithWarning")!;
      const failed = r.sim.state.activities.find((a) => a.status === "FailedWithError")!;
      const explained = [
        await r.call("activity_explain", { activityId: warned.id }),
        await r.call("activity_explain", { activityId: failed.id }),
      ];
      for (const res of [health, ...explained]) {
        expect(res.isError, text(res)).toBeFalsy();
        const named = [...toolNamesIn(text(res)), ...toolNamesIn(JSON.stringify(res.structuredContent))];
        for (const tool of named) expect(tools, `${tool} in ${text(res)}`).toContain(tool);
      }
    });
  }

  it("with --toolsets health: each problem still says what to do, in words where no tool fits", async () => {
    r = await rig({ config: { toolsets: ["health"] } });
    const out = (await r.call("sync_health", {})).structuredContent as { problems: Problem[] };
    const byKind = (k: string) => out.problems.find((p) => p.kind === k)!;
    expect(byKind("failed").next).toMatch(/^activity_explain \{"activityId":"[0-9a-f-]{36}"\}$/);
    expect(byKind("export_failures").next).toBe("look at its failed pending exports in JIM");
    expect(byKind("never_run").next).toMatch(
      /^if it should run, start it in JIM \(run profile id \d+; this server cannot start runs\)$/,
    );

    const warned = r.sim.state.activities.find((a) => a.status === "CompleteWithWarning")!;
    const explained = await r.call("activity_explain", { activityId: warned.id });
    const next = (explained.structuredContent as { next: string }).next;
    expect(next).toBe("Fix the 20 DuplicateObject errors first (see above).");
  });

  it("an error hint names its tool only when exposed", () => {
    expect(errorHint({ exposes: () => true }, "AmbiguousMatch")).toBe(
      "an object matched more than one metaverse object: check the matching rules (sync_rule_list).",
    );
    expect(errorHint({ exposes: () => false }, "AmbiguousMatch")).toBe(
      "an object matched more than one metaverse object: check the matching rules.",
    );
    expect(errorHint({ exposes: () => false }, "DuplicateObject")).toMatch(/external id/);
    expect(errorHint({ exposes: () => true }, "NoSuchError")).toBeNull();
  });
});
