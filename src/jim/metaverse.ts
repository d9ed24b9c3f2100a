/** Metaverse object types, attributes, objects and pending deletions (read side). */
import type { JimClient, QueryValue } from "./client.js";
import { isJimApiError, reworded } from "./errors.js";
import { asPage, type CollectResult, collectPages, type Page } from "./paging.js";

export type AttributeDataType =
  | "NotSet"
  | "Text"
  | "Number"
  | "DateTime"
  | "Binary"
  | "Reference"
  | "Guid"
  | "Boolean"
  | "LongNumber"
  | "Decimal";
export type AttributePlurality = "SingleValued" | "MultiValued";
export type MetaverseObjectDeletionRule =
  | "Manual"
  | "WhenLastConnectorDisconnected"
  | "WhenAuthoritativeSourceDisconnected";
export type AuthoritativeSourceTriggerMode = "SpecificSourcesDisconnect" | "AllSourcesDisconnect";

export interface MetaverseObjectTypeRef {
  id: number;
  name: string;
}

export interface MetaverseObjectTypeHeader {
  id: number;
  name: string;
  pluralName: string;
  created: string;
  attributesCount: number;
  builtIn: boolean;
  icon: string | null;
  hasPredefinedSearches: boolean;
  deletionRule: MetaverseObjectDeletionRule;
  deletionTriggerMode: AuthoritativeSourceTriggerMode;
  deletionGracePeriod: string | null;
}

export interface MetaverseAttributeSummary {
  id: number;
  name: string;
  type: AttributeDataType;
  attributePlurality: AttributePlurality;
  builtIn: boolean;
}

export interface MetaverseObjectTypeDetail {
  id: number;
  name: string;
  pluralName: string;
  created: string;
  builtIn: boolean;
  icon: string | null;
  deletionRule: MetaverseObjectDeletionRule;
  deletionGracePeriod: string | null;
  deletionTriggerMode: AuthoritativeSourceTriggerMode;
  deletionTriggerConnectedSystemIds: number[];
  attributes: MetaverseAttributeSummary[];
}

export interface MetaverseAttributeHeader {
  id: number;
  created: string;
  name: string;
  type: AttributeDataType;
  attributePlurality: AttributePlurality;
  builtIn: boolean;
  /** Bound object types as key (id) / value (name) pairs. */
  metaverseObjectTypes: Array<{ key: number; value: string }> | null;
}

export interface MetaverseObjectHeader {
  id: string;
  created: string;
  displayName: string | null;
  status: "Normal" | "Obsolete";
  type: MetaverseObjectTypeRef;
  /** Requested attributes by name, each in its natural JSON type (one value for multi-valued ones). */
  attributes: Record<string, unknown>;
}

export interface MetaverseObjectAttributeValue {
  id: string;
  attributeId: number;
  attributeName: string;
  attributeType: AttributeDataType;
  attributePlurality: AttributePlurality;
  stringValue: string | null;
  dateTimeValue: string | null;
  intValue: number | null;
  longValue: number | null;
  decimalValue: number | null;
  byteValue: string | null;
  guidValue: string | null;
  boolValue: boolean | null;
  referenceValueId: string | null;
  referenceValueDisplayName: string | null;
  contributedBySystemId: number | null;
  contributedBySystemName: string | null;
  contributedBySyncRuleId: number | null;
  contributedBySyncRuleName: string | null;
  nullValue: boolean;
}

export interface ConnectedSystemObjectRef {
  id: string;
  connectedSystemId: number;
  connectedSystemName: string;
  displayName: string | null;
}

export interface MetaverseObjectDetail {
  id: string;
  created: string;
  lastUpdated: string | null;
  displayName: string | null;
  status: "Normal" | "Obsolete";
  origin: "Projected" | "Internal";
  lastConnectorDisconnectedDate: string | null;
  isPendingDeletion: boolean;
  deletionEligibleDate: string | null;
  type: MetaverseObjectTypeRef;
  attributeValues: MetaverseObjectAttributeValue[];
  connectedSystemObjects: ConnectedSystemObjectRef[];
}

/** Not described in the contract's DTO section; field names follow JIM's PendingDeletionDto. Read defensively. */
export interface PendingDeletion {
  id: string;
  displayName: string | null;
  type: MetaverseObjectTypeRef | null;
  lastConnectorDisconnectedDate: string | null;
  deletionEligibleDate: string | null;
  daysUntilDeletion: number | null;
  gracePeriod: string | null;
  connectedSystemObjectCount: number;
  /** "Deprovisioning" | "AwaitingGracePeriod" | "ReadyForDeletion" */
  status: string;
  deletionTriggeredBySystemId?: number | null;
  deletionTriggeredBySystemName?: string | null;
}

export interface PendingDeletionSummary {
  totalCount: number;
  deprovisioningCount: number;
  awaitingGracePeriodCount: number;
  readyForDeletionCount: number;
}

const MV = "/metaverse";

/** Every object type, up to `maxPages` pages of 100. */
export function collectObjectTypes(
  jim: JimClient,
  maxPages: number,
  signal?: AbortSignal,
): Promise<CollectResult<MetaverseObjectTypeHeader>> {
  return collectPages<MetaverseObjectTypeHeader>(jim, `${MV}/object-types`, { signal, maxPages });
}

export function getObjectType(
  jim: JimClient,
  id: number,
  signal?: AbortSignal,
): Promise<MetaverseObjectTypeDetail> {
  return jim.get(`${MV}/object-types/${id}`, { signal, what: `metaverse object type ${id}` });
}

export function collectAttributes(
  jim: JimClient,
  maxPages: number,
  signal?: AbortSignal,
): Promise<CollectResult<MetaverseAttributeHeader>> {
  return collectPages<MetaverseAttributeHeader>(jim, `${MV}/attributes`, { signal, maxPages });
}

/** Filters shared by the object list and its count. */
export interface ObjectFilter {
  objectTypeId?: number | undefined;
  search?: string | undefined;
  filterAttributeName?: string | undefined;
  filterAttributeValue?: string | undefined;
}

function filterQuery(f: ObjectFilter): Record<string, QueryValue> {
  return {
    objectTypeId: f.objectTypeId,
    search: f.search,
    filterAttributeName: f.filterAttributeName,
    filterAttributeValue: f.filterAttributeValue,
  };
}

/** One page of objects, ordered by creation time; `attributes` names extra values to return ("*" = all). */
export async function searchObjects(
  jim: JimClient,
  filter: ObjectFilter,
  attributes: readonly string[] | undefined,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<MetaverseObjectHeader>> {
  const data = await jim.get<unknown>(`${MV}/objects`, {
    query: { page, pageSize, ...filterQuery(filter), attributes },
    signal,
  });
  return asPage<MetaverseObjectHeader>(data, page, pageSize);
}

/** The count endpoint answers with a bare JSON number. */
export async function countObjects(
  jim: JimClient,
  filter: ObjectFilter,
  signal?: AbortSignal,
): Promise<number> {
  const n = await jim.get<unknown>(`${MV}/objects/count`, { query: filterQuery(filter), signal });
  return typeof n === "number" ? n : Number(n ?? 0);
}

export async function getObject(
  jim: JimClient,
  id: string,
  signal?: AbortSignal,
): Promise<MetaverseObjectDetail> {
  try {
    return await jim.get<MetaverseObjectDetail>(`${MV}/objects/${encodeURIComponent(id)}`, {
      signal,
      what: `metaverse object ${id}`,
    });
  } catch (e) {
    if (isJimApiError(e) && e.status === 404) {
      throw reworded(e, {
        message: e.message,
        nextStep: "Find the object's id with metaverse_object_search (by type, name or an attribute value).",
      });
    }
    throw e;
  }
}

export async function listPendingDeletions(
  jim: JimClient,
  objectTypeId: number | undefined,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<PendingDeletion>> {
  const data = await jim.get<unknown>(`${MV}/pending-deletions`, {
    query: { page, pageSize, objectTypeId },
    signal,
  });
  return asPage<PendingDeletion>(data, page, pageSize);
}

export function getPendingDeletionSummary(
  jim: JimClient,
  signal?: AbortSignal,
): Promise<PendingDeletionSummary> {
  return jim.get(`${MV}/pending-deletions/summary`, { signal });
}
