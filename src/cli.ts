#!/usr/bin/env node
/**
 * jim-mcp command line: argv + environment → configuration → a server on stdio or Streamable HTTP.
 * stdout carries the MCP protocol; everything human goes to stderr.
 */
import { parseArgs } from "node:util";
import { buildConfig, ConfigError, type ServerConfig } from "./config.js";
import { createLogger } from "./log.js";
import { createRuntime, createServerFactory, selectTools } from "./server.js";
import { whenToolsLoad } from "./tools/summary.js";
// The HTTP transport (and the web server under it) loads only when --transport http asks for it.
import type { HttpHandle } from "./transports/http.js";
import { startStdio } from "./transports/stdio.js";
import { VERSION } from "./version.js";

const HELP = `jim-mcp ${VERSION} — MCP server for the JIM identity-management API

Usage: jim-mcp [options]

Connection (the API key is never a flag: it comes from the environment or a file)
  --url <url>              JIM base URL (env JIM_URL), with JIM_API_KEY or JIM_API_KEY_FILE
  --profile <name>         use a named instance from the profiles file (env JIM_PROFILE)
  --profiles <file>        profiles file (env JIM_MCP_PROFILES; default ~/.config/jim-mcp/profiles.json)
  --demo                   run against the built-in JIM simulator with sample data (no JIM needed)
  --timeout <seconds>      per-request time limit, 1–600 (default 30; env JIM_TIMEOUT)

Safety
  --destructive <policy>   confirm (default) | deny | allow   (env JIM_MCP_DESTRUCTIVE)
  --read-only              only read-only tools                (env JIM_MCP_READ_ONLY=1)

Tool selection
  --toolsets <list>        default | all | comma-separated toolset ids (env JIM_MCP_TOOLSETS)
  --tools <list>           add these tools by name            (env JIM_MCP_TOOLS)
  --exclude-tools <list>   remove these tools by name         (env JIM_MCP_EXCLUDE_TOOLS)
  --list-tools             print the tools this configuration exposes and exit

Transport
  --transport <name>       stdio (default) | http                (env JIM_MCP_TRANSPORT)
  --host <address>         http: address to listen on (default 127.0.0.1; env JIM_MCP_HOST)
  --port <n>               http: port (default 3000; 0 = any free port; env JIM_MCP_PORT)
  --auth-token-file <file> http: bearer tokens clients must send, one a line as "<token>" or
                           "<name> <token>" (env JIM_MCP_AUTH_TOKEN_FILE; or one token in
                           JIM_MCP_AUTH_TOKEN). Required unless listening on a loopback address.
  --caller-keys <mode>     http: off (default) | allow | require — callers may send their own JIM
                           key in an X-JIM-Api-Key header (env JIM_MCP_CALLER_KEYS)
  --allowed-hosts <list>   http: Host names accepted besides loopback and the bind address, e.g.
                           the name a reverse proxy forwards; '*' = any (env JIM_MCP_ALLOWED_HOSTS).
                           Listening on 0.0.0.0 or :: needs it.
  --allowed-origins <list> http: browser origins accepted besides loopback ones, e.g.
                           https://app.example.com; '*' = any (env JIM_MCP_ALLOWED_ORIGINS)
  The HTTP endpoint is http://<host>:<port>/mcp; GET /healthz answers health checks.

Other
  --log-level <level>      error | warn | info (default) | debug, to stderr
  --secrets-dir <dir>      where new API keys and generated passwords are saved (0600 files), never shown
                           (env JIM_MCP_SECRETS_DIR; default ~/.config/jim-mcp/secrets)
  --help, --version
  JIM_MCP_V8_TUNING=off    keep V8's default heap and WebAssembly settings; dist/cli.js otherwise sets
                           memory heuristics at start (README, Performance)
`;

/**
 * What dist/cli.js set in V8 before loading the server (see scripts/bundle.mjs), in words;
 * undefined when the server was started some other way (tsc's output, tests).
 */
function launcherTuning(): string | undefined {
  const t = (globalThis as { __jimMcpV8Tuning?: { applied: string[]; yours: string[] } }).__jimMcpV8Tuning;
  if (!t) return undefined;
  if (!t.applied.length && !t.yours.length) return "V8 memory tuning off (JIM_MCP_V8_TUNING): V8's defaults";
  const yours = t.yours.length ? `; left out, as node was given its own: ${t.yours.join(", ")}` : "";
  return `V8 memory tuning: ${t.applied.join(" ") || "none"}${yours}`;
}

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: "string" },
        profile: { type: "string" },
        profiles: { type: "string" },
        demo: { type: "boolean" },
        transport: { type: "string" },
        timeout: { type: "string" },
        destructive: { type: "string" },
        "read-only": { type: "boolean" },
        toolsets: { type: "string" },
        tools: { type: "string" },
        "exclude-tools": { type: "string" },
        "list-tools": { type: "boolean" },
        "log-level": { type: "string" },
        "secrets-dir": { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        "auth-token-file": { type: "string" },
        "caller-keys": { type: "string" },
        "allowed-hosts": { type: "string" },
        "allowed-origins": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`jim-mcp: ${(e as Error).message}\nRun jim-mcp --help for the options.\n`);
    return 2;
  }
  if (values.help) {
    process.stderr.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let config: ServerConfig;
  /** The tools this configuration exposes; selecting them refuses unknown toolsets/tools before starting. */
  let selected: ReturnType<typeof selectTools>;
  try {
    config = buildConfig({
      url: values.url as string | undefined,
      profile: values.profile as string | undefined,
      profiles: values.profiles as string | undefined,
      demo: values.demo as boolean | undefined,
      timeout: values.timeout as string | undefined,
      destructive: values.destructive as string | undefined,
      readOnly: values["read-only"] as boolean | undefined,
      toolsets: values.toolsets as string | undefined,
      tools: values.tools as string | undefined,
      excludeTools: values["exclude-tools"] as string | undefined,
      logLevel: values["log-level"] as string | undefined,
      secretsDir: values["secrets-dir"] as string | undefined,
      transport: values.transport as string | undefined,
      host: values.host as string | undefined,
      port: values.port as string | undefined,
      authTokenFile: values["auth-token-file"] as string | undefined,
      callerKeys: values["caller-keys"] as string | undefined,
      allowedHosts: values["allowed-hosts"] as string | undefined,
      allowedOrigins: values["allowed-origins"] as string | undefined,
    });
    selected = selectTools(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`jim-mcp: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (values["list-tools"]) {
    for (const t of selected) process.stdout.write(`${t.name}\t${t.toolset}\t${t.kind}\n`);
    return 0;
  }

  const log = createLogger(config.logLevel);
  const tuning = launcherTuning();
  if (tuning) log.debug(tuning);
  whenToolsLoad((ms, first) =>
    log.debug(`tool definitions loaded in ${ms.toFixed(1)} ms (first needed by ${first})`),
  );
  const closers: Array<() => Promise<void>> = [];
  if (config.demo) {
    const { startSimulator, DEMO_ADMIN_KEY } = await import("./simulator/index.js");
    // JIM_SIM_RUN_MS shortens simulated runs (tests); the default reads well in a live demo.
    const runMs = Number(process.env.JIM_SIM_RUN_MS);
    // JIM limits each key to 300 requests a minute by default; the demo does too.
    const sim = await startSimulator({
      rateLimitPerMinute: 300,
      ...(Number.isFinite(runMs) && runMs > 0 ? { runDurationMs: runMs } : {}),
    });
    closers.push(() => sim.close());
    config.target = {
      name: "demo",
      url: sim.url,
      key: { kind: "inline", value: DEMO_ADMIN_KEY, label: "built-in demo key" },
    };
    // Demo mode never sends anyone's key to a real JIM, whatever JIM_URL says.
    if (config.http) config.http.jimUrl = sim.url;
    log.warn(
      `demo mode: connected to the built-in JIM simulator at ${sim.url} with sample data — this is not a real JIM.`,
    );
  } else if (!config.target) {
    log.warn(
      "no JIM connection configured: set JIM_URL and JIM_API_KEY, use --profile, or --demo. Tools will say so too.",
    );
  }
  if (config.destructive === "allow") {
    log.warn("destructive policy is ALLOW: deletes, deselections and exports run without asking anyone.");
  }
  if (config.readOnly) log.info("read-only mode: only read-only tools are offered.");

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    for (const c of closers) await c().catch(() => undefined);
    process.exit(0);
  };

  if (config.http) {
    const http = config.http;
    if (http.authTokens.length) {
      log.info(`http: bearer tokens required (${http.authTokens.map((t) => t.name).join(", ")})`);
    } else {
      log.warn("http: no authentication configured; only this machine can reach the server (loopback).");
    }
    if (http.callerKeys !== "off")
      log.info(`http: caller keys ${http.callerKeys} (X-JIM-Api-Key, checked with JIM)`);
    const { startHttp } = await import("./transports/http.js");
    let handle: HttpHandle;
    try {
      handle = await startHttp({ ...config, http }, log);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (["EADDRINUSE", "EACCES", "EADDRNOTAVAIL", "ENOTFOUND"].includes(err.code ?? "")) {
        for (const c of closers) await c().catch(() => undefined);
        process.stderr.write(
          `jim-mcp: cannot listen on ${http.host}:${http.port} (${err.code}): ${err.code === "EADDRINUSE" ? "the port is in use; pick another with --port" : "choose another --host or --port"}.\n`,
        );
        return 1;
      }
      throw e;
    }
    closers.unshift(() => handle.close());
    // Exactly one line, parsed by tools that start the server: keep its shape.
    process.stderr.write(`jim-mcp ${VERSION} ready on ${handle.url} (${handle.toolCount} tools)\n`);
  } else {
    const rt = createRuntime(config, log);
    closers.push(() => rt.connection.close());
    const handle = startStdio(createServerFactory(rt), log);
    closers.unshift(() => handle.close());
    log.info(`jim-mcp ${VERSION} ready on stdio (${selected.length} tools)`);
    process.stdin.on("end", shutdown);
    process.stdin.on("close", shutdown);
  }
  const onSignal = () => {
    // A second Ctrl-C (or SIGTERM) while calls are still finishing stops at once.
    if (closing) process.exit(1);
    void shutdown();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`jim-mcp: fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
