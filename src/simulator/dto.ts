/**
 * Maps simulator state to JIM's wire DTOs (exact shapes from src/jim/types.ts).
 * Live run values are computed from the run plan at the time of the request.
 */

import type {
  ActivityDetail,
  ActivityHeader,
  ActivityPhase,
  ActivityProgress,
  ActivityRunStats,
  ConnectedSystemDetail,
  ConnectedSystemHeader,
  ContainerDto,
  PartitionDto,
  RunProfileDto,
  WorkerTaskHeader,
} from "../jim/types.js";
import { DEPTS, FIRST, LAST } from "./data/people.js";
import { type Paginated, paginateCounted } from "./http.js";
import { hash32, type PhaseState, type RunSnapshot, seededGuid, snapshot, timeSpan } from "./runs.js";
import type {
  SimActivity,
  SimConnectedSystem,
  SimContainer,
  SimPartition,
  SimRunProfile,
  SimState,
  SimWorkerTask,
} from "./state.js";
import { subtreeCount } from "./state.js";

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const round1 = (n: number) => Math.round(n * 10) / 10;
const fmt = (n: number) => n.toLocaleString("en-GB");

// ---------------------------------------------------------------------------
// Connected systems, partitions, run profiles
// ---------------------------------------------------------------------------

export function toSystemHeader(sys: SimConnectedSystem): ConnectedSystemHeader {
  return {
    id: sys.id,
    name: sys.name,
    description: sys.description,
    created: sys.created,
    status: sys.status,
    objectCount: sys.objectCount,
    connectorsCount: sys.connectorsCount,
    pendingExportObjectsCount: sys.pendingExportObjectsCount,
    connectorName: sys.connectorName,
    connectorId: sys.connectorId,
  };
}

export function toSystemDetail(sys: SimConnectedSystem): ConnectedSystemDetail {
  return {
    id: sys.id,
    name: sys.name,
    description: sys.description,
    created: sys.created,
    lastUpdated: sys.lastUpdated,
    status: sys.status,
    settingValuesValid: sys.settingValuesValid,
    connector: { id: sys.connectorId, name: sys.connectorName },
    objectTypes: sys.objectTypes.map((t) => ({
      id: t.id,
      name: t.name,
      created: t.created,
      selected: t.selected,
      removeContributedAttributesOnObsoletion: t.removeContributedAttributesOnObsoletion,
      attributeCount: t.attributes.length,
      tags: [],
      isInternal: t.isInternal,
      attributes: null,
    })),
    objectCount: sys.objectCount,
    pendingExportCount: sys.pendingExportObjectsCount,
    maxExportParallelism: sys.maxExportParallelism,
    initialPasswordTimeToLive: sys.initialPasswordTimeToLive,
    requireSecureTransport: sys.requireSecureTransport,
    unresolvedReferenceHandling: sys.unresolvedReferenceHandling,
    configurationDrift: {
      hasPendingChanges: false,
      isDeterminable: sys.lastFullSynchronisation !== null,
      neverFullySynchronised: sys.lastFullSynchronisation === null,
      trackingDisabled: false,
      lastFullSynchronisation: sys.lastFullSynchronisation,
      mostRecentChange: sys.lastUpdated,
      changeCount: 0,
      highestChangeClass: "NotClassified",
    },
    parkedInitialPasswordCount: sys.initialPasswordTimeToLive ? 0 : null,
    expiredInitialPasswordCount: sys.initialPasswordTimeToLive ? 0 : null,
  };
}

export function toContainer(sys: SimConnectedSystem, p: SimPartition, c: SimContainer): ContainerDto {
  return {
    id: c.id,
    name: c.name,
    externalId: c.externalId,
    description: c.description,
    hidden: c.hidden,
    selected: c.selected,
    excluded: c.excluded,
    scope: c.scope,
    objectCount: c.objectCount,
    subtreeObjectCount: subtreeCount(c),
    partitionId: p.id,
    connectedSystemId: sys.id,
    childContainers: c.children.map((ch) => toContainer(sys, p, ch)),
  };
}

export function toPartition(sys: SimConnectedSystem, p: SimPartition): PartitionDto {
  return {
    id: p.id,
    name: p.name,
    externalId: p.externalId,
    selected: p.selected,
    connectedSystemId: sys.id,
    containers: p.containers.map((c) => toContainer(sys, p, c)),
  };
}

export function toRunProfile(sys: SimConnectedSystem, rp: SimRunProfile): RunProfileDto {
  const partition = rp.partitionId === null ? undefined : sys.partitions.find((p) => p.id === rp.partitionId);
  return {
    id: rp.id,
    name: rp.name,
    connectedSystemId: sys.id,
    runType: rp.runType,
    pageSize: rp.pageSize,
    partitionName: partition?.name ?? null,
    targetsDeselectedPartition: partition ? !partition.selected : false,
    filePath: rp.filePath,
    verifyImportContentHashes: rp.verifyImportContentHashes,
  };
}

// ---------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------

/** Live snapshot of a run activity (null for other activities). */
export function runSnapshot(a: SimActivity, now: number): RunSnapshot | null {
  if (!a.run) return null;
  const plan = a.run.plan;
  if (a.status === "Cancelled") {
    return snapshot(plan, a.run.runType, now, { at: a.run.cancelledAt ?? a.ended ?? now, kind: "cancelled" });
  }
  if (a.status !== "InProgress" && a.status !== "NotSet") {
    return snapshot(plan, a.run.runType, now, { at: plan?.endsAt ?? a.ended ?? now, kind: "outcome" });
  }
  return snapshot(plan, a.run.runType, now, null);
}

function toPhase(p: PhaseState, now: number): ActivityPhase {
  let durationSeconds: number | null = null;
  if (p.started !== null && p.ended !== null) durationSeconds = Math.round(p.ended - p.started) / 1000;
  else if (p.started !== null) durationSeconds = round1((now - p.started) / 1000);
  return {
    key: p.key,
    name: p.name,
    parentKey: null,
    order: p.order,
    status: p.status,
    started: iso(p.started),
    ended: iso(p.ended),
    durationSeconds: p.status === "Active" ? null : durationSeconds,
  };
}

function liveMessage(a: SimActivity, snap: RunSnapshot | null): string | null {
  if (a.status !== "InProgress" || !a.run) return a.message;
  if (a.message?.startsWith("Cancellation requested")) return a.message;
  if (!a.run.plan) return "Queued: waiting for the worker to start this run.";
  if (!snap || snap.activePhase === null) return a.message;
  const phase = snap.phases[snap.activePhase];
  if (!phase) return a.message;
  const counting = a.run.plan.phases[snap.activePhase]?.counting ?? false;
  if (counting && snap.objectsToProcess > 0) {
    return `${phase.name}: ${fmt(snap.objectsProcessed)} of ${fmt(snap.objectsToProcess)} objects.`;
  }
  return `${phase.name}…`;
}

function headerTotals(snap: RunSnapshot | null) {
  const c = (k: string) => snap?.counts[k] ?? 0;
  return {
    totalAdded: c("Added"),
    totalUpdated: c("Updated"),
    totalDeleted: c("Deleted"),
    totalProjected: c("Projected"),
    totalJoined: c("Joined"),
    totalAttributeFlows: c("AttributeFlow"),
    totalDisconnected: c("Disconnected"),
    totalDisconnectedOutOfScope: 0,
    totalOutOfScopeRetainJoin: 0,
    totalDriftCorrections: 0,
    totalProvisioned: 0,
    totalExported: c("Exported"),
    totalDeprovisioned: 0,
    totalCreated: 0,
    totalPendingExports: c("PendingExport"),
    totalErrors: snap?.errors ?? 0,
  };
}

function commonFields(a: SimActivity, snap: RunSnapshot | null) {
  const finished = a.ended !== null && a.status !== "InProgress";
  return {
    id: a.id,
    created: new Date(a.created).toISOString(),
    executed: iso(a.executed),
    status: a.status,
    targetType: a.targetType,
    targetOperationType: a.targetOperationType,
    targetName: a.targetName,
    targetContext: a.targetContext,
    message: liveMessage(a, snap),
    initiatedByType: a.initiatedByType,
    initiatedById: a.initiatedById,
    initiatedByName: a.initiatedByName,
    objectsToProcess: snap ? (a.run?.plan?.objects ?? 0) : 0,
    objectsProcessed: snap ? snap.processed : 0,
    executionTime: finished && a.executed !== null ? timeSpan((a.ended as number) - a.executed) : null,
    totalActivityTime: finished ? timeSpan((a.ended as number) - a.created) : null,
    connectedSystemRunType: a.run ? a.run.runType : null,
    scheduleExecutionId: a.schedule?.executionId ?? null,
    scheduleStepIndex: a.schedule?.stepIndex ?? null,
    scheduledByScheduleId: a.schedule?.scheduleId ?? null,
    scheduledByScheduleName: a.schedule?.scheduleName ?? null,
  };
}

export function toActivityHeader(a: SimActivity, now: number): ActivityHeader {
  const snap = runSnapshot(a, now);
  return {
    ...commonFields(a, snap),
    ...headerTotals(snap),
    childActivityCount: 0,
  };
}

export function toActivityDetail(a: SimActivity, now: number): ActivityDetail {
  const snap = runSnapshot(a, now);
  return {
    ...commonFields(a, snap),
    parentActivityId: a.parentActivityId,
    warningMessage: a.warningMessage,
    errorMessage: a.errorMessage,
    errorStackTrace: a.errorStackTrace,
    errorDetail: a.errorDetail,
    connectedSystemId: a.connectedSystemId,
    connectedSystemRunProfileId: a.connectedSystemRunProfileId,
    syncRuleId: null,
    metaverseObjectId: null,
    exampleDataTemplateId: null,
    executionStats: a.run ? toStats(a, now) : null,
    phases: snap ? snap.phases.map((p) => toPhase(p, now)) : [],
    changeReason: null,
    configurationChangeVersion: null,
    configurationChangeSnapshot: null,
  };
}

export function toStats(a: SimActivity, now: number): ActivityRunStats {
  const snap = runSnapshot(a, now);
  const c = (k: string) => snap?.counts[k] ?? 0;
  const changes = Object.values(snap?.counts ?? {}).reduce((x, y) => x + y, 0);
  const processed = snap?.processed ?? 0;
  const errors = snap?.errors ?? 0;
  const discards = snap?.discards ?? {};
  const isExport = a.run?.runType === "Export";
  return {
    totalObjectsProcessed: processed,
    totalObjectChangeCount: changes,
    totalUnchanged: Math.max(0, processed - changes - errors),
    totalObjectErrors: errors,
    totalObjectTypes: a.run?.plan?.objectTypes.length ?? 0,
    totalCsoAdds: c("Added"),
    totalCsoUpdates: c("Updated"),
    totalCsoDeletes: c("Deleted"),
    totalProjections: c("Projected"),
    totalJoins: c("Joined"),
    totalAttributeFlows: c("AttributeFlow"),
    totalDisconnections: c("Disconnected"),
    totalDisconnectedOutOfScope: 0,
    totalOutOfScopeRetainJoin: 0,
    totalDriftCorrections: 0,
    totalProvisioned: 0,
    totalExported: c("Exported"),
    totalDeprovisioned: 0,
    totalPendingExports: c("PendingExport"),
    totalPendingExportsConfirmed: 0,
    totalPendingExportsRetrying: isExport ? errors : 0,
    totalPendingExportsFailed: 0,
    totalCreated: 0,
    entriesDiscardedByExcludedContainer: discards,
    totalEntriesDiscardedByExclusion: Object.values(discards).reduce((x, y) => x + y, 0),
  };
}

/**
 * Progress snapshot. Feeds the per-activity rate sampler: the first read has no
 * rate; later reads during the counting step report objects/second and an ETA.
 */
export function toProgress(a: SimActivity, now: number): ActivityProgress {
  const snap = runSnapshot(a, now);
  const phases = snap ? snap.phases.map((p) => toPhase(p, now)) : [];
  const running = a.status === "InProgress" && snap?.activePhase !== null && snap?.activePhase !== undefined;
  const currentIndex = running ? (snap?.activePhase ?? null) : null;
  const start = a.executed ?? a.created;
  const endAt = a.status === "InProgress" ? now : (a.ended ?? now);

  let objectsPerSecond: number | null = null;
  let eta: number | null = null;
  if (a.run && snap) {
    const prev = a.run.sampler;
    const inCounting =
      running &&
      currentIndex !== null &&
      (a.run.plan?.phases[currentIndex]?.counting ?? false) &&
      snap.objectsToProcess > 0;
    if (prev && inCounting && a.run.plan) {
      const dt = (now - prev.at) / 1000;
      const delta = snap.objectsProcessed - prev.processed;
      let rate: number | null = null;
      if (prev.phase === currentIndex && dt >= 0.2 && delta > 0) rate = delta / dt;
      else {
        const countingStart = a.run.plan.phases[currentIndex as number]?.start ?? start;
        const elapsed = (now - countingStart) / 1000;
        if (elapsed > 0 && snap.objectsProcessed > 0) rate = snap.objectsProcessed / elapsed;
      }
      if (rate !== null && rate > 0) {
        objectsPerSecond = round1(rate);
        eta = round1(Math.max(0, snap.objectsToProcess - snap.objectsProcessed) / rate);
      }
    }
    if (a.status === "InProgress" && (!prev || prev.phase !== currentIndex || now - prev.at >= 200)) {
      a.run.sampler = { at: now, processed: snap.objectsProcessed, phase: currentIndex };
    }
  }

  const toProcess = snap?.objectsToProcess ?? 0;
  const processed = snap?.objectsProcessed ?? 0;
  const operationCounts: Record<string, number> = { ...(snap?.counts ?? {}) };
  return {
    id: a.id,
    status: a.status,
    message: liveMessage(a, snap),
    objectsProcessed: processed,
    objectsToProcess: toProcess,
    percentComplete: toProcess > 0 ? round1(Math.min(100, (processed / toProcess) * 100)) : null,
    elapsedSeconds: round1(Math.max(0, endAt - start) / 1000),
    objectsPerSecond,
    estimatedSecondsRemaining: eta,
    targetType: a.targetType,
    runType: a.run ? a.run.runType : null,
    operationCounts,
    totalErrors: snap?.errors ?? 0,
    retrievedAt: new Date(now).toISOString(),
    phases,
    currentPhase: currentIndex !== null ? (phases[currentIndex] ?? null) : null,
    currentPhaseNumber: currentIndex !== null ? currentIndex + 1 : null,
    totalPhases: phases.length,
  };
}

// ---------------------------------------------------------------------------
// Execution items (generated on demand, deterministic per activity)
// ---------------------------------------------------------------------------

export interface ExecutionItem {
  id: string;
  externalIdValue: string | null;
  displayName: string | null;
  connectedSystemObjectType: string | null;
  objectChangeType: string;
  errorType: string | null;
  outcomeSummary: string | null;
}

const SUMMARY: Record<string, string> = {
  Added: "New object imported into the connector space.",
  Updated: "Attribute values changed since the last import.",
  Deleted: "Object no longer present in the source; marked for deletion.",
  Projected: "Projected into the Metaverse as a new object.",
  Joined: "Joined to an existing Metaverse object.",
  AttributeFlow: "Attribute values flowed to the Metaverse.",
  Disconnected: "Disconnected from its Metaverse object.",
  PendingExport: "Pending export created for the target system.",
  Exported: "Changes written to the connected system.",
};

const ERROR_SUMMARY: Record<string, string> = {
  DuplicateObject: "Another object in the source has the same external id.",
  MissingExternalIdAttributeValue: "The object has no value for its external id attribute.",
  AmbiguousMatch: "More than one Metaverse object matched; the object was not joined.",
  UnresolvedReference: "A reference value points to an object that could not be found.",
  ExportConfirmationFailed: "The exported values were not confirmed by the following import.",
  UnhandledError: "An unexpected error occurred while processing the object.",
};

/** One page of execution items of a run activity, as of `now`. Errored items are spread through the list. */
export function executionItems(
  a: SimActivity,
  now: number,
  sys: SimConnectedSystem | undefined,
  page: number,
  pageSize: number,
): Paginated<ExecutionItem> {
  const snap = runSnapshot(a, now);
  const categories = Object.entries(snap?.counts ?? {}).filter(([, n]) => n > 0);
  const changes = categories.reduce((x, [, n]) => x + n, 0);
  const errors = snap?.errors ?? 0;
  const total = changes + errors;
  const errorPositions = new Set<number>();
  for (let k = 0; k < errors; k++) errorPositions.add(Math.floor(((k + 0.5) * total) / errors));
  const from = (page - 1) * pageSize;
  const to = Math.min(total, from + pageSize);
  const items: ExecutionItem[] = [];
  if (from < total) {
    // Count error positions before `from` to know which change index starts this page.
    let errorsBefore = 0;
    for (const p of errorPositions) if (p < from) errorsBefore++;
    let changeIndex = from - errorsBefore;
    for (let i = from; i < to; i++) {
      if (errorPositions.has(i)) {
        items.push(makeItem(a, sys, i, "NotSet", a.run?.plan?.errorType ?? "UnhandledError"));
        continue;
      }
      let rest = changeIndex;
      let kind = categories[0]?.[0] ?? "Updated";
      for (const [k, n] of categories) {
        if (rest < n) {
          kind = k;
          break;
        }
        rest -= n;
      }
      items.push(makeItem(a, sys, i, kind, null));
      changeIndex++;
    }
  }
  return paginateCounted(items, total, page, pageSize);
}

function makeItem(
  a: SimActivity,
  sys: SimConnectedSystem | undefined,
  index: number,
  changeType: string,
  errorType: string | null,
): ExecutionItem {
  const seed = `${a.id}:${index}`;
  const h = hash32(seed);
  const types = a.run?.plan?.objectTypes ?? ["object"];
  const type = types.length > 1 && h % 5 === 0 ? (types[1] as string) : (types[0] as string);
  const first = FIRST[h % FIRST.length] as string;
  const last = LAST[(h >>> 8) % LAST.length] as string;
  const dept = DEPTS[(h >>> 16) % DEPTS.length] as string;
  const isGroup = type.toLowerCase() === "group";
  const displayName = isGroup ? `${dept} Team ${(h % 40) + 1}` : `${first} ${last}`;
  let externalId: string;
  if (sys?.connectorName === "LDAP") {
    externalId = seededGuid(`ext:${seed}`);
  } else if (sys?.connectorName === "SCIM 2.0") {
    externalId = `u-${(h % 900_000) + 100_000}`;
  } else {
    externalId = `E${String((h % 90_000) + 10_000).padStart(6, "0")}`;
  }
  return {
    id: seededGuid(seed),
    externalIdValue: externalId,
    displayName,
    connectedSystemObjectType: type,
    objectChangeType: changeType,
    errorType,
    outcomeSummary: errorType
      ? (ERROR_SUMMARY[errorType] ?? "The object could not be processed.")
      : (SUMMARY[changeType] ?? null),
  };
}

// ---------------------------------------------------------------------------
// Worker tasks
// ---------------------------------------------------------------------------

export function toWorkerTask(t: SimWorkerTask, state: SimState, now: number): WorkerTaskHeader {
  const a = state.getActivity(t.activityId);
  const snap = a ? runSnapshot(a, now) : null;
  const started = Boolean(a?.run?.plan);
  let steps: WorkerTaskHeader["steps"] = null;
  if (started && snap) {
    const current = snap.activePhase !== null ? snap.phases[snap.activePhase] : undefined;
    steps = {
      currentStepName: current?.name ?? null,
      currentStepNumber: current ? current.order : null,
      totalSteps: snap.phases.length,
      steps: snap.phases.map((p) => ({ order: p.order, name: p.name, status: p.status })),
    };
  }
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    timestamp: new Date(t.created).toISOString(),
    status: t.status,
    initiatedByType: t.initiatedByType,
    initiatedById: t.initiatedById,
    initiatedByName: t.initiatedByName,
    activityId: t.activityId,
    objectsToProcess: started && snap ? snap.objectsToProcess : null,
    objectsProcessed: started && snap ? snap.objectsProcessed : null,
    progressMessage: a && started ? liveMessage(a, snap) : null,
    steps,
    scheduleExecutionId: t.schedule?.executionId ?? null,
    scheduleExecutionName: t.schedule?.scheduleName ?? null,
    scheduleStepIndex: t.schedule?.stepIndex ?? null,
    scheduleTotalSteps: t.schedule?.totalSteps ?? null,
    // A task runs as its own step: while it is queued or running, that step is the current one.
    scheduleCurrentStepIndex: t.schedule?.stepIndex ?? null,
  };
}
