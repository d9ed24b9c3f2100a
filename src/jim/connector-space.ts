/**
 * Connector space (connected-system objects, "CSOs") and pending exports.
 * Lists here use JIM's own paging (page/pageSize, defaults 1/50, max 100);
 * the count endpoints answer with a bare JSON number.
 */
import type { JimClient } from "./client.js";
import { asPage, type Page } from "./paging.js";

const CS = "/synchronisation/connected-systems";

export type CsoStatus = "Normal" | "Obsolete" | "PendingProvisioning";
export type CsoJoinType = "NotJoined" | "Projected" | "Provisioned" | "Joined";
export type PendingExportChangeType = "Create" | "Update" | "Delete";
export type PendingExportStatus = "Pending" | "ExportNotConfirmed" | "Executing" | "Failed" | "Exported";

export const CSO_STATUSES = ["Normal", "Obsolete", "PendingProvisioning"] as const;
export const CSO_JOIN_TYPES = ["NotJoined", "Projected", "Provisioned", "Joined"] as const;
export const CSO_SORT_FIELDS = [
  "externalid",
  "secondaryexternalid",
  "displayname",
  "type",
  "datejoined",
  "status",
  "jointype",
] as const;
export const PENDING_EXPORT_CHANGE_TYPES = ["Create", "Update", "Delete"] as const;

export interface CsoHeader {
  id: string;
  connectedSystemId: number;
  displayName: string | null;
  externalIdValue: string | null;
  externalIdAttributeName: string | null;
  secondaryExternalIdValue: string | null;
  secondaryExternalIdAttributeName: string | null;
  created: string;
  lastUpdated: string | null;
  typeId: number;
  typeName: string;
  status: CsoStatus;
  joinType: CsoJoinType;
  dateJoined: string | null;
  pendingDisplayName: string | null;
  pendingExternalId: string | null;
  pendingSecondaryExternalId: string | null;
  hasPendingExport: boolean;
  pendingExportId: string | null;
}

/** The typed value slots JIM uses for attribute values (exactly one is set). */
export interface TypedValue {
  stringValue?: string | null;
  dateTimeValue?: string | null;
  intValue?: number | null;
  longValue?: number | null;
  decimalValue?: number | null;
  byteValue?: string | null;
  guidValue?: string | null;
  boolValue?: boolean | null;
}

export interface CsoAttributeValue extends TypedValue {
  id: string;
  attributeId: number;
  attributeName: string;
  referenceValueId?: string | null;
}

export interface ValueCountSummary {
  attributeName: string;
  totalCount: number;
  returnedCount: number;
  hasMore: boolean;
}

export interface CsoDetail {
  id: string;
  created: string;
  lastUpdated: string | null;
  status: CsoStatus;
  joinType: CsoJoinType;
  dateJoined: string | null;
  displayName: string | null;
  connectedSystemId: number;
  connectedSystemName: string;
  typeId: number;
  typeName: string;
  metaverseObjectId: string | null;
  metaverseObjectDisplayName: string | null;
  attributeValues: CsoAttributeValue[];
  attributeValueSummaries: ValueCountSummary[] | null;
}

export interface PendingExportHeader {
  id: string;
  connectedSystemId: number;
  changeType: PendingExportChangeType;
  status: PendingExportStatus;
  createdAt: string;
  lastAttemptedAt: string | null;
  nextRetryAt: string | null;
  errorCount: number;
  maxRetries: number;
  lastErrorMessage: string | null;
  hasUnresolvedReferences: boolean;
  unresolvedReferenceCount: number;
  targetObjectIdentifier: string | null;
  sourceMetaverseObjectId: string | null;
  sourceMetaverseObjectDisplayName: string | null;
  attributeChangeCount: number;
  connectedSystemObjectId: string | null;
}

export interface PendingExportAttributeChange extends TypedValue {
  id: string;
  attributeId: number;
  attributeName: string;
  changeType: "Add" | "Update" | "Remove" | "RemoveAll";
  status: string;
  unresolvedReferenceValue?: string | null;
  exportAttemptCount: number;
}

export interface PendingExportDetail {
  id: string;
  connectedSystemId: number;
  connectedSystemName: string;
  changeType: PendingExportChangeType;
  status: PendingExportStatus;
  createdAt: string;
  errorCount: number;
  maxRetries: number;
  lastAttemptedAt: string | null;
  nextRetryAt: string | null;
  lastErrorMessage: string | null;
  hasUnresolvedReferences: boolean;
  connectedSystemObjectId: string | null;
  connectedSystemObjectDisplayName: string | null;
  connectedSystemObjectTypeName: string | null;
  sourceMetaverseObjectId: string | null;
  sourceMetaverseObjectDisplayName: string | null;
  sourceMetaverseObjectTypeName: string | null;
  attributeChanges: PendingExportAttributeChange[];
  attributeChangeSummaries: ValueCountSummary[] | null;
  unresolvedReferences: Array<{
    attributeChangeId?: string;
    attributeName: string;
    referencedMetaverseObjectId?: string;
    referencedMetaverseObjectDisplayName?: string | null;
    reason: string;
  }>;
}

export interface CsoSearch {
  page: number;
  pageSize: number;
  search?: string | undefined;
  status?: CsoStatus | undefined;
  objectTypeId?: number | undefined;
  joinType?: CsoJoinType | undefined;
  sortBy?: (typeof CSO_SORT_FIELDS)[number] | undefined;
  sortDescending?: boolean | undefined;
}

export async function searchConnectorSpace(
  jim: JimClient,
  csId: number,
  q: CsoSearch,
  signal?: AbortSignal,
): Promise<Page<CsoHeader>> {
  const data = await jim.get<unknown>(`${CS}/${csId}/connector-space`, {
    query: { ...q },
    signal,
    what: `connected system ${csId}`,
  });
  return asPage<CsoHeader>(data, q.page, q.pageSize);
}

export function getConnectorSpaceObject(
  jim: JimClient,
  csId: number,
  id: string,
  signal?: AbortSignal,
): Promise<CsoDetail> {
  return jim.get(`${CS}/${csId}/connector-space/${id}`, {
    signal,
    what: `connector-space object ${id} of connected system ${csId}`,
  });
}

export async function countConnectorSpace(
  jim: JimClient,
  csId: number,
  filter: { objectTypeId?: number; partitionId?: number } = {},
  signal?: AbortSignal,
): Promise<number> {
  const n = await jim.get<unknown>(`${CS}/${csId}/connector-space/count`, {
    query: filter,
    signal,
    what: `connected system ${csId}`,
  });
  return typeof n === "number" ? n : Number(n ?? 0);
}

export async function listPendingExports(
  jim: JimClient,
  csId: number,
  q: { page: number; pageSize: number; search?: string | undefined },
  signal?: AbortSignal,
): Promise<Page<PendingExportHeader>> {
  const data = await jim.get<unknown>(`${CS}/${csId}/pending-exports`, {
    query: { ...q },
    signal,
    what: `connected system ${csId}`,
  });
  return asPage<PendingExportHeader>(data, q.page, q.pageSize);
}

export async function countPendingExports(
  jim: JimClient,
  csId: number,
  filter: { changeType?: PendingExportChangeType; status?: PendingExportStatus } = {},
  signal?: AbortSignal,
): Promise<number> {
  const n = await jim.get<unknown>(`${CS}/${csId}/pending-exports/count`, {
    query: filter,
    signal,
    what: `connected system ${csId}`,
  });
  return typeof n === "number" ? n : Number(n ?? 0);
}

export function getPendingExport(
  jim: JimClient,
  id: string,
  signal?: AbortSignal,
): Promise<PendingExportDetail> {
  return jim.get(`/synchronisation/pending-exports/${id}`, { signal, what: `pending export ${id}` });
}

/** One readable string for whichever typed slot holds the value. */
export function valueText(v: TypedValue & { referenceValueId?: string | null }): string {
  if (v.stringValue !== null && v.stringValue !== undefined) return v.stringValue;
  if (v.dateTimeValue) return v.dateTimeValue;
  if (v.intValue !== null && v.intValue !== undefined) return String(v.intValue);
  if (v.longValue !== null && v.longValue !== undefined) return String(v.longValue);
  if (v.decimalValue !== null && v.decimalValue !== undefined) return String(v.decimalValue);
  if (v.guidValue) return v.guidValue;
  if (v.boolValue !== null && v.boolValue !== undefined) return v.boolValue ? "true" : "false";
  if (v.referenceValueId) return `→ ${v.referenceValueId}`;
  if (v.byteValue) return `(binary, ${Math.floor((v.byteValue.length * 3) / 4)} bytes)`;
  return "(no value)";
}
