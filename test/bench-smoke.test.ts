/**
 * The benchmark on its tiny setting, so it cannot rot: every figure of
 * `npm run bench` is produced and well-formed. Timings are not checked here
 * (they belong to the benchmark's table, not to a unit test).
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI, type Figure, TINY, table } from "../bench/lib.js";
import { runAll } from "../bench/measure.js";
import { fillMetaverse, MAX_BULK_OBJECTS } from "../src/simulator/data/bulk-metaverse.js";
import { data } from "../src/simulator/data/metaverse.js";
import { startSimulator } from "../src/simulator/index.js";

const HTTP_BUILT = existsSync(new URL("../dist/lib/transports/http.js", import.meta.url));

/** Every figure id the issue asks for, in table order. */
const EXPECTED = [
  "P1",
  "P1 JIM",
  "P2 p50",
  "P2 p99",
  "P3 default",
  "P3 read-only",
  "P3 all",
  "P4 share",
  "P4 errors",
  "P4 RSS",
  "P5 req/s",
  "P5 lag",
  "P6 RSS",
  "P6 tokens",
  "P6 continue",
];

describe("simulator: bulk Metaverse", () => {
  it("tops the Metaverse up to the asked size with unique, findable objects", async () => {
    const sim = await startSimulator();
    try {
      const before = data(sim.state).objects.length;
      expect(fillMetaverse(sim.state, before + 500)).toBe(500);
      expect(fillMetaverse(sim.state, before)).toBe(0);
      const d = data(sim.state);
      expect(d.objects).toHaveLength(before + 500);
      expect(d.byId.size).toBe(before + 500);
      const last = d.objects[d.objects.length - 1];
      expect(last?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(d.byId.get(last?.id ?? "")).toBe(last);
      expect(() => fillMetaverse(sim.state, MAX_BULK_OBJECTS + 1)).toThrow(/whole number from 0 to/);
      expect(() => fillMetaverse(sim.state, 1.5)).toThrow(/whole number/);
    } finally {
      await sim.close();
    }
  });
});

describe.skipIf(!existsSync(CLI))("benchmark, tiny setting", () => {
  it("produces every figure, each with a measurement and a goal", async () => {
    const all: Figure[] = await runAll(TINY);
    // Rows without a goal are context for a goal row: the same figure as an SDK client sees it, or
    // (P4) what reference servers doing only the JIM GET reach on the same machine.
    const context = all.filter((f) => f.goal === "–");
    for (const f of context) {
      expect(f.measured, f.id).not.toMatch(/not available|failed/);
      expect(f.pass).toBeNull();
    }
    if (HTTP_BUILT) {
      for (const id of ["P4 floor bare", "P4 floor sdk"]) {
        const floor = context.find((f) => f.id === id);
        expect(floor?.measured, id).toMatch(/calls\/s(; its CPU [\d.]+ ms per call)?\)/); // answered every call: no error count
        expect(Number.isFinite(floor?.value), id).toBe(true);
      }
    }
    const figures = all.filter((f) => f.goal !== "–");
    expect(figures.map((f) => f.id)).toEqual(EXPECTED);
    for (const f of figures) {
      expect(f.label).not.toBe("");
      expect(f.goal).toMatch(/^[≤≥] /);
      const unavailableHttp = !HTTP_BUILT && f.id.startsWith("P4");
      if (unavailableHttp) {
        expect(f.measured).toBe("not available: HTTP transport not built");
        expect(f.value).toBeNull();
        expect(f.pass).toBeNull();
      } else {
        expect(f.measured, f.id).not.toMatch(/not available/);
        expect(Number.isFinite(f.value), `${f.id}: ${f.measured}`).toBe(true);
        expect(typeof f.pass).toBe("boolean");
      }
    }
    // Results that need no clock: nothing asked of JIM at start-up, every page says how to go on.
    const byId = new Map(figures.map((f) => [f.id, f]));
    expect(byId.get("P1 JIM")?.value).toBe(0);
    expect(byId.get("P6 continue")?.value).toBe(0);
    if (HTTP_BUILT) expect(byId.get("P4 errors")?.value).toBe(0);
    const printed = table(figures);
    for (const id of EXPECTED) expect(printed).toContain(`| ${id} |`);
  }, 180_000);
});
