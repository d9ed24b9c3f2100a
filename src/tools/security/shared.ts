/** Parameters and texts shared by the security tools (changeReason is also used by other areas). */
import * as z from "zod";
import { redactKey } from "../../config.js";
import type { ApiKeyDto, RoleDto } from "../../jim/security.js";
import { type ToolContext, ToolInputError } from "../define.js";
import { relative } from "./when.js";

export const apiKeyId = z.string().uuid().describe("API key id, a GUID (api_key_list).");

export const changeReason = z
  .string()
  .min(1)
  .max(1000)
  .optional()
  .describe("Why; recorded in JIM's change history.");

export const roleNames = z
  .string()
  .min(1)
  .max(500)
  .optional()
  .describe("Role names, comma-separated, e.g. 'Administrator' (role_list). Or roleIds.");

export const roleIds = z
  .array(z.number().int().min(1).max(2_147_483_647))
  .max(50)
  .optional()
  .describe("Role ids (role_list). Or roleNames.");

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

/**
 * Whether this key appears to be the one this server authenticates with. Only the
 * prefix and four characters are known here, so two keys can collide; a match is
 * treated as "ours" to stay on the safe side.
 */
export function looksLikeOwnKey(k: ApiKeyDto, ctx: ToolContext): boolean {
  const mine = ctx.connection.describe()?.keyPreview;
  return Boolean(mine) && prefixOf(k) === mine;
}

export function ownKeyReason(k: ApiKeyDto, action: string): string {
  return `API key '${k.name}' (${prefixOf(k)}) appears to be the key this server itself uses (same prefix); ${action} it would cut this server off from JIM. If it is a different key that shares the first characters, use JIM's portal or another connection.`;
}

/** Resolves role names or ids against JIM's roles; unknown ones are an input error (nothing sent). */
export function resolveRoles(
  all: RoleDto[],
  names: string | undefined,
  ids: number[] | undefined,
): RoleDto[] {
  const known = all.map((r) => `${r.name} (id ${r.id})`).join(", ") || "none";
  if (names !== undefined) {
    const wanted = names
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const missing = wanted.filter((n) => !all.some((r) => r.name.toLowerCase() === n.toLowerCase()));
    if (missing.length) throw new ToolInputError(`Unknown role(s): ${missing.join(", ")}. Roles: ${known}.`);
    return all.filter((r) => wanted.some((n) => n.toLowerCase() === r.name.toLowerCase()));
  }
  if (ids !== undefined) {
    const missing = ids.filter((id) => !all.some((r) => r.id === id));
    if (missing.length)
      throw new ToolInputError(`Unknown role id(s): ${missing.join(", ")}. Roles: ${known}.`);
    return all.filter((r) => ids.includes(r.id));
  }
  return [];
}

/** ISO expiry from expiresAt or expiresInDays; undefined when neither is given. */
export function expiryFrom(args: { expiresAt?: string | undefined; expiresInDays?: number | undefined }) {
  if (args.expiresAt !== undefined) return new Date(args.expiresAt).toISOString();
  if (args.expiresInDays !== undefined)
    return new Date(Date.now() + args.expiresInDays * 86_400_000).toISOString();
  return undefined;
}

export const expiresAt = z
  .string()
  .datetime({ offset: true })
  .optional()
  .describe("Expiry as an ISO date-time, e.g. 2027-01-31T00:00:00Z. Or expiresInDays.");

export const expiresInDays = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .optional()
  .describe("Expiry in days from now.");
