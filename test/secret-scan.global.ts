/**
 * Global setup for the canary secret scan: one random canary per run, handed to every
 * test worker; the teardown reads each test file's report and fails the run on any leak.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type Leak, newCanaryKey } from "./secret-scan.js";

export interface ScanReport {
  file: string;
  scanned: number;
  leaks: Leak[];
}

/** Reads every report in `dir`: what was scanned and what leaked. */
export function readReports(dir: string): ScanReport[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as ScanReport);
}

export default function setup(project: TestProject) {
  const reportDir = mkdtempSync(join(tmpdir(), "jim-mcp-canary-"));
  project.provide("jimCanary", { key: newCanaryKey(), reportDir });
  return () => {
    const reports = readReports(reportDir);
    rmSync(reportDir, { recursive: true, force: true });
    const leaks = reports.flatMap((r) => r.leaks.map((l) => `${r.file}: ${l.where}: ${l.excerpt}`));
    if (leaks.length > 0) {
      throw new Error(`Canary secret scan: the test API key appeared in output:\n${leaks.join("\n")}`);
    }
    const scanned = reports.reduce((n, r) => n + r.scanned, 0);
    process.stdout.write(
      `Canary secret scan: ${scanned} outputs from ${reports.length} test files scanned, no leaks.\n`,
    );
  };
}
