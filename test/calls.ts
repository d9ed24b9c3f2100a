/**
 * Sample tool calls shared by the cross-cutting tests (sample data: src/simulator/state.ts and
 * src/simulator/data/*). A call is either fixed arguments or a setup that prepares JIM and returns them.
 */
import type { Rig } from "./harness.js";

export type CallSpec = Record<string, unknown> | ((r: Rig) => Promise<Record<string, unknown>>);

/** Starts a long run and returns its ids (for tools that act on a live activity or worker task). */
export async function liveRun(r: Rig): Promise<{ activityId: string; taskId: string }> {
  r.sim.hooks.nextRun({ durationMs: 60_000 });
  const res = await r.call("run_profile_execute", { connectedSystemId: 1, runProfileId: 2, wait: false });
  return res.structuredContent as { activityId: string; taskId: string };
}

/** Runs a short profile to the end and returns its activity id. */
export async function finishedRun(r: Rig): Promise<{ activityId: string }> {
  r.sim.hooks.nextRun({ durationMs: 100, outcome: "CompleteWithWarning" });
  const res = await r.call("run_profile_execute", {
    connectedSystemId: 1,
    runProfileId: 1,
    timeoutSeconds: 10,
  });
  return { activityId: (res.structuredContent as { activityId: string }).activityId };
}

export async function resolveCall(spec: CallSpec, r: Rig): Promise<Record<string, unknown>> {
  return typeof spec === "function" ? spec(r) : { ...spec };
}

const SCHEDULE = (n: number) => `3b8f2c1e-5d4a-4e21-9f6b-1a2b3c4d5e0${n}`;
const EXECUTION = (n: number) => `7e1a9b3c-2f4d-4c58-8a6e-0b1c2d3e4f0${n}`;

/** A happy-path call for every tool (destructive ones run with --destructive allow). */
export const EXAMPLE_CALLS: Record<string, CallSpec> = {
  connection_status: {},
  connection_switch: { __skip: "needs a profiles file; covered by the connection tests" },
  connection_disconnect: { __last: 2 },
  connected_system_list: {},
  connected_system_get: { connectedSystemId: 2 },
  connector_definition_list: {},
  connector_definition_get: { name: "SCIM 2.0" },
  object_type_list: { connectedSystemId: 2 },
  schema_import: { connectedSystemId: 2 },
  hierarchy_import: { connectedSystemId: 2 },
  connected_system_clear: { connectedSystemId: 3 },
  partition_list: { connectedSystemId: 2 },
  partition_set_selection: { connectedSystemId: 2, partitionId: 2, selected: true },
  container_set_selection: { connectedSystemId: 2, containerId: 4, selected: true, scope: "OneLevel" },
  connector_space_search: {
    connectedSystemId: 2,
    joinType: "NotJoined",
    sortBy: "displayname",
    sortDescending: false,
  },
  connector_space_get: { connectedSystemId: 2, id: "a89f759c-a99f-472f-aa9f-78c2ab9f7a55" },
  pending_export_list: { connectedSystemId: 2, search: "SG-" },
  pending_export_get: { id: "95773748-9677-48db-9777-3a6e98773c01" },
  run_profile_list: { connectedSystemId: 1 },
  run_profile_execute: { connectedSystemId: "HR System", runProfileId: "Full Import" },
  run_profile_create: {
    connectedSystemId: 1,
    name: "Delta Synchronisation 2",
    runType: "DeltaSynchronisation",
    pageSize: 200,
  },
  run_profile_update: {
    connectedSystemId: 1,
    runProfileId: 1,
    pageSize: 400,
    verifyImportContentHashes: true,
  },
  run_profile_delete: { connectedSystemId: 2, runProfileId: 9 },
  activity_list: { status: ["Complete"], connectedSystem: "HR System", createdFrom: "2020-01-01" },
  activity_get: async (r) => finishedRun(r),
  activity_wait: async (r) => ({ ...(await finishedRun(r)), timeoutSeconds: 5 }),
  activity_item_list: async (r) => finishedRun(r),
  activity_child_list: async (r) => finishedRun(r),
  sync_health: { sinceHours: 48 },
  activity_explain: async (r) => finishedRun(r),
  worker_task_list: {},
  worker_task_cancel: async (r) => ({ taskId: (await liveRun(r)).taskId }),
  metaverse_object_type_list: { objectTypeId: 1 },
  metaverse_attribute_list: { name: "name" },
  metaverse_object_search: { objectType: "User", search: "okafor", attributes: ["Email"] },
  metaverse_object_get: { objectId: "4bf0432d-4af0-419a-89f0-400748f03e74" },
  pending_deletion_list: {},
  metaverse_object_type_delete: { objectTypeId: 4 },
  metaverse_attribute_delete: { attributeId: 17 },
  api_endpoint_search: { query: "partitions" },
  api_get: { path: "/synchronisation/connected-systems", query: "page=1&pageSize=5" },
  api_request: {
    method: "PUT",
    path: "/synchronisation/connected-systems/2/partitions/2",
    body: '{"selected":true}',
  },
  sync_rule_list: {},
  sync_rule_get: { syncRuleId: 1 },
  sync_rule_update: { syncRuleId: 1, description: "Imports people from the HR extract." },
  data_flow_list: {},
  expression_test: { expression: 'Upper(mv["First Name"])', mvValues: '{"First Name":"ada"}' },
  schedule_list: {},
  schedule_get: { scheduleId: SCHEDULE(1) },
  schedule_run: { scheduleId: SCHEDULE(2), wait: false },
  schedule_set_enabled: { scheduleId: SCHEDULE(3), enabled: true },
  schedule_update: { scheduleId: SCHEDULE(3), name: "Weekly full refresh" },
  schedule_delete: { scheduleId: SCHEDULE(2), __last: 1 },
  schedule_execution_list: {},
  schedule_execution_get: { executionId: EXECUTION(1) },
  schedule_execution_cancel: { executionId: EXECUTION(2) },
  api_key_list: {},
  api_key_create: { name: "example key", roles: "Administrator", expires: "30" },
  api_key_update: { id: "5d0c6a3e-8f1b-4c2a-9e7d-2b4f6a8c0e13", name: "CI pipeline", expires: "never" },
  api_key_delete: { id: "9a4b2c1d-3e5f-4a6b-8c7d-0e1f2a3b4c5d" },
  role_list: { roleId: 1 },
  certificate_list: {},
  certificate_get: { id: "2d7f1a4b-3c5e-4b9f-8a2c-8e4d6f3b5c71" },
  certificate_delete: { id: "3e8a2b5c-4d6f-4caf-9b3d-9f5e7a4c6d82" },
  server_certificate_get: { connectedSystemId: 2 },
  server_certificate_trust: { connectedSystemId: 2, thumbprint: "4F2A9C1D7E3B5A8F0C6D2E9B1A7F3C5D8E0B4A6C" },
  service_setting_list: { category: "History" },
  service_setting_set: { key: "Sync.PageSize", value: "750" },
  service_setting_reset: { key: "History.RetentionPeriod" },
  deleted_object_list: { kind: "cso", connectedSystemId: 2 },
  history_cleanup: {},
  log_list: { minLevel: "Warning", limit: 5 },
  predefined_search_list: {},
  predefined_search_object_list: { uri: "all-people", pageSize: 5 },
  example_data_template_list: {},
  example_data_execute: { templateId: 1 },
  preview_get: { activityId: "7c9e6679-7425-40de-944b-e07fc1f90ae7" },
};

/** One destructive call per tool that can be destructive. Every such tool must appear here. */
export const DESTRUCTIVE_CALLS: Record<string, CallSpec> = {
  partition_set_selection: { connectedSystemId: 2, partitionId: 1, selected: false },
  container_set_selection: { connectedSystemId: 2, containerId: 1, selected: false },
  run_profile_execute: { connectedSystemId: 2, runProfileId: 8, wait: false },
  api_request: { method: "POST", path: "/synchronisation/connected-systems/2/run-profiles/8/execute" },
  connected_system_clear: { connectedSystemId: 1 },
  schema_import: { connectedSystemId: 2, preview: false, dependents: "remove" },
  run_profile_delete: { connectedSystemId: 2, runProfileId: 9 },
  worker_task_cancel: async (r) => ({ taskId: (await liveRun(r)).taskId }),
  sync_rule_update: { syncRuleId: 3, outboundDeprovisionAction: "Delete" },
  schedule_run: { scheduleId: SCHEDULE(1), wait: false },
  schedule_update: { scheduleId: SCHEDULE(1), removeStep: 4 },
  schedule_delete: { scheduleId: SCHEDULE(2) },
  schedule_execution_cancel: { executionId: EXECUTION(2) },
  api_key_update: { id: "5d0c6a3e-8f1b-4c2a-9e7d-2b4f6a8c0e13", enabled: false },
  api_key_delete: { id: "5d0c6a3e-8f1b-4c2a-9e7d-2b4f6a8c0e13" },
  certificate_delete: { id: "3e8a2b5c-4d6f-4caf-9b3d-9f5e7a4c6d82" },
  server_certificate_trust: { connectedSystemId: 2, thumbprint: "4F2A9C1D7E3B5A8F0C6D2E9B1A7F3C5D8E0B4A6C" },
  service_setting_set: { key: "Security.RateLimiting.Enabled", value: "false" },
  service_setting_reset: { key: "History.RetentionPeriod" },
  history_cleanup: {},
  metaverse_object_type_delete: { objectTypeId: 4 },
  metaverse_attribute_delete: { attributeId: 17 },
};
