import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JimClient, normaliseBaseUrl, parseRetryAfter, retryDelayMs } from "../src/jim/client.js";
import { JimApiError } from "../src/jim/errors.js";
import { collectPages } from "../src/jim/paging.js";

type Reply = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let base: string;
let script: Reply[] = [];
let seen: Array<{ method: string; url: string; headers: IncomingMessage["headers"]; body: string }> = [];

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_q, res) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const next = script.shift() ?? json(500, { code: "INTERNAL_ERROR", message: "script ran out" });
      next(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
);
beforeEach(() => {
  script = [];
  seen = [];
});

function client(extra: Partial<ConstructorParameters<typeof JimClient>[0]> = {}) {
  const waits: number[] = [];
  const c = new JimClient({
    baseUrl: `${base}/`,
    apiKey: "jim_ak_test_0123456789abcdef",
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { c, waits };
}

async function failure(p: Promise<unknown>): Promise<JimApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(JimApiError);
    return e as JimApiError;
  }
  throw new Error("expected a failure");
}

describe("base URL", () => {
  it("normalises trailing slashes, /api/v1 and keeps a path prefix", () => {
    expect(normaliseBaseUrl("https://jim.example.com/").display).toBe("https://jim.example.com");
    expect(normaliseBaseUrl("https://jim.example.com/api/v1/").display).toBe("https://jim.example.com");
    expect(normaliseBaseUrl("https://h.example/jim/api").prefix).toBe("/jim");
    expect(() => normaliseBaseUrl("ftp://x")).toThrow(/http/);
    expect(() => normaliseBaseUrl("https://u:p@h")).toThrow(/credentials/);
    expect(() => normaliseBaseUrl("not a url")).toThrow(/valid URL/);
  });

  it("sends X-API-Key, Accept and JSON bodies to /api/v1 under the prefix", async () => {
    const { c } = client({ baseUrl: `${base}/proxy/api/v1` });
    script.push(json(200, { ok: true }));
    await c.request({
      method: "PUT",
      path: "/x/1",
      body: { selected: false },
      query: { a: [1, 2], b: undefined },
    });
    expect(seen[0]).toMatchObject({
      method: "PUT",
      url: "/proxy/api/v1/x/1?a=1&a=2",
      body: '{"selected":false}',
    });
    expect(seen[0]!.headers["x-api-key"]).toBe("jim_ak_test_0123456789abcdef");
    expect(seen[0]!.headers.accept).toBe("application/json");
    expect(seen[0]!.headers["content-type"]).toMatch(/application\/json/);
  });

  it("does not send the key to anonymous endpoints", async () => {
    const { c } = client();
    script.push(json(200, { product: "JIM", version: "1" }));
    await c.get("/health/version", { anonymous: true });
    expect(seen[0]!.headers["x-api-key"]).toBeUndefined();
  });
});

describe("error shapes", () => {
  it("standard error object", async () => {
    const { c } = client();
    script.push(
      json(404, {
        code: "NOT_FOUND",
        message: "Connected system 9 not found",
        details: null,
        validationErrors: null,
        timestamp: "t",
      }),
    );
    const e = await failure(c.get("/synchronisation/connected-systems/9", { what: "connected system 9" }));
    expect(e).toMatchObject({ status: 404, code: "NOT_FOUND", message: "Connected system 9 not found" });
    expect(e.nextStep).toMatch(/connected system 9/);
  });

  it("standard object with an empty code", async () => {
    const { c } = client();
    script.push(json(400, { code: "", message: "Name is required", details: null, validationErrors: null }));
    const e = await failure(c.get("/apikeys"));
    expect(e.status).toBe(400);
    expect(e.code).toBeUndefined();
    expect(e.message).toBe("Name is required");
  });

  it("ValidationProblemDetails with errors", async () => {
    const { c } = client();
    script.push(
      json(400, {
        type: "t",
        title: "One or more validation errors occurred.",
        status: 400,
        errors: { "$.scope": ["bad enum"] },
        traceId: "x",
      }),
    );
    const e = await failure(c.get("/x"));
    expect(e.validationErrors).toEqual({ "$.scope": ["bad enum"] });
    expect(e.message).toMatch(/validation errors/);
  });

  it("bare ProblemDetails", async () => {
    const { c } = client();
    script.push(json(404, { type: "t", title: "Not Found", status: 404, traceId: "x" }));
    const e = await failure(c.get("/previews/abc"));
    expect(e).toMatchObject({ status: 404, message: "Not Found" });
  });

  it("the 401 body: key invalid or expired", async () => {
    const { c } = client();
    script.push(json(401, { error: "Unauthorized", message: "Authentication required" }));
    const e = await failure(c.get("/x"));
    expect(e.status).toBe(401);
    expect(e.nextStep).toMatch(/invalid, disabled or expired/);
  });

  it("the empty 403: lacks the Administrator role", async () => {
    const { c } = client();
    script.push((_q, res) => {
      res.writeHead(403);
      res.end();
    });
    const e = await failure(c.get("/x"));
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/Administrator/);
    expect(e.nextStep).toMatch(/Administrator role/);
  });

  it("a 409 impact object is kept whole", async () => {
    const { c } = client();
    const impact = { objectTypeId: 3, blockers: ["2 sync rules"], canDelete: false };
    script.push(json(409, impact));
    const e = await failure(c.get("/x"));
    expect(e.status).toBe(409);
    expect(e.body).toEqual(impact);
    expect(e.nextStep).toMatch(/conflict/);
  });

  it("an HTML page where JSON was expected is an error, never data", async () => {
    const { c } = client();
    script.push((_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><html>portal</html>");
    });
    const e = await failure(c.get("/activities/123"));
    expect(e.kind).toBe("not_json");
    expect(e.message).toMatch(/HTML page/);
  });

  it("invalid JSON with a JSON content type is an error", async () => {
    const { c } = client();
    script.push((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{ nope");
    });
    expect((await failure(c.get("/x"))).kind).toBe("not_json");
  });

  it("a connection refused says JIM is unreachable", async () => {
    const c = new JimClient({ baseUrl: "http://127.0.0.1:1", apiKey: "jim_ak_test_x" });
    const e = await failure(c.get("/x"));
    expect(e.kind).toBe("network");
    expect(e.message).toMatch(/connection refused/);
    await c.close();
  });

  it("a slow JIM times out with a clear error", async () => {
    const { c } = client({ timeoutMs: 150 });
    script.push((_q, res) => {
      setTimeout(() => json(200, {})(_q, res, ""), 1000);
    });
    const e = await failure(c.get("/x"));
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/within 0 s|within/);
  });

  it("cancellation reaches the request", async () => {
    const { c } = client();
    script.push((_q, res) => {
      setTimeout(() => json(200, {})(_q, res, ""), 2000);
    });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await failure(c.get("/x", { signal: ac.signal }));
    expect(e.kind).toBe("aborted");
  });
});

describe("retry policy", () => {
  it("Retry-After parsing and the delay schedule", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter("1.2")).toBe(2);
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect([0, 1, 2, 3, 4].map((n) => retryDelayMs(undefined, n))).toEqual([2000, 4000, 8000, 16000, 32000]);
    expect(retryDelayMs(500, 0)).toBe(60000);
    expect(retryDelayMs(0, 1)).toBe(4000);
    expect(retryDelayMs(3, 4)).toBe(3000);
  });

  it("429 with Retry-After waits that long, then succeeds", async () => {
    const { c, waits } = client();
    script.push(
      json(429, { code: "TOO_MANY_REQUESTS", message: "slow" }, { "retry-after": "3" }),
      json(200, { ok: 1 }),
    );
    await expect(c.get("/x")).resolves.toEqual({ ok: 1 });
    expect(waits).toEqual([3000]);
    expect(seen).toHaveLength(2);
  });

  it("429 without Retry-After backs off 2, 4, 8, 16, 32 s and gives up after 5 retries (6 calls)", async () => {
    const { c, waits } = client();
    for (let i = 0; i < 6; i++) script.push(json(429, { code: "TOO_MANY_REQUESTS", message: "slow down" }));
    const e = await failure(c.get("/x"));
    expect(waits).toEqual([2000, 4000, 8000, 16000, 32000]);
    expect(seen).toHaveLength(6);
    expect(e.kind).toBe("rate_limited");
    expect(e.message).toMatch(/retry budget of 5/);
  });

  it("huge Retry-After values are clamped to 60 s", async () => {
    const { c, waits } = client();
    script.push(
      json(429, { code: "TOO_MANY_REQUESTS", message: "x" }, { "retry-after": "3600" }),
      json(200, {}),
    );
    await c.get("/x");
    expect(waits).toEqual([60000]);
  });

  it("a 429 on POST execute is retried: the limiter rejected it before it ran", async () => {
    const { c, waits } = client();
    script.push(
      json(429, { code: "TOO_MANY_REQUESTS", message: "x" }, { "retry-after": "1" }),
      json(202, { activityId: "a" }),
    );
    const r = await c.request({ method: "POST", path: "/run", startsWork: true });
    expect(r.status).toBe(202);
    expect(waits).toEqual([1000]);
  });

  it("503 with Retry-After is retried for GET", async () => {
    const { c, waits } = client();
    script.push(
      json(503, { code: "SERVICE_UNAVAILABLE", message: "db" }, { "retry-after": "5" }),
      json(200, { ok: 1 }),
    );
    await expect(c.get("/x")).resolves.toEqual({ ok: 1 });
    expect(waits).toEqual([5000]);
  });

  it("503 on a request that starts work is never re-sent", async () => {
    const { c, waits } = client();
    script.push(
      json(503, { code: "SERVICE_UNAVAILABLE", message: "db" }, { "retry-after": "5" }),
      json(202, {}),
    );
    const e = await failure(c.request({ method: "POST", path: "/run", startsWork: true }));
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(e.mayHaveStarted).toBe(true);
    expect(e.nextStep).toMatch(/activity_list/);
  });

  it("500 is tried once, never slept on", async () => {
    const { c, waits } = client();
    script.push(json(500, { code: "INTERNAL_ERROR", message: "boom" }));
    const e = await failure(c.get("/x"));
    expect(e.status).toBe(500);
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("a GET gets one more try after a connection reset; a POST does not", async () => {
    const reset: Reply = (req) => req.socket.destroy();
    const { c } = client();
    script.push(reset, json(200, { ok: 1 }));
    await expect(c.get("/x")).resolves.toEqual({ ok: 1 });
    expect(seen).toHaveLength(2);

    seen = [];
    script.push(reset, json(200, { ok: 1 }));
    const e = await failure(c.request({ method: "POST", path: "/run", startsWork: true }));
    expect(seen).toHaveLength(1);
    expect(e.kind).toBe("network");
    expect(e.mayHaveStarted).toBe(true);
  });
});

describe("paging", () => {
  const pageOf = (page: number, pageSize: number, total: number) => {
    const start = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => ({
      id: start + i + 1,
    }));
    return {
      items,
      totalCount: total,
      page,
      pageSize,
      totalPages: Math.ceil(total / pageSize),
      hasNextPage: start + items.length < total,
      hasPreviousPage: page > 1,
    };
  };

  it("follows hasNextPage to the end", async () => {
    const { c } = client();
    for (let p = 1; p <= 3; p++) script.push(json(200, pageOf(p, 100, 250)));
    const r = await collectPages<{ id: number }>(c, "/things");
    expect(r).toMatchObject({ totalCount: 250, pagesRead: 3, stoppedEarly: false });
    expect(r.items).toHaveLength(250);
    expect(seen.map((s) => s.url)).toEqual([
      "/api/v1/things?page=1&pageSize=100",
      "/api/v1/things?page=2&pageSize=100",
      "/api/v1/things?page=3&pageSize=100",
    ]);
  });

  it("stops at the page cap and says so, with the total", async () => {
    const { c } = client();
    for (let p = 1; p <= 2; p++) script.push(json(200, pageOf(p, 100, 1000)));
    const r = await collectPages(c, "/things", { maxPages: 2 });
    expect(r).toMatchObject({ totalCount: 1000, pagesRead: 2, stoppedEarly: true });
    expect(r.items).toHaveLength(200);
  });

  it("takes a bare array as the whole list", async () => {
    const { c } = client();
    script.push(json(200, [{ id: 1 }, { id: 2 }]));
    const r = await collectPages(c, "/bare");
    expect(r).toMatchObject({ totalCount: 2, pagesRead: 1, stoppedEarly: false });
  });
});
