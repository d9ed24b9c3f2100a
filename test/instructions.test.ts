/** The server's instructions name only tools this configuration exposes. */
import { afterEach, describe, expect, it } from "vitest";
import { serverInstructions } from "../src/server.js";
import { type Rig, rig } from "./harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const TOOL_NAME = /\b[a-z]+(?:_[a-z]+)+\b/g;

describe("server instructions", () => {
  it("name every tool they mention only when it is listed", async () => {
    for (const toolsets of [["default"], ["health"], ["run_profiles"], ["all"]]) {
      for (const readOnly of [false, true]) {
        r = await rig({ config: { toolsets, readOnly } });
        const listed = new Set((await r.client.listTools()).tools.map((t) => t.name));
        const text = r.client.getInstructions() ?? "";
        const named = text.match(TOOL_NAME) ?? [];
        for (const n of named) expect(listed.has(n), `${n} in ${toolsets} readOnly=${readOnly}`).toBe(true);
        await r.close();
        r = undefined;
      }
    }
  });

  it("keep the whole guidance when everything is exposed", () => {
    const all = serverInstructions(() => true);
    for (const t of [
      "connection_status",
      "sync_health",
      "activity_explain",
      "run_profile_execute",
      "activity_wait",
    ]) {
      expect(all).toContain(t);
    }
    expect(serverInstructions(() => false)).not.toMatch(/connection_status|run_profile_execute/);
  });
});
