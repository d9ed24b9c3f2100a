import { ENDPOINTS } from "./endpoints.generated.js";
import type { CatalogueEndpoint, CompactEndpoint } from "./types.js";

function expand(e: CompactEndpoint): CatalogueEndpoint {
  return Object.freeze({
    ...e,
    pathParams: e.pathParams ?? [],
    query: e.query ?? [],
    body: e.body ?? null,
    async: e.async ?? false,
    anonymous: e.anonymous ?? false,
  });
}

/** Every JIM REST endpoint (249), in the order of the reference file. */
export const CATALOGUE: readonly CatalogueEndpoint[] = Object.freeze(ENDPOINTS.map(expand));

const BY_OP = new Map<string, CatalogueEndpoint>(CATALOGUE.map((e) => [e.op.toLowerCase(), e]));

/** Looks an endpoint up by its operation name (case-insensitive), e.g. `ExecuteRunProfile`. */
export function endpointByOp(op: string): CatalogueEndpoint | undefined {
  return BY_OP.get(op.trim().toLowerCase());
}

/**
 * Puts values into a route template: `fillPath("/schedules/{id}", { id })`. Values are percent-encoded;
 * a missing, null or empty value throws an error that names the parameter. Extra values are ignored.
 */
export function fillPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === "") {
      throw new Error(`fillPath: no value for path parameter "${name}" in ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}
