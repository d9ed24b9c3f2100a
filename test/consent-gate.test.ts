/**
 * The consent gate, end to end through real MCP clients: for every tool that can
 * be destructive, under every policy, nothing that changes JIM is sent without
 * consent; the elicitation and token paths; token abuse; read-only mode.
 */
import type { Client } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";
import { ConsentSealer, TOKEN_TTL_MS } from "../src/tools/consent.js";
import { mayBeDestructive } from "../src/tools/define.js";
import { REGISTRY } from "../src/tools/registry.js";
import { DESTRUCTIVE_CALLS, resolveCall } from "./calls.js";
import { type Rig, rig, type ToolResult, text } from "./harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

function tokenOf(res: ToolResult): string {
  const meta = res._meta?.["jim-mcp/confirmation"] as { confirmationToken?: string } | undefined;
  expect(meta?.confirmationToken, text(res)).toBeTruthy();
  return meta!.confirmationToken!;
}

const destructiveTools = REGISTRY.filter(mayBeDestructive).map((t) => t.name);

describe("coverage", () => {
  it("every tool that can be destructive has a destructive call in this matrix", () => {
    expect(Object.keys(DESTRUCTIVE_CALLS).sort()).toEqual([...destructiveTools].sort());
  });
});

describe.each(destructiveTools)("%s", (tool) => {
  /** Resolves the call (running its setup) and forgets the setup's own requests. */
  const prepare = async (rig: Rig) => {
    const a = await resolveCall(DESTRUCTIVE_CALLS[tool]!, rig);
    rig.sim.clearRequests();
    return a;
  };

  it("deny: refused or not even listed; nothing sent", async () => {
    r = await rig({ config: { destructive: "deny" } });
    const args = await prepare(r);
    const listed = (await r.client.listTools()).tools.some((t) => t.name === tool);
    const def = REGISTRY.find((t) => t.name === tool)!;
    expect(listed).toBe(def.kind !== "destructive");
    const res = listed
      ? await r.call(tool, args)
      : await r.client.callTool({ name: tool, arguments: args }).then(
          (x) => x as unknown as ToolResult,
          (e) => ({ isError: true, content: [{ type: "text", text: String(e) }] }),
        );
    expect(res.isError).toBe(true);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("confirm, client without elicitation: a preview and a token first, then the same call with the token runs", async () => {
    r = await rig();
    const args = await prepare(r);
    const first = await r.call(tool, args);
    expect(first.isError).toBe(true);
    expect(text(first)).toMatch(/^CONFIRMATION REQUIRED — nothing was changed\./);
    expect(r.sim.changingRequests()).toHaveLength(0);
    const second = await r.call(tool, { ...args, confirmationToken: tokenOf(first) });
    expect(second.isError, text(second)).toBeFalsy();
    expect(r.sim.changingRequests().length).toBeGreaterThan(0);
  });

  it("confirm, elicitation declined: nothing sent", async () => {
    r = await rig({ elicit: "decline" });
    const res = await r.call(tool, await prepare(r));
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/declined/);
    expect(r.elicitations).toHaveLength(1);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("confirm, elicitation accepted: runs once the human agreed", async () => {
    r = await rig({ elicit: "accept" });
    const res = await r.call(tool, await prepare(r));
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.elicitations).toHaveLength(1);
    expect(r.sim.changingRequests().length).toBeGreaterThan(0);
  });

  it("allow: runs without asking", async () => {
    r = await rig({ config: { destructive: "allow" }, elicit: "decline" });
    const res = await r.call(tool, await prepare(r));
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.elicitations).toHaveLength(0);
    expect(r.sim.changingRequests().length).toBeGreaterThan(0);
  });
});

describe("elicitation", () => {
  for (const era of ["modern", "legacy"] as const) {
    it(`names the object and the impact (${era} era); cancel sends nothing`, async () => {
      r = await rig({ era, elicit: "cancel" });
      const res = await r.call(
        "container_set_selection",
        DESTRUCTIVE_CALLS.container_set_selection as Record<string, unknown>,
      );
      expect(res.isError).toBe(true);
      expect(text(res)).toMatch(/cancelled/);
      expect(r.elicitations[0]!.message).toMatch(
        /Deselect container "Users" \(id 1\) on "Corporate Directory"\?/,
      );
      expect(r.elicitations[0]!.message).toMatch(/objects leave sync scope/);
      expect(r.sim.changingRequests()).toHaveLength(0);
    });
  }

  it("a model-supplied token does not bypass the human when the client can ask", async () => {
    r = await rig({ elicit: "decline" });
    const res = await r.call("container_set_selection", {
      ...DESTRUCTIVE_CALLS.container_set_selection,
      confirmationToken: "jimc1.forged.token",
    });
    expect(res.isError).toBe(true);
    expect(r.elicitations).toHaveLength(1);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("non-destructive calls of the same tools are not asked about", async () => {
    r = await rig({ elicit: "decline" });
    const res = await r.call("container_set_selection", {
      connectedSystemId: 2,
      containerId: 4,
      selected: true,
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.elicitations).toHaveLength(0);
    const run = await r.call("run_profile_execute", {
      connectedSystemId: 2,
      runProfileId: "Delta Import",
      wait: false,
    });
    expect(run.isError, text(run)).toBeFalsy();
    expect(r.elicitations).toHaveLength(0);
  });
});

describe("confirmation tokens", () => {
  const call = DESTRUCTIVE_CALLS.container_set_selection as Record<string, unknown>;

  it("a token works once", async () => {
    r = await rig();
    const token = tokenOf(await r.call("container_set_selection", call));
    expect(
      (await r.call("container_set_selection", { ...call, confirmationToken: token })).isError,
    ).toBeFalsy();
    await r.call("container_set_selection", { connectedSystemId: 2, containerId: 1, selected: true }); // put it back
    r.sim.clearRequests();
    const again = await r.call("container_set_selection", { ...call, confirmationToken: token });
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/already been used/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("tampered arguments are refused", async () => {
    r = await rig();
    const token = tokenOf(await r.call("container_set_selection", call));
    const res = await r.call("container_set_selection", {
      ...call,
      containerId: 6,
      confirmationToken: token,
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/arguments differ/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("an expired token is refused", async () => {
    let now = Date.now();
    r = await rig({ sealer: new ConsentSealer(undefined, () => now) });
    const token = tokenOf(await r.call("container_set_selection", call));
    now += TOKEN_TTL_MS + 1000;
    const res = await r.call("container_set_selection", { ...call, confirmationToken: token });
    expect(text(res)).toMatch(/expired/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("a token from another MCP connection is refused", async () => {
    r = await rig();
    const token = tokenOf(await r.call("container_set_selection", call));
    const other: Client = await r.connectAgain();
    const res = (await other.callTool({
      name: "container_set_selection",
      arguments: { ...call, confirmationToken: token },
    })) as unknown as ToolResult;
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/different MCP connection/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("a forged token is refused", async () => {
    r = await rig();
    const res = await r.call("container_set_selection", {
      ...call,
      confirmationToken: "jimc1.eyJ0IjoiY29udGFpbmVyX3NldF9zZWxlY3Rpb24ifQ.AAAA",
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/altered|not one this server issued/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("read-only mode", () => {
  it("lists only read-only tools and refuses others by name; reads still work", async () => {
    r = await rig({ config: { readOnly: true } });
    const { tools } = await r.client.listTools();
    expect(tools.length).toBeGreaterThan(5);
    for (const t of tools) expect(t.annotations?.readOnlyHint, t.name).toBe(true);
    for (const name of ["container_set_selection", "run_profile_execute", "api_request"]) {
      const res = await r.client.callTool({ name, arguments: {} }).then(
        (x) => x as unknown as ToolResult,
        (e) => ({ isError: true, content: [{ type: "text", text: String(e) }] }) as ToolResult,
      );
      expect(res.isError, name).toBe(true);
    }
    expect(
      (await r.call("api_get", { path: "/synchronisation/connected-systems/2/partitions" })).isError,
    ).toBeFalsy();
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});
