/**
 * Enum member lists (declaration order = numeric value) the simulator needs for
 * parsing query strings and request bodies the way JIM does.
 */

export const ACTIVITY_STATUS = [
  "NotSet",
  "InProgress",
  "Complete",
  "CompleteWithWarning",
  "CompleteWithError",
  "FailedWithError",
  "Cancelled",
] as const;

export const ACTIVITY_TARGET_TYPE = [
  "NotSet",
  "ExampleDataTemplate",
  "ConnectedSystem",
  "ConnectedSystemRunProfile",
  "SynchronisationRule",
  "MetaverseObject",
  "TrustedCertificate",
  "ObjectMatchingRule",
  "MetaverseAttribute",
  "ServiceSetting",
  "HistoryRetentionCleanup",
  "MetaverseObjectType",
  "System",
  "Schedule",
  "TemporalScopeReconciliation",
  "ApiKey",
  "Role",
  "PredefinedSearch",
  "ConnectorDefinition",
  "ExampleDataSet",
  "SystemInitialisation",
  "DataGeneration",
  "Authentication",
  "MetaverseObjectHousekeeping",
  "ConnectedSystemObject",
  "PasswordSynchronisation",
] as const;

export const ACTIVITY_OPERATION_TYPE = [
  "Create",
  "Read",
  "Update",
  "Delete",
  "Clear",
  "Execute",
  "ImportHierarchy",
  "ImportSchema",
  "Revert",
  "Reset",
  "Authenticate",
  "Preview",
  "SetPassword",
  "SchemaRefreshRemoval",
] as const;

export const ACTIVITY_INITIATOR_TYPE = ["NotSet", "User", "ApiKey", "System", "Anonymous"] as const;

export const ACTIVITY_OUTCOME_TYPE = [
  "Added",
  "Updated",
  "Deleted",
  "Projected",
  "Joined",
  "AttributeFlows",
  "Disconnected",
  "DriftCorrections",
  "Provisioned",
  "Exported",
  "Deprovisioned",
  "Created",
  "PendingExports",
  "Errors",
] as const;

export const CONTAINER_SCOPE = ["Subtree", "OneLevel"] as const;

/**
 * Query-string enum binding (ASP.NET model binding): member names in any case,
 * or a numeric string naming the member by value. Returns the exact member name,
 * or null when the value does not bind.
 */
export function bindQueryEnum<T extends string>(members: readonly T[], raw: string): T | null {
  const v = raw.trim();
  if (/^-?\d+$/.test(v)) {
    const n = Number(v);
    return members[n] ?? null;
  }
  const lower = v.toLowerCase();
  return members.find((m) => m.toLowerCase() === lower) ?? null;
}

/** JSON-body enum binding: names only (case-insensitive); numbers and numeric strings are refused. */
export function bindJsonEnum<T extends string>(members: readonly T[], raw: unknown): T | null {
  if (typeof raw !== "string") return null;
  const lower = raw.trim().toLowerCase();
  if (lower === "" || /^-?\d+$/.test(lower)) return null;
  return members.find((m) => m.toLowerCase() === lower) ?? null;
}
