/** The setting key parameter and value checks shared by the settings tools. */
import * as z from "zod";
import type { ServiceSettingDto } from "../../jim/settings.js";
import { ToolInputError } from "../define.js";
import { parseTimeSpan } from "../format/text.js";
import { INT_MAX } from "../params.js";

export const settingKey = z.string().max(200).describe("Key, e.g. Sync.PageSize (service_setting_list).");

/** Keys are dotted names; anything else would not be a setting. */
export function badKey(key: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9._ -]*$/.test(key)
    ? undefined
    : `'${key}' is not a setting key; keys look like Sync.PageSize.`;
}

/** Values of encrypted settings never appear in results. */
export function shown(s: Pick<ServiceSettingDto, "valueType">, v: string | null): string {
  if (v === null) return "–";
  return s.valueType === "StringEncrypted" ? "(hidden)" : v;
}

export function isSecurity(key: string): boolean {
  return key.toLowerCase().startsWith("security.");
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The value as JIM stores it for this setting's type; a clear input error when it cannot be. */
export function checkedValue(s: ServiceSettingDto, raw: string): string {
  if (s.isReadOnly) {
    throw new ToolInputError(
      `'${s.key}' is read-only: it comes from JIM's deployment configuration and cannot be changed through the API.`,
    );
  }
  const v = raw.trim();
  const bad = (want: string) =>
    new ToolInputError(`'${raw}' is not a valid ${s.valueType} value for '${s.key}'; ${want}`);
  switch (s.valueType) {
    case "Boolean":
      if (!/^(true|false)$/i.test(v)) throw bad("use true or false.");
      return v.toLowerCase();
    case "Integer":
      if (!/^-?\d+$/.test(v) || Math.abs(Number(v)) > INT_MAX) throw bad("use whole digits, e.g. 500.");
      return String(Number(v));
    case "TimeSpan":
      if (parseTimeSpan(v) === null) throw bad("use d.hh:mm:ss, e.g. 7.00:00:00 for seven days or 00:15:00.");
      return v;
    case "Guid":
      if (!GUID.test(v)) throw bad("use a GUID such as 0b6f3c1e-2a4d-4e8f-9c7b-5a1d3e2f4c6b.");
      return v.toLowerCase();
    default:
      return raw;
  }
}
