/**
 * The built server over stdio, spawned like a real client would: both protocol
 * eras, demo mode, stdout clean, errors for bad flags.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { describe, expect, it } from "vitest";
import { DEMO_ADMIN_KEY, startSimulator } from "../src/simulator/index.js";
import { startBuiltHttp } from "./built-http.js";
import { adoptCanary, rig } from "./harness.js";
import { canaryKey, scanOutput } from "./secret-scan.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;

function transport(args: string[], env: Record<string, string> = {}) {
  return new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...args],
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", JIM_SIM_RUN_MS: "300", ...env },
    stderr: "pipe",
  });
}

describe.skipIf(!existsSync(CLI))("stdio (built server)", () => {
  for (const era of ["modern", "legacy"] as const) {
    it(`serves a ${era}-era client in demo mode`, async () => {
      const t = transport(["--demo", "--log-level", "warn"]);
      let stderr = "";
      t.stderr?.on("data", (d) => (stderr += String(d)));
      const client = new Client(
        { name: "stdio-test", version: "1" },
        { versionNegotiation: { mode: era === "modern" ? { pin: "2026-07-28" } : "legacy" } },
      );
      await client.connect(t);
      const { tools } = await client.listTools();
      expect(tools.map((x) => x.name)).toContain("run_profile_execute");
      const status = await client.callTool({ name: "connection_status", arguments: {} });
      expect(status.structuredContent).toMatchObject({
        reachable: true,
        administrator: true,
        profile: "demo",
      });
      const run = await client.callTool({
        name: "run_profile_execute",
        arguments: { connectedSystemId: "HR System", runProfileId: "Full Import" },
      });
      expect(run.structuredContent).toMatchObject({ outcome: "succeeded" });
      await client.close();
      expect(stderr).toMatch(/simulator/);
    });
  }

  it("with the run's canary key from the environment, no stdout, stderr or result shows it (debug logging)", async () => {
    const sim = await startSimulator({ runDurationMs: 300 });
    adoptCanary(sim);
    const key = canaryKey();
    const t = transport(["--log-level", "debug", "--toolsets", "all"], {
      JIM_URL: sim.url,
      JIM_API_KEY: key,
    });
    let stderr = "";
    t.stderr?.on("data", (d) => (stderr += String(d)));
    const client = new Client({ name: "stdio-test", version: "1" });
    try {
      await client.connect(t);
      const calls: Array<[string, Record<string, unknown>]> = [
        ["connection_status", {}],
        ["api_key_list", {}],
        ["run_profile_execute", { connectedSystemId: 1, runProfileId: "Full Import" }],
        ["partition_list", { connectedSystemId: 999 }],
        ["api_get", { path: "/no/such/endpoint" }],
      ];
      for (const [name, args] of calls) {
        const res = await client.callTool({ name, arguments: args });
        scanOutput(`stdio ${name} result`, res);
      }
      const status = await client.callTool({ name: "connection_status", arguments: {} });
      expect(status.structuredContent).toMatchObject({ reachable: true, administrator: true });
      expect(JSON.stringify(status)).toContain(key.slice(0, 11));
    } finally {
      await client.close();
      await sim.close();
    }
    expect(stderr).toMatch(/connected to/);
    scanOutput("stdio stderr (debug)", stderr);
    expect(stderr).not.toContain(key);
  });

  it("the built server (its build-time listing) lists exactly what the source does", async () => {
    for (const destructive of ["confirm", "deny", "allow"] as const) {
      const t = transport(["--toolsets", "all", "--destructive", destructive]);
      const client = new Client({ name: "stdio-test", version: "1" });
      await client.connect(t);
      const built = await client.listTools();
      await client.close();
      const r = await rig({ unconfigured: true, config: { toolsets: ["all"], destructive } });
      try {
        const source = await r.client.listTools();
        expect(built.tools.length).toBeGreaterThan(60);
        expect(built.tools).toEqual(source.tools);
      } finally {
        await r.close();
      }
    }
  });

  it("evaluates the tool modules on first use, not to start or list", async () => {
    const t = transport(["--log-level", "debug", "--demo"]);
    let stderr = "";
    t.stderr?.on("data", (d) => (stderr += String(d)));
    const client = new Client({ name: "stdio-test", version: "1" });
    try {
      await client.connect(t);
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(20);
      await client.listResources();
      await client.listPrompts();
      expect(stderr).toMatch(/ready on stdio/);
      expect(stderr).not.toMatch(/tool definitions loaded/);
      // The first use is the input check: refused, naming the argument, before any handler runs.
      const bad = await client.callTool({ name: "partition_list", arguments: { connectedSystemId: 0 } });
      expect(bad.isError).toBe(true);
      expect(JSON.stringify(bad.content)).toMatch(/connectedSystemId/);
      expect(stderr).toMatch(/tool definitions loaded in [\d.]+ ms \(first needed by partition_list\)/);
      const ok = await client.callTool({ name: "connected_system_list", arguments: {} });
      expect(ok.isError).toBeFalsy();
      expect(JSON.stringify(ok.structuredContent)).toContain("HR System");
      expect(stderr.match(/tool definitions loaded/g)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it("without the build's listing and tool manifest, the bundle lists and runs the same", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jim-mcp-bundle-"));
    try {
      for (const f of ["cli.js", "jim-mcp.cjs", "jim-mcp.cjs.cache"]) {
        copyFileSync(new URL(`../dist/${f}`, import.meta.url), join(dir, f));
      }
      writeFileSync(join(dir, "package.json"), '{"type":"commonjs"}');
      const t = new StdioClientTransport({
        command: process.execPath,
        args: [join(dir, "cli.js"), "--toolsets", "all", "--demo", "--log-level", "debug"],
        env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", JIM_SIM_RUN_MS: "300" },
        stderr: "pipe",
      });
      let stderr = "";
      t.stderr?.on("data", (d) => (stderr += String(d)));
      const client = new Client({ name: "stdio-test", version: "1" });
      await client.connect(t);
      const built = await client.listTools();
      const res = await client.callTool({
        name: "partition_list",
        arguments: { connectedSystemId: "HR System" },
      });
      await client.close();
      expect(res.isError).toBeFalsy();
      // Without a manifest the definitions are what the tools are known by: loaded at start-up.
      expect(stderr).not.toMatch(/tool definitions loaded/);
      const r = await rig({ unconfigured: true, config: { toolsets: ["all"] } });
      try {
        expect(built.tools).toEqual((await r.client.listTools()).tools);
      } finally {
        await r.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the bundle's own cut of undici retries as the source does (503 with Retry-After, a reset)", async () => {
    const sim = await startSimulator();
    const path = "/api/v1/synchronisation/connected-systems";
    const t = transport([], { JIM_URL: sim.url, JIM_API_KEY: DEMO_ADMIN_KEY });
    const client = new Client({ name: "stdio-test", version: "1" });
    try {
      await client.connect(t);
      const hits = () => sim.requests.filter((q) => q.method === "GET" && q.path === path).length;
      sim.hooks.fault({ method: "GET", path, kind: "status", status: 503, retryAfter: "1" });
      const after503 = await client.callTool({ name: "connected_system_list", arguments: {} });
      expect(after503.isError).toBeFalsy();
      expect(hits()).toBe(2);
      sim.hooks.fault({ method: "GET", path, kind: "reset" });
      const afterReset = await client.callTool({ name: "connected_system_list", arguments: {} });
      expect(afterReset.isError).toBeFalsy();
      expect(hits()).toBe(4);
      sim.hooks.fault({ method: "GET", path, kind: "status", status: 500 });
      const failed = await client.callTool({ name: "connected_system_list", arguments: {} });
      expect(failed.isError).toBe(true);
      expect(JSON.stringify(failed.content)).toMatch(/HTTP 500/);
      expect(hits()).toBe(5);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it("without a connection, tools say what to set", async () => {
    const t = transport([]);
    const client = new Client({ name: "stdio-test", version: "1" });
    await client.connect(t);
    const res = await client.callTool({ name: "partition_list", arguments: { connectedSystemId: 1 } });
    expect(res.isError).toBe(true);
    expect(JSON.stringify(res.content)).toMatch(/JIM_URL/);
    await client.close();
  });

  it("the launcher tunes V8's memory heuristics, leaves flags given to node alone, and can be told not to", () => {
    // The server starts, logs at debug level, and ends when its stdin closes.
    const tuning = (nodeArgs: string[], env: Record<string, string> = {}, args: string[] = []) => {
      const r = spawnSync(process.execPath, [...nodeArgs, CLI, "--demo", "--log-level", "debug", ...args], {
        env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", ...env },
        input: "",
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(r.stdout).toBe("");
      return /V8 memory tuning.*/.exec(r.stderr)?.[0];
    };
    expect(tuning([])).toBe(
      "V8 memory tuning: --semi-space-growth-factor=1 --heap-growing-percent=20 --liftoff-only",
    );
    expect(tuning(["--heap_growing_percent=50"])).toBe(
      "V8 memory tuning: --semi-space-growth-factor=1 --liftoff-only; left out, as node was given its own: --heap-growing-percent",
    );
    expect(tuning([], { NODE_OPTIONS: "--max-semi-space-size=8" })).toBe(
      "V8 memory tuning: --heap-growing-percent=20 --liftoff-only; left out, as node was given its own: --semi-space-growth-factor",
    );
    expect(tuning(["--no-liftoff"])).toMatch(/given its own: --liftoff-only$/);
    expect(tuning([], { JIM_MCP_V8_TUNING: "off" })).toBe(
      "V8 memory tuning off (JIM_MCP_V8_TUNING): V8's defaults",
    );
    // The flag beats the environment, as in src/config.ts.
    expect(tuning([], { JIM_MCP_TRANSPORT: "http" }, ["--transport", "stdio"])).toBe(
      "V8 memory tuning: --semi-space-growth-factor=1 --heap-growing-percent=20 --liftoff-only",
    );
  });

  it("over HTTP (many clients at once) the launcher leaves the young generation's growth to V8", async () => {
    for (const [args, env] of [
      [["--transport", "http"], {}],
      [["--transport=HTTP"], {}],
      [[], { JIM_MCP_TRANSPORT: "http" }],
    ] as Array<[string[], Record<string, string>]>) {
      const { child, stderr } = await startBuiltHttp(
        [...args, "--port", "0", "--demo", "--log-level", "debug"],
        { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", ...env },
        { timeoutMs: 15_000 },
      );
      child.kill();
      expect(/V8 memory tuning.*/.exec(stderr())?.[0], args.join(" ")).toBe(
        "V8 memory tuning: --heap-growing-percent=20 --liftoff-only",
      );
    }
  });

  it("bad flags and configuration fail fast with a clear message and exit code 2", () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", ...env },
        encoding: "utf8",
      });
    const bad = run(["--destructive", "sometimes"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/confirm, deny or allow/);
    expect(bad.stdout).toBe("");
    expect(run(["--nope"]).status).toBe(2);
    expect(run(["--toolsets", "bogus"]).stderr).toMatch(/Known toolsets/);
    const noKey = run([], { JIM_URL: "https://jim.example.com" });
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toMatch(/JIM_API_KEY/);
    expect(run(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run(["--help"]).stderr).toMatch(/--destructive/);
  });
});
