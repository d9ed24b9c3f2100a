/**
 * A prompt's plan never points at a step it left out: "from step N" names a step that is in the
 * plan and finds what is asked for, whichever tools this server exposes.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ServerConfig } from "../src/config.js";
import { promptText as prompt, type Rig, rig } from "./harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

/** Step number → the tool it calls (null for a step without a call). */
function steps(text: string): Map<number, string | null> {
  const out = new Map<number, string | null>();
  for (const m of text.matchAll(/^(\d+)\. (.*)$/gm)) {
    out.set(Number(m[1]), m[2]!.match(/: call `(\w+) /)?.[1] ?? null);
  }
  return out;
}

/** Every "step N" a plan mentions refers to a step in the plan that calls one of `finders`. */
function expectReferencesHold(text: string, finders: string[]): void {
  const plan = steps(text);
  for (const m of text.matchAll(/\bstep (\d+)/g)) {
    const tool = plan.get(Number(m[1]));
    expect(tool, `"${m[0]}" in:\n${text}`).toBeDefined();
    expect(finders, `"${m[0]}" in:\n${text}`).toContain(tool);
  }
}

const configs: Array<[string, Partial<ServerConfig>]> = [
  ["default toolsets", {}],
  ["--toolsets health", { toolsets: ["health"] }],
  ["activity_explain alone", { toolsets: ["connection"], tools: ["activity_explain"] }],
  ["--read-only", { readOnly: true }],
];

describe("investigate-failed-run refers only to steps in its plan", () => {
  for (const [name, config] of configs) {
    it(name, async () => {
      r = await rig({ config });
      const t = await prompt(r, "investigate-failed-run", { connectedSystem: "Corporate Directory" });
      expectReferencesHold(t, ["activity_list", "sync_health"]);
    });
  }

  it("with --toolsets health the run is found with sync_health, and the next step uses its id", async () => {
    r = await rig({ config: { toolsets: ["health"] } });
    const t = await prompt(r, "investigate-failed-run", { connectedSystem: "Corporate Directory" });
    const plan = [...steps(t).entries()];
    const find = plan.find(([, tool]) => tool === "sync_health")!;
    expect(t).toContain(
      `${find[0]}. Find the latest run that failed or ended with errors; use its activity id below: call \`sync_health {"connectedSystemId":2}\``,
    );
    expect(t).toContain(`activity_explain {"activityId":"<activity id from step ${find[0]}>"}`);
  });

  it("when no exposed tool finds the run, the id is asked of the user, not taken from a missing step", async () => {
    r = await rig({ config: { toolsets: ["connection"], tools: ["activity_explain"] } });
    const t = await prompt(r, "investigate-failed-run");
    expect(t).toContain(
      'activity_explain {"activityId":"<activity id of the failed run: ask the user for it>"}',
    );
    expect(t).not.toMatch(/from step/);
  });
});

describe("sync-health-check refers only to steps in its plan", () => {
  for (const [name, config] of configs) {
    it(name, async () => {
      r = await rig({ config });
      expectReferencesHold(await prompt(r, "sync-health-check"), ["activity_list", "sync_health"]);
    });
  }

  it("with --toolsets health the causes are looked up from sync_health's problems", async () => {
    r = await rig({ config: { toolsets: ["health"] } });
    const t = await prompt(r, "sync-health-check");
    const health = [...steps(t).entries()].find(([, tool]) => tool === "sync_health")![0];
    expect(t).toMatch(
      new RegExp(
        `For each problem in step ${health}'s answer that names an activity id \\(at most 5\\), find the cause: call \`activity_explain`,
      ),
    );
  });
});
