/**
 * Checks a proposed JIM request against the catalogue before it is sent, and describes every problem in
 * a sentence that says what is allowed instead.
 */
import { diagnosePath, GUID_RE, matchEndpoint, pathSegments } from "./match.js";
import { searchEndpoints } from "./search.js";
import type { CatalogueBodyField, CatalogueEndpoint, CatalogueQueryParam, PathParamType } from "./types.js";

export interface RequestCheck {
  ok: boolean;
  endpoint?: CatalogueEndpoint;
  params?: Record<string, string>;
  problems: string[];
}

export interface RequestToCheck {
  method: string;
  /** Concrete path, with or without `/api/v1`; a query string on it is ignored (pass `query` instead). */
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const SHAPE_TEXT: Record<PathParamType, string> = {
  int: "a whole number",
  guid: "a GUID",
  string: "a non-empty value",
};
/** Longest list of allowed values or names quoted in full inside a message. */
const LIST_MAX = 40;

const label = (ep: CatalogueEndpoint) => `${ep.method} ${ep.path}`;
const quote = (s: string) => JSON.stringify(s);

function list(items: readonly string[]): string {
  if (items.length <= LIST_MAX) return items.join(", ");
  return `${items.slice(0, LIST_MAX).join(", ")} and ${items.length - LIST_MAX} more`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function checkRequest(req: RequestToCheck): RequestCheck {
  const method = String(req.method ?? "")
    .trim()
    .toUpperCase();
  if (!METHODS.includes(method)) {
    return {
      ok: false,
      problems: [
        `JIM has no ${quote(String(req.method))} endpoints; the methods in use are ${METHODS.join(", ")}.`,
      ],
    };
  }
  const path = String(req.path ?? "");
  const hit = matchEndpoint(method, path);
  if (!hit) return { ok: false, problems: [noMatchProblem(method, path)] };

  const problems: string[] = [];
  checkQuery(hit.endpoint, req.query, problems);
  checkBody(hit.endpoint, req.body, problems);
  return { ok: problems.length === 0, endpoint: hit.endpoint, params: hit.params, problems };
}

// --- No matching endpoint -------------------------------------------------------------------------------

function noMatchProblem(method: string, path: string): string {
  const shown = `/${pathSegments(path).join("/")}`;
  const head = `No JIM endpoint matches ${method} ${shown}.`;
  const { sameRoute, wrongShape } = diagnosePath(path);
  if (sameRoute.length > 0) {
    const offers = sameRoute.map((e) => `${e.method} (${e.op})`).join(", ");
    return `${head} That path exists only for: ${offers}.`;
  }
  const shape = wrongShape.find((w) => w.endpoint.method === method) ?? wrongShape[0];
  if (shape) {
    return (
      `${head} ${quote(shape.value)} is not valid for {${shape.param}} in ${label(shape.endpoint)}: ` +
      `it must be ${SHAPE_TEXT[shape.type]}.`
    );
  }
  const wordsOfPath = pathSegments(path)
    .map((s) => s.replace(/[^A-Za-z]+/g, " "))
    .join(" ")
    .trim();
  const near = wordsOfPath === "" ? [] : searchEndpoints(wordsOfPath, { limit: 3 });
  if (near.length === 0) return `${head} Search the catalogue by keyword to find the right endpoint.`;
  return `${head} Closest endpoints: ${near.map((n) => `${label(n.endpoint)} (${n.endpoint.op})`).join("; ")}.`;
}

// --- Query string -----------------------------------------------------------------------------------------

function checkQuery(ep: CatalogueEndpoint, query: Record<string, unknown> | undefined, problems: string[]) {
  const given = Object.entries(query ?? {}).filter(([, v]) => v !== undefined);
  const byName = new Map(ep.query.map((q) => [q.name.toLowerCase(), q]));
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const [name, value] of given) {
    const param = byName.get(name.toLowerCase());
    if (!param) {
      unknown.push(name);
      continue;
    }
    seen.add(param.name);
    checkQueryValue(ep, param, value, problems);
  }
  if (unknown.length > 0) {
    const names = unknown.map(quote).join(", ");
    problems.push(
      ep.query.length === 0
        ? `${label(ep)} takes no query parameters; remove ${names}.`
        : `Unknown query parameter${unknown.length > 1 ? "s" : ""} ${names} for ${label(ep)}. ` +
            `Allowed: ${list(ep.query.map((q) => q.name))}.`,
    );
  }
  for (const q of ep.query) {
    if (q.required && !seen.has(q.name))
      problems.push(`Query parameter ${quote(q.name)} is required by ${label(ep)}.`);
  }
}

function checkQueryValue(ep: CatalogueEndpoint, q: CatalogueQueryParam, value: unknown, problems: string[]) {
  const repeatable = q.type.endsWith("[]");
  const values = Array.isArray(value) ? value : [value];
  if (!repeatable && values.length > 1) {
    problems.push(`Query parameter ${quote(q.name)} of ${label(ep)} takes one value, not ${values.length}.`);
    return;
  }
  const base = q.type.replace(/\[\]$/, "");
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      problems.push(`Query parameter ${quote(q.name)} must be a string, number or boolean, not ${typeof v}.`);
      continue;
    }
    const text = String(v);
    if (q.enum) {
      const problem = enumProblem(`Query parameter ${quote(q.name)}`, q.enum, text, q.exact === true);
      if (problem) problems.push(problem);
    } else if ((base === "int" || base === "int64") && !/^-?\d+$/.test(text)) {
      problems.push(`Query parameter ${quote(q.name)} must be a whole number; got ${quote(text)}.`);
    } else if (base === "bool" && !/^(true|false)$/i.test(text)) {
      problems.push(`Query parameter ${quote(q.name)} must be true or false; got ${quote(text)}.`);
    } else if (base === "uuid" && !GUID_RE.test(text)) {
      problems.push(`Query parameter ${quote(q.name)} must be a GUID; got ${quote(text)}.`);
    }
  }
}

function enumProblem(
  what: string,
  allowed: readonly string[],
  text: string,
  exact: boolean,
): string | undefined {
  if (allowed.includes(text)) return undefined;
  const lower = text.toLowerCase();
  const near = allowed.find((a) => a.toLowerCase() === lower);
  if (near !== undefined) {
    return exact
      ? `${what} must be exactly ${quote(near)} (this one is case-sensitive); got ${quote(text)}.`
      : undefined;
  }
  if (/^-?\d+$/.test(text.trim())) {
    return `${what} got the number ${text}; send the value's name instead, one of: ${list(allowed)}.`;
  }
  return `${what} does not accept ${quote(text)}. Allowed values: ${list(allowed)}.`;
}

// --- Body ---------------------------------------------------------------------------------------------------

function checkBody(ep: CatalogueEndpoint, body: unknown, problems: string[]) {
  const present = body !== undefined && body !== null;
  if (!ep.body) {
    if (present) problems.push(`${label(ep)} takes no request body; send none.`);
    return;
  }
  if (!present) {
    if (ep.body.required) {
      const required = ep.body.fields.filter((f) => f.required).map((f) => f.name);
      problems.push(
        `${label(ep)} needs a JSON body (${ep.body.dto})` +
          (required.length > 0
            ? ` with at least: ${required.join(", ")}.`
            : `; send {} to accept every default.`),
      );
    }
    return;
  }
  if (!isPlainObject(body)) {
    const kind = Array.isArray(body) ? "an array" : `a ${typeof body}`;
    problems.push(`The body of ${label(ep)} must be a JSON object (${ep.body.dto}), not ${kind}.`);
    return;
  }
  checkObject(ep.body.dto, ep.body.fields, body, "", problems);
}

/** Checks one JSON object against its field list; `at` prefixes nested names, e.g. `steps[0].`. */
function checkObject(
  dto: string,
  fields: readonly CatalogueBodyField[],
  obj: Record<string, unknown>,
  at: string,
  problems: string[],
) {
  const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const unknown: string[] = [];
  const present = new Map<string, unknown>();
  for (const [key, value] of Object.entries(obj)) {
    const field = byName.get(key.toLowerCase());
    if (!field) unknown.push(`${at}${key}`);
    else present.set(field.name, value);
  }
  if (unknown.length > 0) {
    problems.push(
      `Unknown body field${unknown.length > 1 ? "s" : ""} ${unknown.map(quote).join(", ")} ` +
        `(${at === "" ? dto : `in ${at.replace(/\.$/, "")}`}). Allowed: ${list(fields.map((f) => f.name))}.`,
    );
  }
  const missing = fields
    .filter((f) => f.required && (present.get(f.name) === undefined || present.get(f.name) === null))
    .map((f) => `${at}${f.name}`);
  if (missing.length > 0) {
    problems.push(
      `Missing required body field${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ` +
        `(${at === "" ? dto : `in ${at.replace(/\.$/, "")}`}).`,
    );
  }
  for (const field of fields) {
    const value = present.get(field.name);
    if (value === undefined) continue;
    if (value === null) {
      if (field.noNull && !field.required) {
        problems.push(
          `Body field ${quote(`${at}${field.name}`)} cannot be null; leave it out to keep the default.`,
        );
      }
      continue;
    }
    checkField(field, value, `${at}${field.name}`, problems);
  }
}

/** The JSON type a scalar field binds from; undefined for objects, maps and arrays. */
const JSON_TYPE: Record<string, "string" | "boolean" | "integer" | "number"> = {
  string: "string",
  "date-time": "string",
  uuid: "string",
  timespan: "string",
  bool: "boolean",
  int: "integer",
  int64: "integer",
  number: "number",
};

function scalarProblem(base: string, value: unknown, name: string): string | undefined {
  const want = JSON_TYPE[base];
  if (!want) return undefined;
  const ok =
    want === "integer"
      ? Number.isInteger(value)
      : want === "number"
        ? typeof value === "number"
        : typeof value === want;
  if (ok) return undefined;
  const got = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
  return `Body field ${quote(name)} must be ${want === "integer" ? "an integer" : `a ${want}`}, not ${got}.`;
}

function checkField(field: CatalogueBodyField, value: unknown, name: string, problems: string[]) {
  const base = field.type.replace(/\[\]$/, "");
  const isArray = field.type.endsWith("[]");
  if (
    (field.required || field.noBlank) &&
    base === "string" &&
    typeof value === "string" &&
    value.trim() === ""
  ) {
    problems.push(`Body field ${quote(name)} must not be blank.`);
  }
  if (!isArray && !field.enum) {
    const wrong = scalarProblem(base, value, name);
    if (wrong) {
      problems.push(wrong);
      return;
    }
  }
  if (isArray && !Array.isArray(value)) {
    problems.push(`Body field ${quote(name)} must be an array.`);
    return;
  }
  if ((base === "object" || base === "map") && !isArray && !isPlainObject(value)) {
    problems.push(`Body field ${quote(name)} must be a JSON object.`);
    return;
  }
  if (field.enum) {
    const items = isArray ? (value as unknown[]) : [value];
    items.forEach((item, i) => {
      const itemName = isArray ? `${name}[${i}]` : name;
      enumFieldProblems(field, item, itemName, problems);
    });
    return;
  }
  if (!field.fields) return;
  if (base === "object" && isArray) {
    (value as unknown[]).forEach((item, i) => {
      if (isPlainObject(item)) checkObject(field.name, field.fields ?? [], item, `${name}[${i}].`, problems);
      else problems.push(`Body field ${quote(`${name}[${i}]`)} must be a JSON object.`);
    });
  } else if (base === "object") {
    checkObject(field.name, field.fields, value as Record<string, unknown>, `${name}.`, problems);
  } else if (base === "map") {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const itemName = `${name}[${key}]`;
      if (isPlainObject(item)) checkObject(field.name, field.fields, item, `${itemName}.`, problems);
      else problems.push(`Body field ${quote(itemName)} must be a JSON object.`);
    }
  }
}

function enumFieldProblems(field: CatalogueBodyField, value: unknown, name: string, problems: string[]) {
  const allowed = field.enum ?? [];
  if (typeof value === "number") {
    problems.push(
      `Body field ${quote(name)} is the number ${value}, but JIM refuses numbers for enums: ` +
        `send the name, one of: ${list(allowed)}.`,
    );
    return;
  }
  if (typeof value !== "string") {
    problems.push(`Body field ${quote(name)} must be a string naming one of: ${list(allowed)}.`);
    return;
  }
  const parts = field.flags ? value.split(",").map((p) => p.trim()) : [value];
  for (const part of parts) {
    const problem = enumProblem(`Body field ${quote(name)}`, allowed, part, false);
    if (problem && /^-?\d+$/.test(part.trim())) {
      problems.push(
        `Body field ${quote(name)} holds the number ${part.trim()}, but JIM refuses numbers for enums: ` +
          `send the name, one of: ${list(allowed)}.`,
      );
    } else if (problem) {
      problems.push(problem + (field.flags ? " Several names may be combined with commas." : ""));
    }
  }
}
