/**
 * HTTP plumbing for the JIM simulator: the node:http server, request recording,
 * injected faults, authentication, rate limiting, a small router with JIM-style
 * route templates, and the response/paging helpers route modules use.
 */

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { matchEndpoint } from "../jim/catalogue/match.js";
import { bindQueryEnum } from "./enums.js";

// ---------------------------------------------------------------------------
// Public types shared with index.ts and the route modules
// ---------------------------------------------------------------------------

export type QueryMap = Record<string, string | string[]>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: QueryMap;
  body: unknown;
  keyPreview: string | null;
  /** The User-Agent header (jim-mcp's client sends "jim-mcp"). */
  userAgent: string | null;
  status: number;
  at: number;
}

/**
 * A fault injected before auth and routing, for matching requests (`times` of them, default 1).
 * - status: an error answer with JIM's body for that status (and Retry-After when given);
 * - reset: the connection is reset before any answer;
 * - html: the portal page with status 200;
 * - delay: waits `delayMs`, then handles the request normally;
 * - garbage: status 200 JSON that is cut short (`body`, default a truncated list), complete on the wire;
 * - reset-mid-body: status 200 headers promising a longer JSON body, part of it, then a reset;
 * - slow-body: status 200 headers and part of the body at once, the rest after `delayMs`.
 */
export interface FaultSpec {
  method?: string;
  path?: string | RegExp;
  kind: "status" | "reset" | "html" | "delay" | "garbage" | "reset-mid-body" | "slow-body";
  status?: number;
  retryAfter?: string | null;
  delayMs?: number;
  times?: number;
  /** The body for garbage, reset-mid-body and slow-body. */
  body?: string;
}

const PARTIAL_BODY = '{"items": [{"id": 1, "name": "HR Sys';
const FULL_BODY =
  '{"items":[],"totalCount":0,"page":1,"pageSize":25,"totalPages":0,"hasNextPage":false,"hasPreviousPage":false}';

export interface SimApiKey {
  /** GUID of the key, reported as initiatedById on activities. */
  id: string;
  key: string;
  name: string;
  roles: string[];
  enabled: boolean;
  expiresAt: string | null;
  /**
   * Other secrets that authenticate as this key. Test rigs give a key a fresh secret
   * and keep the old one working for requests a test sends itself.
   */
  aliases?: string[];
}

/** Who is calling: the matched, valid API key. */
export interface Principal {
  id: string;
  name: string;
  roles: string[];
  isAdministrator: boolean;
}

/** anonymous = no credentials needed; authenticated = any valid key; admin = key with Administrator. */
export type AuthLevel = "anonymous" | "authenticated" | "admin";

export interface RouteOptions {
  /** Default "admin". */
  auth?: AuthLevel;
  /** Default true; the health probes pass false. */
  rateLimited?: boolean;
  /**
   * "none": any body is ignored (default for GET/DELETE and body-less POSTs).
   * "json": a JSON body is required (415 without a JSON content type, 400 when empty or malformed).
   * "optional-json": parsed when present.
   */
  body?: "none" | "json" | "optional-json";
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Pathname as received (not decoded). */
  path: string;
  /** Route parameters, percent-decoded; guid parameters normalised to lower-case canonical form. */
  params: Record<string, string>;
  query: QueryMap;
  /** Parsed JSON body (routes declaring a JSON body), else undefined. */
  body: unknown;
  rawBody: string;
  principal: Principal | null;
  now: number;
}

export type Handler = (ctx: RequestContext) => void | Promise<void>;

// ---------------------------------------------------------------------------
// Router
// ---------------------------------------------------------------------------

type Segment =
  | { kind: "literal"; value: string }
  | { kind: "param"; name: string; constraint: "int" | "guid" | "any" };

interface Route {
  method: string;
  template: string;
  segments: Segment[];
  handler: Handler;
  opts: Required<RouteOptions>;
}

export type RouteMatch =
  | { kind: "match"; route: Route; params: Record<string, string> }
  | { kind: "method-mismatch"; allowed: string[] }
  | { kind: "none" };

const INT32_MAX = 2_147_483_647;
const GUID_RE = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** Canonical lower-case GUID, or null when the text is not a GUID. */
export function parseGuid(text: string): string | null {
  const m = GUID_RE.exec(text);
  if (!m) return null;
  const braces = text.startsWith("{") === text.endsWith("}");
  if (!braces) return null;
  return `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase();
}

function compileTemplate(template: string): Segment[] {
  return splitPath(template).map((seg) => {
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::(int|guid))?\}$/.exec(seg);
    if (m) return { kind: "param", name: m[1] as string, constraint: (m[2] as "int" | "guid") ?? "any" };
    return { kind: "literal", value: seg.toLowerCase() };
  });
}

function splitPath(path: string): string[] {
  let p = path;
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  return p.split("/").filter((s, i) => !(i === 0 && s === ""));
}

export class Router {
  readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler, opts: RouteOptions = {}): void {
    const m = method.toUpperCase();
    this.routes.push({
      method: m,
      template,
      segments: compileTemplate(template),
      handler,
      opts: {
        auth: opts.auth ?? "admin",
        rateLimited: opts.rateLimited ?? true,
        body: opts.body ?? "none",
      },
    });
  }

  get(template: string, handler: Handler, opts?: RouteOptions): void {
    this.add("GET", template, handler, opts);
  }
  post(template: string, handler: Handler, opts?: RouteOptions): void {
    this.add("POST", template, handler, opts);
  }
  put(template: string, handler: Handler, opts?: RouteOptions): void {
    this.add("PUT", template, handler, { body: "json", ...opts });
  }
  patch(template: string, handler: Handler, opts?: RouteOptions): void {
    this.add("PATCH", template, handler, { body: "json", ...opts });
  }
  delete(template: string, handler: Handler, opts?: RouteOptions): void {
    this.add("DELETE", template, handler, opts);
  }

  match(method: string, pathname: string): RouteMatch {
    let rawSegs: string[];
    try {
      rawSegs = splitPath(pathname).map((s) => decodeURIComponent(s));
    } catch {
      return { kind: "none" };
    }
    const allowed: string[] = [];
    let best: { route: Route; params: Record<string, string>; literals: number } | null = null;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, rawSegs);
      if (!params) continue;
      if (route.method !== method.toUpperCase()) {
        allowed.push(route.method);
        continue;
      }
      // Prefer the most specific template (more literal segments win), like ASP.NET route precedence.
      const literals = route.segments.filter((s) => s.kind === "literal").length;
      if (!best || literals > best.literals) best = { route, params, literals };
    }
    if (best) return { kind: "match", route: best.route, params: best.params };
    if (allowed.length > 0) return { kind: "method-mismatch", allowed: [...new Set(allowed)] };
    return { kind: "none" };
  }
}

function matchSegments(segments: Segment[], values: string[]): Record<string, string> | null {
  if (segments.length !== values.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    const v = values[i] as string;
    if (seg.kind === "literal") {
      if (v.toLowerCase() !== seg.value) return null;
      continue;
    }
    if (v === "") return null;
    if (seg.constraint === "int") {
      if (!/^\d+$/.test(v) || Number(v) > INT32_MAX) return null;
      params[seg.name] = String(Number(v));
    } else if (seg.constraint === "guid") {
      const g = parseGuid(v);
      if (!g) return null;
      params[seg.name] = g;
    } else {
      params[seg.name] = v;
    }
  }
  return params;
}

// ---------------------------------------------------------------------------
// Response helpers
// ---------------------------------------------------------------------------

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers?: Record<string, string>): void {
  res.writeHead(status, { "content-length": "0", ...headers });
  res.end();
}

/** JIM's standard error object (ApiErrorResponse). `code` may be "" (some controllers send no code). */
export function apiError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  validationErrors?: Record<string, string[]> | null,
  headers?: Record<string, string>,
): void {
  sendJson(
    res,
    status,
    {
      code,
      message,
      details: null,
      validationErrors: validationErrors ?? null,
      timestamp: new Date().toISOString(),
    },
    headers,
  );
}

const PROBLEM_TYPES: Record<number, string> = {
  400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
  404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
  405: "https://tools.ietf.org/html/rfc9110#section-15.5.6",
  413: "https://tools.ietf.org/html/rfc9110#section-15.5.14",
  415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
  500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
};

function traceId(): string {
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
}

/**
 * RFC 9457 problem (application/problem+json). With `errors` it is a
 * ValidationProblemDetails; without, a bare ProblemDetails.
 */
export function problem(
  res: ServerResponse,
  status: number,
  title: string,
  errors?: Record<string, string[]>,
): void {
  const body: Record<string, unknown> = {
    type: PROBLEM_TYPES[status] ?? "about:blank",
    title,
    status,
  };
  if (errors) body.errors = errors;
  body.traceId = traceId();
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/problem+json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** 400 ValidationProblemDetails with the usual title. */
export function validationProblem(res: ServerResponse, errors: Record<string, string[]>): void {
  problem(res, 400, "One or more validation errors occurred.", errors);
}

export function notFound(res: ServerResponse, message: string): void {
  apiError(res, 404, "NOT_FOUND", message);
}

export function badRequest(res: ServerResponse, message: string): void {
  apiError(res, 400, "BAD_REQUEST", message);
}

const UNAUTHORIZED_BODY = { error: "Unauthorized", message: "Authentication required" };

export const PORTAL_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1.0" />
  <title>JIM</title>
  <base href="/" />
  <link rel="stylesheet" href="css/app.css" />
</head>
<body>
  <div id="app">
    <h1>JIM</h1>
    <p>Identity management portal. Sign in to continue.</p>
  </div>
  <script src="_framework/blazor.web.js"></script>
</body>
</html>
`;

export function sendPortalHtml(res: ServerResponse): void {
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(PORTAL_HTML),
  });
  res.end(PORTAL_HTML);
}

// ---------------------------------------------------------------------------
// Query helpers (ASP.NET binds query keys case-insensitively)
// ---------------------------------------------------------------------------

export function queryValues(query: QueryMap, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (k.toLowerCase() !== lower) continue;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

/** First value of a query parameter; empty strings count as absent (ASP.NET binds them to null). */
export function queryValue(query: QueryMap, name: string): string | undefined {
  const v = queryValues(query, name).find((x) => x !== "");
  return v;
}

function toQueryMap(params: URLSearchParams): QueryMap {
  const out: QueryMap = {};
  for (const [k, v] of params) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

/** Reads an int32 query value; `undefined` when absent, `null` when present but not an integer. */
export function queryInt(query: QueryMap, name: string): number | undefined | null {
  const v = queryValue(query, name);
  if (v === undefined) return undefined;
  const t = v.trim();
  if (!/^[-+]?\d+$/.test(t)) return null;
  const n = Number(t);
  if (n > INT32_MAX || n < -INT32_MAX - 1) return null;
  return n;
}

/** Reads a boolean query value; `undefined` when absent, `null` when present but not true/false. */
export function queryBool(query: QueryMap, name: string): boolean | undefined | null {
  const v = queryValue(query, name);
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === "true") return true;
  if (t === "false") return false;
  return null;
}

// ---------------------------------------------------------------------------
// Paging (contract §5)
// ---------------------------------------------------------------------------

export interface Paginated<T> {
  items: T[];
  totalCount: number;
  page: number;
  pageSize: number;
  totalPages: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface PageRequest {
  page: number;
  pageSize: number;
  sortBy: string | null;
  sortDirection: "asc" | "desc";
  filter: string | null;
}

export const MAX_PAGING_DEPTH = 1_000_000;

/**
 * Standard PaginationRequest binding: defaults 1/25, pageSize < 1 → 25, > 100 → 100,
 * page < 1 → 1, depth ceiling → 400 ValidationProblemDetails (errors.Page), sortDirection
 * exactly asc|desc, sortBy ≤ 100 chars, filter ≤ 500 chars. Sends the 400 itself and returns null.
 */
export function readPaginationRequest(ctx: RequestContext): PageRequest | null {
  const errors: Record<string, string[]> = {};
  const rawPage = queryInt(ctx.query, "page");
  const rawSize = queryInt(ctx.query, "pageSize");
  if (rawPage === null) errors.Page = [`The value '${queryValue(ctx.query, "page")}' is not valid for Page.`];
  if (rawSize === null) {
    errors.PageSize = [`The value '${queryValue(ctx.query, "pageSize")}' is not valid for PageSize.`];
  }
  const sortBy = queryValue(ctx.query, "sortBy") ?? null;
  const sortDirection = queryValue(ctx.query, "sortDirection") ?? "asc";
  const filter = queryValue(ctx.query, "filter") ?? null;
  if (sortBy !== null && sortBy.length > 100) errors.SortBy = ["SortBy must be at most 100 characters long."];
  if (filter !== null && filter.length > 500) errors.Filter = ["Filter must be at most 500 characters long."];
  if (sortDirection !== "asc" && sortDirection !== "desc") {
    errors.SortDirection = ["SortDirection must be 'asc' or 'desc'."];
  }
  let page = rawPage ?? 1;
  let pageSize = rawSize ?? 25;
  if (page < 1) page = 1;
  if (pageSize < 1) pageSize = 25;
  if (pageSize > 100) pageSize = 100;
  if (!errors.Page && (page - 1) * pageSize > MAX_PAGING_DEPTH) {
    errors.Page = [
      `Requested page is too deep: (page - 1) x pageSize may not exceed ${MAX_PAGING_DEPTH.toLocaleString("en-GB")} rows. Narrow the query with filters instead.`,
    ];
  }
  if (Object.keys(errors).length > 0) {
    validationProblem(ctx.res, errors);
    return null;
  }
  return { page, pageSize, sortBy, sortDirection: sortDirection as "asc" | "desc", filter };
}

/**
 * The "own paging" variant (connector space, pending exports, worker tasks…): defaults 1/50,
 * pageSize < 1 → 50, > 100 → 100; over-deep requests → 400 VALIDATION_ERROR with validationErrors.page.
 */
export function readOwnPaging(ctx: RequestContext): { page: number; pageSize: number } | null {
  const rawPage = queryInt(ctx.query, "page");
  const rawSize = queryInt(ctx.query, "pageSize");
  const errors: Record<string, string[]> = {};
  if (rawPage === null) errors.page = [`The value '${queryValue(ctx.query, "page")}' is not valid.`];
  if (rawSize === null) errors.pageSize = [`The value '${queryValue(ctx.query, "pageSize")}' is not valid.`];
  if (Object.keys(errors).length > 0) {
    validationProblem(ctx.res, errors);
    return null;
  }
  let page = rawPage ?? 1;
  let pageSize = rawSize ?? 50;
  if (page < 1) page = 1;
  if (pageSize < 1) pageSize = 50;
  if (pageSize > 100) pageSize = 100;
  if ((page - 1) * pageSize > MAX_PAGING_DEPTH) {
    apiError(ctx.res, 400, "VALIDATION_ERROR", "The requested page is beyond the paging depth limit.", {
      page: [`(page - 1) x pageSize may not exceed ${MAX_PAGING_DEPTH.toLocaleString("en-GB")} rows.`],
    });
    return null;
  }
  return { page, pageSize };
}

/** Slices a full list into the standard envelope. */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): Paginated<T> {
  return paginateCounted(items.slice((page - 1) * pageSize, page * pageSize), items.length, page, pageSize);
}

/** Envelope for an already-sliced page. */
export function paginateCounted<T>(
  pageItems: T[],
  totalCount: number,
  page: number,
  pageSize: number,
): Paginated<T> {
  const totalPages = Math.ceil(totalCount / pageSize);
  return {
    items: pageItems,
    totalCount,
    page,
    pageSize,
    totalPages,
    hasNextPage: page < totalPages,
    hasPreviousPage: page > 1,
  };
}

/**
 * In-memory sort/filter as JIM applies it to lists such as connected systems:
 * sortBy = any item property (case-insensitive, unknown names leave the order alone);
 * filter = property:operator:value with string ops eq|ne|contains|startswith|endswith
 * (case-sensitive), number ops eq|ne|gt|gte|lt|lte, boolean/other eq|ne. Malformed filters are ignored.
 */
export function sortAndFilter<T extends object>(items: readonly T[], req: PageRequest): T[] {
  let out = [...items];
  if (req.filter) out = applyFilter(out, req.filter);
  if (req.sortBy) {
    const sample = out[0] ?? items[0];
    const key = sample ? findKey(sample, req.sortBy) : undefined;
    if (key) {
      const dir = req.sortDirection === "desc" ? -1 : 1;
      out.sort(
        (a, b) =>
          dir * compareValues((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      );
    }
  }
  return out;
}

function findKey(obj: object, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a ? 1 : -1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function applyFilter<T extends object>(items: T[], filter: string): T[] {
  const first = filter.indexOf(":");
  const second = first < 0 ? -1 : filter.indexOf(":", first + 1);
  if (first <= 0 || second < 0) return items;
  const prop = filter.slice(0, first);
  const op = filter.slice(first + 1, second).toLowerCase();
  const value = filter.slice(second + 1);
  const sample = items[0];
  if (!sample) return items;
  const key = findKey(sample, prop);
  if (!key) return items;
  const get = (x: T) => (x as Record<string, unknown>)[key];
  const kind = typeof get(sample);
  if (kind === "number") {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) return items;
    const ops: Record<string, (x: number) => boolean> = {
      eq: (x) => x === n,
      ne: (x) => x !== n,
      gt: (x) => x > n,
      gte: (x) => x >= n,
      lt: (x) => x < n,
      lte: (x) => x <= n,
    };
    const f = ops[op];
    return f ? items.filter((i) => f(get(i) as number)) : items;
  }
  if (kind === "boolean") {
    const b = value.toLowerCase();
    if (b !== "true" && b !== "false") return items;
    if (op === "eq") return items.filter((i) => String(get(i)) === b);
    if (op === "ne") return items.filter((i) => String(get(i)) !== b);
    return items;
  }
  const str = (i: T) => {
    const v = get(i);
    return v === null || v === undefined ? null : String(v);
  };
  switch (op) {
    case "eq":
      return items.filter((i) => str(i) === value);
    case "ne":
      return items.filter((i) => str(i) !== value);
    case "contains":
      return items.filter((i) => str(i)?.includes(value) ?? false);
    case "startswith":
      return items.filter((i) => str(i)?.startsWith(value) ?? false);
    case "endswith":
      return items.filter((i) => str(i)?.endsWith(value) ?? false);
    default:
      return items;
  }
}

// ---------------------------------------------------------------------------
// JSON body parsing
// ---------------------------------------------------------------------------

/** Finds a duplicated property name in (already valid) JSON text; returns its JSON path or null. */
export function findDuplicateProperty(text: string): string | null {
  interface Frame {
    obj: boolean;
    keys: Set<string>;
    expectKey: boolean;
    path: string;
    lastKey: string | null;
    index: number;
  }
  const stack: Frame[] = [];
  const childPath = (f: Frame | undefined): string => {
    if (!f) return "$";
    return f.obj ? `${f.path}.${f.lastKey ?? ""}` : `${f.path}[${f.index}]`;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.obj && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return `${top.path}.${key}`;
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === "{" || c === "[") {
      const parent = stack[stack.length - 1];
      stack.push({
        obj: c === "{",
        keys: new Set(),
        expectKey: c === "{",
        path: childPath(parent),
        lastKey: null,
        index: 0,
      });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.obj) top.expectKey = true;
        else top.index += 1;
      }
    }
    i += 1;
  }
  return null;
}

type BodyResult = { ok: true; value: unknown } | { ok: false };

/** Parses and validates a JSON request body per the route's declaration; sends the 4xx itself on failure. */
function parseBody(ctx: RequestContext, mode: "json" | "optional-json"): BodyResult {
  const contentType = String(ctx.req.headers["content-type"] ?? "");
  const raw = ctx.rawBody;
  if (raw.trim() === "") {
    if (mode === "optional-json") return { ok: true, value: undefined };
    if (!/\bjson\b/i.test(contentType)) {
      problem(ctx.res, 415, "Unsupported Media Type");
      return { ok: false };
    }
    validationProblem(ctx.res, { "": ["A non-empty request body is required."] });
    return { ok: false };
  }
  if (!/\bjson\b/i.test(contentType)) {
    problem(ctx.res, 415, "Unsupported Media Type");
    return { ok: false };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    validationProblem(ctx.res, {
      $: [`The request body is not valid JSON: ${(e as Error).message}`],
    });
    return { ok: false };
  }
  const dup = findDuplicateProperty(raw);
  if (dup) {
    validationProblem(ctx.res, {
      [dup]: [`The property '${dup}' appears more than once in the request body.`],
    });
    return { ok: false };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------
// Rate limiting (§6): per key, sliding 60 s window
// ---------------------------------------------------------------------------

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(public limitPerMinute: number | null) {}

  /** Records a hit; returns null when allowed, else the Retry-After seconds. */
  check(keyId: string, now: number): number | null {
    if (this.limitPerMinute === null || this.limitPerMinute === undefined) return null;
    const windowStart = now - 60_000;
    const list = (this.hits.get(keyId) ?? []).filter((t) => t > windowStart);
    if (list.length >= this.limitPerMinute) {
      this.hits.set(keyId, list);
      const oldest = list[0] ?? now;
      return Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
    }
    list.push(now);
    this.hits.set(keyId, list);
    return null;
  }

  reset(): void {
    this.hits.clear();
  }
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

const CHANGING = (m: string) => m !== "GET" && m !== "HEAD" && m !== "OPTIONS";
export const isChangingMethod = CHANGING;

export interface ServerDeps {
  router: Router;
  requests: RecordedRequest[];
  faults: FaultSpec[];
  rateLimiter: RateLimiter;
  /** Current key list (read on every request, so tests may change it). */
  apiKeys: () => SimApiKey[];
  /** Called before each request is routed (the worker advances due run transitions). */
  beforeRoute?: (now: number) => void;
  maxBodyBytes?: number;
  /** Oldest records are dropped beyond this many (long demo sessions). Default 10 000. */
  maxRecordedRequests?: number;
}

export interface SimServer {
  server: Server;
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

export function createSimServer(deps: ServerDeps): SimServer {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      process.stderr.write(`jim simulator: unhandled error: ${(e as Error)?.stack ?? String(e)}\n`);
      if (!res.headersSent) apiError(res, 500, "INTERNAL_ERROR", "An unexpected error occurred.");
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const pathname = url.pathname;
    const apiKeyHeader = firstHeader(req.headers["x-api-key"]);
    const record: RecordedRequest = {
      method,
      path: pathname,
      query: toQueryMap(url.searchParams),
      body: undefined,
      keyPreview: apiKeyHeader === undefined ? null : `${apiKeyHeader.slice(0, 11)}…`,
      userAgent: firstHeader(req.headers["user-agent"]) ?? null,
      status: 0,
      at: now,
    };
    deps.requests.push(record);
    const cap = deps.maxRecordedRequests ?? 10_000;
    if (deps.requests.length > cap) deps.requests.splice(0, deps.requests.length - cap);
    const origEnd = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    (res as unknown as { end: (...a: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
      record.status = res.statusCode;
      return origEnd(...args);
    };

    const raw = await readBody(req, deps.maxBodyBytes ?? MAX_BODY);
    if (raw === null) {
      record.status = 413;
      problem(res, 413, "Payload Too Large");
      return;
    }
    if (raw !== "") {
      try {
        record.body = JSON.parse(raw);
      } catch {
        record.body = raw;
      }
    }

    // Faults come first: before auth, before routing, health included.
    const fault = takeFault(deps.faults, method, pathname);
    if (fault) {
      switch (fault.kind) {
        case "reset": {
          record.status = 0;
          const s = req.socket as Socket & { resetAndDestroy?: () => void };
          if (typeof s.resetAndDestroy === "function") s.resetAndDestroy();
          else s.destroy();
          return;
        }
        case "html":
          sendPortalHtml(res);
          return;
        case "garbage": {
          const text = fault.body ?? PARTIAL_BODY;
          res.writeHead(200, {
            "content-type": "application/json; charset=utf-8",
            "content-length": Buffer.byteLength(text),
          });
          res.end(text);
          return;
        }
        case "reset-mid-body": {
          const text = fault.body ?? PARTIAL_BODY;
          record.status = 200;
          res.writeHead(200, {
            "content-type": "application/json; charset=utf-8",
            "content-length": Buffer.byteLength(text) + 4096,
          });
          res.write(text, () => {
            const s = req.socket as Socket & { resetAndDestroy?: () => void };
            if (typeof s.resetAndDestroy === "function") s.resetAndDestroy();
            else s.destroy();
          });
          return;
        }
        case "slow-body": {
          const text = fault.body ?? FULL_BODY;
          const half = Math.floor(text.length / 2);
          res.writeHead(200, {
            "content-type": "application/json; charset=utf-8",
            "content-length": Buffer.byteLength(text),
          });
          res.write(text.slice(0, half));
          await sleep(fault.delayMs ?? 1000);
          if (closed || res.destroyed) return;
          res.end(text.slice(half));
          return;
        }
        case "status": {
          sendFaultStatus(res, fault);
          return;
        }
        case "delay":
          await sleep(fault.delayMs ?? 1000);
          if (closed || res.destroyed) return;
          break;
      }
    }

    deps.beforeRoute?.(Date.now());

    const m = deps.router.match(method, pathname);
    const unmodelled = m.kind === "match" ? undefined : matchEndpoint(method, pathname);
    if (unmodelled) {
      // An endpoint of JIM's API this simulator does not model. A real JIM would serve it; answering
      // with the portal page or an empty 404 would tell a client its path is wrong, so say what it is.
      if (!authenticate(apiKeyHeader, deps.apiKeys(), Date.now())) {
        sendJson(res, 401, UNAUTHORIZED_BODY);
        return;
      }
      const { endpoint } = unmodelled;
      apiError(
        res,
        501,
        "NOT_IMPLEMENTED",
        `The JIM simulator (demo mode) does not model ${endpoint.op} (${endpoint.method} ${endpoint.path}); a real JIM serves it.`,
      );
      return;
    }
    if (m.kind === "none" || (m.kind === "method-mismatch" && (method === "GET" || method === "HEAD"))) {
      // JIM's web UI catch-all: any unmatched GET gets the portal page.
      if (method === "GET" || method === "HEAD") sendPortalHtml(res);
      else sendEmpty(res, 404);
      return;
    }
    if (m.kind === "method-mismatch") {
      sendEmpty(res, 405, { allow: m.allowed.join(", ") });
      return;
    }

    const { route, params } = m;
    const ctx: RequestContext = {
      req,
      res,
      method,
      path: pathname,
      params,
      query: record.query,
      body: undefined,
      rawBody: raw,
      principal: null,
      now: Date.now(),
    };

    if (route.opts.auth !== "anonymous") {
      const key = authenticate(apiKeyHeader, deps.apiKeys(), ctx.now);
      if (key && route.opts.rateLimited) {
        const retryAfter = deps.rateLimiter.check(key.id, ctx.now);
        if (retryAfter !== null) {
          apiError(
            res,
            429,
            "TOO_MANY_REQUESTS",
            `Rate limit exceeded. Try again in ${retryAfter} seconds.`,
            null,
            { "retry-after": String(retryAfter) },
          );
          return;
        }
      }
      if (!key) {
        sendJson(res, 401, UNAUTHORIZED_BODY);
        return;
      }
      const isAdministrator = key.roles.some((r) => r.toLowerCase() === "administrator");
      if (route.opts.auth === "admin" && !isAdministrator) {
        sendEmpty(res, 403);
        return;
      }
      ctx.principal = { id: key.id, name: key.name, roles: [...key.roles], isAdministrator };
    }

    if (route.opts.body !== "none") {
      const parsed = parseBody(ctx, route.opts.body);
      if (!parsed.ok) return;
      ctx.body = parsed.value;
    }

    await route.handler(ctx);
    if (!res.writableEnded) {
      process.stderr.write(`jim simulator: route ${route.method} ${route.template} sent no response\n`);
      apiError(res, 500, "INTERNAL_ERROR", "An unexpected error occurred.");
    }
  }

  return {
    server,
    listen(port: number) {
      return new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          const addr = server.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Returns the matching enabled, unexpired key; null for anything else (missing, wrong prefix, unknown…). */
export function authenticate(value: string | undefined, keys: SimApiKey[], now: number): SimApiKey | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (!v.startsWith("jim_ak_")) return null;
  const key = keys.find((k) => k.key === v || k.aliases?.includes(v));
  if (!key?.enabled) return null;
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) return null;
  return key;
}

function takeFault(faults: FaultSpec[], method: string, pathname: string): FaultSpec | null {
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i] as FaultSpec;
    if (f.method && f.method.toUpperCase() !== method) continue;
    if (f.path !== undefined) {
      if (f.path instanceof RegExp) {
        f.path.lastIndex = 0;
        if (!f.path.test(pathname)) continue;
      } else if (f.path.endsWith("*")) {
        if (!pathname.startsWith(f.path.slice(0, -1))) continue;
      } else if (pathname !== f.path) continue;
    }
    const left = (f.times ?? 1) - 1;
    if (left <= 0) faults.splice(i, 1);
    else f.times = left;
    return f;
  }
  return null;
}

const FAULT_CODES: Record<number, [string, string]> = {
  400: ["BAD_REQUEST", "The request could not be processed."],
  404: ["NOT_FOUND", "The requested resource was not found."],
  409: ["CONFLICT", "The request conflicts with the current state."],
  429: ["TOO_MANY_REQUESTS", "Rate limit exceeded. Please retry later."],
  500: ["INTERNAL_ERROR", "An unexpected error occurred."],
  502: ["BAD_GATEWAY", "An upstream system did not answer properly."],
  503: ["SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Please retry later."],
};

function sendFaultStatus(res: ServerResponse, fault: FaultSpec): void {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined && fault.retryAfter !== null) headers["retry-after"] = fault.retryAfter;
  if (status === 401) {
    sendJson(res, 401, UNAUTHORIZED_BODY, headers);
    return;
  }
  if (status === 403 || status === 204) {
    sendEmpty(res, status, headers);
    return;
  }
  const [code, message] = FAULT_CODES[status] ?? [
    status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST",
    `Injected failure (${status}).`,
  ];
  apiError(res, status, code, message, null, headers);
}

function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) tooBig = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(tooBig ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * A repeatable enum query facet (`?status=A&status=B`), bound the way ASP.NET binds query enums
 * (names in any case, or numbers). Unknown values are added to `errors`; null when the facet is absent.
 */
export function queryEnumSet<T extends string>(
  ctx: RequestContext,
  name: string,
  members: readonly T[],
  errors: Record<string, string[]>,
): Set<T> | null {
  const raw = queryValues(ctx.query, name).filter((v) => v !== "");
  if (raw.length === 0) return null;
  const out = new Set<T>();
  for (const v of raw) {
    const bound = bindQueryEnum(members, v);
    if (bound === null)
      errors[name] = [...(errors[name] ?? []), `The value '${v}' is not valid for ${name}.`];
    else out.add(bound);
  }
  return out;
}
