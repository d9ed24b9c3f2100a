/**
 * The simulator's live data: connected systems with their partitions, container
 * trees, object types and run profiles; activities; the worker task queue; API
 * keys. Tests reach it through `sim.state` to add or inspect things directly.
 */
import { randomUUID } from "node:crypto";
import type {
  ActivityInitiatorType,
  ActivityStatus,
  ConnectedSystemAttribute,
  ConnectedSystemRunType,
  ConnectedSystemStatus,
  ContainerScope,
  WorkerTaskStatus,
} from "../jim/types.js";
import type { SimApiKey } from "./http.js";
import { planRun, type RunOutcome, type RunPlan } from "./runs.js";

export interface SimContainer {
  id: number;
  name: string;
  externalId: string;
  description: string | null;
  hidden: boolean;
  selected: boolean;
  excluded: boolean;
  scope: ContainerScope;
  /** Objects directly in this container; subtree counts are summed from the tree. */
  objectCount: number | null;
  children: SimContainer[];
}

export interface SimPartition {
  id: number;
  name: string;
  externalId: string;
  selected: boolean;
  containers: SimContainer[];
}

export interface SimRunProfile {
  id: number;
  name: string;
  runType: ConnectedSystemRunType;
  pageSize: number;
  /** Partition the profile is bound to (by id), or null. */
  partitionId: number | null;
  filePath: string | null;
  verifyImportContentHashes: boolean;
}

export interface SimObjectType {
  id: number;
  name: string;
  created: string;
  selected: boolean;
  removeContributedAttributesOnObsoletion: boolean;
  isInternal: boolean;
  attributes: ConnectedSystemAttribute[];
}

export interface SimConnectedSystem {
  id: number;
  name: string;
  description: string | null;
  created: string;
  lastUpdated: string | null;
  status: ConnectedSystemStatus;
  connectorId: number;
  connectorName: string;
  objectCount: number;
  /** Joined connector-space objects. */
  connectorsCount: number;
  pendingExportObjectsCount: number;
  settingValuesValid: boolean;
  maxExportParallelism: number | null;
  initialPasswordTimeToLive: string | null;
  requireSecureTransport: boolean;
  unresolvedReferenceHandling: "Error" | "Warn" | "Ignore";
  lastFullSynchronisation: string | null;
  objectTypes: SimObjectType[];
  partitions: SimPartition[];
  runProfiles: SimRunProfile[];
}

export interface SimRun {
  runType: ConnectedSystemRunType;
  taskId: string;
  /** Fixed when the run starts; null while queued (or when cancelled before starting). */
  plan: RunPlan | null;
  /** When a cancellation ended the run. */
  cancelledAt: number | null;
  /** Progress-rate sampler fed by progress reads. */
  sampler: { at: number; processed: number; phase: number | null } | null;
}

/** The schedule execution step that queued a run, for runs a schedule started. */
export interface ScheduleLink {
  executionId: string;
  scheduleId: string;
  scheduleName: string;
  stepIndex: number;
  totalSteps: number;
}

export interface SimActivity {
  id: string;
  /** ms timestamps */
  created: number;
  executed: number | null;
  ended: number | null;
  status: ActivityStatus;
  targetType: string;
  targetOperationType: string;
  targetName: string | null;
  targetContext: string | null;
  /** Stored message; InProgress run activities get a live message instead. */
  message: string | null;
  initiatedByType: ActivityInitiatorType;
  initiatedById: string | null;
  initiatedByName: string | null;
  parentActivityId: string | null;
  connectedSystemId: number | null;
  connectedSystemRunProfileId: number | null;
  warningMessage: string | null;
  errorMessage: string | null;
  errorDetail: string | null;
  errorStackTrace: string | null;
  /** Run-profile execution data; null for other activities. */
  run: SimRun | null;
  /** Set when a schedule execution queued the run. */
  schedule?: ScheduleLink | undefined;
}

export interface SimWorkerTask {
  id: string;
  name: string;
  type: string;
  created: number;
  status: WorkerTaskStatus;
  initiatedByType: ActivityInitiatorType;
  initiatedById: string | null;
  initiatedByName: string | null;
  activityId: string;
  connectedSystemId: number;
  runProfileId: number;
  /** When a requested cancellation takes effect. */
  cancelAt: number | null;
  /** Set when a schedule execution queued the run. */
  schedule?: ScheduleLink | undefined;
  cancelRequestedBy?: string;
}

export interface StateInit {
  apiKeys: SimApiKey[];
  partitionValidationMode: "Error" | "Warning";
  version: string;
  now?: number;
}

export class SimState {
  connectedSystems: SimConnectedSystem[] = [];
  activities: SimActivity[] = [];
  /** Live worker queue, in queue order. Finished/cancelled tasks are removed. */
  workerTasks: SimWorkerTask[] = [];
  apiKeys: SimApiKey[];
  partitionValidationMode: "Error" | "Warning";
  version: string;
  /** Incremented whenever an Export run starts executing (it writes to a target system). */
  exportsWritten = 0;
  /** Every Export run that started executing: activity ids in start order. */
  exportRuns: string[] = [];
  /** Per-area data owned by route modules (`data/<area>.ts`), created on first use. */
  ext: Record<string, unknown> = {};
  private ids = { system: 0, partition: 0, container: 0, runProfile: 0, objectType: 0, attribute: 0 };

  constructor(init: StateInit) {
    this.apiKeys = init.apiKeys;
    this.partitionValidationMode = init.partitionValidationMode;
    this.version = init.version;
  }

  /** Next free integer id of a kind (never reuses an id already present in the data). */
  nextId(kind: "system" | "partition" | "container" | "runProfile" | "objectType" | "attribute"): number {
    let max = this.ids[kind];
    for (const s of this.connectedSystems) {
      if (kind === "system") max = Math.max(max, s.id);
      else if (kind === "runProfile") for (const r of s.runProfiles) max = Math.max(max, r.id);
      else if (kind === "partition") for (const p of s.partitions) max = Math.max(max, p.id);
      else if (kind === "objectType") for (const t of s.objectTypes) max = Math.max(max, t.id);
    }
    this.ids[kind] = max + 1;
    return this.ids[kind];
  }

  // -- lookups ---------------------------------------------------------------

  getConnectedSystem(id: number): SimConnectedSystem | undefined {
    return this.connectedSystems.find((s) => s.id === id);
  }

  getConnectedSystemByName(name: string): SimConnectedSystem | undefined {
    return this.connectedSystems.find((s) => s.name === name);
  }

  getRunProfile(systemId: number, runProfileId: number): SimRunProfile | undefined {
    return this.getConnectedSystem(systemId)?.runProfiles.find((r) => r.id === runProfileId);
  }

  getPartition(systemId: number, partitionId: number): SimPartition | undefined {
    return this.getConnectedSystem(systemId)?.partitions.find((p) => p.id === partitionId);
  }

  /** Finds a container anywhere in a system's partition trees. */
  findContainer(
    systemId: number,
    containerId: number,
  ): { container: SimContainer; partition: SimPartition; parent: SimContainer | null } | undefined {
    const sys = this.getConnectedSystem(systemId);
    if (!sys) return undefined;
    for (const partition of sys.partitions) {
      type Hit = { container: SimContainer; partition: SimPartition; parent: SimContainer | null };
      const walk = (list: SimContainer[], parent: SimContainer | null): Hit | undefined => {
        for (const c of list) {
          if (c.id === containerId) return { container: c, partition, parent };
          const hit = walk(c.children, c);
          if (hit) return hit;
        }
        return undefined;
      };
      const hit = walk(partition.containers, null);
      if (hit) return hit;
    }
    return undefined;
  }

  findContainerByName(systemId: number, name: string): SimContainer | undefined {
    const sys = this.getConnectedSystem(systemId);
    if (!sys) return undefined;
    for (const p of sys.partitions) {
      for (const c of flattenContainers(p.containers)) if (c.name === name || c.externalId === name) return c;
    }
    return undefined;
  }

  getActivity(id: string): SimActivity | undefined {
    const lower = id.toLowerCase();
    return this.activities.find((a) => a.id === lower);
  }

  getWorkerTask(id: string): SimWorkerTask | undefined {
    const lower = id.toLowerCase();
    return this.workerTasks.find((t) => t.id === lower);
  }

  // -- changes tests may make directly ----------------------------------------

  setPartitionSelected(systemId: number, partitionId: number, selected: boolean): void {
    const p = this.getPartition(systemId, partitionId);
    if (!p) throw new Error(`No partition ${partitionId} on connected system ${systemId}`);
    p.selected = selected;
  }

  setContainer(
    systemId: number,
    containerId: number,
    change: { selected?: boolean; excluded?: boolean; scope?: ContainerScope },
  ): void {
    const hit = this.findContainer(systemId, containerId);
    if (!hit) throw new Error(`No container ${containerId} on connected system ${systemId}`);
    Object.assign(hit.container, change);
  }

  /** Adds a connected system (defaults: a small CSV system with no partitions and a Full Import profile). */
  addConnectedSystem(partial: Partial<SimConnectedSystem> & { name: string }): SimConnectedSystem {
    const id = partial.id ?? this.nextId("system");
    const created = partial.created ?? new Date(Date.now() - 30 * 86_400_000).toISOString();
    const sys: SimConnectedSystem = {
      id,
      description: null,
      created,
      lastUpdated: null,
      status: "Active",
      connectorId: 1,
      connectorName: "File Connector",
      objectCount: 0,
      connectorsCount: 0,
      pendingExportObjectsCount: 0,
      settingValuesValid: true,
      maxExportParallelism: null,
      initialPasswordTimeToLive: null,
      requireSecureTransport: false,
      unresolvedReferenceHandling: "Error",
      lastFullSynchronisation: null,
      objectTypes: [],
      partitions: [],
      runProfiles: [
        {
          id: this.nextId("runProfile"),
          name: "Full Import",
          runType: "FullImport",
          pageSize: 100,
          partitionId: null,
          filePath: null,
          verifyImportContentHashes: false,
        },
      ],
      ...partial,
    };
    this.connectedSystems.push(sys);
    return sys;
  }

  /** Adds `count` generic systems named "Test System 001"… (for paging tests); returns them. */
  addConnectedSystems(
    count: number,
    prefix = "Test System",
    fields: (i: number) => Partial<SimConnectedSystem> = (i) => ({
      objectCount: (i * 37) % 1000,
      connectorsCount: (i * 29) % 900,
    }),
  ): SimConnectedSystem[] {
    const out: SimConnectedSystem[] = [];
    const width = Math.max(3, String(count).length);
    for (let i = 1; i <= count; i++) {
      out.push(
        this.addConnectedSystem({ ...fields(i), name: `${prefix} ${String(i).padStart(width, "0")}` }),
      );
    }
    return out;
  }

  /** Appends an activity (ids are lower-cased GUIDs); fills sensible defaults. */
  addActivity(
    partial: Partial<SimActivity> & { targetType: string; targetOperationType: string },
  ): SimActivity {
    const now = Date.now();
    const a: SimActivity = {
      id: randomUUID(),
      created: now,
      executed: null,
      ended: now,
      status: "Complete",
      targetName: null,
      targetContext: null,
      message: null,
      initiatedByType: "System",
      initiatedById: null,
      initiatedByName: null,
      parentActivityId: null,
      connectedSystemId: null,
      connectedSystemRunProfileId: null,
      warningMessage: null,
      errorMessage: null,
      errorDetail: null,
      errorStackTrace: null,
      run: null,
      ...partial,
    };
    a.id = a.id.toLowerCase();
    this.activities.push(a);
    return a;
  }

  /** Records a finished run-profile execution in the past (sample history, or test set-up). */
  addHistoricalRun(opts: {
    systemId: number;
    runProfileId: number;
    outcome: RunOutcome | "Cancelled";
    startedAt: number;
    durationMs: number;
    objects?: number;
    initiatedByType?: ActivityInitiatorType;
    initiatedByName?: string | null;
    initiatedById?: string | null;
  }): SimActivity {
    const sys = this.getConnectedSystem(opts.systemId);
    const rp = this.getRunProfile(opts.systemId, opts.runProfileId);
    if (!sys || !rp) throw new Error(`Unknown system ${opts.systemId} / run profile ${opts.runProfileId}`);
    const created = opts.startedAt - 1200;
    const objects = opts.objects ?? defaultObjectCount(sys, rp.runType);
    const cancelled = opts.outcome === "Cancelled";
    const plan = planRun({
      runType: rp.runType,
      outcome: opts.outcome === "Cancelled" ? "Complete" : opts.outcome,
      durationMs: opts.durationMs,
      objects,
      startedAt: opts.startedAt,
      objectTypes: runObjectTypes(sys),
      excluded: excludedContainers(sys),
    });
    const a = this.addActivity({
      created,
      executed: opts.startedAt,
      ended: cancelled ? opts.startedAt + Math.round(opts.durationMs / 2) : plan.endsAt,
      status: "InProgress",
      targetType: "ConnectedSystemRunProfile",
      targetOperationType: "Execute",
      targetName: rp.name,
      targetContext: sys.name,
      initiatedByType: opts.initiatedByType ?? "System",
      initiatedById: opts.initiatedById ?? null,
      initiatedByName: opts.initiatedByName ?? null,
      connectedSystemId: sys.id,
      connectedSystemRunProfileId: rp.id,
      run: { runType: rp.runType, taskId: randomUUID(), plan, cancelledAt: null, sampler: null },
    });
    if (cancelled) {
      a.run!.cancelledAt = a.ended;
      a.status = "Cancelled";
      a.message = `Cancelled by ${a.initiatedByName ?? "an administrator"}.`;
    } else {
      applyOutcomeText(a, plan, sys);
    }
    return a;
  }
}

// ---------------------------------------------------------------------------
// Helpers shared with the worker and DTO mapping
// ---------------------------------------------------------------------------

export function flattenContainers(list: SimContainer[]): SimContainer[] {
  const out: SimContainer[] = [];
  const walk = (l: SimContainer[]) => {
    for (const c of l) {
      out.push(c);
      walk(c.children);
    }
  };
  walk(list);
  return out;
}

export function subtreeCount(c: SimContainer): number | null {
  if (c.objectCount === null && c.children.length === 0) return null;
  return (c.objectCount ?? 0) + c.children.reduce((sum, ch) => sum + (subtreeCount(ch) ?? 0), 0);
}

export function excludedContainers(sys: SimConnectedSystem): Array<{ id: number; count: number }> {
  const out: Array<{ id: number; count: number }> = [];
  for (const p of sys.partitions) {
    if (!p.selected) continue;
    for (const c of flattenContainers(p.containers))
      if (c.excluded) out.push({ id: c.id, count: subtreeCount(c) ?? 0 });
  }
  return out;
}

export function runObjectTypes(sys: SimConnectedSystem): string[] {
  const selected = sys.objectTypes.filter((t) => t.selected).map((t) => t.name);
  return selected.length > 0 ? selected : ["object"];
}

/** objectsToProcess for a run when no hook says otherwise. */
export function defaultObjectCount(sys: SimConnectedSystem, runType: ConnectedSystemRunType): number {
  switch (runType) {
    case "FullImport":
    case "FullSynchronisation":
      return sys.objectCount;
    case "DeltaImport":
    case "DeltaSynchronisation":
      return Math.max(10, Math.round(sys.objectCount * 0.03));
    case "Export":
      return sys.pendingExportObjectsCount > 0 ? sys.pendingExportObjectsCount : 25;
    default:
      return 0;
  }
}

const fmt = (n: number) => n.toLocaleString("en-GB");

/** Fills status and outcome texts of a run activity whose plan has ended. */
export function applyOutcomeText(a: SimActivity, plan: RunPlan, sys: SimConnectedSystem | undefined): void {
  const changes = Object.values(plan.counts).reduce((x, y) => x + y, 0);
  const where = sys ? ` on ${sys.name}` : "";
  a.status = plan.outcome;
  a.ended = plan.endsAt;
  a.warningMessage = null;
  a.errorMessage = null;
  a.errorDetail = null;
  switch (plan.outcome) {
    case "Complete":
      a.message = `Completed: ${fmt(plan.processedAtEnd)} objects processed, ${fmt(changes)} changes.`;
      break;
    case "CompleteWithWarning":
      a.message = `Completed with warnings: ${fmt(plan.processedAtEnd)} objects processed, ${fmt(changes)} changes, ${fmt(plan.errors)} objects with errors.`;
      a.warningMessage =
        plan.errors > 0
          ? `${fmt(plan.errors)} of ${fmt(plan.processedAtEnd)} objects could not be processed (${plan.errorType}). See the execution items for details.`
          : "The connector reported a warning during the run.";
      break;
    case "CompleteWithError":
      a.message = `Completed with errors: ${fmt(plan.processedAtEnd)} objects processed, ${fmt(plan.errors)} unexpected errors.`;
      a.errorMessage = `${fmt(plan.errors)} objects failed with unexpected errors${where}. See the execution items and the JIM logs.`;
      break;
    case "FailedWithError":
      a.message = `Failed after ${fmt(plan.processedAtEnd)} of ${fmt(plan.objects)} objects.`;
      a.errorMessage = `The run stopped during "${plan.phases[plan.failedPhase ?? 1]?.name ?? "processing"}": the connection to the connected system was lost.`;
      a.errorDetail =
        "System.IO.IOException: Unable to read data from the transport connection: Connection reset by peer.";
      break;
  }
}

// ---------------------------------------------------------------------------
// Sample data
// ---------------------------------------------------------------------------

function attr(
  state: SimState,
  created: string,
  name: string,
  type: string,
  opts: Partial<ConnectedSystemAttribute> = {},
): ConnectedSystemAttribute {
  return {
    id: state.nextId("attribute"),
    name,
    description: null,
    className: null,
    created,
    type,
    typeSetByAdministrator: false,
    attributePlurality: "SingleValued",
    selected: true,
    isExternalId: false,
    isSecondaryExternalId: false,
    selectionLocked: false,
    writability: "Writable",
    referencedObjectTypeId: null,
    referencedObjectTypeName: null,
    ...opts,
  };
}

function container(
  state: SimState,
  name: string,
  externalId: string,
  objectCount: number | null,
  opts: Partial<SimContainer> = {},
): SimContainer {
  return {
    id: state.nextId("container"),
    name,
    externalId,
    description: null,
    hidden: false,
    selected: false,
    excluded: false,
    scope: "Subtree",
    objectCount,
    children: [],
    ...opts,
  };
}

const DAY = 86_400_000;

/** Builds the demo data set: three connected systems and some run history. */
export function buildSampleState(init: StateInit): SimState {
  const state = new SimState(init);
  const now = init.now ?? Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();

  // 1. HR System — CSV file, no partitions.
  const hrCreated = iso(120 * DAY);
  const hrPerson: SimObjectType = {
    id: 1,
    name: "person",
    created: hrCreated,
    selected: true,
    removeContributedAttributesOnObsoletion: false,
    isInternal: false,
    attributes: [],
  };
  hrPerson.attributes = [
    attr(state, hrCreated, "employeeId", "Text", { isExternalId: true, selectionLocked: true }),
    attr(state, hrCreated, "firstName", "Text"),
    attr(state, hrCreated, "lastName", "Text"),
    attr(state, hrCreated, "displayName", "Text"),
    attr(state, hrCreated, "email", "Text", { isSecondaryExternalId: true }),
    attr(state, hrCreated, "department", "Text"),
    attr(state, hrCreated, "jobTitle", "Text"),
    attr(state, hrCreated, "managerId", "Reference", {
      referencedObjectTypeId: 1,
      referencedObjectTypeName: "person",
    }),
    attr(state, hrCreated, "startDate", "DateTime"),
    attr(state, hrCreated, "leaveDate", "DateTime"),
    attr(state, hrCreated, "costCentre", "Text", { selected: false }),
  ];
  state.connectedSystems.push({
    id: 1,
    name: "HR System",
    description: "Nightly CSV extract of all employees and contractors from the HR platform.",
    created: hrCreated,
    lastUpdated: iso(12 * DAY),
    status: "Active",
    connectorId: 1,
    connectorName: "File Connector",
    objectCount: 1200,
    connectorsCount: 1187,
    pendingExportObjectsCount: 0,
    settingValuesValid: true,
    maxExportParallelism: null,
    initialPasswordTimeToLive: null,
    requireSecureTransport: false,
    unresolvedReferenceHandling: "Warn",
    lastFullSynchronisation: iso(DAY - 3_600_000),
    objectTypes: [hrPerson],
    partitions: [],
    runProfiles: [
      {
        id: 1,
        name: "Full Import",
        runType: "FullImport",
        pageSize: 500,
        partitionId: null,
        filePath: "/var/jim/connector-files/hr/employees.csv",
        verifyImportContentHashes: true,
      },
      {
        id: 2,
        name: "Full Synchronisation",
        runType: "FullSynchronisation",
        pageSize: 500,
        partitionId: null,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 3,
        name: "Delta Synchronisation",
        runType: "DeltaSynchronisation",
        pageSize: 500,
        partitionId: null,
        filePath: null,
        verifyImportContentHashes: false,
      },
    ],
  });

  // 2. Corporate Directory — LDAP with two partitions.
  const cdCreated = iso(110 * DAY);
  const base = "DC=corp,DC=example,DC=com";
  const users = container(state, "Users", `OU=Users,${base}`, 150, {
    selected: true,
    description: "All staff accounts",
  });
  const engineering = container(state, "Engineering", `OU=Engineering,OU=Users,${base}`, 2100);
  const sales = container(state, "Sales", `OU=Sales,OU=Users,${base}`, 1050);
  const emea = container(state, "EMEA", `OU=EMEA,OU=Sales,OU=Users,${base}`, 650);
  sales.children.push(emea);
  const disabled = container(state, "Disabled Users", `OU=Disabled Users,OU=Users,${base}`, 420, {
    excluded: true,
    description: "Leavers awaiting deletion; kept out of the import",
  });
  users.children.push(engineering, sales, disabled);
  const groups = container(state, "Groups", `OU=Groups,${base}`, 1050, { selected: true });
  const serviceAccounts = container(state, "Service Accounts", `OU=Service Accounts,${base}`, 75, {
    hidden: true,
    description: "Managed outside JIM",
  });
  const mainPartition: SimPartition = {
    id: 1,
    name: base,
    externalId: base,
    selected: true,
    containers: [users, groups, serviceAccounts],
  };
  const configBase = `CN=Configuration,${base}`;
  const configPartition: SimPartition = {
    id: 2,
    name: configBase,
    externalId: configBase,
    selected: false,
    containers: [
      container(state, "Sites", `CN=Sites,${configBase}`, 12),
      container(state, "Services", `CN=Services,${configBase}`, 48, { scope: "OneLevel" }),
    ],
  };
  const cdUser: SimObjectType = {
    id: 2,
    name: "user",
    created: cdCreated,
    selected: true,
    removeContributedAttributesOnObsoletion: true,
    isInternal: false,
    attributes: [],
  };
  cdUser.attributes = [
    attr(state, cdCreated, "objectGUID", "Guid", {
      isExternalId: true,
      selectionLocked: true,
      writability: "ReadOnly",
    }),
    attr(state, cdCreated, "distinguishedName", "Text", {
      isSecondaryExternalId: true,
      writability: "WritableOnCreate",
    }),
    attr(state, cdCreated, "sAMAccountName", "Text"),
    attr(state, cdCreated, "userPrincipalName", "Text"),
    attr(state, cdCreated, "givenName", "Text"),
    attr(state, cdCreated, "sn", "Text"),
    attr(state, cdCreated, "displayName", "Text"),
    attr(state, cdCreated, "mail", "Text"),
    attr(state, cdCreated, "department", "Text"),
    attr(state, cdCreated, "title", "Text"),
    attr(state, cdCreated, "manager", "Reference", {
      referencedObjectTypeId: 2,
      referencedObjectTypeName: "user",
    }),
    attr(state, cdCreated, "employeeID", "Text"),
    attr(state, cdCreated, "userAccountControl", "Number"),
  ];
  const cdGroup: SimObjectType = {
    id: 3,
    name: "group",
    created: cdCreated,
    selected: true,
    removeContributedAttributesOnObsoletion: false,
    isInternal: false,
    attributes: [],
  };
  cdGroup.attributes = [
    attr(state, cdCreated, "objectGUID", "Guid", {
      isExternalId: true,
      selectionLocked: true,
      writability: "ReadOnly",
    }),
    attr(state, cdCreated, "distinguishedName", "Text", { isSecondaryExternalId: true }),
    attr(state, cdCreated, "cn", "Text"),
    attr(state, cdCreated, "description", "Text"),
    attr(state, cdCreated, "member", "Reference", {
      attributePlurality: "MultiValued",
      referencedObjectTypeId: 2,
      referencedObjectTypeName: "user",
    }),
    attr(state, cdCreated, "groupType", "Number"),
  ];
  const cdOu: SimObjectType = {
    id: 4,
    name: "organizationalUnit",
    created: cdCreated,
    selected: false,
    removeContributedAttributesOnObsoletion: false,
    isInternal: false,
    attributes: [
      attr(state, cdCreated, "objectGUID", "Guid", {
        isExternalId: true,
        selected: false,
        writability: "ReadOnly",
      }),
      attr(state, cdCreated, "ou", "Text", { selected: false }),
    ],
  };
  state.connectedSystems.push({
    id: 2,
    name: "Corporate Directory",
    description: "Company Active Directory (corp.example.com): user accounts and security groups.",
    created: cdCreated,
    lastUpdated: iso(3 * DAY),
    status: "Active",
    connectorId: 2,
    connectorName: "LDAP",
    objectCount: 5000,
    connectorsCount: 4630,
    pendingExportObjectsCount: 37,
    settingValuesValid: true,
    maxExportParallelism: 4,
    initialPasswordTimeToLive: "7.00:00:00",
    requireSecureTransport: true,
    unresolvedReferenceHandling: "Error",
    lastFullSynchronisation: iso(2 * DAY),
    objectTypes: [cdUser, cdGroup, cdOu],
    partitions: [mainPartition, configPartition],
    runProfiles: [
      {
        id: 4,
        name: "Full Import",
        runType: "FullImport",
        pageSize: 1000,
        partitionId: 1,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 5,
        name: "Delta Import",
        runType: "DeltaImport",
        pageSize: 1000,
        partitionId: 1,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 6,
        name: "Full Synchronisation",
        runType: "FullSynchronisation",
        pageSize: 500,
        partitionId: null,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 7,
        name: "Delta Synchronisation",
        runType: "DeltaSynchronisation",
        pageSize: 500,
        partitionId: null,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 8,
        name: "Export",
        runType: "Export",
        pageSize: 100,
        partitionId: 1,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 9,
        name: "Full Import (Configuration)",
        runType: "FullImport",
        pageSize: 1000,
        partitionId: 2,
        filePath: null,
        verifyImportContentHashes: false,
      },
    ],
  });

  // 3. Learning Platform — SCIM, no partitions.
  const lpCreated = iso(45 * DAY);
  const lpUser: SimObjectType = {
    id: 5,
    name: "User",
    created: lpCreated,
    selected: true,
    removeContributedAttributesOnObsoletion: false,
    isInternal: false,
    attributes: [],
  };
  lpUser.attributes = [
    attr(state, lpCreated, "id", "Text", {
      isExternalId: true,
      selectionLocked: true,
      writability: "ReadOnly",
    }),
    attr(state, lpCreated, "userName", "Text", { isSecondaryExternalId: true }),
    attr(state, lpCreated, "name.givenName", "Text"),
    attr(state, lpCreated, "name.familyName", "Text"),
    attr(state, lpCreated, "emails[work].value", "Text"),
    attr(state, lpCreated, "active", "Boolean"),
  ];
  state.connectedSystems.push({
    id: 3,
    name: "Learning Platform",
    description: "Training and compliance courses; accounts provisioned over SCIM 2.0.",
    created: lpCreated,
    lastUpdated: iso(20 * DAY),
    status: "Active",
    connectorId: 3,
    connectorName: "SCIM 2.0",
    objectCount: 820,
    connectorsCount: 815,
    pendingExportObjectsCount: 12,
    settingValuesValid: true,
    maxExportParallelism: 2,
    initialPasswordTimeToLive: null,
    requireSecureTransport: true,
    unresolvedReferenceHandling: "Ignore",
    lastFullSynchronisation: iso(6 * DAY),
    objectTypes: [lpUser],
    partitions: [],
    runProfiles: [
      {
        id: 10,
        name: "Full Import",
        runType: "FullImport",
        pageSize: 200,
        partitionId: null,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 11,
        name: "Delta Synchronisation",
        runType: "DeltaSynchronisation",
        pageSize: 200,
        partitionId: null,
        filePath: null,
        verifyImportContentHashes: false,
      },
      {
        id: 12,
        name: "Export",
        runType: "Export",
        pageSize: 50,
        partitionId: null,
        filePath: null,
        verifyImportContentHashes: false,
      },
    ],
  });

  // History: oldest first.
  const admin = {
    initiatedByType: "User" as const,
    initiatedByName: "Alex Morgan",
    initiatedById: randomUUID(),
  };
  state.addActivity({
    created: now - 3 * DAY - 7_200_000,
    executed: now - 3 * DAY - 7_200_000,
    ended: now - 3 * DAY - 7_199_000,
    status: "Complete",
    targetType: "ConnectedSystem",
    targetOperationType: "Update",
    targetName: "Corporate Directory",
    targetContext: null,
    message: "Connected System settings updated.",
    connectedSystemId: 2,
    ...admin,
  });
  const sched = {
    initiatedByType: "System" as const,
    initiatedByName: "Nightly schedule",
    initiatedById: null,
  };
  state.addHistoricalRun({
    systemId: 1,
    runProfileId: 1,
    outcome: "Complete",
    startedAt: now - 2 * DAY,
    durationMs: 41_000,
    ...sched,
  });
  state.addHistoricalRun({
    systemId: 1,
    runProfileId: 2,
    outcome: "Complete",
    startedAt: now - 2 * DAY + 60_000,
    durationMs: 95_000,
    ...sched,
  });
  state.addHistoricalRun({
    systemId: 2,
    runProfileId: 4,
    outcome: "CompleteWithWarning",
    startedAt: now - 2 * DAY + 300_000,
    durationMs: 184_000,
    ...sched,
  });
  state.addHistoricalRun({
    systemId: 2,
    runProfileId: 8,
    outcome: "FailedWithError",
    startedAt: now - DAY - 1_800_000,
    durationMs: 12_500,
    ...admin,
  });
  state.addHistoricalRun({
    systemId: 2,
    runProfileId: 5,
    outcome: "Complete",
    startedAt: now - DAY,
    durationMs: 22_000,
    ...sched,
  });
  state.addHistoricalRun({
    systemId: 3,
    runProfileId: 12,
    outcome: "Complete",
    startedAt: now - 5 * 3_600_000,
    durationMs: 8_400,
    ...sched,
  });
  return state;
}
