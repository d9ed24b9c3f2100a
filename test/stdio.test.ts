/**
 * The built server over stdio, spawned like a real client would: both protocol
 * eras, demo mode, stdout clean, errors for bad flags.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { describe, expect, it } from "vitest";
import { startSimulator } from "../src/simulator/index.js";
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
    for (const destructive of ["confirm", "deny"] as const) {
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

  it("without a connection, tools say what to set", async () => {
    const t = transport([]);
    const client = new Client({ name: "stdio-test", version: "1" });
    await client.connect(t);
    const res = await client.callTool({ name: "partition_list", arguments: { connectedSystemId: 1 } });
    expect(res.isError).toBe(true);
    expect(JSON.stringify(res.content)).toMatch(/JIM_URL/);
    await client.close();
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
