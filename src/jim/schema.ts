/**
 * Connector definitions and a connected system's schema: object types with their
 * attributes, schema refresh (preview and apply) and hierarchy refresh.
 * Response shapes not listed in the contract's section 8 (definition detail,
 * refresh results) are typed loosely: every field optional, read defensively.
 */
import { type JimClient, jimPath } from "./client.js";
import type { ConnectedSystemDetail, ConnectedSystemObjectType } from "./types.js";

const CS = "/synchronisation/connected-systems";
const DEFS = "/synchronisation/connector-definitions";

export interface ConnectorDefinitionHeader {
  id: number;
  name: string;
  description: string | null;
  builtIn: boolean;
  created: string;
  lastUpdated: string | null;
  files: number;
  versions: string | null;
  inUse: boolean;
}

export interface ConnectorDefinitionSetting {
  id: number;
  name: string | null;
  description: string | null;
  category: string;
  type: string;
  defaultCheckboxValue: boolean | null;
  defaultStringValue: string | null;
  defaultIntValue: number | null;
  dropDownValues: string[] | null;
  required: boolean;
  requiredGroup: string | null;
  requiredGroupCardinality: string;
  requiredWhenSetting: string | null;
  requiredWhenValue: string | null;
}

/** The definition detail: header-like fields, settings, and `supports*` capability flags. */
export interface ConnectorDefinition {
  id: number;
  name: string;
  description?: string | null;
  url?: string | null;
  builtIn?: boolean;
  created?: string;
  lastUpdated?: string | null;
  settings?: ConnectorDefinitionSetting[];
  files?: Array<{ filename?: string; version?: string }>;
  schemaStandard?: string;
  [capability: `supports${string}`]: boolean | undefined;
}

export interface SchemaAttributeChange {
  attributeName: string;
  aspect: string;
  oldValue: string;
  newValue: string;
}

/** What a schema refresh found (preview) at the connected system. */
export interface SchemaRefreshResult {
  success?: boolean;
  errorMessage?: string | null;
  totalObjectTypes?: number;
  totalAttributes?: number;
  addedObjectTypes?: string[];
  removedObjectTypes?: string[];
  updatedObjectTypes?: string[];
  addedAttributes?: Record<string, string[]>;
  removedAttributes?: Record<string, string[]>;
  changedAttributes?: Record<string, SchemaAttributeChange[]>;
  attributesInUse?: Record<string, string[]>;
  blockedCredentialAttributes?: Record<string, string[]>;
  discoveryWarnings?: string[];
  hasChanges?: boolean;
  hasRemovalsOrDefinitionChanges?: boolean;
}

export interface HierarchyChangeItem {
  externalId: string;
  name: string;
  wasSelected?: boolean;
  itemType?: string;
}

export interface HierarchyRefreshResult {
  success?: boolean;
  errorMessage?: string | null;
  totalPartitions?: number;
  totalContainers?: number;
  summary?: string;
  hasChanges?: boolean;
  hasSelectedItemsRemoved?: boolean;
  addedPartitions?: HierarchyChangeItem[];
  removedPartitions?: HierarchyChangeItem[];
  renamedPartitions?: Array<{ externalId: string; oldName: string; newName: string }>;
  addedContainers?: HierarchyChangeItem[];
  removedContainers?: HierarchyChangeItem[];
  renamedContainers?: Array<{ externalId: string; oldName: string; newName: string }>;
  movedContainers?: Array<{
    externalId: string;
    name: string;
    oldParentExternalId: string | null;
    newParentExternalId: string | null;
  }>;
}

export type SchemaDependents = "none" | "disable" | "remove";

export function listConnectorDefinitions(
  jim: JimClient,
  signal?: AbortSignal,
): Promise<ConnectorDefinitionHeader[]> {
  return jim.get(DEFS, { signal });
}

export function getConnectorDefinition(
  jim: JimClient,
  id: number,
  signal?: AbortSignal,
): Promise<ConnectorDefinition> {
  return jim.get(`${DEFS}/${id}`, { signal, what: `connector definition ${id}` });
}

export function getConnectorDefinitionByName(
  jim: JimClient,
  name: string,
  signal?: AbortSignal,
): Promise<ConnectorDefinition> {
  return jim.get(jimPath`/synchronisation/connector-definitions/by-name/${name}`, {
    signal,
    what: `connector definition "${name}"`,
  });
}

export function listObjectTypes(
  jim: JimClient,
  csId: number,
  signal?: AbortSignal,
): Promise<ConnectedSystemObjectType[]> {
  return jim.get(`${CS}/${csId}/object-types`, { signal, what: `connected system ${csId}` });
}

export function getObjectType(
  jim: JimClient,
  csId: number,
  objectTypeId: number,
  signal?: AbortSignal,
): Promise<ConnectedSystemObjectType> {
  return jim.get(`${CS}/${csId}/object-types/${objectTypeId}`, {
    signal,
    what: `object type ${objectTypeId} of connected system ${csId}`,
  });
}

/** Reads the system's schema and reports what a refresh would change; saves nothing. */
export async function previewSchemaImport(
  jim: JimClient,
  csId: number,
  signal?: AbortSignal,
): Promise<SchemaRefreshResult> {
  const r = await jim.request<SchemaRefreshResult>({
    method: "POST",
    path: `${CS}/${csId}/import-schema/preview`,
    signal,
    what: `connected system ${csId}`,
  });
  return r.data ?? {};
}

/** Reads and applies the system's schema; `dependents` says what happens to configuration using removed parts. */
export async function importSchema(
  jim: JimClient,
  csId: number,
  dependents: SchemaDependents,
  signal?: AbortSignal,
): Promise<ConnectedSystemDetail> {
  const body =
    dependents === "disable"
      ? { disableDependents: true }
      : dependents === "remove"
        ? { removeDependents: true }
        : undefined;
  const r = await jim.request<ConnectedSystemDetail>({
    method: "POST",
    path: `${CS}/${csId}/import-schema`,
    body,
    signal,
    what: `connected system ${csId}`,
  });
  return r.data;
}

/** Reads the partition/container hierarchy and merges it, keeping selections where it can. */
export async function importHierarchy(
  jim: JimClient,
  csId: number,
  signal?: AbortSignal,
): Promise<HierarchyRefreshResult> {
  const r = await jim.request<HierarchyRefreshResult>({
    method: "POST",
    path: `${CS}/${csId}/import-hierarchy`,
    signal,
    what: `connected system ${csId}`,
  });
  return r.data ?? {};
}
