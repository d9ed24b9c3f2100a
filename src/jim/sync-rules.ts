/**
 * Synchronisation rules: headers, mappings, scoping groups, sync-rule matching
 * rules, data flows, the expression tester and configuration-change previews.
 * No MCP imports.
 */
import { abortableSleep, type JimClient, type QueryValue } from "./client.js";
import type { ActivityStatus } from "./types.js";

export type SyncRuleDirection = "NotSet" | "Import" | "Export";
export type SyncRuleActionType = "FlowOnly" | "Projects" | "Provisions";
export type InboundOutOfScopeAction = "RemainJoined" | "Disconnect";
export type OutboundDeprovisionAction = "Disconnect" | "Delete";

export interface SyncRuleHeader {
  id: number;
  name: string;
  description: string | null;
  created: string;
  connectedSystemId: number;
  connectedSystemName: string;
  connectedSystemObjectTypeId: number;
  connectedSystemObjectTypeName: string;
  metaverseObjectTypeId: number;
  metaverseObjectTypeName: string;
  direction: SyncRuleDirection;
  provisionToConnectedSystem: boolean | null;
  projectToMetaverse: boolean | null;
  enabled: boolean;
  enforceState: boolean;
  outboundDeprovisionAction: OutboundDeprovisionAction;
}

export interface SyncRuleMappingSource {
  id: number;
  order: number;
  metaverseAttributeId: number | null;
  metaverseAttributeName: string | null;
  connectedSystemAttributeId: number | null;
  connectedSystemAttributeName: string | null;
  expression: string | null;
  missingInputBehaviour: string;
}

export interface SyncRuleMapping {
  id: number;
  created: string;
  targetMetaverseAttributeId: number | null;
  targetMetaverseAttributeName: string | null;
  targetConnectedSystemAttributeId: number | null;
  targetConnectedSystemAttributeName: string | null;
  sourceType: string;
  inboundValueProcessing: string;
  caseNormalisation: string;
  priority: number;
  nullIsValue: boolean;
  initialExportOnly: boolean;
  enabled: boolean;
  disabledReason: string | null;
  sources: SyncRuleMappingSource[];
}

export interface ScopingCriterion {
  id: number;
  metaverseAttributeId: number | null;
  metaverseAttributeName: string | null;
  connectedSystemAttributeId: number | null;
  connectedSystemAttributeName: string | null;
  attributeDataType: string;
  comparisonType: string;
  stringValue: string | null;
  intValue: number | null;
  longValue: number | null;
  decimalValue: number | null;
  dateTimeValue: string | null;
  boolValue: boolean | null;
  guidValue: string | null;
  caseSensitive: boolean;
  valueMode: string;
  relativeCount: number | null;
  relativeUnit: string | null;
  relativeDirection: string | null;
}

export interface ScopingGroup {
  id: number;
  type: string;
  position: number;
  criteria: ScopingCriterion[];
  childGroups: ScopingGroup[];
}

export interface ObjectMatchingRule {
  id: number;
  order: number;
  connectedSystemObjectTypeId: number;
  connectedSystemObjectTypeName: string | null;
  metaverseObjectTypeId: number | null;
  metaverseObjectTypeName: string | null;
  syncRuleId: number | null;
  targetMetaverseAttributeId: number | null;
  targetMetaverseAttributeName: string | null;
  sources: Array<{
    id: number;
    order: number;
    connectedSystemAttributeId: number | null;
    connectedSystemAttributeName: string | null;
  }>;
  caseSensitive: boolean;
  created: string;
}

export interface DataFlowSource {
  order: number;
  metaverseAttributeId: number | null;
  metaverseAttributeName: string | null;
  connectedSystemAttributeId: number | null;
  connectedSystemAttributeName: string | null;
  expression: string | null;
}

export interface DataFlowHeader {
  syncRuleMappingId: number;
  syncRuleId: number;
  syncRuleName: string;
  syncRuleEnabled: boolean;
  direction: SyncRuleDirection;
  connectedSystemId: number;
  connectedSystemName: string;
  connectedSystemObjectTypeId: number;
  connectedSystemObjectTypeName: string;
  metaverseObjectTypeId: number;
  metaverseObjectTypeName: string;
  targetMetaverseAttributeId: number | null;
  targetMetaverseAttributeName: string | null;
  targetConnectedSystemAttributeId: number | null;
  targetConnectedSystemAttributeName: string | null;
  sources: DataFlowSource[];
  priority: number | null;
  nullIsValue: boolean | null;
  enforceState: boolean | null;
  contributorCount: number | null;
}

export interface TestExpressionResponse {
  isValid: boolean;
  result: unknown;
  resultType: string | null;
  errorMessage: string | null;
  errorPosition: number | null;
}

export interface PreviewFinding {
  severity: "Information" | "Warning" | "Blocking";
  message: string;
  propertyName: string | null;
}

export interface PreviewStartResponse {
  activityId: string;
  validationFindings: PreviewFinding[];
  isBlocked: boolean;
  failed: boolean;
  estimatedAffectedObjects: number | null;
  estimatedDeltaRows: number | null;
}

export interface PreviewImpactCount {
  transitionType: string;
  objectCount: number;
  connectedSystemId: number | null;
  metaverseObjectTypeId: number | null;
}

export interface PreviewResponse {
  activityId: string;
  surface: string;
  activityStatus: ActivityStatus;
  message: string | null;
  errorMessage: string | null;
  isComplete: boolean;
  hasFailed: boolean;
  validationFindings: PreviewFinding[];
  impactCounts: PreviewImpactCount[];
  estimatedAffectedObjects: number;
}

const SR = "/synchronisation/sync-rules";

export function getSyncRule(jim: JimClient, id: number, signal?: AbortSignal): Promise<SyncRuleHeader> {
  return jim.get(`${SR}/${id}`, { signal, what: `sync rule ${id}` });
}

export function listSyncRules(
  jim: JimClient,
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<unknown> {
  return jim.get(SR, { query, signal });
}

export function listMappings(jim: JimClient, id: number, signal?: AbortSignal): Promise<SyncRuleMapping[]> {
  return jim.get(`${SR}/${id}/mappings`, { signal, what: `sync rule ${id}` });
}

export function listScopingGroups(jim: JimClient, id: number, signal?: AbortSignal): Promise<ScopingGroup[]> {
  return jim.get(`${SR}/${id}/scoping-criteria`, { signal, what: `sync rule ${id}` });
}

export function listSyncRuleMatchingRules(
  jim: JimClient,
  id: number,
  signal?: AbortSignal,
): Promise<ObjectMatchingRule[]> {
  return jim.get(`${SR}/${id}/matching-rules`, { signal, what: `sync rule ${id}` });
}

export interface SyncRuleUpdate {
  name?: string | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
  projectToMetaverse?: boolean | undefined;
  provisionToConnectedSystem?: boolean | undefined;
  enforceState?: boolean | undefined;
  inboundOutOfScopeAction?: InboundOutOfScopeAction | undefined;
  outboundDeprovisionAction?: OutboundDeprovisionAction | undefined;
  changeReason?: string | undefined;
  previewActivityId?: string | undefined;
}

/** Partial PUT: only the fields given are sent (false is sent, undefined is left out). */
export async function updateSyncRule(
  jim: JimClient,
  id: number,
  update: SyncRuleUpdate,
  signal?: AbortSignal,
): Promise<SyncRuleHeader> {
  const body = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
  const r = await jim.request<SyncRuleHeader>({
    method: "PUT",
    path: `${SR}/${id}`,
    body,
    signal,
    what: `sync rule ${id}`,
  });
  return r.data;
}

export async function startDestructiveTogglesPreview(
  jim: JimClient,
  id: number,
  body: {
    outboundDeprovisionAction?: OutboundDeprovisionAction;
    inboundOutOfScopeAction?: InboundOutOfScopeAction;
  },
  signal?: AbortSignal,
): Promise<PreviewStartResponse> {
  const r = await jim.request<PreviewStartResponse>({
    method: "POST",
    path: `${SR}/${id}/destructive-toggles/preview`,
    body,
    signal,
    what: `sync rule ${id}`,
  });
  return r.data;
}

export async function startBehaviourPreview(
  jim: JimClient,
  id: number,
  body: {
    enabled?: boolean;
    projectToMetaverse?: boolean;
    provisionToConnectedSystem?: boolean;
    enforceState?: boolean;
  },
  signal?: AbortSignal,
): Promise<PreviewStartResponse> {
  const r = await jim.request<PreviewStartResponse>({
    method: "POST",
    path: `${SR}/${id}/behaviour/preview`,
    body,
    signal,
    what: `sync rule ${id}`,
  });
  return r.data;
}

export function getPreview(
  jim: JimClient,
  activityId: string,
  signal?: AbortSignal,
): Promise<PreviewResponse> {
  return jim.get(`/previews/${encodeURIComponent(activityId)}`, { signal, what: `preview ${activityId}` });
}

const TERMINAL = new Set([
  "Complete",
  "CompleteWithWarning",
  "CompleteWithError",
  "FailedWithError",
  "Cancelled",
]);

/** Polls a preview a few times; returns the last answer (finished or not). */
export async function pollPreview(
  jim: JimClient,
  activityId: string,
  opts: { polls: number; intervalMs: number; signal?: AbortSignal | undefined },
): Promise<PreviewResponse> {
  let last = await getPreview(jim, activityId, opts.signal);
  for (let i = 1; i < opts.polls; i++) {
    if (last.isComplete || last.hasFailed || TERMINAL.has(last.activityStatus)) break;
    await abortableSleep(opts.intervalMs, opts.signal);
    last = await getPreview(jim, activityId, opts.signal);
  }
  return last;
}

export function listDataFlows(
  jim: JimClient,
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<unknown> {
  return jim.get("/synchronisation/data-flows", { query, signal });
}

export async function testExpression(
  jim: JimClient,
  body: {
    expression: string;
    mvAttributes?: Record<string, unknown> | undefined;
    csAttributes?: Record<string, unknown> | undefined;
  },
  signal?: AbortSignal,
): Promise<TestExpressionResponse> {
  const r = await jim.request<TestExpressionResponse>({
    method: "POST",
    path: "/synchronisation/test-expression",
    body,
    signal,
  });
  return r.data;
}
