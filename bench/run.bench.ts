/**
 * Benchmarks: each prints a measurement side by side with its reference, as a
 * ratio, measured in the same run on the same machine. No thresholds: these
 * machines are noisy; read the ratios.
 */
import { spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { it } from "vitest";
import { JimClient } from "../src/jim/client.js";
import { DEMO_ADMIN_KEY, startSimulator } from "../src/simulator/index.js";
import { listTools } from "../test/listing.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const rows: string[][] = [];
function report(name: string, ours: string, reference: string, ratio: string) {
  rows.push([name, ours, reference, ratio]);
  console.log(`${name}\n  jim-mcp:   ${ours}\n  reference: ${reference}\n  ratio:     ${ratio}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it("HTTP: pooled JimClient vs plain fetch against the simulator", async () => {
  const sim = await startSimulator();
  const jim = new JimClient({ baseUrl: sim.url, apiKey: DEMO_ADMIN_KEY });
  const path = "/synchronisation/connected-systems";
  const url = `${sim.url}/api/v1${path}`;
  const N = 400;
  for (let i = 0; i < 20; i++) await jim.get(path);
  const viaFetch = async () => {
    const r = await fetch(url, { headers: { "x-api-key": DEMO_ADMIN_KEY, accept: "application/json" } });
    return r.json();
  };
  for (let i = 0; i < 20; i++) await viaFetch();
  const time = async (f: () => Promise<unknown>, concurrency: number) => {
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < N) await f();
      }),
    );
    return (N / (performance.now() - t0)) * 1000;
  };
  for (const c of [1, 8]) {
    const ours = await time(() => jim.get(path), c);
    const theirs = await time(viaFetch, c);
    report(
      `GET throughput, ${c} at a time (${N} requests)`,
      `${ours.toFixed(0)} req/s`,
      `${theirs.toFixed(0)} req/s (fetch)`,
      `${(ours / theirs).toFixed(2)}×`,
    );
  }
  await jim.close();
  await sim.close();
});

it("stdio start-up: spawn to first tools/list vs a bare node process", async () => {
  const bare: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await new Promise<void>((res) => spawn(process.execPath, ["-e", "0"]).on("exit", () => res()));
    bare.push(performance.now() - t0);
    const t1 = performance.now();
    const client = new Client({ name: "bench", version: "1" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, "--log-level", "error"],
        env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home" },
      }),
    );
    await client.listTools();
    ours.push(performance.now() - t1);
    await client.close();
  }
  report(
    "stdio ready (median of 5)",
    `${median(ours).toFixed(0)} ms to first tools/list`,
    `${median(bare).toFixed(0)} ms for node -e 0`,
    `${(median(ours) / median(bare)).toFixed(1)}×`,
  );
});

it("memory: server resident set after start and a tools/list vs an idle node process", async () => {
  const { readFileSync } = await import("node:fs");
  const rssMiB = (pid: number | null | undefined) =>
    Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
  const t = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "--toolsets", "all", "--log-level", "error"],
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home" },
  });
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(t);
  await client.listTools();
  const ours = rssMiB(t.pid);
  await client.close();
  const idle = spawn(process.execPath, ["-e", "setTimeout(() => {}, 5000)"]);
  await new Promise((r) => setTimeout(r, 300));
  const bare = rssMiB(idle.pid);
  idle.kill();
  report(
    "resident memory",
    `${ours.toFixed(1)} MiB (all toolsets)`,
    `${bare.toFixed(1)} MiB (idle node)`,
    `${(ours / bare).toFixed(2)}×`,
  );
});

it("tools/list tokens vs the reference servers' published figures", async () => {
  const measure = async (toolsets: string[], readOnly = false) => {
    const tools = await listTools({ toolsets, readOnly });
    return { n: tools.length, tokens: encode(JSON.stringify({ tools })).length };
  };
  const all = await measure(["all"]);
  const def = await measure(["default"]);
  const ro = await measure(["default"], true);
  // github-mcp-server figures (o200k tokens, measured from its committed tool snapshots; see
  // ../shared/reference/mcp-protocol-and-peers.md §4): all 86 tools ≈ 28.3k, default 42 ≈ 13.2k, read-only 25 ≈ 6.6k.
  report(
    "tools/list, all toolsets",
    `${all.tokens} tokens, ${all.n} tools (${(all.tokens / all.n).toFixed(0)}/tool)`,
    "28,300 tokens, 86 tools (329/tool) github-mcp-server",
    `${(all.tokens / 28300).toFixed(2)}× total, ${(all.tokens / all.n / 329).toFixed(2)}× per tool`,
  );
  report(
    "tools/list, default toolsets",
    `${def.tokens} tokens, ${def.n} tools`,
    "13,200 tokens, 42 tools github-mcp-server",
    `${(def.tokens / 13200).toFixed(2)}×`,
  );
  report(
    "tools/list, read-only default",
    `${ro.tokens} tokens, ${ro.n} tools`,
    "6,600 tokens, 25 tools github-mcp-server",
    `${(ro.tokens / 6600).toFixed(2)}×`,
  );
});

it("summary", () => {
  console.log(
    `\n| benchmark | jim-mcp | reference | ratio |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}`,
  );
});
