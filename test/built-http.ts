/**
 * The built server (`dist/cli.js`) started with `--transport http` as an operator starts it: it is
 * ready once it prints its ready line on stderr, which carries the endpoint's URL. Used by the
 * HTTP command-line tests, the conformance checks and the benchmark.
 */
import { type ChildProcess, spawn } from "node:child_process";

export const BUILT_CLI = new URL("../dist/cli.js", import.meta.url).pathname;

/** The ready line: `jim-mcp <version> ready on <url> (<n> tools)`. */
export const READY_LINE = /^jim-mcp \S+ ready on (http:\/\/\S+\/mcp) \(\d+ tools\)$/m;

export interface BuiltHttp {
  child: ChildProcess;
  /** The URL from the ready line (its first capture group). */
  url: string;
  /** Everything the server has written to stderr so far. */
  stderr(): string;
}

/**
 * Spawns the built server with `args` (add `--transport http` and the rest) and resolves once
 * stderr matches `ready`. Rejects, with what the server wrote, if it exits first or is not ready
 * within `timeoutMs` (then it is killed). `script` runs another HTTP server the same way (the
 * benchmark's reference servers).
 */
export function startBuiltHttp(
  args: string[],
  env: Record<string, string>,
  opts: { ready?: RegExp; timeoutMs?: number; script?: string } = {},
): Promise<BuiltHttp> {
  const ready = opts.ready ?? READY_LINE;
  const child = spawn(process.execPath, [opts.script ?? BUILT_CLI, ...args], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  return new Promise((resolve, reject) => {
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill();
            reject(new Error(`not ready within ${opts.timeoutMs} ms: ${err.trim().slice(0, 400)}`));
          }, opts.timeoutMs);
    child.stderr.on("data", (d: Buffer) => {
      err += String(d);
      const m = ready.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, stderr: () => err });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}): ${err.trim().slice(0, 400)}`));
    });
  });
}
