/**
 * The built server with `--transport http`, spawned like an operator would: the one ready line,
 * a token file with named tokens, refusal to listen on the network without auth, and a clean
 * exit on SIGTERM.
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";
import { BUILT_CLI, startBuiltHttp } from "./built-http.js";

const ENV = { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", JIM_SIM_RUN_MS: "300" };
const READY = /^jim-mcp \d+\.\d+\.\d+\S* ready on (http:\/\/127\.0\.0\.1:\d+\/mcp) \((\d+) tools\)$/m;

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

async function startCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; stderr: () => string }> {
  const server = await startBuiltHttp(args, { ...ENV, ...env }, { ready: READY });
  child = server.child;
  return server;
}

describe.skipIf(!existsSync(BUILT_CLI))("HTTP (built server)", () => {
  it("prints one ready line, serves named tokens, and exits cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jim-mcp-tokens-"));
    const file = join(dir, "tokens");
    writeFileSync(
      file,
      "# agents\nci-agent test-token-ci-0123456789abcdef\n\ndesk test-token-desk-0123456789abcdef\n",
    );
    const { url, stderr } = await startCli([
      "--demo",
      "--transport",
      "http",
      "--port",
      "0",
      "--auth-token-file",
      file,
      "--log-level",
      "debug",
    ]);
    const client = new Client(
      { name: "cli-test", version: "1" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: "Bearer test-token-desk-0123456789abcdef" } },
      }),
    );
    const status = await client.callTool({ name: "connection_status", arguments: {} });
    expect(status.structuredContent).toMatchObject({ reachable: true, administrator: true, profile: "demo" });
    await client.close();
    const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));
    child!.kill("SIGTERM");
    expect(await exited).toBe(0);
    const log = stderr();
    expect(log.match(/ready on/g)).toHaveLength(1);
    expect(log).toMatch(/from desk/);
    expect(log).toMatch(/bearer tokens required \(ci-agent, desk\)/);
    expect(log).not.toMatch(/test-token-/);
  });

  it("refuses to listen on the network without auth, and says how to fix it", () => {
    const r = spawnSync(process.execPath, [BUILT_CLI, "--demo", "--transport", "http", "--host", "0.0.0.0"], {
      env: ENV,
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0 without authentication/);
    expect(r.stderr).toMatch(/JIM_MCP_AUTH_TOKEN or --auth-token-file/);
    const bad = spawnSync(process.execPath, [BUILT_CLI, "--transport", "carrier-pigeon"], {
      env: ENV,
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--transport must be stdio or http/);
    const help = spawnSync(process.execPath, [BUILT_CLI, "--help"], { env: ENV, encoding: "utf8" });
    expect(help.stderr).toMatch(/--caller-keys/);
    expect(help.stderr).toMatch(/\/healthz/);
  });
});
