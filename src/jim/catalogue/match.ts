/**
 * Matching concrete request paths against the catalogue's route templates, following the rules JIM's
 * router applies: case-insensitive literal segments, `int`/`guid` route constraints, and literal segments
 * taking precedence over parameters.
 */
import { CATALOGUE } from "./data.js";
import type { CatalogueEndpoint, HttpMethod, PathParamType } from "./types.js";

type Segment = { kind: "literal"; text: string } | { kind: "param"; name: string; type: PathParamType };

interface CompiledRoute {
  endpoint: CatalogueEndpoint;
  segments: Segment[];
  /** Per segment: 0 literal, 1 constrained parameter, 2 free parameter. Lower wins, left to right. */
  rank: number[];
}

const INT_MAX = 2_147_483_647;
const HEX_GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** The GUID spellings .NET parses: 8-4-4-4-12, optionally in braces or parentheses, or 32 bare hex digits. */
export const GUID_RE = new RegExp(`^(?:${HEX_GUID}|\\{${HEX_GUID}\\}|\\(${HEX_GUID}\\)|[0-9a-f]{32})$`, "i");

const ROUTES: readonly CompiledRoute[] = CATALOGUE.map((endpoint) => {
  const types = new Map(endpoint.pathParams.map((p) => [p.name, p.type]));
  const segments: Segment[] = endpoint.path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      const m = /^\{([^}]+)\}$/.exec(s);
      if (!m?.[1]) return { kind: "literal", text: s.toLowerCase() };
      return { kind: "param", name: m[1], type: types.get(m[1]) ?? "string" };
    });
  const rank = segments.map((s) => (s.kind === "literal" ? 0 : s.type === "string" ? 2 : 1));
  return { endpoint, segments, rank };
});

/** Whether a decoded value satisfies a route constraint. */
export function fitsParam(type: PathParamType, value: string): boolean {
  if (type === "int") return /^\d+$/.test(value) && Number(value) <= INT_MAX;
  if (type === "guid") return GUID_RE.test(value);
  return value.length > 0;
}

/**
 * Splits a request path into raw (still encoded) segments after `/api/v1`. Accepts a full URL, a path with
 * or without the `/api/v1` prefix, and drops any query string or fragment and a trailing slash.
 */
export function pathSegments(path: string): string[] {
  let p = path.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(.*)$/i.exec(p);
  if (url) p = url[1] ?? "";
  p = p.replace(/[?#].*$/s, "");
  if (!p.startsWith("/")) p = `/${p}`;
  if (/^\/api\/v1(\/|$)/i.test(p)) p = p.slice("/api/v1".length);
  const parts = p.split("/").slice(1);
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Parameter values when every segment fits the route, else undefined. */
function fitRoute(route: CompiledRoute, raw: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== raw.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < raw.length; i++) {
    const seg = route.segments[i];
    const value = decode(raw[i] ?? "");
    if (seg === undefined || value === undefined) return undefined;
    if (seg.kind === "literal") {
      if (value.toLowerCase() !== seg.text) return undefined;
    } else {
      if (!fitsParam(seg.type, value)) return undefined;
      params[seg.name] = value;
    }
  }
  return params;
}

function compareRank(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < a.rank.length; i++) {
    const d = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function bestFit(routes: readonly CompiledRoute[], raw: readonly string[]) {
  let best: { route: CompiledRoute; params: Record<string, string> } | undefined;
  for (const route of routes) {
    const params = fitRoute(route, raw);
    if (params && (!best || compareRank(route, best.route) < 0)) best = { route, params };
  }
  return best;
}

/**
 * Finds the endpoint a concrete request would reach, e.g. `matchEndpoint("get", "/api/v1/schedules/active")`.
 * Parameter values are returned percent-decoded.
 */
export function matchEndpoint(
  method: string,
  path: string,
): { endpoint: CatalogueEndpoint; params: Record<string, string> } | undefined {
  const m = method.trim().toUpperCase();
  const best = bestFit(
    ROUTES.filter((r) => r.endpoint.method === m),
    pathSegments(path),
  );
  return best ? { endpoint: best.route.endpoint, params: best.params } : undefined;
}

export interface PathDiagnosis {
  /** Endpoints (any method) this exact path reaches. */
  sameRoute: CatalogueEndpoint[];
  /** Routes whose literal segments fit but where a value has the wrong shape for its parameter. */
  wrongShape: Array<{ endpoint: CatalogueEndpoint; param: string; type: PathParamType; value: string }>;
}

/** Explains why a path did not match: which methods exist for it, or which id has the wrong shape. */
export function diagnosePath(path: string): PathDiagnosis {
  const raw = pathSegments(path);
  const sameRoute: CatalogueEndpoint[] = [];
  const byMethod = new Map<HttpMethod, CompiledRoute[]>();
  for (const r of ROUTES) byMethod.set(r.endpoint.method, [...(byMethod.get(r.endpoint.method) ?? []), r]);
  for (const routes of byMethod.values()) {
    const best = bestFit(routes, raw);
    if (best) sameRoute.push(best.route.endpoint);
  }
  const wrongShape: PathDiagnosis["wrongShape"] = [];
  for (const r of ROUTES) {
    if (r.segments.length !== raw.length) continue;
    let bad: PathDiagnosis["wrongShape"][number] | undefined;
    let literalsFit = true;
    r.segments.forEach((seg, i) => {
      const value = decode(raw[i] ?? "") ?? raw[i] ?? "";
      if (seg.kind === "literal") {
        if (value.toLowerCase() !== seg.text) literalsFit = false;
      } else if (!fitsParam(seg.type, value) && !bad) {
        bad = { endpoint: r.endpoint, param: seg.name, type: seg.type, value };
      }
    });
    if (literalsFit && bad) wrongShape.push(bad);
  }
  return { sameRoute, wrongShape };
}
