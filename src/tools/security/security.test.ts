/** security toolset: API keys and roles, against the simulator. */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { CI_KEY_ID, OLD_KEY_ID } from "../../simulator/data/security.js";

let r: Rig | undefined;
let secretsDir = "";
beforeAll(async () => {
  secretsDir = await mkdtemp(join(tmpdir(), "jim-mcp-security-"));
});
afterAll(async () => {
  await rm(secretsDir, { recursive: true, force: true });
});
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const KEY_RE = /jim_ak_[0-9a-f]{64}/;
const UNKNOWN = "0f0f0f0f-1111-4222-8333-444455556666";

function last(rig: Rig) {
  const q = rig.sim.requests.at(-1)!;
  return { method: q.method, path: q.path, query: q.query, body: q.body };
}

describe("api_key_list", () => {
  it("lists keys with prefix, roles, state and last use, never the secret", async () => {
    r = await rig();
    const res = await r.call("api_key_list");
    expect(res.isError, text(res)).toBeFalsy();
    expect(last(r)).toEqual({ method: "GET", path: "/api/v1/apikeys", query: {}, body: undefined });
    const items = (res.structuredContent as { items: Array<Record<string, unknown>> }).items;
    expect(items.find((k) => k.id === CI_KEY_ID)).toMatchObject({
      name: "CI pipeline",
      roles: ["Administrator"],
      enabled: true,
    });
    expect(items.find((k) => k.id === OLD_KEY_ID)).toMatchObject({ enabled: false });
    expect(text(res)).toMatch(/\| CI pipeline \| jim_ak_[0-9a-f]{4}… \| Administrator \| enabled \|/);
    expect(text(res)).toMatch(/Old reporting script .* disabled/);
    expect(text(res)).toMatch(/all 4 shown/);
    expect(JSON.stringify(res)).not.toMatch(KEY_RE);
  });

  it("a key without the Administrator role: JIM's empty 403 explained", async () => {
    r = await rig();
    r.sim.hooks.fault({ method: "GET", path: "/api/v1/apikeys", kind: "status", status: 403 });
    const res = await r.call("api_key_list");
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/lacks the Administrator role/);
  });
});

describe("api_key_create", () => {
  it("saves the secret to a private file, returns only its path and prefix, and the key works", async () => {
    r = await rig({ config: { secretsDir } });
    const res = await r.call("api_key_create", {
      name: "nightly export",
      roles: "administrator",
      expires: "30",
      changeReason: "ticket 42",
    });
    expect(res.isError, text(res)).toBeFalsy();
    const post = r.sim.changingRequests();
    expect(post).toHaveLength(1);
    expect(post[0]).toMatchObject({ method: "POST", path: "/api/v1/apikeys", query: {} });
    expect(post[0]!.body).toMatchObject({
      name: "nightly export",
      description: null,
      roleIds: [1],
      changeReason: "ticket 42",
    });
    expect(Date.parse((post[0]!.body as { expiresAt: string }).expiresAt)).toBeGreaterThan(Date.now());

    const out = res.structuredContent as { savedTo: string; keyPrefix: string; roles: string[] };
    expect(out.roles).toEqual(["Administrator"]);
    expect(out.keyPrefix).toMatch(/^jim_ak_[0-9a-f]{4}…$/);
    expect(JSON.stringify(res)).not.toMatch(KEY_RE);
    expect(text(res)).toContain(out.savedTo);
    expect(text(res)).not.toMatch(/lacks the Administrator role/);

    expect(out.savedTo.startsWith(secretsDir)).toBe(true);
    expect((await stat(out.savedTo)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(out.savedTo, "utf8")) as { key: string; name: string };
    expect(saved.key).toMatch(KEY_RE);
    expect(saved.name).toBe("nightly export");

    const probe = await fetch(`${r.sim.url}/api/v1/apikeys`, { headers: { "x-api-key": saved.key } });
    expect(probe.status).toBe(200);
  });

  it("warns when the key gets no Administrator role", async () => {
    r = await rig({ config: { secretsDir } });
    const res = await r.call("api_key_create", { name: "viewer" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests()[0]!.body).toMatchObject({ roleIds: [], expiresAt: null });
    expect(text(res)).toMatch(/lacks the Administrator role, so it can call almost nothing/);
  });

  it("refuses unknown role names before creating anything", async () => {
    r = await rig({ config: { secretsDir } });
    const res = await r.call("api_key_create", { name: "x", roles: "Administrator, 2, Superuser" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /Unknown role\(s\): Superuser\. Roles: Administrator \(id 1\), Read Only \(id 2\)\. Nothing was changed\./,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("a past expiry is refused without calling JIM", async () => {
    r = await rig({ config: { secretsDir } });
    const res = await r.call("api_key_create", { name: "x", expires: "2020-01-01" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/expires is in the past/);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("api_key_create with ids", () => {
  it("role ids work too, and an ISO expiry is sent as UTC", async () => {
    r = await rig({ config: { secretsDir } });
    const res = await r.call("api_key_create", {
      name: "by id",
      roles: "1,2",
      expires: "2099-06-30T12:00:00+02:00",
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests()[0]!.body).toMatchObject({
      roleIds: [1, 2],
      expiresAt: "2099-06-30T10:00:00.000Z",
    });
  });
});

describe("api_key_update", () => {
  it("reads the key and sends the full body, keeping roles, expiry and enabled state", async () => {
    r = await rig();
    await r.call("api_key_list");
    const before = r.sim.state.apiKeys.find((k) => k.id === CI_KEY_ID)!;
    r.sim.clearRequests();
    const res = await r.call("api_key_update", { id: CI_KEY_ID, name: "CI pipeline (prod)" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET /api/v1/apikeys/${CI_KEY_ID}`,
      `PUT /api/v1/apikeys/${CI_KEY_ID}`,
    ]);
    expect(last(r).body).toEqual({
      name: "CI pipeline (prod)",
      description: "Nightly deployment checks",
      roleIds: [1],
      expiresAt: before.expiresAt,
      isEnabled: true,
    });
    expect(res.structuredContent).toMatchObject({ enabled: true, roles: ["Administrator"] });
    expect(before).toMatchObject({ enabled: true, roles: ["Administrator"], name: "CI pipeline (prod)" });
    expect(text(res)).toMatch(/Updated: name → 'CI pipeline \(prod\)'/);
  });

  it("disabling asks first (confirm policy): a preview naming the key, nothing sent", async () => {
    r = await rig();
    const res = await r.call("api_key_update", { id: CI_KEY_ID, enabled: false });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /Change API key 'CI pipeline' \(.*\): disable it\? Anything using this key stops/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("disabled under the allow policy, the key really stops authenticating", async () => {
    r = await rig({ config: { destructive: "allow", secretsDir } });
    const created = await r.call("api_key_create", { name: "to disable", roles: "Administrator" });
    const { id, savedTo } = created.structuredContent as { id: string; savedTo: string };
    const key = (JSON.parse(await readFile(savedTo, "utf8")) as { key: string }).key;
    const res = await r.call("api_key_update", { id, enabled: false });
    expect(res.isError, text(res)).toBeFalsy();
    expect(last(r).body).toMatchObject({ name: "to disable", isEnabled: false, roleIds: [1] });
    const probe = await fetch(`${r.sim.url}/api/v1/apikeys`, { headers: { "x-api-key": key } });
    expect(probe.status).toBe(401);
  });

  it("refuses to disable the key this server uses", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const list = await r.call("api_key_list");
    const mine = (list.structuredContent as { items: Array<{ id: string; name: string }> }).items.find(
      (k) => k.name === "Demo administrator key",
    )!;
    r.sim.clearRequests();
    const res = await r.call("api_key_update", { id: mine.id, enabled: false });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/appears to be the key this server itself uses/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("unknown id: 404 with a next step, nothing changed", async () => {
    r = await rig();
    const res = await r.call("api_key_update", { id: UNKNOWN, name: "x" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/API key not found/);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(text(res)).toMatch(/Next step: .*API key/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("no change given: refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("api_key_update", { id: CI_KEY_ID });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Nothing to change/);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("api_key_delete", () => {
  it("confirm policy without elicitation: a preview naming the key, nothing deleted", async () => {
    r = await rig();
    const res = await r.call("api_key_delete", { id: CI_KEY_ID });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /Delete API key 'CI pipeline' \(jim_ak_[0-9a-f]{4}…, roles Administrator, last used 2 h ago\)\?/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("allow policy: deletes with the change reason in the query, and the key stops working", async () => {
    r = await rig({ config: { destructive: "allow" } });
    await r.call("api_key_list");
    const key = r.sim.state.apiKeys.find((k) => k.id === CI_KEY_ID)!.key;
    const res = await r.call("api_key_delete", { id: CI_KEY_ID, changeReason: "rotated" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests().map((q) => ({ method: q.method, path: q.path, query: q.query }))).toEqual(
      [{ method: "DELETE", path: `/api/v1/apikeys/${CI_KEY_ID}`, query: { changeReason: "rotated" } }],
    );
    expect(text(res)).toMatch(/Deleted API key 'CI pipeline'/);
    const probe = await fetch(`${r.sim.url}/api/v1/apikeys`, { headers: { "x-api-key": key } });
    expect(probe.status).toBe(401);
  });

  it("blocks deleting the key this server uses", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const list = await r.call("api_key_list");
    const mine = (list.structuredContent as { items: Array<{ id: string; name: string }> }).items.find(
      (k) => k.name === "Demo administrator key",
    )!;
    const res = await r.call("api_key_delete", { id: mine.id });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /blocked: API key 'Demo administrator key' .* appears to be the key this server/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("unknown id: 404 before any confirmation", async () => {
    r = await rig();
    const res = await r.call("api_key_delete", { id: UNKNOWN });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("role_list", () => {
  it("lists roles with member counts", async () => {
    r = await rig();
    const res = await r.call("role_list");
    expect(res.isError, text(res)).toBeFalsy();
    expect(last(r)).toEqual({ method: "GET", path: "/api/v1/security/roles", query: {}, body: undefined });
    expect(res.structuredContent).toEqual({
      roles: [
        { id: 1, name: "Administrator", builtIn: true, members: 2 },
        { id: 2, name: "Read Only", builtIn: false, members: 2 },
      ],
    });
    expect(text(res)).toMatch(/\| 1 \| Administrator \| yes \| 2 \|/);
  });

  it("lists one role's members", async () => {
    r = await rig();
    const res = await r.call("role_list", { roleId: 1 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.requests.map((q) => q.path).sort()).toEqual([
      "/api/v1/security/roles/1",
      "/api/v1/security/roles/1/members",
    ]);
    expect(text(res)).toMatch(/Role 'Administrator' \(id 1, built in\): 2 member\(s\)/);
    expect(text(res)).toMatch(/Alex Morgan/);
  });

  it("unknown role: 404 with a next step", async () => {
    r = await rig();
    const res = await r.call("role_list", { roleId: 99 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404 NOT_FOUND/);
    expect(text(res)).toMatch(/Next step: Check that role 99 exists/);
  });
});

describe("own-key check", () => {
  it("compares JIM's stored prefix with the real key: another key is not mistaken for ours", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const list = await r.call("api_key_list");
    const reader = (list.structuredContent as { items: Array<{ id: string; name: string }> }).items.find(
      (k) => k.name !== "Demo administrator key",
    )!;
    const res = await r.call("api_key_update", { id: reader.id, enabled: false });
    expect(res.isError, text(res)).toBeFalsy();
    expect(text(res)).not.toMatch(/appears to be the key this server itself uses/);
  });
});
