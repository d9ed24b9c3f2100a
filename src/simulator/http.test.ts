import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findDuplicateProperty, parseGuid } from "./http.js";
import { DEMO_ADMIN_KEY, DEMO_READER_KEY, type Simulator, startSimulator } from "./index.js";

interface Reply {
  status: number;
  type: string;
  text: string;
  json: unknown;
  headers: Headers;
}

async function call(
  sim: Simulator,
  method: string,
  path: string,
  opts: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? DEMO_ADMIN_KEY : opts.key;
  if (key !== null) headers["x-api-key"] = key;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
    headers["content-type"] = "application/json";
  }
  const res = await fetch(sim.url + path, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    text,
    json,
    headers: res.headers,
  };
}

const CS = "/api/v1/synchronisation/connected-systems";
// biome-ignore lint/suspicious/noExplicitAny: test convenience for JSON bodies
type Any = any;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    apiKeys: [
      { key: DEMO_ADMIN_KEY, roles: ["Administrator"], name: "Admin" },
      { key: DEMO_READER_KEY, roles: [], name: "Reader" },
      { key: "jim_ak_disabled", roles: ["Administrator"], enabled: false },
      { key: "jim_ak_expired", roles: ["Administrator"], expiresAt: "2020-01-01T00:00:00Z" },
    ],
  });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.hooks.clearFaults();
});

describe("authentication and authorisation", () => {
  it("answers 401 with the small body for missing, malformed, unknown, disabled and expired keys", async () => {
    for (const key of [null, "abc", "jim_ak_unknown", "jim_ak_disabled", "jim_ak_expired"]) {
      const r = await call(sim, "GET", CS, { key });
      expect(r.status, String(key)).toBe(401);
      expect(r.text).toBe('{"error":"Unauthorized","message":"Authentication required"}');
    }
  });

  it("accepts the header name in any case", async () => {
    const r = await call(sim, "GET", CS, { key: null, headers: { "X-Api-Key": DEMO_ADMIN_KEY } });
    expect(r.status).toBe(200);
  });

  it("answers 403 with an empty body for a key without Administrator", async () => {
    const r = await call(sim, "GET", CS, { key: DEMO_READER_KEY });
    expect(r.status).toBe(403);
    expect(r.text).toBe("");
  });

  it("lets any valid key read /userinfo, reporting authorised:false for API keys", async () => {
    const r = await call(sim, "GET", "/api/v1/userinfo", { key: DEMO_READER_KEY });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      authorised: false,
      isAdministrator: false,
      authMethod: "api_key",
      name: "Reader",
    });
    const admin = await call(sim, "GET", "/api/v1/userinfo");
    expect(admin.json).toMatchObject({ authorised: false, isAdministrator: false });
    expect((await call(sim, "GET", "/api/v1/userinfo", { key: null })).status).toBe(401);
  });

  it("serves the health probes anonymously", async () => {
    expect((await call(sim, "GET", "/api/v1/health", { key: null })).json).toMatchObject({
      status: "healthy",
    });
    expect((await call(sim, "GET", "/api/v1/health/ready", { key: null })).json).toMatchObject({
      status: "ready",
    });
    expect((await call(sim, "GET", "/api/v1/health/live", { key: null })).json).toMatchObject({
      status: "alive",
    });
    expect((await call(sim, "GET", "/api/v1/health/version", { key: null })).json).toEqual({
      product: "JIM",
      version: "0.14.0-sim",
    });
  });
});

describe("routing quirks", () => {
  it("returns the portal HTML with 200 for unmatched GETs and wrong id shapes", async () => {
    for (const p of [
      "/api/v1/nothing-here",
      "/api/v1/activities/123",
      `${CS}/abc`,
      "/",
      "/api/v1/worker-tasks/x",
    ]) {
      const r = await call(sim, "GET", p);
      expect(r.status, p).toBe(200);
      expect(r.type, p).toMatch(/text\/html/);
      expect(r.text).toContain("<html");
    }
  });

  it("answers unmatched non-GET requests with an empty 404, and 405 for a known path", async () => {
    const r = await call(sim, "POST", "/api/v1/nothing-here");
    expect(r.status).toBe(404);
    expect(r.text).toBe("");
    const m = await call(sim, "PATCH", `${CS}/1`);
    expect(m.status).toBe(405);
  });

  it("says so, with a 501, when JIM has the endpoint but the simulator does not model it", async () => {
    const r = await call(sim, "DELETE", `${CS}/1`);
    expect(r.status).toBe(501);
    expect(JSON.parse(r.text)).toMatchObject({
      code: "NOT_IMPLEMENTED",
      message: expect.stringMatching(/does not model DeleteConnectedSystem .*a real JIM serves it/),
    });
    expect((await call(sim, "DELETE", `${CS}/1`, { key: null })).status).toBe(401);
  });

  it("matches route literals case-insensitively and tolerates a trailing slash", async () => {
    expect((await call(sim, "GET", "/API/V1/Synchronisation/Connected-Systems/")).status).toBe(200);
  });

  it("gives 404 NOT_FOUND with the standard error object for unknown ids", async () => {
    const r = await call(sim, "GET", `${CS}/999`);
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ code: "NOT_FOUND", details: null, validationErrors: null });
    expect(typeof (r.json as Any).timestamp).toBe("string");
    const a = await call(sim, "GET", "/api/v1/activities/00000000-0000-0000-0000-000000000001");
    expect(a.status).toBe(404);
    expect((a.json as Any).code).toBe("NOT_FOUND");
  });

  it("parses GUIDs and spots duplicate JSON properties", () => {
    expect(parseGuid("0F8FAD5B-D9CB-469F-A165-70867728950E")).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(parseGuid("0f8fad5bd9cb469fa16570867728950e")).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(parseGuid("123")).toBeNull();
    expect(findDuplicateProperty('{"a":1,"b":{"a":2}}')).toBeNull();
    expect(findDuplicateProperty('{"a":1,"b":2,"a":3}')).toBe("$.a");
    expect(findDuplicateProperty('{"x":[{"k":1,"k":2}]}')).toBe("$.x[0].k");
  });
});

describe("paging", () => {
  beforeAll(() => {
    sim.state.addConnectedSystems(150);
  });

  it("uses defaults 1/25 and the standard envelope", async () => {
    const r = await call(sim, "GET", CS);
    const body = r.json as Any;
    expect(body).toMatchObject({ page: 1, pageSize: 25, totalCount: 153, totalPages: 7, hasNextPage: true });
    expect(body.hasPreviousPage).toBe(false);
    expect(body.items).toHaveLength(25);
    expect(body.items[0]).toMatchObject({ id: 1, name: "HR System", connectorName: "File Connector" });
  });

  it("clamps pageSize and page instead of failing", async () => {
    expect((await call(sim, "GET", `${CS}?pageSize=0`)).json).toMatchObject({ pageSize: 25 });
    expect((await call(sim, "GET", `${CS}?pageSize=-4`)).json).toMatchObject({ pageSize: 25 });
    const big = (await call(sim, "GET", `${CS}?pageSize=500`)).json as Any;
    expect(big.pageSize).toBe(100);
    expect(big.items).toHaveLength(100);
    expect((await call(sim, "GET", `${CS}?page=0&pageSize=10`)).json).toMatchObject({ page: 1 });
    const last = (await call(sim, "GET", `${CS}?page=2&pageSize=100`)).json as Any;
    expect(last).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(last.items).toHaveLength(53);
  });

  it("rejects pages deeper than 1,000,000 rows with a ProblemDetails keyed Page", async () => {
    const ok = await call(sim, "GET", `${CS}?page=10001&pageSize=100`);
    expect(ok.status).toBe(200);
    const r = await call(sim, "GET", `${CS}?page=10002&pageSize=100`);
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/application\/problem\+json/);
    expect(r.json).toMatchObject({
      status: 400,
      title: expect.any(String),
      errors: { Page: expect.any(Array) },
    });
    expect((r.json as Any).traceId).toBeTruthy();
  });

  it("requires sortDirection to be exactly asc or desc", async () => {
    const r = await call(sim, "GET", `${CS}?sortDirection=ASC`);
    expect(r.status).toBe(400);
    expect((r.json as Any).errors.SortDirection).toBeDefined();
    expect((await call(sim, "GET", `${CS}?page=abc`)).status).toBe(400);
  });

  it("sorts and filters connected systems by header properties", async () => {
    const byName = (await call(sim, "GET", `${CS}?sortBy=NAME&sortDirection=desc&pageSize=3`)).json as Any;
    expect(byName.items.map((i: Any) => i.name)).toEqual([
      "Test System 150",
      "Test System 149",
      "Test System 148",
    ]);
    const f = (await call(sim, "GET", `${CS}?filter=${encodeURIComponent("connectorName:eq:LDAP")}`))
      .json as Any;
    expect(f.totalCount).toBe(1);
    expect(f.items[0].name).toBe("Corporate Directory");
    const n = (await call(sim, "GET", `${CS}?filter=objectCount:gte:1000`)).json as Any;
    expect(n.items.every((i: Any) => i.objectCount >= 1000)).toBe(true);
    const bad = (await call(sim, "GET", `${CS}?filter=garbage`)).json as Any;
    expect(bad.totalCount).toBe(153);
  });

  it("implements the own-paging variant on worker tasks", async () => {
    const r = (await call(sim, "GET", "/api/v1/worker-tasks?pageSize=0")).json as Any;
    expect(r).toMatchObject({ page: 1, pageSize: 50, totalCount: 0, items: [] });
    expect(((await call(sim, "GET", "/api/v1/worker-tasks?pageSize=1000")).json as Any).pageSize).toBe(100);
    const deep = await call(sim, "GET", "/api/v1/worker-tasks?page=20002&pageSize=50");
    expect(deep.status).toBe(400);
    expect(deep.json).toMatchObject({
      code: "VALIDATION_ERROR",
      validationErrors: { page: expect.any(Array) },
    });
  });
});

describe("connected system detail, partitions and containers", () => {
  it("returns the detail DTO", async () => {
    const d = (await call(sim, "GET", `${CS}/2`)).json as Any;
    expect(d).toMatchObject({
      id: 2,
      name: "Corporate Directory",
      connector: { id: 2, name: "LDAP" },
      objectCount: 5000,
    });
    expect(d.objectTypes.map((t: Any) => t.name)).toEqual(["user", "group", "organizationalUnit"]);
    expect(d.configurationDrift).toMatchObject({ hasPendingChanges: false });
  });

  it("lists partitions with nested container trees", async () => {
    const parts = (await call(sim, "GET", `${CS}/2/partitions`)).json as Any[];
    expect(parts).toHaveLength(2);
    const [main, config] = parts;
    expect(main).toMatchObject({ name: "DC=corp,DC=example,DC=com", selected: true, connectedSystemId: 2 });
    expect(config).toMatchObject({ name: "CN=Configuration,DC=corp,DC=example,DC=com", selected: false });
    expect(config.containers.every((c: Any) => !c.selected)).toBe(true);
    const users = main.containers.find((c: Any) => c.name === "Users");
    expect(users).toMatchObject({
      selected: true,
      scope: "Subtree",
      objectCount: 150,
      subtreeObjectCount: 4370,
    });
    const sales = users.childContainers.find((c: Any) => c.name === "Sales");
    expect(sales.childContainers[0]).toMatchObject({
      name: "EMEA",
      partitionId: main.id,
      connectedSystemId: 2,
    });
    expect(users.childContainers.find((c: Any) => c.name === "Disabled Users")).toMatchObject({
      excluded: true,
    });
    expect(main.containers.find((c: Any) => c.name === "Service Accounts")).toMatchObject({ hidden: true });
    expect(Object.keys(users)).toEqual([
      "id",
      "name",
      "externalId",
      "description",
      "hidden",
      "selected",
      "excluded",
      "scope",
      "objectCount",
      "subtreeObjectCount",
      "partitionId",
      "connectedSystemId",
      "childContainers",
    ]);
    expect((await call(sim, "GET", `${CS}/1/partitions`)).json).toEqual([]);
    expect((await call(sim, "GET", `${CS}/999/partitions`)).status).toBe(404);
  });

  it("selects and deselects a partition", async () => {
    const r = await call(sim, "PUT", `${CS}/2/partitions/2`, { body: { selected: true } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: 2, selected: true });
    const back = await call(sim, "PUT", `${CS}/2/partitions/2`, { body: { Selected: false } });
    expect(back.json).toMatchObject({ selected: false });
    expect((await call(sim, "PUT", `${CS}/2/partitions/77`, { body: { selected: true } })).status).toBe(404);
  });

  it("updates a container and refuses selected+excluded with 400 BAD_REQUEST", async () => {
    const eng = sim.state.findContainerByName(2, "Engineering")!;
    const r = await call(sim, "PUT", `${CS}/2/containers/${eng.id}`, {
      body: { scope: "onelevel", selected: true },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: eng.id, scope: "OneLevel", selected: true, excluded: false });
    const both = await call(sim, "PUT", `${CS}/2/containers/${eng.id}`, {
      body: { selected: true, excluded: true },
    });
    expect(both.status).toBe(400);
    expect(both.json).toMatchObject({ code: "BAD_REQUEST" });
    const disabled = sim.state.findContainerByName(2, "Disabled Users")!;
    const implicit = await call(sim, "PUT", `${CS}/2/containers/${disabled.id}`, {
      body: { selected: true },
    });
    expect(implicit.status).toBe(400);
    sim.state.setContainer(2, eng.id, { selected: false, scope: "Subtree" });
    expect((await call(sim, "PUT", `${CS}/2/containers/9999`, { body: { selected: true } })).status).toBe(
      404,
    );
  });

  it("answers body problems with ValidationProblemDetails", async () => {
    const eng = sim.state.findContainerByName(2, "Engineering")!;
    const url = `${CS}/2/containers/${eng.id}`;
    const numeric = await call(sim, "PUT", url, { body: { scope: 1 } });
    expect(numeric.status).toBe(400);
    expect(numeric.type).toMatch(/problem\+json/);
    expect((numeric.json as Any).errors["$.scope"]).toBeDefined();
    const unknown = await call(sim, "PUT", url, { body: { scope: "Deep" } });
    expect((unknown.json as Any).errors["$.scope"]).toBeDefined();
    const wrongType = await call(sim, "PUT", url, { body: { selected: "yes" } });
    expect((wrongType.json as Any).errors["$.selected"]).toBeDefined();
    const malformed = await call(sim, "PUT", url, { raw: "{selected: true" });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ status: 400, errors: { $: expect.any(Array) } });
    const dup = await call(sim, "PUT", url, { raw: '{"selected":true,"selected":false}' });
    expect(dup.status).toBe(400);
    const empty = await call(sim, "PUT", url, { raw: "", headers: { "content-type": "application/json" } });
    expect(empty.status).toBe(400);
    const noType = await call(sim, "PUT", url, {
      raw: '{"selected":true}',
      headers: { "content-type": "text/plain" },
    });
    expect(noType.status).toBe(415);
    expect(sim.state.findContainerByName(2, "Engineering")!.selected).toBe(false);
  });

  it("lists run profiles as a bare array", async () => {
    const list = (await call(sim, "GET", `${CS}/2/run-profiles`)).json as Any[];
    expect(list.map((r) => r.name)).toEqual([
      "Full Import",
      "Delta Import",
      "Full Synchronisation",
      "Delta Synchronisation",
      "Export",
      "Full Import (Configuration)",
    ]);
    expect(list[0]).toMatchObject({ runType: "FullImport", partitionName: "DC=corp,DC=example,DC=com" });
    expect(list[4]).toMatchObject({ runType: "Export" });
    expect(list[5]).toMatchObject({ targetsDeselectedPartition: true });
    const hr = (await call(sim, "GET", `${CS}/1/run-profiles`)).json as Any[];
    expect(hr[0]).toMatchObject({ name: "Full Import", runType: "FullImport", partitionName: null });
  });
});

describe("activities list", () => {
  it("is oldest first by default, newest first with desc, and filters by facets", async () => {
    const asc = (await call(sim, "GET", "/api/v1/activities")).json as Any;
    expect(asc.totalCount).toBeGreaterThanOrEqual(7);
    const created = asc.items.map((i: Any) => Date.parse(i.created));
    expect([...created].sort((a, b) => a - b)).toEqual(created);
    const desc = (await call(sim, "GET", "/api/v1/activities?sortDirection=desc")).json as Any;
    expect(desc.items[0].id).toBe(asc.items[asc.items.length - 1].id);
    const runs = (await call(sim, "GET", "/api/v1/activities?targetType=ConnectedSystemRunProfile"))
      .json as Any;
    expect(runs.items.every((i: Any) => i.targetType === "ConnectedSystemRunProfile")).toBe(true);
    const failed = (
      await call(sim, "GET", "/api/v1/activities?status=failedwitherror&status=CompleteWithWarning")
    ).json as Any;
    expect(failed.items.map((i: Any) => i.status).sort()).toEqual(["CompleteWithWarning", "FailedWithError"]);
    const search = (await call(sim, "GET", "/api/v1/activities?search=learning")).json as Any;
    expect(search.items.every((i: Any) => i.targetContext === "Learning Platform")).toBe(true);
    expect(search.totalCount).toBeGreaterThan(0);
    const bad = await call(sim, "GET", "/api/v1/activities?status=Nope");
    expect(bad.status).toBe(400);
    expect((bad.json as Any).errors.status).toBeDefined();
  });

  it("refuses stats and items for activities that are not runs", async () => {
    const list = (await call(sim, "GET", "/api/v1/activities?targetType=ConnectedSystem")).json as Any;
    const id = list.items[0].id;
    const detail = (await call(sim, "GET", `/api/v1/activities/${id}`)).json as Any;
    expect(detail.executionStats).toBeNull();
    expect(detail.phases).toEqual([]);
    const stats = await call(sim, "GET", `/api/v1/activities/${id}/stats`);
    expect(stats.status).toBe(400);
    expect((stats.json as Any).code).toBe("BAD_REQUEST");
    expect((await call(sim, "GET", `/api/v1/activities/${id}/items`)).status).toBe(400);
    const children = (await call(sim, "GET", `/api/v1/activities/${id}/children`)).json as Any;
    expect(children).toMatchObject({ totalCount: 0, items: [] });
  });
});

describe("faults", () => {
  const HEALTH = "/api/v1/health";

  it("answers 429 with Retry-After, then normally", async () => {
    sim.hooks.fault({ path: CS, kind: "status", status: 429, retryAfter: "2" });
    const r = await call(sim, "GET", CS);
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("2");
    expect(r.json).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect((await call(sim, "GET", CS)).status).toBe(200);
  });

  it("answers 503 SERVICE_UNAVAILABLE without Retry-After when none is given, `times` times", async () => {
    sim.hooks.fault({ path: `${CS}*`, kind: "status", status: 503, times: 2 });
    const a = await call(sim, "GET", `${CS}/1`);
    const b = await call(sim, "GET", `${CS}/2/partitions`);
    expect([a.status, b.status]).toEqual([503, 503]);
    expect(a.headers.get("retry-after")).toBeNull();
    expect((a.json as Any).code).toBe("SERVICE_UNAVAILABLE");
    expect((await call(sim, "GET", `${CS}/1`)).status).toBe(200);
  });

  it("resets the connection", async () => {
    sim.hooks.fault({ path: HEALTH, kind: "reset" });
    await expect(fetch(sim.url + HEALTH)).rejects.toThrow();
    expect((await call(sim, "GET", HEALTH, { key: null })).status).toBe(200);
  });

  it("answers HTML or broken JSON with status 200", async () => {
    sim.hooks.fault({ path: /\/connected-systems$/, kind: "html" });
    const h = await call(sim, "GET", CS);
    expect(h.status).toBe(200);
    expect(h.type).toMatch(/text\/html/);
    sim.hooks.fault({ method: "GET", path: CS, kind: "garbage" });
    const res = await fetch(sim.url + CS, { headers: { "x-api-key": DEMO_ADMIN_KEY } });
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    await expect(res.json()).rejects.toThrow();
  });

  it("delays, then handles normally; faults apply before auth and only to matching methods", async () => {
    sim.hooks.fault({ path: HEALTH, kind: "delay", delayMs: 250 });
    const t0 = Date.now();
    const r = await call(sim, "GET", HEALTH, { key: null });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    expect(r.status).toBe(200);
    sim.hooks.fault({ method: "POST", path: CS, kind: "status", status: 500 });
    expect((await call(sim, "GET", CS)).status).toBe(200);
    sim.hooks.clearFaults();
    sim.hooks.fault({ kind: "status", status: 502 });
    const noKey = await call(sim, "GET", CS, { key: null });
    expect(noKey.status).toBe(502);
  });
});

describe("request recording", () => {
  it("records method, path, query, body, key preview and status", async () => {
    sim.clearRequests();
    await call(sim, "GET", `${CS}?page=2&tag=a&tag=b`);
    await call(sim, "PUT", `${CS}/2/partitions/2`, { body: { selected: false } });
    await call(sim, "GET", "/api/v1/health", { key: null });
    expect(sim.requests).toHaveLength(3);
    const [first, second, third] = sim.requests;
    expect(first).toMatchObject({
      method: "GET",
      path: CS,
      query: { page: "2", tag: ["a", "b"] },
      status: 200,
    });
    expect(first?.keyPreview).toBe(`${DEMO_ADMIN_KEY.slice(0, 11)}…`);
    expect(first?.body).toBeUndefined();
    expect(second).toMatchObject({ method: "PUT", body: { selected: false }, status: 200 });
    expect(third?.keyPreview).toBeNull();
    expect(sim.changingRequests()).toHaveLength(1);
    sim.clearRequests();
    expect(sim.requests).toHaveLength(0);
    expect(sim.changingRequests()).toHaveLength(0);
  });
});

describe("rate limiting", () => {
  it("limits per key in a sliding minute, exempting health", async () => {
    const limited = await startSimulator({ rateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await call(limited, "GET", CS)).status).toBe(200);
      const r = await call(limited, "GET", CS);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(r.json).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      expect((await call(limited, "GET", "/api/v1/health", { key: DEMO_ADMIN_KEY })).status).toBe(200);
      expect((await call(limited, "GET", "/api/v1/userinfo", { key: DEMO_READER_KEY })).status).toBe(200);
      limited.hooks.setRateLimit(null);
      expect((await call(limited, "GET", CS)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("close()", () => {
  it("closes promptly with open keep-alive connections, a running run and a pending delay", async () => {
    const s = await startSimulator({ runDurationMs: 60_000 });
    await call(s, "GET", CS);
    await call(s, "POST", `${CS}/1/run-profiles/1/execute`);
    s.hooks.fault({ path: CS, kind: "delay", delayMs: 30_000 });
    const pending = fetch(s.url + CS, { headers: { "x-api-key": DEMO_ADMIN_KEY } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
    await expect(fetch(`${s.url}/api/v1/health`)).rejects.toThrow();
    await s.close();
  });
});
