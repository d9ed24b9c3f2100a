/**
 * JIM wire DTOs (camelCase JSON, enums as exact member names), as listed in the
 * API contract, section 8. Shared by the client, the tools and the simulator.
 */

export type ConnectedSystemStatus = "Active" | "Disabled" | "Deleting";
export type ConnectedSystemRunType =
  | "NotSet"
  | "FullImport"
  | "DeltaImport"
  | "FullSynchronisation"
  | "DeltaSynchronisation"
  | "Export";
export type ActivityStatus =
  | "NotSet"
  | "InProgress"
  | "Complete"
  | "CompleteWithWarning"
  | "CompleteWithError"
  | "FailedWithError"
  | "Cancelled";
export type ActivityPhaseStatus = "Pending" | "Active" | "Completed" | "Skipped" | "Failed";
export type ContainerScope = "Subtree" | "OneLevel";
export type WorkerTaskStatus = "Queued" | "Processing" | "CancellationRequested" | "WaitingForPreviousStep";
export type ActivityInitiatorType = "NotSet" | "User" | "ApiKey" | "System" | "Anonymous";

export const RUN_TYPES: readonly ConnectedSystemRunType[] = [
  "FullImport",
  "DeltaImport",
  "FullSynchronisation",
  "DeltaSynchronisation",
  "Export",
];
export const TERMINAL_ACTIVITY_STATUSES: readonly ActivityStatus[] = [
  "Complete",
  "CompleteWithWarning",
  "CompleteWithError",
  "FailedWithError",
  "Cancelled",
];

export interface ConnectedSystemHeader {
  id: number;
  name: string;
  description: string | null;
  created: string;
  status: ConnectedSystemStatus;
  objectCount: number;
  connectorsCount: number;
  pendingExportObjectsCount: number;
  connectorName: string;
  connectorId: number;
}

export interface ConnectorReference {
  id: number;
  name: string;
}

export interface ConfigurationDrift {
  hasPendingChanges: boolean;
  isDeterminable: boolean;
  neverFullySynchronised: boolean;
  trackingDisabled: boolean;
  lastFullSynchronisation: string | null;
  mostRecentChange: string | null;
  changeCount: number;
  highestChangeClass: "NotClassified" | "Cosmetic" | "SyncAffecting" | "Destructive";
}

export interface ConnectedSystemAttribute {
  id: number;
  name: string;
  description: string | null;
  className: string | null;
  created: string;
  type: string;
  typeSetByAdministrator: boolean;
  attributePlurality: string;
  selected: boolean;
  isExternalId: boolean;
  isSecondaryExternalId: boolean;
  selectionLocked: boolean;
  writability: string;
  referencedObjectTypeId: number | null;
  referencedObjectTypeName: string | null;
}

export interface ConnectedSystemObjectType {
  id: number;
  name: string;
  created: string;
  selected: boolean;
  removeContributedAttributesOnObsoletion: boolean;
  attributeCount: number;
  tags: Array<{ id?: number; name?: string } & Record<string, unknown>>;
  isInternal: boolean;
  attributes: ConnectedSystemAttribute[] | null;
}

export interface ConnectedSystemDetail {
  id: number;
  name: string;
  description: string | null;
  created: string;
  lastUpdated: string | null;
  status: ConnectedSystemStatus;
  settingValuesValid: boolean;
  connector: ConnectorReference;
  objectTypes: ConnectedSystemObjectType[];
  objectCount: number;
  pendingExportCount: number;
  maxExportParallelism: number | null;
  initialPasswordTimeToLive: string | null;
  requireSecureTransport: boolean;
  unresolvedReferenceHandling: "Error" | "Warn" | "Ignore";
  configurationDrift: ConfigurationDrift | null;
  parkedInitialPasswordCount: number | null;
  expiredInitialPasswordCount: number | null;
}

export interface ContainerDto {
  id: number;
  name: string;
  externalId: string;
  description: string | null;
  hidden: boolean;
  selected: boolean;
  excluded: boolean;
  scope: ContainerScope;
  objectCount: number | null;
  subtreeObjectCount: number | null;
  partitionId: number | null;
  connectedSystemId: number | null;
  childContainers: ContainerDto[];
}

export interface PartitionDto {
  id: number;
  name: string;
  externalId: string;
  selected: boolean;
  connectedSystemId: number;
  containers: ContainerDto[];
}

export interface RunProfileDto {
  id: number;
  name: string;
  connectedSystemId: number;
  runType: ConnectedSystemRunType;
  pageSize: number;
  partitionName: string | null;
  targetsDeselectedPartition: boolean;
  filePath: string | null;
  verifyImportContentHashes: boolean;
}

export interface RunProfileExecutionResponse {
  activityId: string;
  taskId: string;
  message: string;
  warnings: string[];
}

export interface ActivityPhase {
  key: string;
  name: string;
  parentKey: string | null;
  order: number;
  status: ActivityPhaseStatus;
  started: string | null;
  ended: string | null;
  durationSeconds: number | null;
}

export interface ActivityHeader {
  id: string;
  created: string;
  executed: string | null;
  status: ActivityStatus;
  targetType: string;
  targetOperationType: string;
  targetName: string | null;
  targetContext: string | null;
  message: string | null;
  initiatedByType: ActivityInitiatorType;
  initiatedById: string | null;
  initiatedByName: string | null;
  objectsToProcess: number;
  objectsProcessed: number;
  executionTime: string | null;
  totalActivityTime: string | null;
  connectedSystemRunType: ConnectedSystemRunType | null;
  totalAdded: number;
  totalUpdated: number;
  totalDeleted: number;
  totalProjected: number;
  totalJoined: number;
  totalAttributeFlows: number;
  totalDisconnected: number;
  totalDisconnectedOutOfScope: number;
  totalOutOfScopeRetainJoin: number;
  totalDriftCorrections: number;
  totalProvisioned: number;
  totalExported: number;
  totalDeprovisioned: number;
  totalCreated: number;
  totalPendingExports: number;
  totalErrors: number;
  childActivityCount: number;
  scheduleExecutionId: string | null;
  scheduleStepIndex: number | null;
  scheduledByScheduleId: string | null;
  scheduledByScheduleName: string | null;
}

export interface ActivityRunStats {
  totalObjectsProcessed: number;
  totalObjectChangeCount: number;
  totalUnchanged: number;
  totalObjectErrors: number;
  totalObjectTypes: number;
  totalCsoAdds: number;
  totalCsoUpdates: number;
  totalCsoDeletes: number;
  totalProjections: number;
  totalJoins: number;
  totalAttributeFlows: number;
  totalDisconnections: number;
  totalDisconnectedOutOfScope: number;
  totalOutOfScopeRetainJoin: number;
  totalDriftCorrections: number;
  totalProvisioned: number;
  totalExported: number;
  totalDeprovisioned: number;
  totalPendingExports: number;
  totalPendingExportsConfirmed: number;
  totalPendingExportsRetrying: number;
  totalPendingExportsFailed: number;
  totalCreated: number;
  entriesDiscardedByExcludedContainer: Record<string, number>;
  totalEntriesDiscardedByExclusion: number;
}

export interface ActivityDetail
  extends Omit<
    ActivityHeader,
    | "totalAdded"
    | "totalUpdated"
    | "totalDeleted"
    | "totalProjected"
    | "totalJoined"
    | "totalAttributeFlows"
    | "totalDisconnected"
    | "totalDisconnectedOutOfScope"
    | "totalOutOfScopeRetainJoin"
    | "totalDriftCorrections"
    | "totalProvisioned"
    | "totalExported"
    | "totalDeprovisioned"
    | "totalCreated"
    | "totalPendingExports"
    | "totalErrors"
    | "childActivityCount"
  > {
  parentActivityId: string | null;
  warningMessage: string | null;
  errorMessage: string | null;
  errorStackTrace: string | null;
  errorDetail: string | null;
  connectedSystemId: number | null;
  connectedSystemRunProfileId: number | null;
  syncRuleId: number | null;
  metaverseObjectId: string | null;
  exampleDataTemplateId: number | null;
  executionStats: ActivityRunStats | null;
  phases: ActivityPhase[];
  changeReason: string | null;
  configurationChangeVersion: number | null;
  configurationChangeSnapshot: unknown;
}

export interface ActivityProgress {
  id: string;
  status: ActivityStatus;
  message: string | null;
  objectsProcessed: number;
  objectsToProcess: number;
  percentComplete: number | null;
  elapsedSeconds: number;
  objectsPerSecond: number | null;
  estimatedSecondsRemaining: number | null;
  targetType: string;
  runType: ConnectedSystemRunType | null;
  operationCounts: Record<string, number>;
  totalErrors: number;
  retrievedAt: string;
  phases: ActivityPhase[];
  currentPhase: ActivityPhase | null;
  currentPhaseNumber: number | null;
  totalPhases: number;
}

export interface WorkerTaskHeader {
  id: string;
  name: string;
  type: string;
  timestamp: string;
  status: WorkerTaskStatus;
  initiatedByType: ActivityInitiatorType;
  initiatedById: string | null;
  initiatedByName: string | null;
  activityId: string | null;
  objectsToProcess: number | null;
  objectsProcessed: number | null;
  progressMessage: string | null;
  steps: {
    currentStepName: string | null;
    currentStepNumber: number | null;
    totalSteps: number;
    steps: Array<{ order: number; name: string; status: ActivityPhaseStatus }>;
  } | null;
  scheduleExecutionId: string | null;
  scheduleExecutionName: string | null;
  scheduleStepIndex: number | null;
  scheduleTotalSteps: number | null;
  scheduleCurrentStepIndex: number | null;
}

export interface HealthVersion {
  product: string;
  version: string;
}
