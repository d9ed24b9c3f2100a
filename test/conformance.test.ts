/**
 * The official MCP checkers against the built server over HTTP (`--demo --transport http`, all toolsets):
 * - @modelcontextprotocol/conformance 0.1.16, the active 2025-era server suite, and 0.2.0-alpha.12, the
 *   scenarios 2026-07-28 requires; each with its expected-failures file in conformance/ naming every
 *   scenario that cannot apply and why (a listed scenario that starts passing fails the run too).
 * - @modelcontextprotocol/inspector's CLI, `tools/list --strict` in both protocol eras.
 * Both need Node ≥ 22, fetched by npx (`-p node@22`) and cached by it between runs.
 * Set JIM_MCP_SKIP_CONFORMANCE=1 to skip offline.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_CLI, startBuiltHttp } from "./built-http.js";

const CONFORMANCE_2025 = "@modelcontextprotocol/conformance@0.1.16";
const CONFORMANCE_2026 = "@modelcontextprotocol/conformance@0.2.0-alpha.12";
const INSPECTOR = "@modelcontextprotocol/inspector@2.12.0";
const ROOT = new URL("..", import.meta.url).pathname;
const skip = !existsSync(BUILT_CLI) || process.env.JIM_MCP_SKIP_CONFORMANCE === "1";

let server: ChildProcess | undefined;
let url = "";
const work = mkdtempSync(join(tmpdir(), "jim-mcp-conformance-"));

/** Runs a Node-22 tool through npx; resolves with its exit code and combined output. */
function npx(pkg: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["-y", "-p", "node@22", "-p", pkg, "--", ...args], {
      cwd: work,
      env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += String(d)));
    child.stderr.on("data", (d) => (output += String(d)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

function tail(s: string, lines = 60): string {
  return s.split("\n").slice(-lines).join("\n");
}

describe.skipIf(skip)("official conformance and inspector checks (HTTP)", () => {
  beforeAll(async () => {
    const started = await startBuiltHttp(
      ["--demo", "--transport", "http", "--port", "0", "--toolsets", "all", "--log-level", "warn"],
      { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", JIM_SIM_RUN_MS: "300" },
    );
    server = started.child;
    url = started.url;
  }, 30_000);

  afterAll(() => {
    server?.kill("SIGTERM");
  });

  it("conformance 0.1.16: the active 2025-era server suite, failures only where listed", async () => {
    const { code, output } = await npx(CONFORMANCE_2025, [
      "conformance",
      "server",
      "--url",
      url,
      "--suite",
      "active",
      "--expected-failures",
      join(ROOT, "conformance/expected-failures-2025.yml"),
      "-o",
      join(work, "results-2025"),
    ]);
    expect(code, tail(output)).toBe(0);
    expect(output).toMatch(/✓ dns-rebinding-protection/);
    expect(output).toMatch(/✓ tools-list/);
  }, 300_000);

  it("conformance 0.2.0-alpha.12: what 2026-07-28 requires, failures only where listed", async () => {
    const { code, output } = await npx(CONFORMANCE_2026, [
      "conformance",
      "server",
      "--url",
      url,
      "--requirements",
      "2026-07-28",
      "--expected-failures",
      join(ROOT, "conformance/expected-failures-2026.yml"),
      "-o",
      join(work, "results-2026"),
    ]);
    expect(code, tail(output)).toBe(0);
    expect(output).toMatch(/✓ http-header-validation/);
    expect(output).toMatch(/✓ dns-rebinding-protection/);
  }, 300_000);

  for (const era of ["modern", "legacy"] as const) {
    it(`inspector --strict over tools/list (${era} era) finds no errors`, async () => {
      const { code, output } = await npx(INSPECTOR, [
        "mcp-inspector",
        "--cli",
        url,
        "--method",
        "tools/list",
        "--strict",
        "--protocol-era",
        era,
      ]);
      expect(code, tail(output)).toBe(0);
      expect(output).toMatch(/\b0 errors\b/);
    }, 300_000);
  }
});
