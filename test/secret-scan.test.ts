/**
 * The canary secret scan itself: the rig really runs on the canary key, the detector
 * really finds it, and the places most likely to echo a key stay clean. The scan of
 * every other test file happens in secret-scan.setup.ts and secret-scan.global.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ADMIN_KEY } from "../src/simulator/index.js";
import { type Rig, rig, text } from "./harness.js";
import { canaryContext, canaryKey, LeakDetector, newCanaryKey, secretScan } from "./secret-scan.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe("canary secret scan", () => {
  it("the detector finds the key whole, cut short or inside JSON, and not its preview", () => {
    // A private sink: these leaks are deliberate and do not count against the run.
    const key = newCanaryKey();
    const sink = new LeakDetector(key);
    expect(sink.scan("whole", `x-api-key: ${key}`)).toBe(true);
    expect(sink.scan("cut short", `key was ${key.slice(0, 40)}`)).toBe(true);
    expect(sink.scan("json", JSON.stringify({ error: { detail: `bad key ${key}` } }))).toBe(true);
    expect(sink.scan("tail only", key.slice(30))).toBe(true);
    expect(sink.scan("preview", "keyPreview: jim_ak_demo…")).toBe(false);
    expect(sink.scan("another key", newCanaryKey())).toBe(false);
    expect(sink.leaks.map((l) => l.where)).toEqual(["whole", "cut short", "json", "tail only"]);
    expect(sink.leaks.every((l) => !l.excerpt.includes(key.slice(18, 34)))).toBe(true);
    expect(sink.scanned).toBe(6);
  });

  it("runs with a random canary for this run, handed out by the global setup", () => {
    const key = canaryKey();
    expect(key).toMatch(/^jim_ak_demo1canary[0-9a-f]{48}$/);
    expect(key).not.toBe(DEMO_ADMIN_KEY);
    expect(canaryContext().reportDir).toEqual(expect.any(String));
  });

  it("the rig connects with the canary; JIM accepts it as the demo administrator key", async () => {
    r = await rig();
    expect(r.key).toBe(canaryKey());
    const status = await r.call("connection_status");
    expect(status.structuredContent).toMatchObject({
      keyAccepted: true,
      administrator: true,
      keyPreview: "jim_ak_demo…",
    });
    expect(r.sim.requests.filter((q) => q.userAgent === "jim-mcp").length).toBeGreaterThan(0);
    const mine = r.sim.state.apiKeys.find((k) => k.key === canaryKey());
    expect(mine).toMatchObject({ name: "Demo administrator key", roles: ["Administrator"] });
    // A request the test sends itself with the old demo key still authenticates.
    const probe = await fetch(`${r.sim.url}/api/v1/apikeys`, { headers: { "x-api-key": DEMO_ADMIN_KEY } });
    expect(probe.status).toBe(200);
  });

  it("every server message and log line is scanned, and none holds the key", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const before = secretScan().scanned;
    await r.call("connection_status");
    await r.call("api_key_list");
    expect(secretScan().scanned).toBeGreaterThan(before + 2);
    expect(r.logs.length).toBeGreaterThan(0);
    expect(secretScan().leaks).toEqual([]);
  });

  it("a key typed into arguments is not echoed back in results or errors", async () => {
    r = await rig();
    const key = canaryKey();
    const answers = [
      await r.call("connection_switch", { profile: key.slice(0, 64) }),
      await r.call("api_get", { path: `/apikeys/${key}` }),
      await r.call("api_get", { path: "/apikeys", query: `key=${key}` }),
      await r.call("api_request", { method: "POST", path: "/apikeys", body: JSON.stringify({ key }) }),
      await r.call("metaverse_object_search", { search: key }),
      await r.call("activity_get", { activityId: key }),
      await r.call("connection_status", { [key]: key }),
    ];
    for (const a of answers) {
      expect(JSON.stringify(a)).not.toContain(key.slice(18, 40));
    }
    expect(secretScan().leaks).toEqual([]);
  });

  it("JIM rejecting the key mid-session: the error names the key by its preview only", async () => {
    r = await rig();
    await r.call("connection_status");
    const mine = r.sim.state.apiKeys.find((k) => k.key === canaryKey())!;
    mine.enabled = false;
    const res = await r.call("connected_system_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/401/);
    const status = await r.call("connection_status");
    expect(status.structuredContent).toMatchObject({ keyAccepted: false });
    mine.enabled = true;
    expect(JSON.stringify([res, status, r.logs])).not.toContain(canaryKey().slice(18));
    expect(secretScan().leaks).toEqual([]);
  });
});
