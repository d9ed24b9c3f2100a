/** Helpers the metaverse tools share: the object-type id input and readable renderings. */
import type { MetaverseObjectAttributeValue } from "../../jim/metaverse.js";
import { parseTimeSpan } from "../format/text.js";
import { idOrName } from "../params.js";

export const objectTypeId = idOrName("Object type id or name (metaverse_object_type_list).");

/** A TimeSpan as people say it: "30 days", "1 day 12 h", "2 h 30 min"; null → "none". */
export function fmtSpan(ts: string | null | undefined): string {
  const s = parseTimeSpan(ts);
  if (s === null || s <= 0) return ts ? "none (immediate)" : "none";
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(`${d} day${d === 1 ? "" : "s"}`);
  if (h) parts.push(`${h} h`);
  if (m && !d) parts.push(`${m} min`);
  return parts.join(" ") || `${Math.round(s)} s`;
}

const RULE_TEXT: Record<string, string> = {
  Manual: "manual only",
  WhenLastConnectorDisconnected: "when its last connector disconnects",
  WhenAuthoritativeSourceDisconnected: "when an authoritative source disconnects",
};

export function fmtDeletionRule(rule: string): string {
  return RULE_TEXT[rule] ?? rule;
}

/** One attribute value as text; references show the object's name and id. */
export function fmtValue(v: MetaverseObjectAttributeValue): string {
  if (v.nullValue) return "(no value, asserted)";
  if (v.referenceValueId) {
    return v.referenceValueDisplayName
      ? `${v.referenceValueDisplayName} (${v.referenceValueId})`
      : v.referenceValueId;
  }
  const plain = [v.stringValue, v.dateTimeValue, v.intValue, v.longValue, v.decimalValue, v.guidValue].find(
    (x) => x !== null && x !== undefined,
  );
  if (plain !== undefined) return String(plain);
  if (v.boolValue !== null && v.boolValue !== undefined) return v.boolValue ? "true" : "false";
  if (v.byteValue) return `(binary, ${Math.floor((v.byteValue.length * 3) / 4)} bytes)`;
  return "(empty)";
}
