import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { DEMO_ADMIN_KEY, DEMO_READER_KEY, type Simulator, startSimulator } from "../../simulator/index.js";

let r: Rig | undefined;
let other: Simulator | undefined;
afterEach(async () => {
  await r?.close();
  await other?.close();
  r = undefined;
  other = undefined;
});

describe("connection tools", () => {
  it("switches between named instances; keys come from the environment or a file, never from arguments", async () => {
    other = await startSimulator({ version: "9.9.9-other" });
    const dir = mkdtempSync(join(tmpdir(), "jim-mcp-keys-"));
    writeFileSync(join(dir, "reader.key"), `${DEMO_READER_KEY}\n`);
    process.env.JIM_TEST_OTHER_KEY = DEMO_ADMIN_KEY;
    r = await rig({
      config: {
        profiles: {
          other: { name: "other", url: other.url, key: { kind: "env", name: "JIM_TEST_OTHER_KEY" } },
          reader: { name: "reader", url: other.url, key: { kind: "file", path: join(dir, "reader.key") } },
        },
      },
    });
    const switched = await r.call("connection_switch", { profile: "other" });
    expect(switched.isError, text(switched)).toBeFalsy();
    expect(text(switched)).not.toContain(DEMO_ADMIN_KEY);
    const status = await r.call("connection_status");
    expect(status.structuredContent).toMatchObject({
      profile: "other",
      url: other.url,
      serverVersion: "9.9.9-other",
      administrator: true,
    });

    await r.call("connection_switch", { profile: "reader" });
    const reader = await r.call("connection_status");
    expect(reader.structuredContent).toMatchObject({
      profile: "reader",
      keyAccepted: true,
      administrator: false,
    });
    expect(text(reader)).toMatch(/lacks the Administrator role/);

    const unknown = await r.call("connection_switch", { profile: "prod" });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/no profile named "prod".*Use one of: other, reader/s);
  });

  it("after disconnecting, JIM tools say how to reconnect and send nothing; the switch back works", async () => {
    r = await rig();
    const start = (await r.call("connection_status")).structuredContent as { profile: string };
    const res = await r.call("connection_disconnect");
    expect(text(res)).toMatch(/Disconnected from/);
    expect(text(res)).toContain(`connection_switch {"profile":"${start.profile}"}`);
    r.sim.clearRequests();
    const after = await r.call("connected_system_list", {});
    expect(after.isError).toBe(true);
    expect(text(after)).toMatch(/closed with connection_disconnect/);
    expect(text(after)).toContain(start.profile);
    expect(r.sim.requests).toHaveLength(0);

    const back = await r.call("connection_switch", { profile: start.profile });
    expect(back.isError, text(back)).toBeFalsy();
    const again = await r.call("connected_system_list", {});
    expect(again.isError, text(again)).toBeFalsy();
  });

  it("a rejected key is reported honestly", async () => {
    other = await startSimulator({
      apiKeys: [{ key: DEMO_ADMIN_KEY, roles: ["Administrator"], enabled: false }],
    });
    r = await rig({ simulator: other });
    const status = await r.call("connection_status");
    expect(status.structuredContent).toMatchObject({
      reachable: true,
      keyAccepted: false,
      administrator: false,
    });
    expect(text(status)).toMatch(/rejected the API key \(401\)/);
  });
});
