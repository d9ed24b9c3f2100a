/**
 * Every request the tools build must match a catalogued JIM endpoint: method,
 * path template, query parameter names and body fields. One example call per
 * tool exercises them all; every tool must have one.
 */
import { describe, expect, it } from "vitest";
import { checkRequest } from "../src/jim/catalogue/index.js";
import { REGISTRY } from "../src/tools/registry.js";
import { EXAMPLE_CALLS, resolveCall } from "./calls.js";
import { rig, text } from "./harness.js";

describe("requests against the catalogue", () => {
  it("every tool has an example call", () => {
    expect(REGISTRY.map((t) => t.name).filter((n) => !(n in EXAMPLE_CALLS))).toEqual([]);
  });

  it("every request the example calls send matches a catalogued endpoint", async () => {
    const r = await rig({ config: { destructive: "allow", toolsets: ["all"] }, sim: { runDurationMs: 150 } });
    try {
      const last = (spec: (typeof EXAMPLE_CALLS)[string]) =>
        typeof spec === "object" ? Number(spec.__last ?? 0) : 0;
      const entries = Object.entries(EXAMPLE_CALLS).sort(([, a], [, b]) => Number(last(a)) - Number(last(b)));
      for (const [tool, spec] of entries) {
        const { __skip, __last, ...args } = await resolveCall(spec, r);
        if (__skip) continue;
        const res = await r.call(tool, args);
        expect(res.isError, `${tool}: ${text(res)}`).toBeFalsy();
      }
      const seen = new Set<string>();
      for (const q of r.sim.requests) {
        const key = `${q.method} ${q.path} ${Object.keys(q.query).sort().join(",")}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const check = checkRequest({ method: q.method, path: q.path, query: q.query, body: q.body });
        expect(
          check.problems,
          `${q.method} ${q.path}?${new URLSearchParams(q.query as Record<string, string>)}`,
        ).toEqual([]);
      }
      expect(seen.size).toBeGreaterThan(10);
    } finally {
      await r.close();
    }
  });
});
