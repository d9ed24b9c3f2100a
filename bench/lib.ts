/**
 * Shared pieces of the benchmark: settings (full and tiny), the Figure record
 * every measurement returns, the table, the machine facts, and helpers to run
 * the built server over stdio against a simulator in this process.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

export const CLI = new URL("../dist/cli.js", import.meta.url).pathname;

/**
 * Which build dist/cli.js is: the launcher `npm run build` makes (bundle + code cache), or
 * tsc's plain output (what a bare `tsc -p tsconfig.build.json` leaves).
 */
export function cliArtifact(): "bundle" | "tsc" | "missing" {
  try {
    return readFileSync(CLI, "utf8").includes("jim-mcp launcher") ? "bundle" : "tsc";
  } catch {
    return "missing";
  }
}

export interface Setting {
  name: "full" | "tiny";
  /** P1: spawns of each kind (median reported). */
  startupRuns: number;
  /** P2: paired calls measured, after `overheadWarmUp` pairs that are not (the JIT settles first). */
  overheadCalls: number;
  overheadWarmUp: number;
  /** P4: concurrent clients and calls per client. */
  httpClients: number;
  httpCallsPerClient: number;
  /** P5: length of the simulated run. */
  runMs: number;
  /** P6: Metaverse size paged through. */
  metaverseObjects: number;
}

export const FULL: Setting = {
  name: "full",
  startupRuns: 15,
  overheadCalls: 3_000,
  overheadWarmUp: 2_000,
  httpClients: 100,
  httpCallsPerClient: 20,
  runMs: 60_000,
  metaverseObjects: 100_000,
};

export const TINY: Setting = {
  name: "tiny",
  startupRuns: 2,
  overheadCalls: 10,
  overheadWarmUp: 5,
  httpClients: 4,
  httpCallsPerClient: 3,
  runMs: 3_000,
  metaverseObjects: 1_000,
};

export interface Goal {
  max?: number;
  min?: number;
}

/** One row of the table. `value` is what the goal is checked against; null = not measured. */
export interface Figure {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  /** The measurement in words, with what it was compared to. */
  measured: string;
  goal: string;
  /** null when there is no goal or nothing was measured. */
  pass: boolean | null;
}

export function figure(
  id: string,
  label: string,
  value: number | null,
  unit: string,
  measured: string,
  goal: Goal | null,
): Figure {
  const pass =
    goal === null || value === null || !Number.isFinite(value)
      ? null
      : (goal.max === undefined || value <= goal.max) && (goal.min === undefined || value >= goal.min);
  return {
    id,
    label,
    value: value !== null && Number.isFinite(value) ? value : null,
    unit,
    measured,
    goal: goalText(goal, unit),
    pass,
  };
}

function goalText(goal: Goal | null, unit: string): string {
  if (!goal) return "–";
  const u = unit === "×" || unit === "%" ? unit : ` ${unit}`;
  const parts: string[] = [];
  if (goal.max !== undefined) parts.push(`≤ ${fmt(goal.max)}${u}`);
  if (goal.min !== undefined) parts.push(`≥ ${fmt(goal.min)}${u}`);
  return parts.join(", ");
}

/** A figure that could not be measured in this run, and why. */
export function unavailable(id: string, label: string, unit: string, why: string, goal: Goal | null): Figure {
  return { ...figure(id, label, null, unit, `not available: ${why}`, goal), pass: null };
}

export function fmt(n: number, digits?: number): string {
  const d = digits ?? (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
  return n.toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: d });
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i] as number;
}

export const median = (xs: number[]) => percentile(xs, 50);

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.id,
    f.label,
    f.measured,
    f.goal,
    f.pass === null ? "–" : f.pass ? "pass" : "FAIL",
  ]);
  return [
    "| figure | what | measured | goal | result |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.map((c) => c.replace(/\s*\n\s*/g, " ").replaceAll("|", "\\|")).join(" | ")} |`),
  ].join("\n");
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** Peak resident set (VmHWM) of a live process in MB (10^6 bytes), or null where /proc is missing. */
export function peakRssMB(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? (Number(kb) * 1024) / 1e6 : null;
  } catch {
    return null;
  }
}

/** Environment for a server that talks to `jimUrl` with `key`: nothing inherited but PATH. */
export function serverEnv(jimUrl: string | null, key: string | null, extra: Record<string, string> = {}) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", ...extra };
  // `JIM_MCP_V8_TUNING=off npm run bench` measures the server with V8's default heap settings.
  if (process.env.JIM_MCP_V8_TUNING !== undefined) env.JIM_MCP_V8_TUNING = process.env.JIM_MCP_V8_TUNING;
  if (jimUrl) env.JIM_URL = jimUrl;
  if (key) env.JIM_API_KEY = key;
  return env;
}

export interface StdioServer {
  client: Client;
  pid: number | null;
  close(): Promise<void>;
}

/** Spawns the built server over stdio and connects a real MCP client to it. */
export async function stdioServer(args: string[], env: Record<string, string>): Promise<StdioServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "--log-level", "error", ...args],
    env,
    stderr: "ignore",
  });
  const client = new Client({ name: "jim-mcp-bench", version: "1" });
  await client.connect(transport);
  return {
    client,
    get pid() {
      return transport.pid;
    },
    close: () => client.close(),
  };
}

/** The built server over stdio, driven by `RawStdio`. */
export interface RawStdio {
  pid: number | null;
  /** Resolves once the initialize answer has come and `initialized` has been sent. */
  ready: Promise<void>;
  /** One JSON-RPC request; resolves with its `result`, rejects on a JSON-RPC error. */
  request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Spawns the built server and speaks MCP to it with the leanest faithful client: newline-delimited
 * JSON-RPC over stdio, opening the session with the messages the SDK client sends (initialize at
 * 2025-11-25 at once, then initialized). Timings then measure the server and the pipe, not a client
 * library's own parsing and validation of every answer.
 */
export function rawStdio(env: Record<string, string>, args: string[] = []): RawStdio {
  const child = spawn(process.execPath, [CLI, "--log-level", "error", ...args], {
    env,
    stdio: ["pipe", "pipe", "ignore"],
  });
  const waiting = new Map<
    number,
    { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let buffered = "";
  const fail = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  child.on("error", fail);
  child.on("exit", (code) => fail(new Error(`the server exited (code ${code})`)));
  child.stdout.on("data", (d: Buffer) => {
    buffered += String(d);
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const msg = JSON.parse(line) as { id?: number; result?: Record<string, unknown>; error?: unknown };
      const w = typeof msg.id === "number" ? waiting.get(msg.id) : undefined;
      if (!w) continue;
      waiting.delete(msg.id as number);
      if (msg.error) w.reject(new Error(`JSON-RPC error: ${JSON.stringify(msg.error).slice(0, 300)}`));
      else w.resolve(msg.result ?? {});
    }
  });
  const write = (m: Record<string, unknown>) =>
    child.stdin.write(`${JSON.stringify({ ...m, jsonrpc: "2.0" })}\n`);
  const request = (method: string, params?: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      write(params ? { method, params, id } : { method, id });
    });
  const ready = request("initialize", {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "jim-mcp-bench", version: "1" },
  }).then(() => {
    write({ method: "notifications/initialized" });
  });
  return {
    pid: child.pid ?? null,
    ready,
    request,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin.end();
        setTimeout(() => child.kill(), 2_000).unref();
      }),
  };
}

/** Text and structured answer of a tool call, failing loudly on a tool error. */
export function answerOf(res: unknown): { text: string; structured: Record<string, unknown> | undefined } {
  const r = res as {
    isError?: boolean;
    content?: Array<{ type: string; text?: string }>;
    structuredContent?: Record<string, unknown>;
  };
  const text = (r.content ?? [])
    .filter((c) => c.type === "text")
    .map((c) => c.text ?? "")
    .join("\n");
  if (r.isError) throw new Error(`tool error: ${text.slice(0, 300)}`);
  return { text, structured: r.structuredContent };
}

/** CPU time (user + system) a live process has used so far, in seconds, or null where /proc is missing. */
export function cpuSeconds(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
