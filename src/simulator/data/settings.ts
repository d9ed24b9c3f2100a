/**
 * Service settings sample data. `Sync.PartitionValidationMode` is kept in step with
 * `state.partitionValidationMode`, which the run-profile execute route obeys.
 */
import type { SimState } from "../state.js";

export type SettingValueType =
  | "String"
  | "Boolean"
  | "Integer"
  | "TimeSpan"
  | "Enum"
  | "StringEncrypted"
  | "Guid";

export interface SimSetting {
  key: string;
  displayName: string;
  description: string | null;
  category: "SSO" | "Synchronisation" | "Maintenance" | "History" | "Security" | "UI" | "Instance";
  valueType: SettingValueType;
  defaultValue: string | null;
  /** The override; null when the default applies. */
  value: string | null;
  isReadOnly: boolean;
  /** Members accepted by Enum settings. */
  enumValues?: string[];
}

export interface SettingsData {
  settings: SimSetting[];
}

export const PARTITION_MODE_KEY = "Sync.PartitionValidationMode";

function s(
  key: string,
  category: SimSetting["category"],
  valueType: SettingValueType,
  defaultValue: string | null,
  displayName: string,
  extra: Partial<SimSetting> = {},
): SimSetting {
  return {
    key,
    displayName,
    description: null,
    category,
    valueType,
    defaultValue,
    value: null,
    isReadOnly: false,
    ...extra,
  };
}

function build(): SettingsData {
  return {
    settings: [
      s("SSO.Authority", "SSO", "String", "https://login.example.com/tenant", "SSO authority", {
        isReadOnly: true,
        description: "Set from the deployment environment.",
      }),
      s("SSO.ClientId", "SSO", "String", "jim-portal", "SSO client id", { isReadOnly: true }),
      s("SSO.UniqueIdentifierClaimType", "SSO", "String", "sub", "Unique identifier claim"),
      s("Sync.PageSize", "Synchronisation", "Integer", "500", "Synchronisation page size"),
      s(PARTITION_MODE_KEY, "Synchronisation", "Enum", "Error", "Partition validation mode", {
        enumValues: ["Error", "Warning"],
        description: "What a run does when partition or container selection is incomplete.",
      }),
      s("Sync.ExportParallelismDefault", "Synchronisation", "Integer", "1", "Default export parallelism", {
        value: "4",
      }),
      s("Maintenance.HousekeepingInterval", "Maintenance", "TimeSpan", "00:15:00", "Housekeeping interval"),
      s("Maintenance.Mode", "Maintenance", "Boolean", "false", "Maintenance mode"),
      s("History.RetentionPeriod", "History", "TimeSpan", "90.00:00:00", "Change history retention", {
        value: "30.00:00:00",
      }),
      s(
        "History.ConfigurationChangeRetentionPeriod",
        "History",
        "TimeSpan",
        "365.00:00:00",
        "Configuration change retention",
      ),
      s("History.CleanupBatchSize", "History", "Integer", "1000", "Cleanup batch size"),
      s("Security.RateLimiting.Enabled", "Security", "Boolean", "true", "Rate limiting enabled"),
      s(
        "Security.RateLimiting.AuthenticatedRequestsPerMinute",
        "Security",
        "Integer",
        "300",
        "Authenticated requests per minute",
      ),
      s(
        "Security.RateLimiting.UnauthenticatedRequestsPerMinute",
        "Security",
        "Integer",
        "30",
        "Unauthenticated requests per minute",
      ),
      s("UI.DefaultPageSize", "UI", "Integer", "25", "Default page size"),
      s("Instance.Name", "Instance", "String", "JIM", "Instance name", { value: "JIM (simulator)" }),
      s("Instance.Id", "Instance", "Guid", "0b6f3c1e-2a4d-4e8f-9c7b-5a1d3e2f4c6b", "Instance id", {
        isReadOnly: true,
      }),
    ],
  };
}

export function data(state: SimState): SettingsData {
  if (!state.ext.settings) state.ext.settings = build();
  const d = state.ext.settings as SettingsData;
  // The partition mode lives on the state (tests and the execute route use it); mirror it here.
  const mode = d.settings.find((x) => x.key === PARTITION_MODE_KEY);
  if (mode)
    mode.value = state.partitionValidationMode === mode.defaultValue ? null : state.partitionValidationMode;
  return d;
}

export function findSetting(state: SimState, key: string): SimSetting | undefined {
  const lower = key.toLowerCase();
  return data(state).settings.find((x) => x.key.toLowerCase() === lower);
}

/** Writes an override (null clears it), keeping the state's partition mode in step. */
export function setOverride(state: SimState, setting: SimSetting, value: string | null): void {
  setting.value = value;
  if (setting.key === PARTITION_MODE_KEY) {
    state.partitionValidationMode = (value ?? setting.defaultValue) as "Error" | "Warning";
  }
}

export function effective(setting: SimSetting): string | null {
  return setting.value ?? setting.defaultValue;
}

export function settingDto(setting: SimSetting) {
  const secret = setting.valueType === "StringEncrypted";
  const mask = (v: string | null) => (secret && v !== null ? "********" : v);
  return {
    key: setting.key,
    displayName: setting.displayName,
    description: setting.description,
    category: setting.category,
    valueType: setting.valueType,
    defaultValue: mask(setting.defaultValue),
    value: mask(setting.value),
    effectiveValue: mask(effective(setting)),
    isReadOnly: setting.isReadOnly,
    isOverridden: setting.value !== null,
  };
}

const TIMESPAN = /^-?(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored form of a value, or an error text (JIM's wording is its own; these are ours). */
export function normalise(setting: SimSetting, raw: string): { value: string } | { error: string } {
  const v = raw.trim();
  switch (setting.valueType) {
    case "Boolean":
      if (/^(true|false)$/i.test(v)) return { value: v.toLowerCase() };
      return { error: `'${raw}' is not a valid Boolean value for ${setting.key}; use true or false.` };
    case "Integer":
      if (/^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2_147_483_647) return { value: String(Number(v)) };
      return { error: `'${raw}' is not a valid Integer value for ${setting.key}.` };
    case "TimeSpan":
      if (TIMESPAN.test(v)) return { value: v };
      return { error: `'${raw}' is not a valid TimeSpan value for ${setting.key}; use d.hh:mm:ss.` };
    case "Guid":
      if (GUID.test(v)) return { value: v.toLowerCase() };
      return { error: `'${raw}' is not a valid Guid value for ${setting.key}.` };
    case "Enum": {
      const hit = setting.enumValues?.find((e) => e.toLowerCase() === v.toLowerCase());
      if (hit) return { value: hit };
      return {
        error: `'${raw}' is not a valid value for ${setting.key}. Allowed: ${setting.enumValues?.join(", ")}.`,
      };
    }
    default:
      return { value: raw };
  }
}
