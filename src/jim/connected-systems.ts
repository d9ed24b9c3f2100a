/** Connected systems, partitions/containers and run profiles. */
import type { JimClient } from "./client.js";
import type {
  ConnectedSystemDetail,
  ConnectedSystemRunType,
  ContainerDto,
  ContainerScope,
  PartitionDto,
  RunProfileDto,
  RunProfileExecutionResponse,
} from "./types.js";

const CS = "/synchronisation/connected-systems";

export function getConnectedSystem(
  jim: JimClient,
  id: number,
  signal?: AbortSignal,
): Promise<ConnectedSystemDetail> {
  return jim.get(`${CS}/${id}`, { signal, what: `connected system ${id}` });
}

export function listPartitions(jim: JimClient, csId: number, signal?: AbortSignal): Promise<PartitionDto[]> {
  return jim.get(`${CS}/${csId}/partitions`, { signal, what: `connected system ${csId}` });
}

export async function setPartitionSelection(
  jim: JimClient,
  csId: number,
  partitionId: number,
  selected: boolean,
  signal?: AbortSignal,
): Promise<PartitionDto> {
  const r = await jim.request<PartitionDto>({
    method: "PUT",
    path: `${CS}/${csId}/partitions/${partitionId}`,
    body: { selected },
    signal,
    what: `partition ${partitionId} of connected system ${csId}`,
  });
  return r.data;
}

export interface ContainerUpdate {
  selected?: boolean | undefined;
  excluded?: boolean | undefined;
  scope?: ContainerScope | undefined;
}

export async function updateContainer(
  jim: JimClient,
  csId: number,
  containerId: number,
  update: ContainerUpdate,
  signal?: AbortSignal,
): Promise<ContainerDto> {
  const body: Record<string, unknown> = {};
  if (update.selected !== undefined) body.selected = update.selected;
  if (update.excluded !== undefined) body.excluded = update.excluded;
  if (update.scope !== undefined) body.scope = update.scope;
  const r = await jim.request<ContainerDto>({
    method: "PUT",
    path: `${CS}/${csId}/containers/${containerId}`,
    body,
    signal,
    what: `container ${containerId} of connected system ${csId}`,
  });
  return r.data;
}

export function listRunProfiles(
  jim: JimClient,
  csId: number,
  signal?: AbortSignal,
): Promise<RunProfileDto[]> {
  return jim.get(`${CS}/${csId}/run-profiles`, { signal, what: `connected system ${csId}` });
}

export async function executeRunProfile(
  jim: JimClient,
  csId: number,
  runProfileId: number,
  signal?: AbortSignal,
): Promise<RunProfileExecutionResponse> {
  const r = await jim.request<RunProfileExecutionResponse>({
    method: "POST",
    path: `${CS}/${csId}/run-profiles/${runProfileId}/execute`,
    signal,
    startsWork: true,
    what: `run profile ${runProfileId} of connected system ${csId}`,
  });
  return r.data;
}

/** Finds a container anywhere in the partitions' trees, with its partition and path of names. */
export function findContainer(
  partitions: PartitionDto[],
  containerId: number,
): { container: ContainerDto; partition: PartitionDto; path: string[] } | undefined {
  for (const partition of partitions) {
    const stack: Array<{ c: ContainerDto; path: string[] }> = partition.containers.map((c) => ({
      c,
      path: [c.name],
    }));
    while (stack.length) {
      const { c, path } = stack.pop()!;
      if (c.id === containerId) return { container: c, partition, path };
      for (const child of c.childContainers ?? []) stack.push({ c: child, path: [...path, child.name] });
    }
  }
  return undefined;
}

/** Deletes every connector-space object of a system (synchronous; empty 200). */
export async function clearConnectorSpace(
  jim: JimClient,
  csId: number,
  deleteChangeHistory: boolean,
  signal?: AbortSignal,
): Promise<void> {
  await jim.request<unknown>({
    method: "POST",
    path: `${CS}/${csId}/clear`,
    query: { deleteChangeHistory },
    signal,
    what: `connected system ${csId}`,
  });
}

export interface RunProfileFields {
  name?: string | undefined;
  pageSize?: number | undefined;
  partitionId?: number | undefined;
  filePath?: string | undefined;
  verifyImportContentHashes?: boolean | undefined;
}

/** Only the fields given are sent; `false` and `0` are sent, undefined is left out. */
function runProfileBody(fields: RunProfileFields & { runType?: string }): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of ["name", "runType", "pageSize", "partitionId", "filePath", "verifyImportContentHashes"]) {
    const v = (fields as Record<string, unknown>)[k];
    if (v !== undefined) body[k] = v;
  }
  return body;
}

export async function createRunProfile(
  jim: JimClient,
  csId: number,
  fields: RunProfileFields & { name: string; runType: ConnectedSystemRunType },
  signal?: AbortSignal,
): Promise<RunProfileDto> {
  const r = await jim.request<RunProfileDto>({
    method: "POST",
    path: `${CS}/${csId}/run-profiles`,
    body: runProfileBody(fields),
    signal,
    what: `connected system ${csId}`,
  });
  return r.data;
}

/** Partial update: omitted fields keep their stored values. The run type cannot change. */
export async function updateRunProfile(
  jim: JimClient,
  csId: number,
  runProfileId: number,
  fields: RunProfileFields,
  signal?: AbortSignal,
): Promise<RunProfileDto> {
  const r = await jim.request<RunProfileDto>({
    method: "PUT",
    path: `${CS}/${csId}/run-profiles/${runProfileId}`,
    body: runProfileBody(fields),
    signal,
    what: `run profile ${runProfileId} of connected system ${csId}`,
  });
  return r.data;
}

export async function deleteRunProfile(
  jim: JimClient,
  csId: number,
  runProfileId: number,
  signal?: AbortSignal,
): Promise<void> {
  await jim.request<unknown>({
    method: "DELETE",
    path: `${CS}/${csId}/run-profiles/${runProfileId}`,
    signal,
    what: `run profile ${runProfileId} of connected system ${csId}`,
  });
}
