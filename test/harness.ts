/**
 * In-process test rig: the simulator on loopback, the server factory, and a
 * real MCP client over a linked in-memory transport, in either protocol era.
 */
import { Client } from "@modelcontextprotocol/client";
import { InMemoryTransport } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { expect } from "vitest";
import type { ServerConfig } from "../src/config.js";
import { checkRequest } from "../src/jim/catalogue/index.js";
import { createLogger } from "../src/log.js";
import { createRuntime, createServerFactory } from "../src/server.js";
import {
  DEMO_ADMIN_KEY,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../src/simulator/index.js";
import type { ConsentSealer } from "../src/tools/consent.js";
import type { Runtime } from "../src/tools/wrap.js";
import { baseConfig } from "./fixtures.js";
import { canaryKey, scanOutput } from "./secret-scan.js";

export type Era = "legacy" | "modern";
export type ElicitAnswer = "accept" | "decline" | "cancel";

export interface RigOptions {
  era?: Era;
  config?: Partial<ServerConfig>;
  sim?: SimulatorOptions;
  /** Declare form elicitation and answer every request this way. */
  elicit?: ElicitAnswer;
  /** Reuse a running simulator instead of starting one. */
  simulator?: Simulator;
  /** No JIM target at all. */
  unconfigured?: boolean;
  /** The consent sealer (tests control its clock). */
  sealer?: ConsentSealer;
  /** The JIM client's sleep between retries (tests skip Retry-After waits with it). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Rig {
  sim: Simulator;
  client: Client;
  rt: Runtime;
  elicitations: Array<{ message: string }>;
  /** The API key the rig connects with: the run's canary (see secret-scan.ts). */
  key: string;
  /** Every line the server logged (debug level, as written: keys already redacted). */
  logs: string[];
  call(
    name: string,
    args?: Record<string, unknown>,
    opts?: Parameters<Client["callTool"]>[1],
  ): Promise<ToolResult>;
  /** A second MCP connection to the same server process (same runtime). */
  connectAgain(opts?: { era?: Era; elicit?: ElicitAnswer }): Promise<Client>;
  close(): Promise<void>;
}

export interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  _meta?: Record<string, unknown>;
}

export function text(r: ToolResult): string {
  return r.content
    .filter((c) => c.type === "text")
    .map((c) => c.text ?? "")
    .join("\n");
}

/** The text of a prompt got with `args`: one user message, in text. */
export async function promptText(rg: Rig, name: string, args: Record<string, string> = {}): Promise<string> {
  const res = await rg.client.getPrompt({ name, arguments: args });
  expect(res.messages).toHaveLength(1);
  expect(res.messages[0]!.role).toBe("user");
  const content = res.messages[0]!.content as { type: string; text: string };
  expect(content.type).toBe("text");
  return content.text;
}

/**
 * Gives the simulator's demo administrator key the canary as its secret. The demo key
 * stays accepted as an alias, so requests a test sends itself keep working, and the key
 * keeps its name, roles, state and stored prefix (the canary starts like the demo key).
 */
export function adoptCanary(sim: Simulator, key = canaryKey()): void {
  for (const k of sim.state.apiKeys) {
    if (k.key === DEMO_ADMIN_KEY) {
      k.key = key;
      k.aliases = [...(k.aliases ?? []), DEMO_ADMIN_KEY];
    }
  }
}

export async function rig(opts: RigOptions = {}): Promise<Rig> {
  const sim = opts.simulator ?? (await startSimulator({ runDurationMs: 300, ...opts.sim }));
  const key = canaryKey();
  adoptCanary(sim, key);
  const config = baseConfig({
    target: opts.unconfigured
      ? undefined
      : { name: "test", url: sim.url, key: { kind: "inline", value: key, label: "test key" } },
    ...opts.config,
  });
  const logs: string[] = [];
  const logger = createLogger("debug", (line) => {
    logs.push(line);
    scanOutput("server log", line);
  });
  const rt = createRuntime(config, logger, {
    ...(opts.sealer ? { sealer: opts.sealer } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  const factory = createServerFactory(rt);
  const elicitations: Array<{ message: string }> = [];
  const handles: Array<{ close(): Promise<void> }> = [];
  const clients: Client[] = [];

  const connect = async (era: Era, elicit: ElicitAnswer | undefined) => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    // Everything the server sends (results, errors, notifications, elicitations) is scanned for the canary.
    const send = serverSide.send.bind(serverSide);
    serverSide.send = (message, options) => {
      scanOutput("MCP message from the server", message);
      return send(message, options);
    };
    handles.push(serveStdio(factory, { transport: serverSide }));
    const client = new Client(
      { name: "jim-mcp-test", version: "1.0.0" },
      {
        capabilities: elicit ? { elicitation: { form: {} } } : {},
        versionNegotiation: { mode: era === "modern" ? { pin: "2026-07-28" } : "legacy" },
      },
    );
    if (elicit) {
      client.setRequestHandler("elicitation/create", async (req) => {
        elicitations.push({ message: String((req.params as { message?: string }).message ?? "") });
        return elicit === "accept" ? { action: "accept", content: { confirm: true } } : { action: elicit };
      });
    }
    await client.connect(clientSide);
    clients.push(client);
    return client;
  };

  const client = await connect(opts.era ?? "modern", opts.elicit);
  return {
    sim,
    client,
    rt,
    elicitations,
    key,
    logs,
    async call(name, args = {}, callOpts) {
      return (await client.callTool({ name, arguments: args }, callOpts)) as unknown as ToolResult;
    },
    connectAgain: (o = {}) => connect(o.era ?? opts.era ?? "modern", o.elicit),
    async close() {
      // Every request jim-mcp sent must fit a catalogued endpoint (method, path, query names, body fields).
      // Requests a test sends straight to the simulator (other user agents) are its own business.
      const problems: string[] = [];
      for (const q of sim.requests.filter((x) => x.userAgent === "jim-mcp")) {
        const check = checkRequest({ method: q.method, path: q.path, query: q.query, body: q.body });
        if (!check.ok) problems.push(`${q.method} ${q.path}: ${check.problems.join("; ")}`);
      }
      for (const c of clients) await c.close().catch(() => undefined);
      for (const h of handles) await h.close().catch(() => undefined);
      await rt.connection.close();
      if (!opts.simulator) await sim.close();
      if (problems.length)
        throw new Error(`Requests outside JIM's catalogue:\n${[...new Set(problems)].join("\n")}`);
    },
  };
}
