/** Sample tool calls shared by the cross-cutting tests (sample data: src/simulator/state.ts). */

/** A happy-path call for every tool (destructive ones run with --destructive allow). */
export const EXAMPLE_CALLS: Record<string, Record<string, unknown>> = {
  connection_status: {},
  connection_switch: { profile: "__skip__" },
  connection_disconnect: { __last: true },
  connected_system_list: {},
  connected_system_get: { connectedSystemId: 2 },
  partition_list: { connectedSystemId: 2 },
  partition_set_selection: { connectedSystemId: 2, partitionId: 2, selected: true },
  container_set_selection: { connectedSystemId: 2, containerId: 4, selected: true, scope: "OneLevel" },
  run_profile_list: { connectedSystemId: 1 },
  run_profile_execute: { connectedSystemName: "HR System", runProfileName: "Full Import" },
  activity_get: { __activity: true },
  activity_wait: { __activity: true, timeoutSeconds: 5 },
  api_endpoint_search: { query: "partitions" },
  api_get: { path: "/synchronisation/connected-systems", query: "page=1&pageSize=5" },
  api_request: {
    method: "PUT",
    path: "/synchronisation/connected-systems/2/partitions/2",
    body: '{"selected":true}',
  },
};

/** One destructive call per tool that can be destructive. Every such tool must appear here. */
export const DESTRUCTIVE_CALLS: Record<string, Record<string, unknown>> = {
  partition_set_selection: { connectedSystemId: 2, partitionId: 1, selected: false },
  container_set_selection: { connectedSystemId: 2, containerId: 1, selected: false },
  run_profile_execute: { connectedSystemId: 2, runProfileId: 8, wait: false },
  api_request: { method: "POST", path: "/synchronisation/connected-systems/2/run-profiles/8/execute" },
};
