/**
 * The caller-key cache behind `X-JIM-Api-Key`: a key is checked with JIM once, trusted for a
 * while, re-checked after that, refused quickly once rejected; entries are per caller, capped,
 * and evicted runtimes close their pools once idle. The clock is the test's.
 */
import { afterEach, describe, expect, it } from "vitest";
import { checkKey } from "../src/jim/health.js";
import { silentLogger } from "../src/log.js";
import { type Simulator, startSimulator } from "../src/simulator/index.js";
import { ConsentSealer } from "../src/tools/consent.js";
import { CallerRuntimes, callerKeyProblem } from "../src/transports/http/callers.js";
import { baseConfig } from "./fixtures.js";

const KEYS = ["jim_ak_testAown", "jim_ak_testBown", "jim_ak_testCown"].map((k) => `${k}${"0".repeat(50)}`);
const DISABLED = `jim_ak_testDoff${"0".repeat(50)}`;
const READER = `jim_ak_testEread${"0".repeat(49)}`;

let sim: Simulator | undefined;
let cache: CallerRuntimes | undefined;
afterEach(async () => {
  await cache?.close();
  await sim?.close();
  cache = undefined;
  sim = undefined;
});

async function setup(opts: { maxEntries?: number } = {}) {
  sim = await startSimulator({
    apiKeys: [
      ...KEYS.map((key) => ({ key, roles: ["Administrator"] })),
      { key: DISABLED, roles: ["Administrator"], enabled: false },
      { key: READER, roles: [] },
    ],
  });
  let now = 1_000_000;
  cache = new CallerRuntimes({
    config: baseConfig(),
    log: silentLogger,
    sealer: new ConsentSealer(),
    jimUrl: sim.url,
    verifyTtlMs: 60_000,
    rejectTtlMs: 30_000,
    idleTtlMs: 600_000,
    maxEntries: opts.maxEntries ?? 10,
    now: () => now,
  });
  return { advance: (ms: number) => (now += ms) };
}

describe("caller keys", () => {
  it("checks a key once, trusts it for the TTL, then asks JIM again", async () => {
    const clock = await setup();
    const first = await cache!.acquire("t:alpha", KEYS[0]!);
    expect(first.ok).toBe(true);
    expect(sim!.requests).toHaveLength(1);
    expect(sim!.requests[0]!.keyPreview).toBe(`${KEYS[0]!.slice(0, 11)}…`);
    if (first.ok) cache!.release(first.entry);
    const again = await cache!.acquire("t:alpha", KEYS[0]!);
    expect(again.ok && first.ok && again.entry === first.entry).toBe(true);
    expect(sim!.requests).toHaveLength(1);
    if (again.ok) cache!.release(again.entry);
    clock.advance(61_000);
    await cache!.acquire("t:alpha", KEYS[0]!);
    expect(sim!.requests).toHaveLength(2);
  });

  it("a key re-checked while the full cache takes in another keeps a working connection", async () => {
    const clock = await setup({ maxEntries: 1 });
    const first = await cache!.acquire("t:alpha", KEYS[0]!);
    if (first.ok) cache!.release(first.entry);
    clock.advance(61_000);
    // The re-check of the first key is slow; the second key is checked and cached meanwhile.
    sim!.hooks.fault({ kind: "delay", delayMs: 300, times: 1 });
    const recheck = cache!.acquire("t:alpha", KEYS[0]!);
    await new Promise((r) => setTimeout(r, 50));
    const other = await cache!.acquire("t:bravo", KEYS[1]!);
    const again = await recheck;
    expect(again.ok && other.ok).toBe(true);
    if (!again.ok) return;
    const check = await checkKey(again.entry.rt.connection.jim(), AbortSignal.timeout(5000));
    expect(check.verdict).toBe("administrator");
  });

  it("the same key from another caller gets its own entry", async () => {
    await setup();
    const a = await cache!.acquire("t:alpha", KEYS[0]!);
    const b = await cache!.acquire("t:bravo", KEYS[0]!);
    expect(a.ok && b.ok && a.entry !== b.entry && a.entry.rt !== b.entry.rt).toBe(true);
    expect(cache!.size).toBe(2);
  });

  it("concurrent first uses of one key ask JIM once", async () => {
    await setup();
    const results = await Promise.all(Array.from({ length: 10 }, () => cache!.acquire("t:alpha", KEYS[1]!)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(sim!.requests).toHaveLength(1);
  });

  it("a rejected key is refused without asking JIM again until its verdict expires", async () => {
    const clock = await setup();
    const r = await cache!.acquire("t:alpha", DISABLED);
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(r)).not.toContain(DISABLED.slice(7));
    await cache!.acquire("t:alpha", DISABLED);
    expect(sim!.requests).toHaveLength(1);
    clock.advance(31_000);
    await cache!.acquire("t:alpha", DISABLED);
    expect(sim!.requests).toHaveLength(2);
    expect(cache!.size).toBe(0);
  });

  it("remembers a bounded number of rejected keys, however many different bad keys arrive", async () => {
    await setup({ maxEntries: 2 });
    for (let i = 0; i < 30; i++) {
      const bad = `jim_ak_${i.toString(16).padStart(64, "0")}`;
      expect(await cache!.acquire("t:alpha", bad)).toMatchObject({ ok: false, status: 401 });
    }
    const remembered = (cache as unknown as { rejected: Map<string, number> }).rejected;
    expect(remembered.size).toBeLessThanOrEqual(8);
    expect(remembered.size).toBeGreaterThan(0);
  });

  it("a valid key without the Administrator role is accepted (JIM then says what is missing per call)", async () => {
    await setup();
    expect((await cache!.acquire("t:alpha", READER)).ok).toBe(true);
  });

  it("an unreachable JIM is a 502 that is not cached", async () => {
    await setup();
    await sim!.close();
    const r = await cache!.acquire("t:alpha", KEYS[0]!);
    expect(r).toMatchObject({ ok: false, status: 502 });
    expect(cache!.size).toBe(0);
    sim = undefined;
  });

  it("keeps at most maxEntries runtimes, dropping the least recently used idle one", async () => {
    const clock = await setup({ maxEntries: 2 });
    for (const key of KEYS) {
      const r = await cache!.acquire("t:alpha", key);
      if (r.ok) cache!.release(r.entry);
      clock.advance(1000);
    }
    expect(cache!.size).toBe(2);
    sim!.clearRequests();
    await cache!.acquire("t:alpha", KEYS[2]!);
    expect(sim!.requests).toHaveLength(0); // newest kept
    await cache!.acquire("t:alpha", KEYS[0]!);
    expect(sim!.requests).toHaveLength(1); // oldest was dropped: checked again
  });

  it("says what is wrong with a malformed key without echoing it", () => {
    expect(callerKeyProblem("Bearer abc")).toMatch(/must start with "jim_ak_"/);
    expect(callerKeyProblem("jim_ak_has space")).toMatch(/exactly one JIM API key/);
    expect(callerKeyProblem(KEYS[0]!)).toBeNull();
  });
});
