/**
 * createServerFactory(runtime): one McpServer per MCP connection, with the
 * selected tools registered through the wrapper. The same factory serves both
 * protocol eras (2026-07-28 and 2025-11-25).
 */
import { McpServer } from "@modelcontextprotocol/server";
import { ConfigError, type ServerConfig } from "./config.js";
import { ConnectionManager } from "./connection.js";
import type { Logger } from "./log.js";
import { registerPrompts } from "./prompts/index.js";
import { registerResources } from "./resources/index.js";
import { ConsentSealer } from "./tools/consent.js";
import { type ToolSummary, toolSummaries } from "./tools/summary.js";
import { DEFAULT_TOOLSETS, TOOLSET_IDS } from "./tools/toolsets.js";
import { type Runtime, registerWrapped } from "./tools/wrap.js";
import { VERSION } from "./version.js";

/** What the server tells a client about itself, naming only tools this configuration exposes. */
export function serverInstructions(exposes: (tool: string) => boolean): string {
  const has = (...tools: string[]) => tools.every(exposes);
  return [
    "jim-mcp operates a JIM identity-management instance.",
    has("connection_status") ? "Start with connection_status." : "",
    has("sync_health")
      ? `For "is sync healthy?" call sync_health (one bounded call)${has("activity_explain") ? "; activity_explain says why a run failed" : ""}.`
      : "",
    "Fields that take an id of a connected system, run profile, object type, sync rule or schedule also take its name; errors list the closest choices.",
    has("run_profile_execute")
      ? `run_profile_execute waits up to timeoutSeconds (default 50) and then returns 'still running' with an activity id${has("activity_wait") ? ": continue with activity_wait" : ""}.`
      : "",
    "Destructive changes (deselecting scope, exports, deletes) need the user's confirmation: never invent a confirmationToken; only pass one the server returned, after the user agreed.",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The tools this configuration exposes, in registry order. Unknown names are configuration errors. */
export function selectTools(
  config: Pick<ServerConfig, "toolsets" | "tools" | "excludeTools" | "readOnly" | "destructive">,
  registry: readonly ToolSummary[] = toolSummaries(),
): ToolSummary[] {
  const names = new Set(registry.map((t) => t.name));
  const requested = config.toolsets.length ? config.toolsets : ["default"];
  const sets = new Set<string>();
  for (const s of requested) {
    if (s === "all") for (const id of TOOLSET_IDS) sets.add(id);
    else if (s === "default") for (const id of DEFAULT_TOOLSETS) sets.add(id);
    else if (TOOLSET_IDS.includes(s)) sets.add(s);
    else
      throw new ConfigError(
        `Unknown toolset "${s}". Known toolsets: default, all, ${TOOLSET_IDS.join(", ")}.`,
      );
  }
  for (const t of [...config.tools, ...config.excludeTools]) {
    if (!names.has(t)) throw new ConfigError(`Unknown tool "${t}". Known tools: ${[...names].join(", ")}.`);
  }
  const extra = new Set(config.tools);
  const excluded = new Set(config.excludeTools);
  return registry.filter((t) => {
    if (excluded.has(t.name)) return false;
    if (!sets.has(t.toolset) && !extra.has(t.name)) return false;
    if (config.readOnly && t.kind !== "read") return false;
    if (config.destructive === "deny" && t.kind === "destructive") return false;
    return true;
  });
}

export function createRuntime(
  config: ServerConfig,
  log: Logger,
  opts: {
    env?: NodeJS.ProcessEnv;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    sealer?: ConsentSealer;
  } = {},
): Runtime {
  const rt: Runtime = {
    config,
    log,
    connection: new ConnectionManager(config, log, opts.env ?? process.env, { sleep: opts.sleep }),
    sealer: opts.sealer ?? new ConsentSealer(),
    exposes: (tool) => selectionFor(rt).byName.has(tool),
  };
  return rt;
}

/** The tools a runtime exposes, selected once: stateless HTTP makes a factory per request. */
interface Selection {
  tools: ToolSummary[];
  byName: Map<string, ToolSummary>;
  instructions: string;
}
const selections = new WeakMap<Runtime, Selection>();

function selectionFor(rt: Runtime): Selection {
  let selection = selections.get(rt);
  if (!selection) {
    const tools = selectTools(rt.config);
    const byName = new Map(tools.map((t) => [t.name, t]));
    selection = { tools, byName, instructions: serverInstructions((t) => byName.has(t)) };
    selections.set(rt, selection);
  }
  return selection;
}

/**
 * `connectionId` names who a consent token or confirmation belongs to. By default every
 * server instance (one per stdio or in-memory connection) gets its own. Transports that build
 * an instance per request (stateless HTTP) pass the caller's identity instead, so a token
 * issued on one request can be redeemed on the next by the same caller and by nobody else.
 */
export function createServerFactory(
  rt: Runtime,
  opts: {
    connectionId?: () => string;
    /**
     * The instance serves one stateless request that calls this tool: only that tool is
     * registered (no other tools, resources or prompts), which is most of an instance's cost.
     * A name this configuration does not expose gets the full instance, and with it the usual
     * unknown-tool error.
     */
    onlyTool?: string | undefined;
  } = {},
): () => McpServer {
  const { tools, byName, instructions } = selectionFor(rt);
  const only = opts.onlyTool === undefined ? undefined : byName.get(opts.onlyTool);
  let connections = 0;
  return () => {
    connections += 1;
    const connectionId =
      opts.connectionId?.() ?? `c${connections}-${Math.random().toString(36).slice(2, 10)}`;
    const server = new McpServer(
      { name: "jim-mcp", title: "JIM identity management", version: VERSION },
      {
        capabilities: { tools: {}, resources: {}, prompts: {}, completions: {} },
        instructions,
        // The prompt and template lists are fixed for the life of the process.
        cacheHints: {
          "prompts/list": { ttlMs: 300_000, cacheScope: "private" },
          "resources/templates/list": { ttlMs: 300_000, cacheScope: "private" },
        },
      },
    );
    if (only) {
      registerWrapped(server, only, rt, connectionId);
      return server;
    }
    for (const def of tools) registerWrapped(server, def, rt, connectionId);
    registerResources(server, rt);
    registerPrompts(server, rt, tools);
    return server;
  };
}
