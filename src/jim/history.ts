/** Deleted-object history and retention cleanup. */
import type { JimClient, QueryValue } from "./client.js";

export interface DeletedObject {
  id: string;
  displayName: string | null;
  objectTypeName: string | null;
  changeTime: string;
  initiatedByType: string | null;
  initiatedByName: string | null;
  /** Connector-space records only. */
  externalId?: string | null;
  connectedSystemId?: number;
  connectedSystemName?: string | null;
  /** Metaverse records only. */
  objectTypeId?: number | null;
}

/** This envelope has no totalPages/hasNextPage. */
export interface DeletedObjectsPage {
  items: DeletedObject[];
  totalCount: number;
  page: number;
  pageSize: number;
}

export interface HistoryCleanupResponse {
  csoChangesDeleted: number;
  mvoChangesDeleted: number;
  activitiesDeleted: number;
  configurationChangeActivitiesDeleted: number;
  configurationChangeRetentionPeriodDays: number;
  oldestRecordDeleted: string | null;
  newestRecordDeleted: string | null;
  cutoffDate: string;
  retentionPeriodDays: number;
  batchSize: number;
}

export function listDeletedObjects(
  jim: JimClient,
  kind: "cso" | "mvo",
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<DeletedObjectsPage> {
  return jim.get(`/history/deleted-objects/${kind}`, { query, signal });
}

export async function cleanupHistory(jim: JimClient, signal?: AbortSignal): Promise<HistoryCleanupResponse> {
  const r = await jim.request<HistoryCleanupResponse>({ method: "POST", path: "/history/cleanup", signal });
  return r.data;
}
