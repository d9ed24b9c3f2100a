/**
 * Token budget of tools/list, measured with a real tokenizer (o200k_base).
 * Limits: default toolsets ≤ 40 tools and ≤ 8,000 tokens; all toolsets ≤ 100
 * tools and ≤ 20,000 tokens. The committed baseline fails the test when a
 * surface grows more than 5% without updating it:
 *   UPDATE_TOKEN_BASELINE=1 npx vitest run test/budget.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { listTools } from "./listing.js";

const BASELINE_FILE = new URL("./snapshots/token-baseline.json", import.meta.url);

interface Surface {
  tools: number;
  tokens: number;
}

async function measure(
  toolsets: string[],
  extra: Record<string, unknown> = {},
): Promise<Surface & { perTool: Record<string, number> }> {
  const tools = await listTools({ toolsets, ...extra });
  const perTool: Record<string, number> = {};
  for (const t of tools) perTool[t.name] = encode(JSON.stringify(t)).length;
  return { tools: tools.length, tokens: encode(JSON.stringify({ tools })).length, perTool };
}

describe("tools/list token budget", () => {
  it("stays within the limits and the committed baseline", async () => {
    const surfaces = {
      default: await measure(["default"]),
      all: await measure(["all"]),
      readOnly: await measure(["default"], { readOnly: true }),
    };
    const current = Object.fromEntries(
      Object.entries(surfaces).map(([k, v]) => [k, { tools: v.tools, tokens: v.tokens }]),
    );
    const heaviest = Object.entries(surfaces.all.perTool)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([n, t]) => `${n} ${t}`)
      .join(", ");
    console.log(`tools/list tokens: ${JSON.stringify(current)}\nheaviest: ${heaviest}`);

    expect(surfaces.default.tools).toBeLessThanOrEqual(40);
    expect(surfaces.default.tokens).toBeLessThanOrEqual(8000);
    expect(surfaces.all.tools).toBeLessThanOrEqual(100);
    expect(surfaces.all.tokens).toBeLessThanOrEqual(20000);

    if (process.env.UPDATE_TOKEN_BASELINE) {
      writeFileSync(BASELINE_FILE, `${JSON.stringify(current, null, 2)}\n`);
      return;
    }
    const baseline = JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as Record<string, Surface>;
    for (const [name, now] of Object.entries(current)) {
      const was = baseline[name];
      expect(was, `baseline for ${name}; run with UPDATE_TOKEN_BASELINE=1`).toBeDefined();
      expect(
        now.tokens,
        `${name} surface grew more than 5% over the baseline (${was!.tokens}); trim it or update the baseline`,
      ).toBeLessThanOrEqual(Math.ceil(was!.tokens * 1.05));
    }
  });
});
