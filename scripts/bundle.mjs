#!/usr/bin/env node
/**
 * Start-up bundle. `npm run build` compiles src/ with tsc into dist/lib/, then
 * this script writes what a client spawning `node dist/cli.js` runs, so that
 * it gets its first tools/list answer sooner:
 *
 * - dist/jim-mcp.cjs: the whole server in one minified file, dependencies
 *   inside. undici is loaded on the first JIM request (the shim below); the
 *   tool modules and their zod schemas on the first tool call; the simulator
 *   behind --demo only when used.
 * - dist/jim-mcp.listing.json: every tool's summary (name, description,
 *   class, argument names) and listed schemas, so listing the tools needs
 *   none of their modules.
 * - dist/jim-mcp.cjs.cache: V8's code cache for it, made here by starting the
 *   server once and listing its tools, so even the first start skips parsing
 *   and compiling what start-up runs. V8 refuses a cache made by another
 *   Node version (then the server compiles normally and writes a fresh cache
 *   on exit, where dist/ is writable).
 * - dist/cli.js: a small CommonJS launcher that runs the bundle with that
 *   cache (dist/package.json marks dist/ CommonJS; dist/lib/ keeps its own
 *   package.json saying ES modules).
 *
 * dist/lib/ is tsc's output (the demo driver and scripts/docs.mjs import from
 * it). `node scripts/bundle.mjs --analyse` prints what the bundle is made of.
 */
import { spawn } from "node:child_process";
import { chmod, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeMetafile, build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const LAZY_UNDICI = "jim-mcp:lazy-undici";

/**
 * The JIM client imports undici at the top of its module but only uses it
 * when a client is constructed. Loading undici costs about a third of
 * start-up, so inside the bundle every `import … from "undici"` goes to a
 * shim that loads it on first use: each export is a stand-in that forwards
 * construction, calls and property reads to the real one.
 *
 * The shim loads only the parts the server uses: the connection pool, the
 * retry interceptor, and the request API that undici's index attaches to
 * every dispatcher. The index would also load fetch, WebSocket, the cache and
 * the mocks — about 8 MB more resident memory for nothing. The shim exports
 * only those names, so a new `import { X } from "undici"` fails the build
 * here until X is added below. Its `require`s are bundled as functions
 * esbuild evaluates only when first called.
 */
const lazyUndici = {
  name: "lazy-undici",
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) =>
      args.importer === LAZY_UNDICI || args.kind === "require-call"
        ? undefined
        : { path: LAZY_UNDICI, namespace: "lazy" },
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      resolveDir: root,
      loader: "js",
      contents: `
let real;
const load = () => {
  if (!real) {
    const Dispatcher = require("undici/lib/dispatcher/dispatcher.js");
    Object.assign(Dispatcher.prototype, require("undici/lib/api/index.js"));
    real = {
      Pool: require("undici/lib/dispatcher/pool.js"),
      interceptors: { retry: require("undici/lib/interceptor/retry.js") },
    };
  }
  return real;
};
const lazy = (name) =>
  new Proxy(function () {}, {
    construct: (_t, args) => new (load()[name])(...args),
    apply: (_t, self, args) => load()[name].apply(self, args),
    get: (_t, key) => load()[name][key],
    has: (_t, key) => key in load()[name],
  });
export const Pool = lazy("Pool");
export const interceptors = lazy("interceptors");
`,
    }));
  },
};

/**
 * Every tool module (with its zod schemas) is evaluated on first use rather than at start-up:
 * src/tools/load.ts, the one module that imports the registry, becomes a function that
 * `require`s it when first called, which esbuild bundles as a module initialised on demand.
 * Until then the server knows its tools from the manifest the launcher hands over.
 */
const lazyTools = {
  name: "lazy-tools",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]tools[\\/]load\.ts$/ }, (args) => ({
      resolveDir: dirname(args.path),
      loader: "js",
      contents: `
let tools;
export function loadTools() {
  return (tools ??= require("./registry.js").REGISTRY);
}
`,
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/cli.ts"],
  outfile: "dist/jim-mcp.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  plugins: [lazyUndici, lazyTools],
  write: false,
});

/**
 * Runs the bundle from a V8 code cache kept beside it; written to dist/cli.js. It is CommonJS
 * (dist/package.json says so): Node starts a CommonJS entry several milliseconds sooner than an
 * ES module one, as it need not set up its ES module loader.
 */
const LAUNCHER = `#!/usr/bin/env node
// jim-mcp launcher (made by scripts/bundle.mjs): runs jim-mcp.cjs with V8's code cache for it.
"use strict";
const { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

// Memory. Between calls jim-mcp keeps about 20 MB alive, but V8's defaults are made for
// throughput: a young generation that grows to 32 MB, an old generation left to reach several
// times its live size before a full collection, and, at the first JIM request, an optimising
// recompile of undici's WebAssembly HTTP parser that takes ~25 MB of compiler memory for a
// moment. So the launcher sets V8 heuristics: the old generation may grow 20% past its live size,
// WebAssembly stays on the baseline compiler, and over stdio (one client, one call at a time) the
// young generation stays at its starting size. Over HTTP it may grow as usual: held small under
// a hundred concurrent requests, it promotes most of what they hold and costs up to a quarter
// of the throughput. npm run bench: P6 (stdio) 93 MB instead of 142-160 MB, P4 (HTTP) ~155 MB instead
// of 215-231 MB. Each flag is read when V8 decides (young generation growth, the next full
// collection, how to compile WebAssembly, which nothing has compiled yet), so setting it here
// takes effect; code caches are not affected. A flag the user gave node themselves (command line
// or NODE_OPTIONS) wins over the one here, and JIM_MCP_V8_TUNING=off keeps V8's defaults.
const tuning = { applied: [], yours: [] };
if (!/^(off|0|false|no)$/i.test(process.env.JIM_MCP_V8_TUNING ?? "")) {
  // The transport as src/config.ts reads it: the last --transport flag, else the environment.
  let transport = process.env.JIM_MCP_TRANSPORT ?? "stdio";
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--transport" && i + 1 < args.length) transport = args[i + 1];
    else if (args[i].startsWith("--transport=")) transport = args[i].slice("--transport=".length);
  }
  const stdio = transport.trim().toLowerCase() !== "http";
  const given = \`\${process.execArgv.join(" ")} \${process.env.NODE_OPTIONS ?? ""}\`.replace(/_/g, "-");
  for (const [flag, theirs] of [
    ...(stdio
      ? [["--semi-space-growth-factor=1", /--(no-)?(semi-space-growth-factor|max-semi-space-size|min-semi-space-size)\\b/]]
      : []),
    ["--heap-growing-percent=20", /--heap-growing-percent\\b/],
    ["--liftoff-only", /--(no-)?(liftoff|liftoff-only|wasm-tier-up|wasm-dynamic-tiering)\\b/],
  ]) {
    if (theirs.test(given)) tuning.yours.push(flag.replace(/=.*/, ""));
    else {
      require("node:v8").setFlagsFromString(flag);
      tuning.applied.push(flag);
    }
  }
}
globalThis.__jimMcpV8Tuning = tuning;

const file = join(__dirname, "jim-mcp.cjs");
const cacheFile = \`\${file}.cache\`;
let cachedData;
try {
  // V8 checks a cache against the source's length only: one older than the bundle is not used.
  if (statSync(cacheFile).mtimeMs >= statSync(file).mtimeMs) cachedData = readFileSync(cacheFile);
} catch {}
const script = new vm.Script(
  \`(function (exports, require, module, __filename, __dirname) {\${readFileSync(file, "utf8")}\\n})\`,
  {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  },
);
if (cachedData === undefined || script.cachedDataRejected) {
  // Missing or made by another Node version: leave a fresh one for the next start, if dist/ is writable.
  process.once("exit", () => {
    // Written aside and renamed, so a server starting meanwhile never reads half a file.
    const part = \`\${cacheFile}.\${process.pid}\`;
    try {
      writeFileSync(part, script.createCachedData());
      renameSync(part, cacheFile);
    } catch {
      try {
        unlinkSync(part);
      } catch {}
    }
  });
}
// Tool summaries and schemas listed at build time, if they belong to this bundle (size and age match).
try {
  const listingFile = join(__dirname, "jim-mcp.listing.json");
  const bundle = statSync(file);
  if (statSync(listingFile).mtimeMs >= bundle.mtimeMs) {
    const listing = JSON.parse(readFileSync(listingFile, "utf8"));
    if (listing.bundleBytes === bundle.size) {
      globalThis.__jimMcpPrelisted = listing.entries;
      globalThis.__jimMcpToolManifest = listing.tools;
    }
  }
} catch {}
const bundled = { exports: {} };
script.runInThisContext()(bundled.exports, createRequire(file), bundled, file, __dirname);
`;

const dist = new URL("../dist/", import.meta.url);
/** tsc's output (ES modules): the build-time listing below reads it, as do the demo driver and docs. */
const lib = new URL("lib/", dist);
await rm(new URL("jim-mcp.cjs.cache", dist), { force: true });
await rm(new URL("jim-mcp.listing.json", dist), { force: true });
for (const f of result.outputFiles) {
  await mkdir(dirname(f.path), { recursive: true });
  // The launcher wraps the bundle in a function, where src/cli.ts's "#!" line would not parse:
  // it becomes a comment of the same length, so the source map's lines still match.
  const text = f.path.endsWith(".cjs") ? f.text.replace(/^#!.*/, (line) => `//${line.slice(2)}`) : f.text;
  await writeFile(f.path, text);
}
// dist/ holds the CommonJS launcher and bundle; dist/lib/ stays ES modules.
await writeFile(new URL("package.json", dist), `${JSON.stringify({ type: "commonjs" })}\n`);
await writeFile(new URL("package.json", lib), `${JSON.stringify({ type: "module" })}\n`);
await writeFile(new URL("cli.js", dist), LAUNCHER, { mode: 0o755 });
await chmod(new URL("cli.js", dist), 0o755);
await makeListing();
await warmCodeCache(fileURLToPath(new URL("cli.js", dist)));
if (process.argv.includes("--analyse")) process.stdout.write(await analyzeMetafile(result.metafile));

/**
 * Records every tool's listed schemas (each consent variant, both protocol eras) from tsc's
 * output, through a real MCP client, into dist/jim-mcp.listing.json. The launcher hands them to
 * the bundle, so the first tools/list converts no schema. Stamped with the bundle's size; the
 * launcher also ignores a listing older than the bundle.
 */
async function makeListing() {
  const record = {};
  globalThis.__jimMcpListingRecord = record;
  try {
    const { buildConfig } = await import(new URL("config.js", lib).href);
    const { silentLogger } = await import(new URL("log.js", lib).href);
    const { createRuntime, createServerFactory } = await import(new URL("server.js", lib).href);
    const { InMemoryTransport } = await import("@modelcontextprotocol/server");
    const { serveStdio } = await import("@modelcontextprotocol/server/stdio");
    const { Client } = await import("@modelcontextprotocol/client");
    for (const destructive of ["confirm", "deny", "allow"]) {
      const rt = createRuntime(buildConfig({ toolsets: "all", destructive }, {}), silentLogger);
      for (const era of ["modern", "legacy"]) {
        const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
        const served = serveStdio(createServerFactory(rt), { transport: serverSide });
        const client = new Client(
          { name: "jim-mcp-build", version: "1" },
          { versionNegotiation: { mode: era === "modern" ? { pin: "2026-07-28" } : "legacy" } },
        );
        await client.connect(clientSide);
        await client.listTools();
        await client.close();
        await served.close();
      }
      await rt.connection.close();
    }
    const { REGISTRY } = await import(new URL("tools/registry.js", lib).href);
    const { summarise } = await import(new URL("tools/summary.js", lib).href);
    const tools = REGISTRY.map(summarise);
    const bundleBytes = (await stat(new URL("jim-mcp.cjs", dist))).size;
    await writeFile(
      new URL("jim-mcp.listing.json", dist),
      JSON.stringify({ bundleBytes, tools, entries: record }),
    );
  } catch (e) {
    await rm(new URL("jim-mcp.listing.json", dist), { force: true });
    process.stderr.write(`bundle: no tool listing made (${e.message}); the first tools/list will convert.\n`);
  } finally {
    delete globalThis.__jimMcpListingRecord;
  }
}

/**
 * Starts the built server with no JIM configured, asks for its tools, calls one that needs no
 * JIM, and lets it exit: the launcher writes the code cache as it exits. Start-up still works
 * without a cache, so a failure here is a warning.
 */
async function warmCodeCache(cli) {
  const child = spawn(process.execPath, [cli, "--log-level", "error"], {
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const send = (m) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...m })}\n`);
  const done = new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve("timed out");
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `exit code ${code}`);
    });
  });
  let buffered = "";
  child.stdout.on("data", (d) => {
    buffered += String(d);
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const msg = JSON.parse(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      if (msg.id === 1) {
        send({ method: "notifications/initialized" });
        send({ id: 2, method: "tools/list", params: {} });
      } else if (msg.id === 2) {
        // One call of a tool that needs no JIM loads every tool module, so the cache holds their
        // compiled code too and the first real call does not compile them.
        send({
          id: 3,
          method: "tools/call",
          params: { name: "api_endpoint_search", arguments: { query: "run profile" } },
        });
      } else if (msg.id === 3) child.stdin.end();
    }
  });
  send({
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "jim-mcp-build", version: "1" },
    },
  });
  const problem = await done;
  if (problem)
    process.stderr.write(`bundle: no code cache made (${problem}); start-up will compile instead.\n`);
}
