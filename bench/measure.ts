/**
 * The six measurements of `npm run bench`. Each one runs its reference in the
 * same run on the same machine, so the figure that is checked against the goal
 * is a ratio or a difference wherever the issue asks for one.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  Client,
  PROTOCOL_VERSION_META_KEY,
  StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { Pool } from "undici";
import { fillMetaverse } from "../src/simulator/data/bulk-metaverse.js";
import { DEMO_ADMIN_KEY, type Simulator, startSimulator } from "../src/simulator/index.js";
import { startBuiltHttp } from "../test/built-http.js";
import { listTools } from "../test/listing.js";
import {
  answerOf,
  CLI,
  cpuSeconds,
  type Figure,
  figure,
  fmt,
  median,
  peakRssMB,
  percentile,
  rawStdio,
  type Setting,
  serverEnv,
  stdioServer,
  unavailable,
} from "./lib.js";

const ms = (n: number) => `${fmt(n)} ms`;

async function withSimulator<T>(f: (sim: Simulator) => Promise<T>, runDurationMs?: number): Promise<T> {
  const sim = await startSimulator({
    maxRecordedRequests: 100_000,
    ...(runDurationMs ? { runDurationMs } : {}),
  });
  try {
    return await f(sim);
  } finally {
    await sim.close();
  }
}

/** A direct GET to the simulator through undici, the body read as JSON, as the server's JIM client does. */
function directGetter(sim: Simulator, connections: number) {
  const pool = new Pool(sim.url, { connections, pipelining: 1 });
  return {
    async get(pathAndQuery: string): Promise<number> {
      const res = await pool.request({
        method: "GET",
        path: pathAndQuery,
        headers: { "x-api-key": DEMO_ADMIN_KEY, accept: "application/json" },
      });
      await res.body.json();
      return res.statusCode;
    },
    close: () => pool.close(),
  };
}

function queryString(q: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  const s = p.toString();
  return s ? `?${s}` : "";
}

// ---------------------------------------------------------------------------------------------
// P1 start-up
// ---------------------------------------------------------------------------------------------

/**
 * Milliseconds from spawning the built server until the whole tools/list answer has arrived, with
 * the lean client (`rawStdio`). The SDK client's own work on the answer (it parses every tool and
 * compiles their output schemas) is the client's, not the server's start-up.
 */
async function rawStartup(env: Record<string, string>): Promise<{ ms: number; tools: number }> {
  const t0 = performance.now();
  const server = rawStdio(env);
  try {
    await server.ready;
    const listed = await server.request("tools/list");
    const ms = performance.now() - t0;
    const tools = Array.isArray(listed.tools) ? listed.tools.length : 0;
    if (!tools) throw new Error("tools/list gave no tools");
    return { ms, tools };
  } finally {
    await server.close();
  }
}

export async function p1Startup(s: Setting): Promise<Figure[]> {
  return withSimulator(async (sim) => {
    const bare: number[] = [];
    const ours: number[] = [];
    const sdk: number[] = [];
    const env = serverEnv(sim.url, DEMO_ADMIN_KEY);
    sim.clearRequests();
    let tools = 0;
    for (let i = 0; i < s.startupRuns; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) =>
        spawn(process.execPath, ["-e", "0"], { stdio: "ignore" })
          .on("exit", () => resolve())
          .on("error", reject),
      );
      bare.push(performance.now() - t0);
      const raw = await rawStartup(env);
      ours.push(raw.ms);
      tools = raw.tools;
      const t1 = performance.now();
      const server = await stdioServer([], env);
      await server.client.listTools();
      sdk.push(performance.now() - t1);
      await server.close();
    }
    const ratio = median(ours) / median(bare);
    const sdkRatio = median(sdk) / median(bare);
    const atStart = sim.requests.length;
    return [
      figure(
        "P1",
        "start-up: spawn → first tools/list, ÷ spawn of node -e 0",
        ratio,
        "×",
        `${fmt(ratio)}× (${ms(median(ours))} vs ${ms(median(bare))}, medians of ${s.startupRuns}; until the ${tools}-tool answer has arrived)`,
        { max: 1.5 },
      ),
      figure(
        "P1 SDK",
        "the same, until the SDK client has connected and processed the list",
        sdkRatio,
        "×",
        `${fmt(sdkRatio)}× (${ms(median(sdk))}; the SDK client's own parsing of the answer included)`,
        null,
      ),
      figure(
        "P1 JIM",
        "JIM requests made while starting and listing tools",
        atStart,
        "requests",
        `${atStart} in ${2 * s.startupRuns} start-ups`,
        { max: 0 },
      ),
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// P2 call overhead
// ---------------------------------------------------------------------------------------------

/** A read-only tool answered by exactly one JIM GET. */
const P2_TOOL = { name: "connected_system_list", arguments: {} };

/** `n` alternating pairs of a tool call and the direct GET it makes; the differences and both times. */
async function pairedOverhead(
  call: () => Promise<unknown>,
  get: () => Promise<unknown>,
  n: number,
  /** Run every 100 pairs, untimed: bookkeeping that must not pile up during the run. */
  between?: () => void,
): Promise<{ diffs: number[]; tool: number[]; http: number[] }> {
  const diffs: number[] = [];
  const tool: number[] = [];
  const http: number[] = [];
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  for (let i = 0; i < n; i++) {
    if (i % 100 === 99) between?.();
    // Alternate which goes first so drift in either direction cancels.
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = await time(call);
      b = await time(get);
    } else {
      b = await time(get);
      a = await time(call);
    }
    tool.push(a);
    http.push(b);
    diffs.push(a - b);
  }
  return { diffs, tool, http };
}

export async function p2Overhead(s: Setting): Promise<Figure[]> {
  return withSimulator(async (sim) => {
    const env = serverEnv(sim.url, DEMO_ADMIN_KEY);
    const raw = rawStdio(env);
    const sdk = await stdioServer([], env);
    const direct = directGetter(sim, 1);
    try {
      await raw.ready;
      const rawCall = async () => {
        const r = await raw.request("tools/call", P2_TOOL);
        if (r.isError || !r.structuredContent)
          throw new Error(`tool error: ${JSON.stringify(r).slice(0, 300)}`);
      };
      const sdkCall = () => sdk.client.callTool(P2_TOOL).then(answerOf);
      for (let i = 0; i < 5; i++) await rawCall();
      sim.clearRequests();
      await rawCall();
      const seen = sim.requests.map((r) => ({ path: r.path, query: r.query }));
      if (seen.length !== 1) {
        throw new Error(`${P2_TOOL.name} made ${seen.length} JIM requests per call; P2 needs exactly one.`);
      }
      const target = `${seen[0]?.path}${queryString(seen[0]?.query as Record<string, string | string[]>)}`;
      const get = () => direct.get(target);
      // The figure is a running server's: a session makes many calls, and until V8 has compiled the
      // hot paths (about a thousand calls here) the tail is the compiler's, not the server's.
      // P1 is the cold start.
      // The simulator logs every request it serves; P2 has read what it needed from the log, and
      // a log growing by thousands of entries is this process's garbage, not the server's.
      const forget = () => sim.clearRequests();
      await pairedOverhead(rawCall, get, s.overheadWarmUp, forget);
      const m = await pairedOverhead(rawCall, get, s.overheadCalls, forget);
      await pairedOverhead(sdkCall, get, s.overheadWarmUp, forget);
      const viaSdk = await pairedOverhead(sdkCall, get, s.overheadCalls, forget);
      const p50 = percentile(m.diffs, 50);
      const p99 = percentile(m.diffs, 99);
      const basis = `${P2_TOOL.name} vs direct GET ${seen[0]?.path}, ${s.overheadCalls} pairs after ${s.overheadWarmUp} not timed`;
      return [
        figure(
          "P2 p50",
          "tools/call over stdio minus a direct undici GET, median",
          p50,
          "ms",
          `${ms(p50)} (tool ${ms(percentile(m.tool, 50))}, GET ${ms(percentile(m.http, 50))}; ${basis})`,
          { max: 1 },
        ),
        figure(
          "P2 p99",
          "the same, 99th percentile",
          p99,
          "ms",
          `${ms(p99)} (tool ${ms(percentile(m.tool, 99))}, GET ${ms(percentile(m.http, 99))})`,
          { max: 3 },
        ),
        figure(
          "P2 SDK",
          "the same through the SDK client (which parses and validates every answer)",
          percentile(viaSdk.diffs, 50),
          "ms",
          `p50 ${ms(percentile(viaSdk.diffs, 50))}, p99 ${ms(percentile(viaSdk.diffs, 99))}`,
          null,
        ),
      ];
    } finally {
      await raw.close();
      await sdk.close();
      await direct.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// P3 tool-list tokens
// ---------------------------------------------------------------------------------------------

export async function p3Tokens(_s: Setting): Promise<Figure[]> {
  const measure = async (toolsets: string[], readOnly = false) => {
    const tools = await listTools({ toolsets, readOnly });
    return { n: tools.length, tokens: encode(JSON.stringify({ tools })).length };
  };
  const def = await measure(["default"]);
  const ro = await measure(["default"], true);
  const all = await measure(["all"]);
  const row = (id: string, what: string, m: { n: number; tokens: number }, max: number) =>
    figure(
      id,
      `tools/list tokens (o200k), ${what}`,
      m.tokens,
      "tokens",
      `${fmt(m.tokens)} tokens, ${m.n} tools (${fmt(m.tokens / m.n, 0)}/tool)`,
      { max },
    );
  return [
    row("P3 default", "default toolsets", def, 8_000),
    row("P3 read-only", "default toolsets, --read-only", ro, 8_000),
    row("P3 all", "all toolsets", all, 20_000),
  ];
}

// ---------------------------------------------------------------------------------------------
// P4 HTTP transport under 100 concurrent clients
// ---------------------------------------------------------------------------------------------

const P4_LABELS = {
  share: "HTTP transport throughput ÷ direct HTTP to the simulator",
  errors: "errors under concurrent clients",
  rss: "server peak RSS under concurrent clients",
};

/** tsc's output of the HTTP transport module: present once the build has one. */
const HTTP_TRANSPORT = new URL("../dist/lib/transports/http.js", import.meta.url).pathname;

/** Calls each client makes before the clock starts. */
const P4_WARM_UP_CALLS = 3;

/** The revision the light clients speak: stateless, one POST per request. */
const P4_PROTOCOL = "2026-07-28";

interface HttpServer {
  url: URL;
  pid: number | null;
  close(): Promise<void>;
}

const FLOOR_SERVER = new URL("./floor-server.mjs", import.meta.url).pathname;

/**
 * P4's context rows: the same light clients against a reference server (bench/floor-server.mjs)
 * that answers each tools/call with the same one JIM GET and nothing else: `bare` has no MCP
 * library, `sdk` is the SDK's stateless handler with one schema-less tool. Calls per second.
 */
async function floorCallsPerSecond(
  mode: "bare" | "sdk",
  sim: Simulator,
  target: string,
  token: string,
  known: string,
  n: number,
  perClient: number,
): Promise<{ perS: number; errors: number; cpuMs: number | null }> {
  const { child, url } = await startBuiltHttp(
    [mode],
    { PATH: process.env.PATH ?? "", JIM_URL: sim.url, JIM_API_KEY: DEMO_ADMIN_KEY, FLOOR_PATH: target },
    { script: FLOOR_SERVER, ready: /floor ready on (\S+)/, timeoutMs: 15_000 },
  );
  try {
    const light = lightMcpClients(new URL(url), token, n);
    let errors = 0;
    const call = async (i: number) => {
      await light.callTool(`floor-${i}`, P2_TOOL.name, known).catch(() => {
        errors += 1;
      });
    };
    try {
      await Promise.all(Array.from({ length: n }, (_, i) => light.discover(`floor-${i}`)));
      await callsPerSecond(n, P4_WARM_UP_CALLS, call);
      errors = 0;
      const before = cpuSeconds(child.pid);
      const perS = await callsPerSecond(n, perClient, call);
      const after = cpuSeconds(child.pid);
      const cpuMs = before === null || after === null ? null : ((after - before) * 1000) / (n * perClient);
      return { perS, errors, cpuMs };
    } finally {
      await light.close();
    }
  } finally {
    child.kill("SIGTERM");
  }
}

/** Starts `--transport http` on an ephemeral port. */
async function startHttpServer(env: Record<string, string>): Promise<HttpServer> {
  const { child, url } = await startBuiltHttp(
    ["--transport", "http", "--host", "127.0.0.1", "--port", "0", "--log-level", "info"],
    env,
    { timeoutMs: 15_000 },
  );
  return {
    url: new URL(url),
    pid: child.pid ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The JSON-RPC message answering request `id` in a JSON or an SSE (`text/event-stream`) body. */
function answerIn(contentType: string, body: string, id: number | string): Record<string, unknown> {
  const messages: unknown[] = [];
  if (contentType.startsWith("text/event-stream")) {
    for (const event of body.split(/\r?\n\r?\n/)) {
      const data = event
        .split(/\r?\n/)
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).replace(/^ /, ""))
        .join("\n");
      if (data) messages.push(JSON.parse(data));
    }
  } else {
    messages.push(JSON.parse(body));
  }
  const answer = messages.find(
    (m): m is Record<string, unknown> =>
      typeof m === "object" && m !== null && (m as { id?: unknown }).id === id,
  );
  if (!answer) throw new Error(`no answer to request ${id} in the response`);
  if (answer.jsonrpc !== "2.0") throw new Error("the answer is not JSON-RPC 2.0");
  return answer;
}

/**
 * 2026-07-28 MCP clients over one pooled undici connection set, as light as the protocol lets a
 * client be: every request is one POST carrying the headers the revision asks for
 * (Mcp-Protocol-Version, Mcp-Method, Mcp-Name) and the per-request `_meta` envelope (protocol
 * version, client info, client capabilities), as the SDK's client sends them. What costs time is
 * then the server's transport, not a client library in the measuring process.
 */
function lightMcpClients(url: URL, token: string, connections: number) {
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  let nextId = 0;
  const post = async (
    client: string,
    method: string,
    params: Record<string, unknown>,
    name?: string,
  ): Promise<Record<string, unknown>> => {
    const id = nextId++;
    const headers: Record<string, string> = {
      accept: "application/json, text/event-stream",
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "mcp-method": method,
      "mcp-protocol-version": P4_PROTOCOL,
    };
    if (name !== undefined) headers["mcp-name"] = name;
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id,
      method,
      params: {
        ...params,
        _meta: {
          [PROTOCOL_VERSION_META_KEY]: P4_PROTOCOL,
          [CLIENT_INFO_META_KEY]: { name: client, version: "1" },
          [CLIENT_CAPABILITIES_META_KEY]: {},
        },
      },
    });
    const res = await pool.request({ method: "POST", path: url.pathname, headers, body });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
    const answer = answerIn(String(res.headers["content-type"] ?? ""), text, id);
    if (!answer.result || typeof answer.result !== "object") {
      throw new Error(`JSON-RPC error: ${JSON.stringify(answer.error).slice(0, 200)}`);
    }
    return answer.result as Record<string, unknown>;
  };
  return {
    /** `server/discover`, as a client does once before its first call; checks the revision is offered. */
    async discover(client: string): Promise<void> {
      const r = await post(client, "server/discover", {});
      if (!(r.supportedVersions as unknown[] | undefined)?.includes(P4_PROTOCOL)) {
        throw new Error(`the server does not offer ${P4_PROTOCOL}`);
      }
    },
    /** `tools/call`; the answer must be a successful, structured result whose text names `expect`. */
    async callTool(client: string, tool: string, expect: string): Promise<void> {
      const { text, structured } = answerOf(
        await post(client, "tools/call", { name: tool, arguments: {} }, tool),
      );
      if (!structured) throw new Error("the answer has no structuredContent");
      if (!text.includes(expect)) throw new Error(`the answer does not mention ${expect}`);
    },
    close: () => pool.close(),
  };
}

/** Runs `perClient` calls on each of `n` concurrent clients; returns calls per second. */
async function callsPerSecond(n: number, perClient: number, call: (i: number) => Promise<void>) {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      for (let k = 0; k < perClient; k++) await call(i);
    }),
  );
  return (n * perClient) / ((performance.now() - t0) / 1000);
}

export async function p4Http(s: Setting): Promise<Figure[]> {
  const n = s.httpClients;
  const perClient = s.httpCallsPerClient;
  const goals = { share: { min: 50 }, errors: { max: 0 }, rss: { max: 200 } };
  const notBuilt = () => [
    unavailable("P4 share", P4_LABELS.share, "%", "HTTP transport not built", goals.share),
    unavailable("P4 errors", P4_LABELS.errors, "errors", "HTTP transport not built", goals.errors),
    unavailable("P4 RSS", P4_LABELS.rss, "MB", "HTTP transport not built", goals.rss),
  ];
  if (!existsSync(CLI) || !existsSync(HTTP_TRANSPORT)) return notBuilt();
  return withSimulator(async (sim) => {
    const token = `bench-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    const server = await startHttpServer(serverEnv(sim.url, DEMO_ADMIN_KEY, { JIM_MCP_AUTH_TOKEN: token }));
    const direct = directGetter(sim, n);
    const light = lightMcpClients(server.url, token, n);
    const sdkClients: Client[] = [];
    const names = Array.from({ length: n }, (_, i) => `bench-http-${i}`);
    let errors = 0;
    let sdkErrors = 0;
    try {
      // The name of a system JIM lists: every answer must mention it.
      const known = sim.state.connectedSystems[0]?.name;
      if (!known) throw new Error("the simulator has no connected system");
      const call = async (i: number) => {
        try {
          await light.callTool(names[i] as string, P2_TOOL.name, known);
        } catch {
          errors += 1;
        }
      };
      await Promise.all(names.map((c) => light.discover(c)));
      // Warm-up, a few calls each: the figure is a running server's, not one still compiling its code.
      await callsPerSecond(n, P4_WARM_UP_CALLS, call);
      sim.clearRequests();
      await call(0);
      const seen = sim.requests[sim.requests.length - 1];
      const target = seen
        ? `${seen.path}${queryString(seen.query as Record<string, string | string[]>)}`
        : "";
      if (!target) throw new Error("the HTTP transport made no JIM request for a tool call");
      if (sim.requests.length !== 1) {
        throw new Error(
          `${P2_TOOL.name} made ${sim.requests.length} JIM requests per call; P4 needs exactly one.`,
        );
      }
      sim.clearRequests();
      const cpuBefore = cpuSeconds(server.pid);
      const oursPerS = await callsPerSecond(n, perClient, call);
      const cpuAfter = cpuSeconds(server.pid);
      const serverMsPerCall =
        cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / (n * perClient);
      // Every call reached JIM: nothing was answered from a cache.
      const jimCalls = sim.requests.length;
      if (jimCalls < n * perClient - errors) {
        throw new Error(`${n * perClient - errors} tool calls succeeded but JIM saw ${jimCalls} requests.`);
      }
      const rss = peakRssMB(server.pid);
      let directErrors = 0;
      const directPerS = await callsPerSecond(n, perClient, async () => {
        if ((await direct.get(target).catch(() => 0)) !== 200) directErrors += 1;
      });
      const share = (100 * oursPerS) / directPerS;

      // What a full SDK Client (its default, 2025-11-25 sessions) sees: reported, no goal.
      for (const name of names) sdkClients.push(new Client({ name, version: "1" }));
      await Promise.all(
        sdkClients.map((c) =>
          c.connect(
            new StreamableHTTPClientTransport(server.url, {
              requestInit: { headers: { authorization: `Bearer ${token}` } },
            }),
          ),
        ),
      );
      const sdkCall = async (i: number) => {
        try {
          answerOf(await (sdkClients[i] as Client).callTool(P2_TOOL));
        } catch {
          sdkErrors += 1;
        }
      };
      await callsPerSecond(n, P4_WARM_UP_CALLS, sdkCall);
      const sdkPerS = await callsPerSecond(n, perClient, sdkCall);
      const rssAll = peakRssMB(server.pid);
      const sdkShare = (100 * sdkPerS) / directPerS;
      const floors = [];
      for (const mode of ["bare", "sdk"] as const) {
        const f = await floorCallsPerSecond(mode, sim, target, token, known, n, perClient);
        floors.push({ mode, ...f, share: (100 * f.perS) / directPerS });
      }

      const calls = n * (perClient + P4_WARM_UP_CALLS) + 1;
      const cpuNote = serverMsPerCall === null ? "" : `; server CPU ${fmt(serverMsPerCall)} ms per call`;
      return [
        figure(
          "P4 share",
          P4_LABELS.share,
          share,
          "%",
          `${fmt(share)}% (${fmt(oursPerS)} vs ${fmt(directPerS)} calls/s; ${n} clients × ${perClient} calls, ` +
            `each a ${P4_PROTOCOL} tools/call POST from a light client on one undici pool, answer checked${cpuNote}; ` +
            `SDK Client with sessions, no goal: ${fmt(sdkPerS)} calls/s = ${fmt(sdkShare)}%)`,
          goals.share,
        ),
        ...floors.map((f) =>
          figure(
            `P4 floor ${f.mode}`,
            f.mode === "bare"
              ? "the same clients against a bare Node proxy (no MCP library: parse, one GET, answer)"
              : "the same clients against the SDK's stateless handler with one schema-less tool doing one GET",
            f.share,
            "%",
            `${fmt(f.share)}% (${fmt(f.perS)} calls/s${f.cpuMs === null ? "" : `; its CPU ${fmt(f.cpuMs)} ms per call`}${f.errors ? `, ${f.errors} errors` : ""}) — what any server ${f.mode === "bare" ? "in Node" : "on the SDK"} could reach here at best`,
            null,
          ),
        ),
        figure(
          "P4 errors",
          P4_LABELS.errors,
          errors + sdkErrors,
          "errors",
          `${errors + sdkErrors} of ${2 * calls - 1} tool calls (light clients ${errors} of ${calls}, ` +
            `SDK clients ${sdkErrors} of ${calls - 1}; ${jimCalls} JIM requests for ${n * perClient} timed calls; direct: ${directErrors})`,
          goals.errors,
        ),
        rss === null || rssAll === null
          ? unavailable("P4 RSS", P4_LABELS.rss, "MB", "no /proc on this system", goals.rss)
          : figure(
              "P4 RSS",
              P4_LABELS.rss,
              rssAll,
              "MB",
              `${fmt(rssAll)} MB (${fmt(rss)} MB after the light clients, before the SDK clients' sessions)`,
              goals.rss,
            ),
      ];
    } finally {
      await Promise.all(sdkClients.map((c) => c.close().catch(() => undefined)));
      await server.close();
      await light.close();
      await direct.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// P5 waiting on a run
// ---------------------------------------------------------------------------------------------

export async function p5Waiting(s: Setting): Promise<Figure[]> {
  return withSimulator(async (sim) => {
    const server = await stdioServer([], serverEnv(sim.url, DEMO_ADMIN_KEY));
    try {
      await server.client.callTool({ name: "connection_status", arguments: {} }).then(answerOf);
      sim.hooks.nextRun({ durationMs: s.runMs, objects: 5_000 });
      sim.clearRequests();
      const notes: Array<{ at: number; message: string }> = [];
      const res = await server.client.callTool(
        {
          name: "run_profile_execute",
          arguments: {
            connectedSystemId: "HR System",
            runProfileId: "Full Import",
            timeoutSeconds: Math.ceil(s.runMs / 1000) + 60,
          },
        },
        {
          onprogress: (p) => notes.push({ at: Date.now(), message: p.message ?? "" }),
          timeout: s.runMs + 120_000,
          resetTimeoutOnProgress: true,
        },
      );
      const outcome = answerOf(res).structured?.outcome;
      if (outcome !== "succeeded") throw new Error(`the run did not succeed (outcome ${String(outcome)})`);
      const run = [...sim.state.activities].reverse().find((a) => a.run?.plan)?.run?.plan;
      if (!run) throw new Error("the simulator recorded no run plan");
      const during = sim.requests.filter((r) => r.at >= run.startedAt && r.at <= run.endsAt);
      const reqPerS = during.length / (run.durationMs / 1000);
      const polls = sim.requests
        .filter((r) => r.method === "GET" && r.path.endsWith("/progress"))
        .map((r) => r.at)
        .sort((a, b) => a - b);
      // What was known before the first poll came from the request that started the run.
      const started = sim.requests.find((r) => r.method === "POST" && r.path.endsWith("/execute"))?.at;
      if (started !== undefined) polls.unshift(started);
      // A change just after one look is first seen by the next poll: its delay is from the earlier
      // look to the notification the next poll produced. The worst of those is the figure.
      // On average a change comes halfway between two looks.
      const lags: number[] = [];
      const meanLags: number[] = [];
      for (const n of notes) {
        const k = polls.findLastIndex((t) => t <= n.at);
        if (k < 1) continue;
        const prev = polls[k - 1] as number;
        const poll = polls[k] as number;
        lags.push(n.at - prev);
        meanLags.push(n.at - poll + (poll - prev) / 2);
      }
      const mean = meanLags.reduce((a, b) => a + b, 0) / Math.max(1, meanLags.length);
      // Phase changes, which the plan times exactly: when the first notification naming the step came.
      const phaseLags: number[] = [];
      run.phases.forEach((phase, i) => {
        if (i === 0) return;
        const seen = notes.find((n) => n.at >= phase.start && n.message.includes(`step ${i + 1} of`));
        if (seen) phaseLags.push(seen.at - phase.start);
      });
      const worst = lags.length ? Math.max(...lags) / 1000 : Number.NaN;
      const pollGaps = polls.slice(1).map((t, i) => t - (polls[i] as number));
      return [
        figure(
          "P5 req/s",
          `JIM requests per second while waiting on a ${fmt(s.runMs / 1000)} s run`,
          reqPerS,
          "req/s",
          `${fmt(reqPerS, 2)} req/s (${during.length} requests; polls every ${ms(median(pollGaps))})`,
          { max: 0.5 },
        ),
        figure(
          "P5 lag",
          "progress change → MCP progress notification, worst case",
          worst,
          "s",
          `${fmt(worst, 2)} s worst, ${fmt(mean / 1000, 2)} s on average (${notes.length} notifications); phase changes seen after ${phaseLags.map((l) => `${fmt(l / 1000, 2)} s`).join(", ") || "–"}`,
          { max: 2 },
        ),
      ];
    } finally {
      await server.close();
    }
  }, s.runMs);
}

// ---------------------------------------------------------------------------------------------
// P6 paging a large Metaverse
// ---------------------------------------------------------------------------------------------

export async function p6Paging(s: Setting): Promise<Figure[]> {
  return withSimulator(async (sim) => {
    fillMetaverse(sim.state, s.metaverseObjects);
    const server = await stdioServer([], serverEnv(sim.url, DEMO_ADMIN_KEY));
    try {
      let page = 1;
      let pages = 0;
      let seen = 0;
      let maxTokens = 0;
      let noHint = 0;
      let total = 0;
      const t0 = performance.now();
      for (;;) {
        const res = await server.client.callTool({
          name: "metaverse_object_search",
          arguments: { page, pageSize: 100 },
        });
        const { text, structured } = answerOf(res);
        const r = res as { content?: unknown; structuredContent?: unknown };
        maxTokens = Math.max(
          maxTokens,
          encode(JSON.stringify({ content: r.content, structuredContent: r.structuredContent })).length,
        );
        pages += 1;
        seen += (structured?.items as unknown[] | undefined)?.length ?? 0;
        total = Number(structured?.totalCount ?? 0);
        if (!structured?.hasNextPage) {
          if (!/last page|all .* shown/.test(text)) noHint += 1;
          break;
        }
        if (!text.includes(`page=${page + 1}`)) noHint += 1;
        page += 1;
      }
      const seconds = (performance.now() - t0) / 1000;
      const rss = peakRssMB(server.pid);
      const complete = seen === total && total >= s.metaverseObjects;
      const label = `paging ${fmt(s.metaverseObjects)} metaverse objects through metaverse_object_search`;
      return [
        rss === null
          ? unavailable("P6 RSS", `server peak RSS, ${label}`, "MB", "no /proc on this system", { max: 100 })
          : figure(
              "P6 RSS",
              `server peak RSS, ${label}`,
              rss,
              "MB",
              `${fmt(rss)} MB (${pages} pages in ${fmt(seconds)} s; ${fmt(seen)} of ${fmt(total)} objects seen)`,
              { max: 100 },
            ),
        figure(
          "P6 tokens",
          "largest answer (content + structuredContent, o200k)",
          maxTokens,
          "tokens",
          `${fmt(maxTokens)} tokens at 100 a page`,
          { max: 25_000 },
        ),
        figure(
          "P6 continue",
          "answers that do not say how to continue (or that they are the last)",
          complete ? noHint : pages,
          "answers",
          complete
            ? `${noHint} of ${pages}`
            : `paging stopped early: ${fmt(seen)} of ${fmt(total)} objects reached`,
          { max: 0 },
        ),
      ];
    } finally {
      await server.close();
    }
  });
}

export const MEASUREMENTS = [p1Startup, p2Overhead, p3Tokens, p4Http, p5Waiting, p6Paging] as const;

/** Runs every measurement in order; one that throws becomes a row saying so, and the rest still run. */
/** Runs every measurement, or those `only` names ("P1,P4"; env BENCH_ONLY in `npm run bench`). */
export async function runAll(
  s: Setting,
  onFigures?: (f: Figure[]) => void,
  only: string | undefined = process.env.BENCH_ONLY,
): Promise<Figure[]> {
  const wanted = only ? new Set(only.split(",").map((x) => x.trim().toUpperCase())) : undefined;
  const out: Figure[] = [];
  for (const [i, m] of MEASUREMENTS.entries()) {
    if (wanted && !wanted.has(`P${i + 1}`)) continue;
    let figs: Figure[];
    try {
      figs = await m(s);
    } catch (e) {
      figs = [unavailable(`P${i + 1}`, `measurement ${m.name}`, "", `failed: ${(e as Error).message}`, null)];
    }
    onFigures?.(figs);
    out.push(...figs);
  }
  return out;
}
