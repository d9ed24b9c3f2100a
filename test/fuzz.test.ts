/**
 * Fuzzing every registered tool through a real MCP client (fast-check).
 *
 * For each tool listed at run time, generated inputs mutate a valid base: wrong
 * types, missing required arguments, unknown extra arguments, numbers out of range
 * or fractional, empty/huge/unicode/control-character text, bad GUIDs and enum
 * values, nested junk — and valid boundary values. zod (the tool's own schema) is
 * the oracle for which inputs are invalid. For an invalid input:
 * - the call returns an error (tool error or protocol error), never a crash;
 * - the error names every offending argument;
 * - JIM (the simulator) receives no request from jim-mcp during the call;
 * - the next valid call (connection_status) works.
 * A valid input may succeed or fail cleanly, but never fails inside jim-mcp.
 *
 * Seeded and reproducible: JIM_FUZZ_SEED (default fixed), JIM_FUZZ_RUNS per tool
 * (default small for CI; JIM_FUZZ_RUNS=1000 for the full run). A failure prints the
 * seed, path and counterexample fast-check needs to replay it.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { checkRequest } from "../src/jim/catalogue/index.js";
import type { AnyToolDef } from "../src/tools/define.js";
import { REGISTRY } from "../src/tools/registry.js";
import { inputSchemaFor } from "../src/tools/wrap.js";
import { baseConfig } from "./fixtures.js";
import { type Rig, rig, text } from "./harness.js";

const RUNS = Number(process.env.JIM_FUZZ_RUNS ?? 12);
const SEED = Number(process.env.JIM_FUZZ_SEED ?? 20_260_728);

type Json = Record<string, unknown>;
type Args = Record<string, unknown>;

/** A stable per-tool seed, so adding a tool does not change another tool's sequence. */
function seedFor(name: string): number {
  let h = SEED | 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

const GUID_OK = "3f2b8c1e-0a4d-4c6e-9b7a-5d1e2f3a4b5c";

/** Candidate valid values for a property, tried in order against the field's zod schema. */
function candidates(prop: Json): unknown[] {
  const out: unknown[] = [];
  if (Array.isArray(prop.enum)) out.push(...prop.enum);
  if (prop.const !== undefined) out.push(prop.const);
  const alts = prop.anyOf as Json[] | undefined;
  if (Array.isArray(alts)) for (const a of alts) out.push(...candidates(a));
  const types = Array.isArray(prop.type) ? prop.type : [prop.type];
  for (const t of types) {
    if (t === "integer" || t === "number") out.push(typeof prop.minimum === "number" ? prop.minimum : 1, 1);
    if (t === "boolean") out.push(false, true);
    if (t === "string") out.push(GUID_OK, "Fuzz", "2026-01-01T00:00:00Z", "2026-01-01", "1");
    if (t === "array") out.push([]);
    if (t === "object") out.push({});
  }
  return out;
}

interface ToolShape {
  def: AnyToolDef;
  schema: z.ZodObject;
  props: Record<string, Json>;
  required: string[];
  base: Args;
}

function shapeOf(def: AnyToolDef): ToolShape {
  const schema = inputSchemaFor(def, baseConfig());
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = (json.required ?? []) as string[];
  const base: Args = {};
  for (const name of required) {
    const field = schema.shape[name] as z.ZodType;
    const ok = candidates(props[name] ?? {}).find((v) => field.safeParse(v).success);
    base[name] = ok ?? candidates(props[name] ?? {})[0] ?? "Fuzz";
  }
  return { def, schema, props, required, base };
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const HUGE = "A".repeat(250_000);
const nastyStrings = fc.constantFrom(
  "",
  " ",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "0x10",
  "null",
  "undefined",
  "true",
  "\u0000",
  "\u0000\u0001\u001f\u007f",
  "line\nbreak\r\ttab",
  "\u202eevil",
  "💥🧨",
  "Zoë Ñandú 東京",
  "../../etc/passwd",
  "%00%2F..%2F",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "00000000-0000-0000-0000-000000000000",
  "3f2b8c1e-0a4d-4c6e-9b7a-5d1e2f3a4b5",
  "3f2b8c1e0a4d4c6e9b7a5d1e2f3a4b5c",
  "{3f2b8c1e-0a4d-4c6e-9b7a-5d1e2f3a4b5c}",
  "not-a-guid",
  "{}",
  "[]",
  HUGE,
);
const nastyNumbers = fc.constantFrom(
  0,
  -1,
  -0.5,
  0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  Number.MIN_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
);
const primitive = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  nastyNumbers,
  fc.integer(),
  fc.double(),
  nastyStrings,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: primitive },
  { weight: 1, arbitrary: fc.array(primitive, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), primitive, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Values aimed at the limits a property declares: just outside (invalid) and on them (valid). */
function targeted(prop: Json): fc.Arbitrary<unknown> {
  const out: unknown[] = [];
  const types = Array.isArray(prop.type) ? prop.type : [prop.type];
  const alts = (prop.anyOf ?? []) as Json[];
  for (const t of [...types, ...alts.map((a) => a.type)]) {
    const p = (alts.find((a) => a.type === t) ?? prop) as Json;
    if (t === "integer" || t === "number") {
      const lo = typeof p.minimum === "number" ? p.minimum : undefined;
      const hi = typeof p.maximum === "number" ? p.maximum : undefined;
      if (lo !== undefined) out.push(lo, lo - 1, lo + 0.5);
      if (hi !== undefined) out.push(hi, hi + 1, hi - 0.5);
      out.push(String(lo ?? 1), -1, 0, 1.25);
    }
    if (t === "string") {
      const min = typeof p.minLength === "number" ? p.minLength : 0;
      const max = typeof p.maxLength === "number" ? p.maxLength : undefined;
      if (min > 0) out.push("x".repeat(min - 1), "x".repeat(min));
      if (max !== undefined) out.push("é".repeat(max), "x".repeat(max + 1));
      out.push(7, true, ["x"]);
    }
    if (t === "boolean") out.push("true", 1, 0, "yes");
    if (t === "array") {
      const max = typeof p.maxItems === "number" ? p.maxItems : 3;
      out.push(
        "x",
        [null],
        [1, 2],
        Array.from({ length: max + 1 }, () => "*"),
      );
    }
  }
  if (Array.isArray(prop.enum)) {
    const first = String(prop.enum[0]);
    out.push(...prop.enum, "bogus", first.toLowerCase(), first.toUpperCase(), ` ${first}`, "");
  }
  if (out.length === 0) out.push(null, {}, "x");
  return fc.constantFrom(...out);
}

type Mutation =
  | { kind: "set"; field: string; value: unknown }
  | { kind: "drop"; field: string }
  | { kind: "extra"; key: string; value: unknown };

function mutationArb(shape: ToolShape): fc.Arbitrary<Mutation> {
  const fields = Object.keys(shape.props);
  const extraKey = fc.oneof(
    fc.constantFrom(
      "extra",
      "id",
      "apiKey",
      "x-api-key",
      "__proto__x",
      "constructor",
      "page_size",
      "ConnectedSystemId",
    ),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  const arbs: Array<fc.WeightedArbitrary<Mutation>> = [
    {
      weight: 2,
      arbitrary: extraKey
        .filter((k) => !fields.includes(k))
        .chain((key) => junk.map((value) => ({ kind: "extra", key, value }) as Mutation)),
    },
  ];
  if (fields.length > 0) {
    const field = fc.constantFrom(...fields);
    arbs.push({
      weight: 3,
      arbitrary: field.chain((f) => junk.map((value) => ({ kind: "set", field: f, value }) as Mutation)),
    });
    arbs.push({
      weight: 4,
      arbitrary: field.chain((f) =>
        targeted(shape.props[f] ?? {}).map((value) => ({ kind: "set", field: f, value }) as Mutation),
      ),
    });
  }
  if (shape.required.length > 0) {
    arbs.push({
      weight: 1,
      arbitrary: fc.constantFrom(...shape.required).map((f) => ({ kind: "drop", field: f }) as Mutation),
    });
  }
  return fc.oneof(...arbs);
}

function apply(base: Args, mutations: Mutation[]): Args {
  const args: Args = { ...base };
  for (const m of mutations) {
    if (m.kind === "set") args[m.field] = m.value;
    else if (m.kind === "drop") delete args[m.field];
    else
      Object.defineProperty(args, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  // What a real client sends: JSON (NaN and Infinity become null, undefined disappears).
  const wire = JSON.parse(JSON.stringify(args)) as Args;
  // The SDK drops a "__proto__" argument while it reads the request, before any tool code
  // runs, whatever its value: the server never sees it, so it is not part of the input.
  const PROTO = "__proto__";
  if (Object.hasOwn(wire, PROTO)) delete wire[PROTO];
  return wire;
}

// ---------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------

/** The argument names each validation issue is about. */
function offendingFields(error: z.ZodError): string[] {
  const names = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") for (const k of issue.keys) names.add(k);
    else if (issue.path.length > 0) names.add(String(issue.path[0]));
  }
  return [...names];
}

function fromJimMcp(r: Rig): number {
  return r.sim.requests.filter((q) => q.userAgent === "jim-mcp").length;
}

/** Requests jim-mcp sent that fit no catalogued JIM endpoint. */
function outsideCatalogue(r: Rig): string[] {
  return r.sim.requests
    .filter((q) => q.userAgent === "jim-mcp")
    .flatMap((q) => {
      const check = checkRequest({ method: q.method, path: q.path, query: q.query, body: q.body });
      return check.ok ? [] : [`${q.method} ${q.path}: ${check.problems.join("; ")}`];
    });
}

/** Changes jim-mcp sent (impact previews change nothing). */
function changesFromJimMcp(r: Rig): number {
  return r.sim.changingRequests().filter((q) => q.userAgent === "jim-mcp").length;
}

interface Outcome {
  isError: boolean;
  text: string;
  protocolError: boolean;
}

async function callSafely(r: Rig, name: string, args: Args): Promise<Outcome> {
  try {
    const res = await r.call(name, args);
    return { isError: Boolean(res.isError), text: text(res), protocolError: false };
  } catch (e) {
    return { isError: true, text: e instanceof Error ? e.message : String(e), protocolError: true };
  }
}

function mentions(haystack: string, name: string): boolean {
  return haystack.includes(name) || haystack.includes(JSON.stringify(name));
}

/** The next ordinary call is answered normally (after a connection tool ran, whatever it left). */
async function expectServerHealthy(r: Rig, def?: AnyToolDef): Promise<void> {
  const status = await r.call("connection_status");
  expect(status.isError, text(status)).toBeFalsy();
  if (def?.toolset === "connection" && status.structuredContent?.configured === false) return;
  expect(status.structuredContent).toMatchObject({ reachable: true, keyAccepted: true });
}

const stats = { invalid: 0, valid: 0, tools: 0 };

describe("fuzzing every registered tool", () => {
  let r: Rig | undefined;
  let listed: string[] = [];
  beforeAll(async () => {
    const first = await rig();
    listed = (await first.client.listTools()).tools.map((t) => t.name);
    await first.close();
  });
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });
  afterAll(() => {
    process.stdout.write(
      `fuzz: ${stats.tools} tools, ${stats.invalid} invalid and ${stats.valid} valid inputs (seed ${SEED}, ${RUNS} runs per tool)\n`,
    );
  });

  async function fresh(): Promise<Rig> {
    r = await rig();
    return r;
  }

  it("enumerates the tools at run time: every registered tool is listed and fuzzed", () => {
    expect(listed.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual(REGISTRY.map((d) => d.name).sort());
  });

  for (const def of REGISTRY) {
    it(`${def.name}: invalid input is refused naming the argument and reaches nothing`, async () => {
      // A fresh simulator and server per tool: what one tool's valid inputs change stays there.
      const r = await fresh();
      const shape = shapeOf(def);
      const mutations = fc.array(mutationArb(shape), { minLength: 1, maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(mutations, async (ms) => {
          const args = apply(shape.base, ms);
          const verdict = shape.schema.safeParse(args);
          // Each input starts with an empty request log (the log is capped; differences could hide requests).
          r.sim.clearRequests();
          const out = await callSafely(r, def.name, args);
          if (!verdict.success) {
            stats.invalid += 1;
            expect(out.isError, `accepted invalid input: ${out.text}`).toBe(true);
            for (const field of offendingFields(verdict.error)) {
              expect(mentions(out.text, field), `error does not name "${field}": ${out.text}`).toBe(true);
            }
            expect(fromJimMcp(r), `invalid input reached JIM: ${out.text}`).toBe(0);
          } else {
            stats.valid += 1;
            expect(out.protocolError, `valid input got a protocol error: ${out.text}`).toBe(false);
            expect(out.text).not.toMatch(/failed inside jim-mcp/);
            expect(outsideCatalogue(r), "a valid input produced a request JIM does not accept").toEqual([]);
            // A refusal (bad combination, consent not given) may have read from JIM, but changed nothing.
            if (/Nothing was (sent to|changed in) JIM|CONFIRMATION REQUIRED/.test(out.text)) {
              expect(changesFromJimMcp(r), out.text).toBe(0);
            }
            // Refused before anything went out (a cross-argument rule): the error names an argument
            // or quotes the value it is about.
            if (out.isError && fromJimMcp(r) === 0 && Object.keys(shape.props).length > 0) {
              const named =
                Object.keys(shape.props).some((f) => out.text.includes(f)) ||
                Object.values(args).some(
                  (v) => typeof v === "string" && v.trim() !== "" && out.text.includes(v.slice(0, 24)),
                );
              expect(named, `refusal names no argument: ${out.text}`).toBe(true);
            }
          }
          await expectServerHealthy(r, def);
        }),
        { seed: seedFor(def.name), numRuns: RUNS, endOnFailure: true },
      );
      stats.tools += 1;
    });
  }

  it('found by fuzzing: a name of "." or ".." is refused instead of addressing another endpoint', async () => {
    const r = await fresh();
    for (const uri of [".", ".."]) {
      r.sim.clearRequests();
      const res = await r.call("predefined_search_object_list", { uri });
      expect(res.isError).toBe(true);
      expect(text(res)).toContain(`"${uri}" cannot be used as a name or id in a JIM path`);
      expect(text(res)).toMatch(/Nothing was sent to JIM/);
      expect(fromJimMcp(r)).toBe(0);
    }
    await expectServerHealthy(r);
  });

  it("arguments that are not an object are refused with a protocol error naming them", async () => {
    const r = await fresh();
    for (const bad of [[], "connectedSystemId=1", 42, null] as unknown[]) {
      const before = fromJimMcp(r);
      let message = "";
      try {
        const res = await r.client.callTool({ name: "connected_system_list", arguments: bad as Args });
        message = text(res as never);
        expect((res as { isError?: boolean }).isError).toBe(true);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      expect(message).toMatch(/argument|expected object|Invalid/i);
      expect(fromJimMcp(r) - before).toBe(0);
      await expectServerHealthy(r);
    }
  });
});
