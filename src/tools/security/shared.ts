/** Parameters and texts shared by the security tools. */
import * as z from "zod";
import { redactKey } from "../../config.js";
import type { ApiKeyDto, RoleDto } from "../../jim/security.js";
import { type ToolContext, ToolInputError } from "../define.js";
import { guid } from "../params.js";
import { relative } from "./when.js";

/** The problem with an optional ISO date-time field, if any. */
export function badDate(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) &&
    !Number.isNaN(Date.parse(v))
    ? undefined
    : `${name} must be an ISO date or date-time such as 2027-01-31T00:00:00Z.`;
}

export const apiKeyId = guid("API key id (api_key_list).");

export const roles = z
  .string()
  .max(500)
  .optional()
  .describe("Role names or ids, comma-separated, e.g. Administrator (role_list).");

export const expires = z.string().max(40).optional().describe("Days (e.g. 90), an ISO date-time or 'never'.");

/** `jim_ak_1a2b…`: the key prefix shown the same way as this server's own key. */
export function prefixOf(k: Pick<ApiKeyDto, "keyPrefix">): string {
  return redactKey(k.keyPrefix) ?? "?";
}

export function roleList(k: Pick<ApiKeyDto, "roles">): string {
  return k.roles.length ? k.roles.map((r) => r.name).join(", ") : "none";
}

/** "'CI pipeline' (jim_ak_1a2b…, roles Administrator, last used 2 h ago)". */
export function describeKey(k: ApiKeyDto): string {
  return `'${k.name}' (${prefixOf(k)}, roles ${roleList(k)}, last used ${relative(k.lastUsedAt)})`;
}

/** Whether this is the key this server authenticates with: JIM's stored prefix checked against the real key. */
export function looksLikeOwnKey(k: ApiKeyDto, ctx: ToolContext): boolean {
  return ctx.connection.usesKeyWithPrefix(k.keyPrefix);
}

export function ownKeyReason(k: ApiKeyDto, action: string): string {
  return `API key '${k.name}' (${prefixOf(k)}) appears to be the key this server itself uses (its stored prefix matches); ${action} it would cut this server off from JIM. Use another connection or JIM's portal for that.`;
}

/** Resolves comma-separated role names or ids against JIM's roles; unknown ones are an input error. */
export function resolveRoles(all: RoleDto[], text: string): RoleDto[] {
  const wanted = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const find = (w: string) =>
    /^\d+$/.test(w)
      ? all.find((r) => r.id === Number(w))
      : all.find((r) => r.name.toLowerCase() === w.toLowerCase());
  const missing = wanted.filter((w) => !find(w));
  if (missing.length) {
    const known = all.map((r) => `${r.name} (id ${r.id})`).join(", ") || "none";
    throw new ToolInputError(`Unknown role(s): ${missing.join(", ")}. Roles: ${known}. Nothing was changed.`);
  }
  return all.filter((r) => wanted.some((w) => find(w) === r));
}

/**
 * Reads `expires`: whole days from now, an ISO date-time, or "never" (null).
 * Returns the ISO value, or a problem text.
 */
export function parseExpires(text: string): { value: string | null } | { problem: string } {
  const t = text.trim();
  if (/^never$/i.test(t)) return { value: null };
  if (/^\d{1,4}$/.test(t)) {
    const days = Number(t);
    if (days < 1 || days > 3650) return { problem: "expires in days must be 1–3650." };
    return { value: new Date(Date.now() + days * 86_400_000).toISOString() };
  }
  const bad = badDate("expires", t);
  if (bad) return { problem: `${bad} Or give whole days (e.g. 90), or 'never'.` };
  if (Date.parse(t) <= Date.now())
    return { problem: "expires is in the past; give a future date or a number of days." };
  return { value: new Date(t).toISOString() };
}
