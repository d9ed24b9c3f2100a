/** Logs, predefined searches, example data and configuration-change previews. */
import { type JimClient, jimPath, type QueryValue } from "./client.js";
import type { Page } from "./paging.js";

export const LOG_LEVELS = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"] as const;
export const LOG_SERVICES = ["web", "worker", "scheduler", "database"] as const;

export interface LogEntryDto {
  timestamp: string;
  level: string;
  levelShort?: string;
  message: string;
  exception: string | null;
  service: string;
}

export interface PredefinedSearchHeader {
  id: number;
  name: string;
  uri: string;
  metaverseObjectTypeName: string;
  isDefaultForMetaverseObjectType: boolean;
  builtIn: boolean;
  isEnabled?: boolean;
  metaverseAttributeCount: number;
  created: string;
}

export interface MetaverseObjectHeader {
  id: string;
  created: string;
  displayName: string | null;
  status: string;
  type: { id: number; name: string } | null;
  attributes: Record<string, unknown> | null;
}

export interface ExampleDataTemplateHeader {
  id: number;
  name: string | null;
  builtIn: boolean;
  created: string;
  objectTypeCount: number;
}

export interface ExampleDataExecution {
  activityId: string;
  taskId: string;
  message: string;
}

export interface PreviewFinding {
  severity: string;
  message: string;
  propertyName: string | null;
}

export interface PreviewImpactCount {
  transitionType: string;
  objectCount: number;
  connectedSystemId?: number | null;
  metaverseObjectTypeId?: number | null;
}

export interface PreviewGroup {
  id: string;
  transitionType: string;
  metaverseObjectTypeName?: string | null;
  connectedSystemName?: string | null;
  attributeName?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  objectCount: number;
  deltasSampled?: boolean;
}

export interface ConfigurationChangePreview {
  activityId: string;
  surface: string;
  activityStatus: string;
  message: string | null;
  errorMessage: string | null;
  objectsProcessed: number;
  objectsToProcess: number;
  validationStatus: string;
  impactCountsStatus: string;
  summaryStatus: string;
  deltasStatus: string;
  isComplete: boolean;
  hasFailed: boolean;
  validationFindings: PreviewFinding[];
  impactCounts: PreviewImpactCount[];
  groups: PreviewGroup[];
  estimatedAffectedObjects: number;
  estimatedDeltaRows: number;
}

export function listLogEntries(
  jim: JimClient,
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<LogEntryDto[]> {
  return jim.get("/logs", { query, signal });
}

export function listPredefinedSearches(
  jim: JimClient,
  signal?: AbortSignal,
): Promise<PredefinedSearchHeader[]> {
  return jim.get("/predefined-searches", { signal });
}

export function runPredefinedSearch(
  jim: JimClient,
  uri: string,
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<Page<MetaverseObjectHeader>> {
  return jim.get(jimPath`/metaverse/objects/search/${uri}`, {
    query,
    signal,
    what: `enabled predefined search '${uri}'`,
  });
}

export function listExampleDataTemplates(
  jim: JimClient,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<ExampleDataTemplateHeader>> {
  return jim.get("/example-data/templates", { query: { page, pageSize }, signal });
}

export async function executeExampleDataTemplate(
  jim: JimClient,
  id: number,
  signal?: AbortSignal,
): Promise<ExampleDataExecution> {
  const r = await jim.request<ExampleDataExecution>({
    method: "POST",
    path: `/example-data/templates/${id}/execute`,
    signal,
    startsWork: true,
    what: `example data template ${id}`,
  });
  return r.data;
}

export function getPreview(
  jim: JimClient,
  activityId: string,
  signal?: AbortSignal,
): Promise<ConfigurationChangePreview> {
  return jim.get(jimPath`/previews/${activityId}`, { signal, what: `preview ${activityId}` });
}
