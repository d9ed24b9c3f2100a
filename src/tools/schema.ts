/**
 * What `tools/list` shows costs context on every turn. Tools validate with the
 * full zod schemas, but list them compactly:
 * - inputs: as zod emits them, without the `$schema` line; an "id or name" union
 *   (`anyOf` of plain typed alternatives) is listed as bare typed branches with its description;
 * - outputs: the top-level properties and their types (and enums) only — the
 *   structured result is still validated against the full schema before it is sent.
 */
import type { StandardSchemaWithJSON } from "@modelcontextprotocol/server";
import type * as z from "zod";

type Json = Record<string, unknown>;

function stripSchemaKeyword(js: Json): Json {
  const { $schema: _drop, ...rest } = js;
  return rest;
}

/** The type keyword(s) of a property, reduced: nested objects and arrays keep only their type. */
function shallow(prop: Json): Json {
  const out: Json = {};
  if (prop.type !== undefined) out.type = prop.type;
  if (Array.isArray(prop.enum)) out.enum = prop.enum;
  if (prop.const !== undefined) out.const = prop.const;
  if (Array.isArray(prop.anyOf)) {
    const types = new Set<unknown>();
    for (const alt of prop.anyOf as Json[]) {
      const t = alt.type;
      if (Array.isArray(t)) for (const x of t) types.add(x);
      else if (t !== undefined) types.add(t);
    }
    if (types.size > 0) out.type = [...types];
  }
  return out;
}

export function compactOutput(js: Json): Json {
  const props = (js.properties ?? {}) as Record<string, Json>;
  const out: Json = { type: "object", properties: {} as Json };
  for (const [k, v] of Object.entries(props)) (out.properties as Json)[k] = shallow(v);
  return out;
}

/**
 * `{"anyOf":[{"type":"integer","minimum":1,…},{"type":"string","minLength":1,…}],"description":d}` →
 * `{"anyOf":[{"type":"integer"},{"type":"string"}],"description":d}`: an "id or name" field keeps the
 * portable anyOf form (some clients refuse a type array) without the bounds, which validation still checks.
 */
function compactUnion(prop: Json): Json {
  const alts = prop.anyOf;
  if (!Array.isArray(alts) || alts.length < 2) return prop;
  const types: unknown[] = [];
  for (const alt of alts as Json[]) {
    if (typeof alt.type !== "string" || alt.type === "object" || alt.type === "array") return prop;
    if (alt.enum !== undefined || alt.const !== undefined) return prop;
    if (!types.includes(alt.type)) types.push(alt.type);
  }
  const { anyOf: _alts, ...rest } = prop;
  return { anyOf: types.map((type) => ({ type })), ...rest };
}

function compactInput(js: Json): Json {
  const props = js.properties as Record<string, Json> | undefined;
  if (!props) return js;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(props)) out[k] = compactUnion(v);
  return { ...js, properties: out };
}

/**
 * Listings made at build time. `npm run build` records every tool's listed schemas
 * (scripts/bundle.mjs) and the launcher hands them over before the server starts, so the first
 * tools/list converts nothing. Keyed by `<tool>:<in|out>…|<options>`; absent, everything is converted here.
 */
export const PRELISTED_GLOBAL = "__jimMcpPrelisted";
/** Set (to an object) by the build to collect the listings it saves. */
export const LISTING_RECORD_GLOBAL = "__jimMcpListingRecord";

function listingStore(name: string): Record<string, Json> | undefined {
  const v = (globalThis as Record<string, unknown>)[name];
  return v && typeof v === "object" ? (v as Record<string, Json>) : undefined;
}

/** A zod schema, or a function that builds (or loads) it when it is first needed. */
export type SchemaSource = z.ZodType | (() => z.ZodType);

/** The zod schema of a source, building it if it is given as a function. */
export function schemaOf(source: SchemaSource): z.ZodType {
  return typeof source === "function" ? source() : source;
}

function withJson(source: SchemaSource, io: "input" | "output", name?: string): StandardSchemaWithJSON {
  // A schema given as a function is built on first use: validation, or a listing the build did
  // not record. A build-time listing alone never builds it.
  let std: StandardSchemaWithJSON["~standard"] | undefined;
  const real = () => {
    std ??= (schemaOf(source) as unknown as StandardSchemaWithJSON)["~standard"];
    return std;
  };
  // Converting a zod schema to JSON Schema is the costliest part of tools/list; a schema never
  // changes, so each conversion is made once per target and reused by every later listing.
  const made = new Map<string, Json>();
  const once = (key: string, make: () => Json): Json => {
    let js = made.get(key);
    if (!js) {
      const stored = name === undefined ? undefined : `${name}|${key}`;
      js = (stored && listingStore(PRELISTED_GLOBAL)?.[stored]) || make();
      made.set(key, js);
      const record = stored && listingStore(LISTING_RECORD_GLOBAL);
      if (record) record[stored as string] = js;
    }
    return js;
  };
  type Std = StandardSchemaWithJSON["~standard"];
  type Opts = Parameters<Std["jsonSchema"]["input"]>[0];
  const jsonSchema = {
    input: (o: Opts) =>
      once(`in:${JSON.stringify(o)}`, () => {
        const js = stripSchemaKeyword(real().jsonSchema.input(o) as Json);
        return io === "input" ? compactInput(js) : js;
      }),
    output: (o: Opts) =>
      once(`out:${JSON.stringify(o)}`, () => {
        const full = real().jsonSchema.output(o) as Json;
        return io === "output" ? compactOutput(full) : stripSchemaKeyword(full);
      }),
  };
  const standard: Std = {
    version: 1,
    vendor: "zod",
    validate: (value: unknown) => real().validate(value),
    jsonSchema,
  };
  return { "~standard": standard } as StandardSchemaWithJSON;
}

const cache = {
  input: new WeakMap<SchemaSource, StandardSchemaWithJSON>(),
  output: new WeakMap<SchemaSource, StandardSchemaWithJSON>(),
};

function listed(schema: SchemaSource, io: "input" | "output", name?: string): StandardSchemaWithJSON {
  let std = cache[io].get(schema);
  if (!std) {
    std = withJson(schema, io, name);
    cache[io].set(schema, std);
  }
  return std;
}

/**
 * The schema as listed (compact JSON Schema, converted once); validation stays with the full zod
 * schema. `name` (unique per tool, input variant and direction) lets a build-time listing stand in.
 * Given a function, the zod schema is made only when validation or an unrecorded listing needs it.
 */
export const listedInput = (schema: SchemaSource, name?: string) => listed(schema, "input", name);
export const listedOutput = (schema: SchemaSource, name?: string) => listed(schema, "output", name);
