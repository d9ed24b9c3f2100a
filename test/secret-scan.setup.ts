/**
 * Per-file setup for the canary secret scan: scans what the test process writes to
 * stdout/stderr and the console, and after the file's tests checks that the canary
 * appeared nowhere, leaving a report for the global teardown.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach } from "vitest";
import { canaryContext, scanOutput, secretScan } from "./secret-scan.js";

function tap(stream: NodeJS.WriteStream, name: string): void {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  (stream as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    const chunk = args[0];
    scanOutput(
      name,
      typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : chunk,
    );
    return original(...args);
  };
}
tap(process.stdout, "stdout");
tap(process.stderr, "stderr");
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    scanOutput(`console.${level}`, args.map((a) => (typeof a === "string" ? a : String(a))).join(" "));
    original(...args);
  };
}

let file = "unknown file";
beforeEach(({ task }) => {
  file = task.file.filepath;
});

afterAll(() => {
  const scan = secretScan();
  const { reportDir } = canaryContext();
  if (reportDir) {
    writeFileSync(
      join(reportDir, `${process.pid}-${randomBytes(6).toString("hex")}.json`),
      JSON.stringify({ file, scanned: scan.scanned, leaks: scan.leaks }),
    );
  }
  scan.scanned = 0;
  if (scan.leaks.length > 0) {
    const list = scan.leaks.map((l) => `${l.where}: ${l.excerpt}`).join("\n");
    scan.leaks.length = 0;
    throw new Error(`Canary secret scan: the test API key appeared in output:\n${list}`);
  }
});
