/**
 * What a confirmation is sealed with: the objects the arguments name (an id and a name for the same
 * object are the same confirmation), not how long the call waits, and the JIM instance it was given
 * for. A refused token names the arguments that changed; the preview shows every field agreed to.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ADMIN_KEY, type Simulator, startSimulator } from "../src/simulator/index.js";
import { ConsentSealer } from "../src/tools/consent.js";
import { previewLines, sealedArguments } from "../src/tools/wrap.js";
import { DESTRUCTIVE_CALLS } from "./calls.js";
import { type Rig, rig, type ToolResult, text } from "./harness.js";

let r: Rig | undefined;
let other: Simulator | undefined;
afterEach(async () => {
  await r?.close();
  await other?.close();
  r = undefined;
  other = undefined;
});

function tokenOf(res: ToolResult): string {
  const meta = res._meta?.["jim-mcp/confirmation"] as { confirmationToken?: string } | undefined;
  expect(meta?.confirmationToken, text(res)).toBeTruthy();
  return meta!.confirmationToken!;
}

describe("sealed arguments", () => {
  it("replace names by the ids they resolved to and leave out the wait-only arguments", () => {
    const resolved = new Map<string, number | string>([
      ["connectedSystemId", 2],
      ["steps[0].runProfileId", 8],
    ]);
    expect(
      sealedArguments(
        { connectedSystemId: "Corporate Directory", runProfileId: 8, wait: false, timeoutSeconds: 5 },
        resolved,
      ),
    ).toEqual({ connectedSystemId: 2, runProfileId: 8, "(resolved)": { "steps[0].runProfileId": 8 } });
  });
});

describe("confirmation tokens", () => {
  it("hold for the same objects by id or by name, whatever the wait", async () => {
    r = await rig();
    const call = DESTRUCTIVE_CALLS.run_profile_execute as Record<string, unknown>;
    const systems = (await r.call("connected_system_list", {})).structuredContent as {
      items: Array<{ id: number; name: string }>;
    };
    const name = systems.items.find((s) => s.id === call.connectedSystemId)?.name;
    expect(name).toBeTruthy();
    const token = tokenOf(await r.call("run_profile_execute", call));
    r.sim.clearRequests();
    const res = await r.call("run_profile_execute", {
      ...call,
      connectedSystemId: name,
      timeoutSeconds: 7,
      confirmationToken: token,
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests().length).toBeGreaterThan(0);
  });

  it("hold whether an id comes as a number or as a string of digits", async () => {
    r = await rig();
    const call = DESTRUCTIVE_CALLS.run_profile_execute as { connectedSystemId: number; runProfileId: number };
    const token = tokenOf(
      await r.call("run_profile_execute", {
        ...call,
        connectedSystemId: String(call.connectedSystemId),
        runProfileId: String(call.runProfileId),
      }),
    );
    r.sim.clearRequests();
    const res = await r.call("run_profile_execute", { ...call, confirmationToken: token });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests().length).toBeGreaterThan(0);
  });

  it("hold for a setting key in any case, and for the same JSON body spaced or ordered differently", async () => {
    r = await rig();
    const set = { key: "Security.RateLimiting.Enabled", value: "false" };
    const token = tokenOf(await r.call("service_setting_set", set));
    const same = await r.call("service_setting_set", {
      ...set,
      key: set.key.toLowerCase(),
      confirmationToken: token,
    });
    expect(same.isError, text(same)).toBeFalsy();

    const body = { description: "reviewed", enabled: true };
    const path = "/synchronisation/sync-rules/3";
    const asked = await r.call("api_request", { method: "PUT", path, body: JSON.stringify(body) });
    const apiToken = tokenOf(asked);
    r.sim.clearRequests();
    const spaced = JSON.stringify({ enabled: true, description: "reviewed" }, null, 2);
    const res = await r.call("api_request", {
      method: "PUT",
      path,
      body: spaced,
      confirmationToken: apiToken,
    });
    expect(text(res)).not.toMatch(/Changed since the token was issued/);
    expect(r.sim.changingRequests().length).toBeGreaterThan(0);
  });

  it("name the arguments that changed, and only those", async () => {
    r = await rig();
    const call = DESTRUCTIVE_CALLS.container_set_selection as Record<string, unknown>;
    const token = tokenOf(await r.call("container_set_selection", call));
    r.sim.clearRequests();
    const res = await r.call("container_set_selection", {
      ...call,
      containerId: 6,
      confirmationToken: token,
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Changed since the token was issued: containerId\./);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("are not spent on another JIM instance after a connection_switch", async () => {
    other = await startSimulator({ version: "9.9.9-other" });
    process.env.JIM_TEST_SEAL_OTHER_KEY = DEMO_ADMIN_KEY;
    r = await rig({
      config: {
        profiles: {
          prod: { name: "prod", url: other.url, key: { kind: "env", name: "JIM_TEST_SEAL_OTHER_KEY" } },
        },
      },
    });
    const call = DESTRUCTIVE_CALLS.container_set_selection as Record<string, unknown>;
    const asked = await r.call("container_set_selection", call);
    expect(text(asked)).toContain(`JIM: ${r.sim.url}`);
    const token = tokenOf(asked);
    expect((await r.call("connection_switch", { profile: "prod" })).isError).toBeFalsy();
    r.sim.clearRequests();
    other.clearRequests();
    const res = await r.call("container_set_selection", { ...call, confirmationToken: token });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/different JIM instance/);
    expect(other.changingRequests()).toHaveLength(0);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("the question path's state", () => {
  it("is sealed for that path only: a client holding it cannot pass it as a confirmation token", () => {
    const sealer = new ConsentSealer();
    const args = { connectedSystemId: 2, containerId: 1, selected: false };
    const { token: state } = sealer.issue("container_set_selection#asked", args, "c1", "demo x");
    expect(sealer.check(state, "container_set_selection", args, "c1", "demo x")).toBe("other_tool");
    expect(sealer.redeem(state, "container_set_selection#asked", args, "c1", "demo x")).toBe(true);
  });
});

describe("the preview", () => {
  it("names every field of a body, shortening only overlong values", () => {
    const lines = previewLines({
      request: "PUT /apikeys/3",
      body: { description: "x".repeat(5000), isEnabled: false, roleIds: [] },
    });
    expect(lines).toContain("  isEnabled: false");
    expect(lines).toContain("  roleIds: []");
    expect(lines).toMatch(/ {2}description: "x{199}… \(5002 characters in all\)/);
    expect(lines.length).toBeLessThan(600);
  });
});
