#!/usr/bin/env node
/**
 * Start-up bundle: `npm run build` compiles src/ with tsc, then this script
 * replaces dist/cli.js with one minified ESM file (dependencies inside), so a
 * client that spawns `node dist/cli.js` waits for one file to load instead of
 * a few hundred. What only some runs need is split into chunks loaded on first
 * use (dist/chunks/): the simulator behind --demo and, through the lazy shim
 * below, undici, which is needed only when the first JIM request is made.
 *
 * The rest of dist/ stays tsc's output (the demo driver and scripts/docs.mjs
 * import from it). `node scripts/bundle.mjs --analyse` prints what the bundle
 * is made of.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeMetafile, build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const LAZY_UNDICI = "jim-mcp:lazy-undici";

/**
 * The JIM client imports undici at the top of its module but only uses it
 * when a client is constructed. Loading undici costs about a third of
 * start-up, so inside the bundle every `import … from "undici"` goes to a
 * shim that loads undici on first use: each export undici has is re-exported
 * as a stand-in that forwards construction, calls and property reads to the
 * real export. The shim's `require("undici")` is bundled as a function esbuild
 * evaluates only when it is first called.
 */
const lazyUndici = {
  name: "lazy-undici",
  setup(b) {
    const names = Object.keys(createRequire(import.meta.url)("undici")).filter((n) =>
      /^[A-Za-z_$][\w$]*$/.test(n),
    );
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
const load = () => (real ??= require("undici"));
const lazy = (name) =>
  new Proxy(function () {}, {
    construct: (_t, args) => new (load()[name])(...args),
    apply: (_t, self, args) => load()[name].apply(self, args),
    get: (_t, key) => load()[name][key],
    has: (_t, key) => key in load()[name],
  });
${names.map((n) => `export const ${n} = lazy(${JSON.stringify(n)});`).join("\n")}
`,
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  // Bundled CommonJS (undici) calls require() for Node's built-ins; ESM has none of its own.
  banner: {
    js: "import{createRequire as __jimRequire}from'node:module';const require=__jimRequire(import.meta.url);",
  },
  plugins: [lazyUndici],
  write: false,
});

// Chunk names carry a content hash: drop the previous build's before writing this one's.
await rm(new URL("../dist/chunks", import.meta.url), { recursive: true, force: true });
for (const f of result.outputFiles) {
  await mkdir(dirname(f.path), { recursive: true });
  await writeFile(f.path, f.contents, { mode: f.path.endsWith("cli.js") ? 0o755 : 0o644 });
}
if (process.argv.includes("--analyse")) process.stdout.write(await analyzeMetafile(result.metafile));
