/**
 * Streamable HTTP transport in-process: who may call (tokens, Host, Origin), which JIM key
 * serves each call (the server's or the caller's own), both protocol eras through real
 * MCP clients, sessions, consent bound to the caller, limits and graceful shutdown.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";
import { buildConfig, ConfigError, type HttpConfig, type ServerConfig } from "../src/config.js";
import { createLogger, type Logger, silentLogger } from "../src/log.js";
import { DEMO_ADMIN_KEY, type Simulator, startSimulator } from "../src/simulator/index.js";
import { type HttpHandle, type HttpLimits, startHttp } from "../src/transports/http.js";
import { baseConfig } from "./fixtures.js";

const TOKEN_A = "test-token-alpha-0123456789abcdef";
const TOKEN_B = "test-token-bravo-0123456789abcdef";

type Era = "modern" | "legacy" | "auto";

let sim: Simulator | undefined;
let server: HttpHandle | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined);
  await server?.close(0);
  await sim?.close();
  server = undefined;
  sim = undefined;
});

function httpConfig(overrides: Partial<HttpConfig> = {}): HttpConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    authTokens: [
      { name: "alpha", token: TOKEN_A },
      { name: "bravo", token: TOKEN_B },
    ],
    callerKeys: "off",
    jimUrl: undefined,
    allowedHosts: [],
    allowedOrigins: [],
    maxBodyBytes: 1024 * 1024,
    shutdownGraceMs: 5000,
    ...overrides,
  };
}

async function start(
  opts: {
    http?: Partial<HttpConfig>;
    config?: Partial<ServerConfig>;
    sim?: Parameters<typeof startSimulator>[0];
    limits?: Partial<HttpLimits>;
    serverKey?: boolean;
    log?: Logger;
  } = {},
): Promise<HttpHandle> {
  sim = await startSimulator({ runDurationMs: 300, ...opts.sim });
  const http = httpConfig({ jimUrl: sim.url, ...opts.http });
  const config = baseConfig({
    target:
      opts.serverKey === false
        ? undefined
        : { name: "shared", url: sim.url, key: { kind: "inline", value: DEMO_ADMIN_KEY, label: "test key" } },
    ...opts.config,
    http,
  }) as ServerConfig & { http: HttpConfig };
  server = await startHttp(config, opts.log ?? silentLogger, opts.limits);
  return server;
}

async function connect(
  era: Era,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN_A}` },
): Promise<Client> {
  const client = new Client(
    { name: "http-test", version: "1" },
    { versionNegotiation: { mode: era === "modern" ? { pin: "2026-07-28" } : era } },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(server!.url), { requestInit: { headers } }));
  clients.push(client);
  return client;
}

function textOf(r: unknown): string {
  return ((r as { content: Array<{ type: string; text?: string }> }).content ?? [])
    .map((c) => c.text ?? "")
    .join("\n");
}

/** A raw 2025-era initialize, for status-code checks without a client in between. */
function rawInit(headers: Record<string, string>): Promise<Response> {
  return fetch(server!.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    }),
  });
}

describe("who may call", () => {
  it("no token or a wrong token gets 401 with a clear body; a right one gets in", async () => {
    await start();
    const none = await rawInit({});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.text()).toMatch(/needs a bearer token: send an Authorization: Bearer <token> header/);

    const wrong = await rawInit({ authorization: "Bearer test-token-wrong-0123456789abcdef" });
    expect(wrong.status).toBe(401);
    const body = await wrong.text();
    expect(body).toMatch(/not one this server accepts/);
    expect(body).not.toContain("test-token-wrong");

    const malformed = await rawInit({ authorization: `Basic ${TOKEN_A}` });
    expect(malformed.status).toBe(401);
    expect(await malformed.text()).toMatch(/must read: Bearer <token>/);

    const ok = await rawInit({ authorization: `Bearer ${TOKEN_B}` });
    expect(ok.status).toBe(200);
    await ok.body?.cancel();
  });

  it("a real client without a token cannot connect", async () => {
    await start();
    await expect(connect("modern", {})).rejects.toThrow(/401|nauthori/);
  });

  it("a bad Host or Origin gets 403 before authentication", async () => {
    await start({ http: { allowedOrigins: ["https://agents.example.com"] } });
    const auth = { authorization: `Bearer ${TOKEN_A}` };
    const evil = await rawInit({ ...auth, origin: "https://evil.example.net" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toMatch(/Origin is not allowed.*--allowed-origins/);
    const nullOrigin = await rawInit({ ...auth, origin: "null" });
    expect(nullOrigin.status).toBe(403);
    // Undici sets Host from the URL; a rebinding page's request carries its own name.
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const r = request(
        server!.url,
        { method: "POST", headers: { host: "rebind.attacker.test:3000" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      r.on("error", reject);
      r.end("{}");
    });
    expect(status).toBe(403);
    const listed = await rawInit({ ...auth, origin: "https://agents.example.com" });
    expect(listed.status).toBe(200);
    await listed.body?.cancel();
    const local = await rawInit({ ...auth, origin: "http://localhost:6274" });
    expect(local.status).toBe(200);
    await local.body?.cancel();
  });

  it("a browser page from an allowed origin gets its preflight answered and may read the answers", async () => {
    await start({ http: { allowedOrigins: ["https://agents.example.com"] } });
    const pre = await fetch(server!.url, {
      method: "OPTIONS",
      headers: {
        origin: "https://agents.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, mcp-protocol-version",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://agents.example.com");
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    expect(pre.headers.get("access-control-allow-methods")).toMatch(/POST/);
    const evil = await fetch(server!.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.net" },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const listed = await rawInit({
      authorization: `Bearer ${TOKEN_A}`,
      origin: "https://agents.example.com",
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe("https://agents.example.com");
    expect(listed.headers.get("access-control-expose-headers")).toMatch(/mcp-session-id/);
    await listed.body?.cancel();
    const plain = await rawInit({ authorization: `Bearer ${TOKEN_A}` });
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    await plain.body?.cancel();
  });

  it("refuses to start on a non-loopback address without auth, and names the fix", () => {
    expect(() =>
      buildConfig({ transport: "http", host: "0.0.0.0", allowedHosts: "mcp.example.com" }, {}),
    ).toThrow(
      /Refusing to listen on 0\.0\.0\.0 without authentication.*JIM_MCP_AUTH_TOKEN or --auth-token-file/,
    );
    expect(() => buildConfig({ transport: "http", host: "10.1.2.3" }, {})).toThrow(ConfigError);
    const ok = buildConfig(
      { transport: "http", host: "10.1.2.3", port: "0" },
      { JIM_MCP_AUTH_TOKEN: TOKEN_A },
    );
    expect(ok.http).toMatchObject({ host: "10.1.2.3", port: 0, authTokens: [{ name: "env" }] });
    expect(buildConfig({ transport: "http" }, {}).http).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      authTokens: [],
    });
    // An IPv6 loopback written as in a URL is listened on bare, and still counts as loopback.
    expect(buildConfig({ transport: "http", host: "[::1]" }, {}).http).toMatchObject({ host: "::1" });
    expect(() => buildConfig({ transport: "http" }, { JIM_MCP_AUTH_TOKEN: "short" })).toThrow(/too short/);
    expect(() => buildConfig({ port: "3000" }, {})).toThrow(/--port applies only with --transport http/);
    expect(() => buildConfig({ transport: "http", port: "70000" }, {})).toThrow(/from 0 to 65535/);
    expect(() =>
      buildConfig({ transport: "http", host: "0.0.0.0" }, { JIM_MCP_AUTH_TOKEN: TOKEN_A }),
    ).toThrow(/--allowed-hosts/);
  });

  it("caller keys need a JIM URL; with require the server needs no key of its own", () => {
    expect(() => buildConfig({ transport: "http", callerKeys: "allow" }, {})).toThrow(
      /--caller-keys allow needs to know which JIM.*JIM_URL/,
    );
    const req = buildConfig(
      { transport: "http", callerKeys: "require" },
      { JIM_URL: "https://jim.example.com" },
    );
    expect(req.target).toBeUndefined();
    expect(req.http).toMatchObject({ callerKeys: "require", jimUrl: "https://jim.example.com" });
    expect(() =>
      buildConfig({ transport: "http", callerKeys: "allow" }, { JIM_URL: "https://jim.example.com" }),
    ).toThrow(/JIM_API_KEY/);
    expect(() => buildConfig({ transport: "http", callerKeys: "sometimes" }, {})).toThrow(
      /off, allow or require/,
    );
  });

  it("reads named tokens from a file and says exactly what is wrong with a bad one", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "jim-mcp-tokens-"));
    const file = (name: string, body: string) => {
      writeFileSync(join(dir, name), body);
      return join(dir, name);
    };
    const ok = buildConfig(
      { transport: "http", authTokenFile: file("ok", `# comment\n${TOKEN_A}\nci-agent ${TOKEN_B}\n`) },
      {},
    );
    expect(ok.http?.authTokens.map((t) => t.name)).toEqual(["token-1", "ci-agent"]);
    const bad = (body: string) => () =>
      buildConfig({ transport: "http", authTokenFile: file("bad", body) }, {});
    expect(bad(`a b ${TOKEN_A}\n`)).toThrow(/line 1 has 3 words; write "<token>" or "<name> <token>"/);
    expect(bad(`x ${TOKEN_A}\nx ${TOKEN_B}\n`)).toThrow(/line 2: the name "x" is used twice/);
    expect(bad("ci short\n")).toThrow(/line 1 is too short/);
    expect(bad("# nothing\n")).toThrow(/holds no tokens/);
    expect(() => buildConfig({ transport: "http", authTokenFile: join(dir, "missing") }, {})).toThrow(
      /Cannot read the auth token file .*ENOENT/,
    );
  });

  it("/healthz answers without a token; other paths are 404", async () => {
    await start();
    const base = server!.url.replace(/\/mcp$/, "");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });

  it("a client that never finishes its request is answered 408 and disconnected", async () => {
    await start({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const { connect: tcp } = await import("node:net");
    const { port } = server!;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = tcp(port, "127.0.0.1", () => socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
      let data = "";
      socket.on("data", (d) => (data += String(d)));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });

  it("an oversized body gets 413", async () => {
    await start({ http: { maxBodyBytes: 2048 } });
    const res = await fetch(server!.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TOKEN_A}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping", params: { pad: "x".repeat(4096) } }),
    });
    expect(res.status).toBe(413);
  });
});

describe("one exchange over raw HTTP", () => {
  const modernHeaders = (method: string, name?: string): Record<string, string> => ({
    authorization: `Bearer ${TOKEN_A}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2026-07-28",
    "mcp-method": method,
    ...(name !== undefined && { "mcp-name": name }),
  });
  const envelope = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" },
    "io.modelcontextprotocol/clientCapabilities": {},
  };

  it("a tools/call sent in pieces is answered in one JSON body with its length", async () => {
    await start();
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "connected_system_list", arguments: {}, _meta: envelope },
    });
    const half = Math.floor(body.length / 2);
    const res = await fetch(server!.url, {
      method: "POST",
      headers: modernHeaders("tools/call", "connected_system_list"),
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(body.slice(0, half)));
          c.enqueue(new TextEncoder().encode(body.slice(half)));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await res.text();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    const answer = JSON.parse(text);
    expect(answer).toMatchObject({ jsonrpc: "2.0", id: 7 });
    expect(answer.result.isError).toBeFalsy();
    expect(answer.result.structuredContent.items.map((s: { name: string }) => s.name)).toContain("HR System");
  });

  it("a body that is not JSON gets a parse error; a streamed oversized one gets 413", async () => {
    await start({ http: { maxBodyBytes: 2048 } });
    const bad = await fetch(server!.url, {
      method: "POST",
      headers: modernHeaders("ping"),
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const big = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping", params: { pad: "x".repeat(4096) } });
    const res = await fetch(server!.url, {
      method: "POST",
      headers: modernHeaders("ping"),
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < big.length; i += 512)
            c.enqueue(new TextEncoder().encode(big.slice(i, i + 512)));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe("both protocol eras through real clients", () => {
  for (const era of ["modern", "legacy"] as const) {
    it(`${era}: lists tools, calls one, runs a profile with the server's key`, async () => {
      await start();
      const client = await connect(era);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("run_profile_execute");
      const status = await client.callTool({ name: "connection_status", arguments: {} });
      expect(status.structuredContent).toMatchObject({
        reachable: true,
        administrator: true,
        profile: "shared",
      });
      const progress: number[] = [];
      const run = await client.callTool(
        {
          name: "run_profile_execute",
          arguments: { connectedSystemId: "HR System", runProfileId: "Full Import" },
        },
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(run.structuredContent).toMatchObject({ outcome: "succeeded" });
      if (era === "legacy") expect(server!.sessionCount).toBe(1);
      else expect(server!.sessionCount).toBe(0);
    });
  }

  it("2026-07-28: a call answers the same for tools the instance carries alone, and unknown or unselected tools", async () => {
    await start({ config: { excludeTools: ["partition_list"] } });
    const modern = await connect("modern");
    const legacy = await connect("legacy");
    for (const client of [modern, legacy]) {
      const listed = await client.callTool({ name: "connected_system_list", arguments: {} });
      expect(JSON.stringify(listed.structuredContent)).toContain("HR System");
      const bad = await client.callTool({
        name: "connected_system_get",
        arguments: { connectedSystemId: 0 },
      });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(/connectedSystemId/);
    }
    // Neither an unknown tool nor one the configuration leaves out is found, in either era alike.
    for (const name of ["no_such_tool", "partition_list"]) {
      const answers = await Promise.all(
        [modern, legacy].map((c) =>
          c.callTool({ name, arguments: {} }).then(
            (r) => textOf(r),
            (e: Error) => e.message,
          ),
        ),
      );
      expect(answers[0]).toMatch(new RegExp(name));
      expect(answers[0]).toBe(answers[1]);
    }
    // The resources and prompts a tool-call instance leaves out are still served on their own requests.
    expect((await modern.listResources()).resources.length).toBeGreaterThan(0);
    expect((await modern.listPrompts()).prompts.length).toBeGreaterThan(0);
  });

  it("a client that negotiates (auto) lands on 2026-07-28 without a session", async () => {
    await start();
    const client = await connect("auto");
    const status = await client.callTool({ name: "connection_status", arguments: {} });
    expect(status.structuredContent).toMatchObject({ reachable: true });
    expect(server!.sessionCount).toBe(0);
  });

  it("the shared connection cannot be switched or closed by one caller", async () => {
    await start();
    const client = await connect("modern");
    const res = await client.callTool({ name: "connection_disconnect", arguments: {} });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(/shared over HTTP.*every caller/s);
    const status = await client.callTool({ name: "connection_status", arguments: {} });
    expect(status.structuredContent).toMatchObject({ reachable: true });
  });

  it("a 2025 session belongs to the caller that opened it", async () => {
    await start();
    const res = await rawInit({ authorization: `Bearer ${TOKEN_A}` });
    const sid = res.headers.get("mcp-session-id");
    expect(sid).toBeTruthy();
    await res.body?.cancel();
    const list = (token: string) =>
      fetch(server!.url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "mcp-session-id": sid!,
          "mcp-protocol-version": "2025-11-25",
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "ping" }),
      });
    const other = await list(TOKEN_B);
    expect(other.status).toBe(404);
    expect(await other.text()).toMatch(/Session not found/);
    const own = await list(TOKEN_A);
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });
});

describe("consent tokens are bound to the caller", () => {
  it("a confirmation token issued to one caller is refused for another and works for its owner", async () => {
    await start();
    const a = await connect("modern", { authorization: `Bearer ${TOKEN_A}` });
    const b = await connect("modern", { authorization: `Bearer ${TOKEN_B}` });
    const args = { connectedSystemId: 2, partitionId: 1, selected: false };
    const first = await a.callTool({ name: "partition_set_selection", arguments: args });
    const meta = (first as { _meta?: Record<string, { confirmationToken?: string }> })._meta;
    const token = meta?.["jim-mcp/confirmation"]?.confirmationToken;
    expect(token, textOf(first)).toBeTruthy();
    // The caller's identity inside the token is opaque.
    expect(Buffer.from(token!.split(".")[1]!, "base64url").toString()).not.toMatch(/alpha|t:/);
    const stolen = await b.callTool({
      name: "partition_set_selection",
      arguments: { ...args, confirmationToken: token },
    });
    expect(stolen.isError).toBe(true);
    expect(textOf(stolen)).toMatch(/issued to a different MCP connection/);
    const owner = await a.callTool({
      name: "partition_set_selection",
      arguments: { ...args, confirmationToken: token },
    });
    expect(owner.isError, textOf(owner)).toBeFalsy();
  });
});

describe("callers' own JIM keys", () => {
  const KEY_1 = "jim_ak_test1own000000000000000000000000000000000000000000000000000";
  const KEY_2 = "jim_ak_test2own000000000000000000000000000000000000000000000000000";
  const BAD = "jim_ak_test9bad000000000000000000000000000000000000000000000000000";
  const keys = [
    { key: DEMO_ADMIN_KEY, roles: ["Administrator"] },
    { key: KEY_1, roles: ["Administrator"], name: "one" },
    { key: KEY_2, roles: ["Administrator"], name: "two" },
    { key: BAD, roles: ["Administrator"], enabled: false },
  ];

  it("each call carries its caller's key; an invalid key gets 401 that never echoes it", async () => {
    await start({ http: { callerKeys: "allow" }, sim: { apiKeys: keys } });
    const one = await connect("modern", { authorization: `Bearer ${TOKEN_A}`, "x-jim-api-key": KEY_1 });
    const two = await connect("legacy", { authorization: `Bearer ${TOKEN_B}`, "x-jim-api-key": KEY_2 });
    const shared = await connect("modern", { authorization: `Bearer ${TOKEN_A}` });
    sim!.clearRequests();
    await one.callTool({ name: "connected_system_list", arguments: {} });
    expect(new Set(sim!.requests.map((r) => r.keyPreview))).toEqual(new Set([`${KEY_1.slice(0, 11)}…`]));
    sim!.clearRequests();
    await two.callTool({ name: "connected_system_list", arguments: {} });
    expect(new Set(sim!.requests.map((r) => r.keyPreview))).toEqual(new Set([`${KEY_2.slice(0, 11)}…`]));
    sim!.clearRequests();
    await shared.callTool({ name: "connected_system_list", arguments: {} });
    expect(new Set(sim!.requests.map((r) => r.keyPreview))).toEqual(
      new Set([`${DEMO_ADMIN_KEY.slice(0, 11)}…`]),
    );

    const status = await one.callTool({ name: "connection_status", arguments: {} });
    expect(status.structuredContent).toMatchObject({ profile: "caller key", administrator: true });
    expect(JSON.stringify(status)).not.toContain(KEY_1);
    const sw = await one.callTool({ name: "connection_switch", arguments: { profile: "x" } });
    expect(sw.isError).toBe(true);
    expect(textOf(sw)).toMatch(/your own JIM key.*X-JIM-Api-Key/s);
    const dc = await one.callTool({ name: "connection_disconnect", arguments: {} });
    expect(textOf(dc)).toMatch(/your own JIM key/);

    const bad = await rawInit({ authorization: `Bearer ${TOKEN_A}`, "x-jim-api-key": BAD });
    expect(bad.status).toBe(401);
    const body = await bad.text();
    expect(body).toMatch(/rejected the API key in the X-JIM-Api-Key header/);
    expect(body).not.toContain(BAD.slice(7));
    // The verdict is cached: a second try asks JIM nothing.
    sim!.clearRequests();
    expect((await rawInit({ authorization: `Bearer ${TOKEN_A}`, "x-jim-api-key": BAD })).status).toBe(401);
    expect(sim!.requests).toHaveLength(0);
    const junk = await rawInit({ authorization: `Bearer ${TOKEN_A}`, "x-jim-api-key": "hunter2" });
    expect(junk.status).toBe(401);
    expect(await junk.text()).toMatch(/must start with \\"jim_ak_\\"/);
  });

  it("neither keys nor bearer tokens reach the log, even at debug level", async () => {
    const lines: string[] = [];
    await start({
      http: { callerKeys: "allow" },
      sim: { apiKeys: keys },
      log: createLogger("debug", (l) => lines.push(l)),
    });
    const one = await connect("legacy", { authorization: `Bearer ${TOKEN_A}`, "x-jim-api-key": KEY_1 });
    await one.callTool({ name: "connection_status", arguments: {} });
    await rawInit({ authorization: `Bearer ${TOKEN_B}`, "x-jim-api-key": BAD });
    await rawInit({ authorization: "Bearer test-token-wrong-0123456789abcdef" });
    const log = lines.join("");
    expect(log).toMatch(/from alpha/);
    expect(log).toMatch(/rejected by JIM/);
    for (const secret of [KEY_1, BAD, TOKEN_A, TOKEN_B, "test-token-wrong"])
      expect(log).not.toContain(secret.slice(7, 20));
  });

  it("a server that takes no caller keys says so; one that requires them says what to send", async () => {
    await start({ sim: { apiKeys: keys } });
    const refused = await rawInit({ authorization: `Bearer ${TOKEN_A}`, "x-jim-api-key": KEY_1 });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/--caller-keys allow/);
    await server!.close(0);
    await sim!.close();
    await start({ http: { callerKeys: "require" }, sim: { apiKeys: keys }, serverKey: false });
    const missing = await rawInit({ authorization: `Bearer ${TOKEN_A}` });
    expect(missing.status).toBe(401);
    expect(await missing.text()).toMatch(/X-JIM-Api-Key/);
  });

  it("100 concurrent clients, each with its own key: every JIM request carries the key of the client that caused it", async () => {
    const many = Array.from({ length: 100 }, (_, i) => {
      const tag = `${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}${String(i).padStart(2, "0")}`;
      return {
        key: `jim_ak_${tag}test${"0".repeat(48)}${String(i).padStart(4, "0")}`,
        roles: ["Administrator"],
      };
    });
    expect(new Set(many.map((k) => k.key.slice(7, 11))).size).toBe(100);
    await start({
      http: { callerKeys: "require" },
      sim: { apiKeys: many, maxRecordedRequests: 50_000 },
      serverKey: false,
    });
    const results = await Promise.all(
      many.map(async ({ key }, i) => {
        const era: Era = i % 2 ? "legacy" : "modern";
        const client = await connect(era, {
          authorization: `Bearer ${i % 2 ? TOKEN_A : TOKEN_B}`,
          "x-jim-api-key": key,
          "user-agent": `jim-mcp-test-${i}`,
        });
        // Each client's calls are tagged with a system id derived from its index, so the request
        // log can tie every JIM request back to the client that caused it.
        const res = await client.callTool({
          name: "connected_system_get",
          arguments: { connectedSystemId: 1000 + i },
        });
        await client.callTool({ name: "connected_system_list", arguments: { pageSize: 1 + (i % 50) } });
        return { i, res };
      }),
    );
    expect(results).toHaveLength(100);
    const byClient = new Map<number, Set<string | null>>();
    for (const r of sim!.requests) {
      const m = /\/connected-systems\/(\d{4})/.exec(r.path);
      if (!m) continue;
      const i = Number(m[1]) - 1000;
      const set = byClient.get(i) ?? new Set();
      set.add(r.keyPreview);
      byClient.set(i, set);
    }
    expect(byClient.size).toBe(100);
    for (const [i, previews] of byClient) {
      expect([...previews], `client ${i}`).toEqual([`${many[i]!.key.slice(0, 11)}…`]);
    }
    // Every request in the log came with one of the hundred keys, and each key was used.
    const used = new Set(sim!.requests.map((r) => r.keyPreview));
    expect(used.size).toBe(100);
  }, 120_000);
});

describe("graceful shutdown", () => {
  it("lets an in-flight call finish, then refuses new ones and closes", async () => {
    await start({ sim: { runDurationMs: 1500 } });
    const client = await connect("modern");
    const running = client.callTool({
      name: "run_profile_execute",
      arguments: { connectedSystemId: "HR System", runProfileId: "Full Import" },
    });
    // Wait until the run is really in flight at JIM.
    for (let i = 0; i < 200 && !sim!.requests.some((r) => r.method === "POST"); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const closing = server!.close(10_000);
    const res = await running;
    expect(res.structuredContent).toMatchObject({ outcome: "succeeded" });
    await closing;
    await expect(fetch(server!.url.replace(/\/mcp$/, "/healthz"))).rejects.toThrow();
  });

  for (const era of ["modern", "legacy"] as const)
    it(`cancels calls still running when the grace period ends (${era})`, async () => {
      await start({ sim: { runDurationMs: 60_000 } });
      const client = await connect(era);
      const running = client
        .callTool({
          name: "run_profile_execute",
          arguments: { connectedSystemId: "HR System", runProfileId: "Full Import" },
        })
        .then(
          () => "finished",
          (e: Error) => `cancelled: ${e.message}`,
        );
      for (let i = 0; i < 200 && !sim!.requests.some((r) => r.method === "POST"); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await server!.close(100);
      const outcome = await running;
      expect(outcome).toMatch(/^cancelled/);
      // A 2025 session is told why, rather than left to reconnect to a server that is gone.
      if (era === "legacy") expect(outcome).toMatch(/shutting down.*activity_list/);
    });
});
