#!/usr/bin/env node
// Builds the built-in JIM endpoint catalogue used by the MCP server.
//
//   node scripts/build-catalogue.mjs [path/to/endpoints.json]           write the catalogue
//   node scripts/build-catalogue.mjs [path/to/endpoints.json] --check   exit 1 if the committed file is stale
//
// Input:  ../shared/jim-api/endpoints.json, relative to the repository root (or the path given).
// Output: src/jim/catalogue/endpoints.generated.ts, one compact object per endpoint.
//
// The output is a TypeScript module rather than a .json file on purpose: Node 20 before 20.19 prints an
// ExperimentalWarning for JSON module imports, a JSON file read through fs is not copied into dist/ by tsc,
// and a typed module lets `tsc` check every generated entry against CatalogueEndpoint.
//
// Exit codes: 0 ok, 1 committed file out of date (--check) or the input breaks a rule below, 2 input missing.
// Plain Node ESM, no dependencies.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUT = resolve(REPO_ROOT, "src/jim/catalogue/endpoints.generated.ts");
const PREFIX = "/api/v1";

// ---------------------------------------------------------------------------------------------------------
// Safety classification
// ---------------------------------------------------------------------------------------------------------
//
// "read"        changes nothing in JIM or in any connected system.
// "write"       changes JIM configuration or data exactly as the request describes, or starts work that changes
//               no configuration (previews).
// "destructive" deletes or removes things, overwrites more than the request names, acts on real target
//               systems (runs, password delivery), changes what JIM trusts or who may use it, or cannot be undone.
//
// The consent gate relies on this, so the table is explicit: rules are tried top to bottom and the first
// match decides. `path` is either an exact template (without /api/v1), which must match exactly one endpoint
// for the given method (the build fails otherwise, so a renamed route cannot silently lose its rule), or a
// RegExp, which must match at least one endpoint.

const CS = "/synchronisation/connected-systems/{connectedSystemId}";

/** @type {Array<{ method: string; path: string | RegExp; safety: "read" | "write" | "destructive"; why: string }>} */
const SAFETY_RULES = [
  // --- GETs that change something would go first, as destructive/write exceptions. There are none: every GET
  // summary and note was reviewed. GET .../server-certificate and GET .../directory-servers contact the
  // connected system, and GET /activities/{id}/progress feeds a rate sampler, but none of them stores anything.

  // --- Emptying, resetting and cleaning up.
  {
    method: "POST",
    path: `${CS}/clear`,
    safety: "destructive",
    why: "deletes every connector-space object of the system",
  },
  {
    method: "POST",
    path: "/system/reset",
    safety: "destructive",
    why: "factory reset: wipes all data and custom configuration, irreversible",
  },
  {
    method: "POST",
    path: "/history/cleanup",
    safety: "destructive",
    why: "permanently deletes a batch of change history, Activities and audit records",
  },

  // --- Running things that may write to real target systems. The MCP tool layer refines by run type
  // (an import-only run is milder); the catalogue stays conservative.
  {
    method: "POST",
    path: `${CS}/run-profiles/{runProfileId}/execute`,
    safety: "destructive",
    why: "a Run Profile may be an Export that changes accounts in the target system",
  },
  {
    method: "POST",
    path: "/schedules/{id}/run",
    safety: "destructive",
    why: "runs the schedule's steps now, which may include Export Run Profiles and scripts",
  },

  // --- Full replacements, where whatever the request leaves out is lost.
  {
    method: "PUT",
    path: "/apikeys/{id}",
    safety: "destructive",
    why: "full replacement: omitting isEnabled disables the key, omitting roleIds strips its roles",
  },
  {
    method: "PUT",
    path: "/schedules/{id}",
    safety: "destructive",
    why: "full replacement: steps not listed are deleted; omitting isEnabled disables the schedule",
  },
  {
    method: "PUT",
    path: `${CS}/container-scope-text`,
    safety: "destructive",
    why: "replaces the whole container scope; empty text clears every selection",
  },
  {
    method: "PUT",
    path: "/metaverse/attributes/{metaverseAttributeId}/priorities/{metaverseObjectTypeId}",
    safety: "destructive",
    why: "replaces the whole contributor priority order for the attribute",
  },

  // --- Scope changes: deselecting takes objects out of synchronisation.
  {
    method: "PUT",
    path: `${CS}/partitions/{partitionId}`,
    safety: "destructive",
    why: "deselecting a partition drops its objects from sync scope",
  },
  {
    method: "PUT",
    path: `${CS}/containers/{containerId}`,
    safety: "destructive",
    why: "deselecting or excluding a container drops its objects from sync scope",
  },
  {
    method: "PUT",
    path: `${CS}/object-types/{objectTypeId}`,
    safety: "destructive",
    why: "deselecting an object type drops it from management; may remove contributed values on obsoletion",
  },

  // --- Schema and matching changes with knock-on removals.
  {
    method: "POST",
    path: `${CS}/import-schema`,
    safety: "destructive",
    why: "re-applies the schema; removeDependents queues removal of data that depends on vanished items",
  },
  {
    method: "POST",
    path: `${CS}/matching-mode`,
    safety: "destructive",
    why: "switches simple/advanced matching and migrates (moves) the existing matching rules",
  },
  {
    method: "PATCH",
    path: "/metaverse/attributes/{id}/schema",
    safety: "destructive",
    why: "changes an attribute's data type or plurality",
  },

  // --- Passwords delivered to real accounts.
  {
    method: "POST",
    path: "/metaverse/objects/{id}/password",
    safety: "destructive",
    why: "queues a new password for delivery to every password-sync system where the person has an account",
  },
  {
    method: "POST",
    path: `${CS}/connector-space/{csoId}/password`,
    safety: "destructive",
    why: "sets a password directly on the account in the target system",
  },

  // --- Trust and access: what JIM trusts and who may call it.
  {
    method: "POST",
    path: `${CS}/server-certificate/trust`,
    safety: "destructive",
    why: "adds a server certificate to JIM's trusted store",
  },
  {
    method: "POST",
    path: "/certificates/upload",
    safety: "destructive",
    why: "adds a trust anchor to JIM's certificate store (same decision as trusting a server certificate)",
  },
  {
    method: "POST",
    path: "/certificates/file",
    safety: "destructive",
    why: "adds a trust anchor to JIM's certificate store from a server file",
  },
  {
    method: "PATCH",
    path: "/certificates/{id}",
    safety: "destructive",
    why: "can enable or disable a trusted certificate, changing which TLS peers JIM accepts",
  },
  {
    method: "POST",
    path: "/apikeys",
    safety: "destructive",
    why: "mints a new credential carrying the requested roles (possibly Administrator)",
  },
  {
    method: "PUT",
    path: "/security/roles/{roleId}/members/{metaverseObjectId}",
    safety: "destructive",
    why: "grants a role, possibly Administrator",
  },

  // --- Changes a curated tool asks about. api_request must be at least as strict as the curated tool for the
  // same endpoint (test/api-consent.test.ts checks this), and the raw request has no semantic preview, so the
  // whole endpoint is gated even though only some of its changes are risky.
  {
    method: "PUT",
    path: "/synchronisation/sync-rules/{id}",
    safety: "destructive",
    why: "disabling a rule, turning off provisioning or projection, or choosing Delete can deprovision accounts or withdraw imported values",
  },
  {
    method: "PUT",
    path: "/service-settings/{key}",
    safety: "destructive",
    why: "security settings (such as rate limiting) change how JIM protects itself and its callers",
  },

  // --- Changes to what a sync rule covers or joins. Deleting these is destructive; adding or changing them can
  // do the same harm (a new criterion narrows scope; a changed matching rule breaks existing joins).
  {
    method: "POST",
    path: /^\/synchronisation\/sync-rules\/\{syncRuleId\}\/scoping-criteria(\/\{parentGroupId\}\/child-groups|\/\{groupId\}\/criteria)?$/,
    safety: "destructive",
    why: "can narrow the rule's scope: objects that fall out are disconnected or deprovisioned on the next sync, as the rule's out-of-scope actions say",
  },
  {
    method: "PUT",
    path: /^\/synchronisation\/sync-rules\/\{syncRuleId\}\/scoping-criteria\/\{groupId\}(\/criteria\/\{criterionId\})?$/,
    safety: "destructive",
    why: "can narrow the rule's scope: objects that fall out are disconnected or deprovisioned on the next sync, as the rule's out-of-scope actions say",
  },
  {
    method: "PUT",
    path: "/synchronisation/sync-rules/{syncRuleId}/matching-rules/{ruleId}",
    safety: "destructive",
    why: "changes how objects join: existing joins that no longer match can break on the next sync",
  },

  // --- Cancelling running work.
  {
    method: "POST",
    path: "/worker-tasks/{id}/cancel",
    safety: "destructive",
    why: "stops a queued or running task; its Activity ends Cancelled and cannot be resumed",
  },
  {
    method: "POST",
    path: "/schedule-executions/{id}/cancel",
    safety: "destructive",
    why: "stops a schedule execution part-way; it cannot be resumed",
  },

  // --- Broad rules.
  {
    method: "GET",
    path: /./,
    safety: "read",
    why: "GETs only read (no exception found, see the top of this table)",
  },
  {
    method: "DELETE",
    path: /./,
    safety: "destructive",
    why: "it removes something from JIM (for a setting, its override; for a preview, the preview itself)",
  },
  {
    method: "POST",
    path: /\/preview$/,
    safety: "write",
    why: "previews start an Activity (or compute a report) but change no configuration",
  },
  {
    method: "*",
    path: /./,
    safety: "write",
    why: "any other POST/PUT/PATCH creates or updates what it names",
  },
];

// Words that suggest removal. A non-GET endpoint whose op or path contains one of them but which the table
// does not classify as destructive stops the build unless it is reviewed here, so a new "purge" endpoint
// cannot slip through as a plain write.
const REMOVAL_WORDS = /delete|remove|clear|reset|revoke|wipe|cleanup|purge|truncate|unassign|revert/i;
/** Reviewed non-destructive matches: "METHOD /path" → reason. */
const REVIEWED_NOT_DESTRUCTIVE = {};

// Endpoints whose success response carries a secret (the tool layer must not echo or log it).
const SECRET_RESPONSES = [
  ["POST", "/apikeys", "the only response that contains the full API key"],
  ["POST", `${CS}/generate-password`, "a generated password"],
  ["POST", "/synchronisation/connected-systems/generate-password", "a generated password"],
];

// Stable names for the endpoints that have no operationName in the source.
const DERIVED_OPS = {
  "GET /filesystem/list": "ListFileSystemDirectory",
  "GET /filesystem/roots": "GetFileSystemRoots",
  "GET /filesystem/validate": "ValidateFileSystemPath",
};

// ---------------------------------------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------------------------------------

const problems = [];
const fail = (msg) => problems.push(msg);

function shortType(t) {
  if (typeof t !== "string") throw new Error(`type is not a string: ${JSON.stringify(t)}`);
  if (t.startsWith("array<") && t.endsWith(">")) return `${shortType(t.slice(6, -1))}[]`;
  if (t.startsWith("map<")) return "map";
  if (t.startsWith("enum ")) return "enum";
  if (t.startsWith("string(timespan")) return "timespan";
  const simple = {
    integer: "int",
    "integer(int64)": "int64",
    number: "number",
    boolean: "bool",
    string: "string",
    "string(date-time)": "date-time",
    "string(uuid)": "uuid",
  };
  if (t in simple) return simple[t];
  if (/^[A-Z][A-Za-z0-9]*$/.test(t)) return "object";
  throw new Error(`unknown type "${t}": teach shortType about it`);
}

/** Splits on ";" outside parentheses and trims each piece. */
function clauses(text) {
  const out = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth = Math.max(0, depth - 1);
    if (ch === ";" && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.filter(Boolean);
}

const NOTE_MAX = 120;
const truncatedNotes = [];

// Shorter wording for the paging/sorting constraints that repeat across many endpoints. Each pattern must
// match a whole constraint text; the replacement keeps the rule and drops the prose.
const SHORT_NOTES = [
  [
    /^(1-based; values < 1 treated as 1|values < 1 become 1); .*1,000,000.*$/,
    "1-based; (page-1)*pageSize must be <= 1,000,000 (else 400)",
  ],
  [
    /^1\.\.100; values < 1 become 25, values > 100 are clamped to 100$/,
    "1..100; < 1 becomes 25, > 100 becomes 100",
  ],
  [/^values < 1 become 50; > 100 clamped to 100$/, "1..100; < 1 becomes 50, > 100 becomes 100"],
  [
    /^must be >= 1 \(else 400 VALIDATION_ERROR\); > 100 clamped to 100$/,
    "must be >= 1 (else 400); above 100 clamped",
  ],
  [/^max \d+ chars; ignored by this endpoint$/, "ignored by this endpoint"],
  [
    /^exactly "asc" or "desc" \(lowercase, regex-validated\); ignored by this endpoint$/,
    "ignored by this endpoint",
  ],
  [
    /^max 500 chars; format property:operator:value on item properties.*$/,
    "max 500 chars; property:operator:value, ops eq|ne|contains|startswith|endswith|gt|gte|lt|lte",
  ],
  [
    /^max 100 chars; any property name of (\w+) \(case-insensitive\).*$/,
    "any $1 property name (case-insensitive)",
  ],
  [
    /^max 100 chars; created \| executed \| status \| type .*$/,
    "created | executed | status | type | target; other values ignored",
  ],
];

/** Keeps the rule-carrying part of a query parameter's constraint text, at most NOTE_MAX characters. */
function queryNote(where, text) {
  for (const [pattern, replacement] of SHORT_NOTES) {
    if (pattern.test(text)) return text.replace(pattern, replacement);
  }
  const kept = [];
  for (let c of clauses(text)) {
    // Already expressed by the type ("[]") or by `enum`.
    if (/^repeatable( \(repeat the parameter once per value\))?$/.test(c)) continue;
    if (/^enum names \(case-insensitive; numeric strings also bind\)$/.test(c)) continue;
    if (/^exactly "asc" or "desc"/.test(c)) continue;
    c = c.replace(/^repeatable /, "");
    kept.push(c);
  }
  let note = kept.join("; ");
  if (note.length > NOTE_MAX) {
    while (kept.length > 1 && kept.join("; ").length > NOTE_MAX) kept.pop();
    note = kept.join("; ");
    if (note.length > NOTE_MAX) note = `${note.slice(0, NOTE_MAX - 1).replace(/\s+\S*$/, "")}…`;
    truncatedNotes.push(`${where}: ${note}`);
  }
  return note || undefined;
}

/** A "one of a | b | c" or bare "A | B | C" clause naming every accepted value. */
function listedValues(name, text) {
  if (name === "sortBy" || !text) return undefined; // sortBy ignores unknown names, so it is not an enum
  for (const c of clauses(text)) {
    const m = /^(?:one of |repeatable; )?([A-Za-z]+(?: \| [A-Za-z]+)+)$/.exec(c);
    if (m) return m[1].split(" | ");
  }
  return undefined;
}

function convertQuery(where, q) {
  const out = { name: q.name, type: shortType(q.type) };
  if (q.required) out.required = true;
  let values = q.enumValues;
  if (!values && q.name === "sortDirection") {
    values = ["asc", "desc"];
    out.exact = true; // validated by a lower-case regex, not bound as an enum
  }
  values ??= listedValues(q.name, q.constraints);
  if (values) {
    out.enum = values;
    if (!q.enumValues && out.type !== "enum" && out.type !== "enum[]") {
      out.type = out.type.endsWith("[]") ? "enum[]" : "enum";
    }
  }
  if (q.default !== null && q.default !== undefined) out.default = q.default;
  if (q.constraints) {
    const note = queryNote(where, q.constraints);
    if (note && !(values && /^(one of )?[A-Za-z]+( \| [A-Za-z]+)+$/.test(note))) out.note = note;
  }
  return out;
}

/** Value types: JSON null fails to bind to one unless the contract marks it nullable. */
const VALUE_TYPES = new Set(["int", "int64", "number", "bool", "enum", "uuid", "date-time", "timespan"]);

function convertField(f, depth) {
  const out = { name: f.name, type: shortType(f.type) };
  if (f.required) out.required = true;
  if (f.enumValues) out.enum = f.enumValues;
  if (f.flagsEnum) out.flags = true;
  // A field that may be left out (it has a default) but not sent as null or "".
  const strict = /explicit null or empty string fails/i.test(f.constraints ?? "");
  if (strict || (VALUE_TYPES.has(out.type) && f.nullable !== true)) out.noNull = true;
  if (strict) {
    out.noBlank = true;
    // '"All" (AND) or "Any" (OR)' lists the values such a string field takes.
    const named = [...(f.constraints ?? "").matchAll(/"([A-Za-z]+)" \(/g)].map((m) => m[1]);
    if (!out.enum && named.length > 1) out.enum = named;
  }
  // Nested request objects keep their own fields one level deep; deeper structure is left to JIM to check.
  if (depth === 0 && Array.isArray(f.fields)) out.fields = f.fields.map((g) => convertField(g, 1));
  return out;
}

function pathParamType(constraint) {
  if (constraint === "int") return "int";
  if (constraint === "guid") return "guid";
  if (constraint === null || constraint === undefined || constraint === "none") return "string";
  throw new Error(`unknown path constraint "${constraint}"`);
}

function convert(e) {
  if (!e.path.startsWith(`${PREFIX}/`)) throw new Error(`path without ${PREFIX}: ${e.path}`);
  const path = e.path.slice(PREFIX.length);
  const key = `${e.method} ${path}`;
  const op = e.operationName ?? DERIVED_OPS[key];
  if (!op) fail(`${key}: no operationName and no entry in DERIVED_OPS`);
  const out = {
    op,
    method: e.method,
    path,
    area: e.controller,
    summary: e.summary,
    pathParams: e.pathParams.map((p) => ({ name: p.name, type: pathParamType(p.constraint) })),
    query: e.queryParams.map((q) => convertQuery(`${key} ?${q.name}`, q)),
    body: e.body
      ? { dto: e.body.dto, required: !e.body.optional, fields: e.body.fields.map((f) => convertField(f, 0)) }
      : null,
    async: e.async === true,
    anonymous: e.role === "anonymous",
    safety: "write",
  };
  if (e.asyncTracking?.kind) out.track = e.asyncTracking.kind;
  return out;
}

function ruleMatches(rule, ep) {
  if (rule.method !== "*" && rule.method !== ep.method) return false;
  return typeof rule.path === "string" ? rule.path === ep.path : rule.path.test(ep.path);
}

function classify(endpoints) {
  const hits = SAFETY_RULES.map(() => 0);
  for (const ep of endpoints) {
    const i = SAFETY_RULES.findIndex((r) => ruleMatches(r, ep));
    if (i < 0) throw new Error(`no safety rule for ${ep.method} ${ep.path}`);
    ep.safety = SAFETY_RULES[i].safety;
    if (ep.safety === "destructive") ep.risk = SAFETY_RULES[i].why;
    hits[i]++;
    const words = `${ep.op} ${ep.path}`;
    const key = `${ep.method} ${ep.path}`;
    if (ep.method !== "GET" && ep.safety !== "destructive" && REMOVAL_WORDS.test(words)) {
      if (!(key in REVIEWED_NOT_DESTRUCTIVE)) {
        fail(`${key} (${ep.op}) sounds like a removal but is "${ep.safety}": classify it or review it`);
      }
    }
  }
  SAFETY_RULES.forEach((r, i) => {
    const total = endpoints.filter((ep) => ruleMatches(r, ep)).length;
    if (typeof r.path === "string" && total !== 1) {
      fail(`safety rule ${r.method} ${r.path} matches ${total} endpoints (expected exactly 1)`);
    }
    if (typeof r.path !== "string" && hits[i] === 0 && total === 0) {
      fail(`safety rule ${r.method} ${r.path} matches nothing`);
    }
  });
  for (const [method, path, why] of SECRET_RESPONSES) {
    const ep = endpoints.find((x) => x.method === method && x.path === path);
    if (!ep) fail(`secret rule ${method} ${path} (${why}) matches no endpoint`);
    else ep.secret = true;
  }
}

function validate(endpoints) {
  const seen = new Set();
  const ops = new Set();
  for (const ep of endpoints) {
    const shape = `${ep.method} ${ep.path.toLowerCase().replace(/\{[^}]+\}/g, "{}")}`;
    if (seen.has(shape)) fail(`duplicate route ${shape}`);
    seen.add(shape);
    const lop = ep.op?.toLowerCase();
    if (ops.has(lop)) fail(`duplicate op ${ep.op}`);
    ops.add(lop);
    if (!["GET", "POST", "PUT", "PATCH", "DELETE"].includes(ep.method)) fail(`odd method ${ep.method}`);
    const names = [...ep.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (names.join() !== ep.pathParams.map((p) => p.name).join()) {
      fail(`${ep.method} ${ep.path}: pathParams do not follow the template`);
    }
  }
}

// Keys in a fixed order so the output does not depend on how the source orders them.
const KEY_ORDER = [
  "op",
  "method",
  "path",
  "area",
  "summary",
  "pathParams",
  "query",
  "body",
  "async",
  "track",
  "anonymous",
  "safety",
  "risk",
  "secret",
];

// Members left out of the generated file when they hold these values; index.ts puts them back on load.
const OMITTED_DEFAULTS = { pathParams: "[]", query: "[]", body: "null", async: "false", anonymous: "false" };

function render(endpoints) {
  const lines = endpoints.map((ep) => {
    const ordered = {};
    for (const k of KEY_ORDER) {
      if (ep[k] === undefined || JSON.stringify(ep[k]) === OMITTED_DEFAULTS[k]) continue;
      ordered[k] = ep[k];
    }
    return `  ${JSON.stringify(ordered)},`;
  });
  return [
    "// Generated by scripts/build-catalogue.mjs from the team's JIM endpoints.json. Do not edit by hand:",
    "// run `node scripts/build-catalogue.mjs` and commit the result (`--check` tells whether it is current).",
    "// Empty pathParams/query, a null body and false async/anonymous are left out; index.ts fills them in.",
    "// biome-ignore-all format: generated data, one endpoint per line keeps diffs reviewable",
    'import type { CompactEndpoint } from "./types.js";',
    "",
    `/** All ${endpoints.length} JIM REST endpoints, in the order of the source file. */`,
    "export const ENDPOINTS: readonly CompactEndpoint[] = [",
    ...lines,
    "];",
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------------

function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--check");
  if (unknown.length > 0) {
    console.error(`unknown option(s): ${unknown.join(" ")}`);
    return 2;
  }
  const given = args.find((a) => !a.startsWith("--"));
  const source = given
    ? resolve(process.cwd(), given)
    : resolve(REPO_ROOT, "../shared/jim-api/endpoints.json");
  if (!existsSync(source)) {
    console.error(`endpoints.json not found at ${source} (pass its path as an argument)`);
    return 2;
  }

  const raw = JSON.parse(readFileSync(source, "utf8"));
  if (!Array.isArray(raw)) throw new Error("endpoints.json must hold an array");
  const endpoints = raw.map(convert);
  validate(endpoints);
  classify(endpoints);
  if (problems.length > 0) {
    for (const p of problems) console.error(`error: ${p}`);
    return 1;
  }

  const text = render(endpoints);
  const outRel = relative(process.cwd(), OUTPUT) || OUTPUT;
  const counts = { read: 0, write: 0, destructive: 0 };
  for (const ep of endpoints) counts[ep.safety]++;
  const summary =
    `${endpoints.length} endpoints: read ${counts.read}, write ${counts.write}, destructive ${counts.destructive}; ` +
    `${endpoints.filter((e) => e.secret).length} with secret responses; ${Buffer.byteLength(text)} bytes`;

  if (check) {
    const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, "utf8") : null;
    if (current !== text) {
      console.error(`${outRel} is out of date: run node scripts/build-catalogue.mjs and commit the result`);
      return 1;
    }
    process.stdout.write(`${outRel} is up to date (${summary})\n`);
    return 0;
  }

  writeFileSync(OUTPUT, text);
  process.stdout.write(`wrote ${outRel}: ${summary}\n`);
  for (const t of truncatedNotes) process.stdout.write(`  note shortened: ${t}\n`);
  return 0;
}

process.exitCode = main();
