/** Anonymous health probes and the cheap admin check used by connection_status. */
import type { JimClient } from "./client.js";
import { isJimApiError } from "./errors.js";
import { asPage, type Page } from "./paging.js";
import type { ConnectedSystemHeader, HealthVersion } from "./types.js";

export function getVersion(jim: JimClient, signal?: AbortSignal): Promise<HealthVersion> {
  return jim.get("/health/version", { signal, anonymous: true });
}

export type KeyVerdict = "administrator" | "not_administrator" | "rejected" | "unknown";

/**
 * `/userinfo` reports authorised:false for every API key, so it cannot tell.
 * Instead: the smallest call that needs the Administrator role.
 * 200 → administrator; 403 → key accepted but no role; 401 → key rejected.
 */
export async function checkKey(
  jim: JimClient,
  signal?: AbortSignal,
): Promise<{ verdict: KeyVerdict; error?: unknown }> {
  try {
    await jim.get("/synchronisation/connected-systems", { signal, query: { page: 1, pageSize: 1 } });
    return { verdict: "administrator" };
  } catch (e) {
    if (isJimApiError(e) && e.status === 403) return { verdict: "not_administrator", error: e };
    if (isJimApiError(e) && e.status === 401) return { verdict: "rejected", error: e };
    return { verdict: "unknown", error: e };
  }
}

/**
 * One page of connected systems, largest pending-export backlog first (JIM sorts
 * its in-memory list by any header property). One request however many systems.
 */
export async function listSystemsByExportBacklog(
  jim: JimClient,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<ConnectedSystemHeader>> {
  const data = await jim.get<unknown>("/synchronisation/connected-systems", {
    query: { page: 1, pageSize, sortBy: "pendingExportObjectsCount", sortDirection: "desc" },
    signal,
  });
  return asPage<ConnectedSystemHeader>(data, 1, pageSize);
}
