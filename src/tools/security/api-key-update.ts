import * as z from "zod";
import { type ApiKeyDto, getApiKey, listRoles, updateApiKey } from "../../jim/security.js";
import { defineTool, type ToolContext } from "../define.js";
import {
  apiKeyId,
  changeReason,
  describeKey,
  expiresAt,
  expiresInDays,
  expiryFrom,
  looksLikeOwnKey,
  ownKeyReason,
  prefixOf,
  resolveRoles,
  roleIds,
  roleList,
  roleNames,
} from "./shared.js";
import { fmtDate } from "./when.js";

const input = z.object({
  id: apiKeyId,
  name: z.string().min(1).max(200).optional().describe("New name."),
  description: z.string().max(1000).optional().describe("New description; empty text clears it."),
  roleNames,
  roleIds,
  isEnabled: z.boolean().optional().describe("false disables the key (destructive: its users get 401)."),
  expiresInDays,
  expiresAt,
  removeExpiry: z.boolean().optional().describe("true: the key never expires."),
  changeReason,
});
type Args = z.infer<typeof input>;

/** Reads the key and works out the full PUT body: every field the caller did not give keeps its value. */
async function merge(args: Args, ctx: ToolContext) {
  const jim = ctx.jim();
  const current = await getApiKey(jim, args.id, ctx.signal);
  const rolesGiven = args.roleNames !== undefined || args.roleIds !== undefined;
  const roles = rolesGiven
    ? resolveRoles(await listRoles(jim, ctx.signal), args.roleNames, args.roleIds)
    : current.roles;
  const body = {
    name: args.name ?? current.name,
    description: args.description === undefined ? current.description : args.description || null,
    roleIds: roles.map((r) => r.id),
    expiresAt: args.removeExpiry ? null : (expiryFrom(args) ?? current.expiresAt),
    isEnabled: args.isEnabled ?? current.isEnabled,
    changeReason: args.changeReason,
  };
  const removed = current.roles.filter((r) => !roles.some((x) => x.id === r.id));
  const changes: string[] = [];
  if (body.name !== current.name) changes.push(`name → '${body.name}'`);
  if (body.description !== current.description) changes.push("description");
  if (removed.length || roles.length !== current.roles.length)
    changes.push(`roles → ${roles.map((r) => r.name).join(", ") || "none"}`);
  if (body.isEnabled !== current.isEnabled) changes.push(body.isEnabled ? "enabled" : "disabled");
  if (body.expiresAt !== current.expiresAt)
    changes.push(`expiry → ${body.expiresAt ? fmtDate(body.expiresAt) : "never"}`);
  return { current, body, removed, disabling: current.isEnabled && !body.isEnabled, changes };
}

function hasChange(args: Args): boolean {
  return [
    args.name,
    args.description,
    args.roleNames,
    args.roleIds,
    args.isEnabled,
    args.expiresInDays,
    args.expiresAt,
    args.removeExpiry ? true : undefined,
  ].some((v) => v !== undefined);
}

function summary(k: ApiKeyDto): string {
  return `API key '${k.name}' (${prefixOf(k)}), roles ${roleList(k)}, ${k.isEnabled ? "enabled" : "disabled"}, expires ${k.expiresAt ? fmtDate(k.expiresAt) : "never"}.`;
}

export const apiKeyUpdate = defineTool({
  name: "api_key_update",
  title: "Change an API key",
  description:
    "Changes an API key's name, description, roles, expiry or enabled state, keeping everything not given. Disabling or removing roles asks first.",
  toolset: "security",
  kind: "write",
  idempotent: true,
  input,
  output: z.object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    roles: z.array(z.string()),
    expiresAt: z.string().nullable(),
    changes: z.array(z.string()),
  }),
  check(args) {
    if (!hasChange(args))
      return "Nothing to change: give at least one of name, description, roles, isEnabled or expiry.";
    if (args.roleNames !== undefined && args.roleIds !== undefined)
      return "Give roleNames or roleIds, not both.";
    const expiry = [args.expiresAt, args.expiresInDays, args.removeExpiry ? true : undefined];
    if (expiry.filter((v) => v !== undefined).length > 1) {
      return "Give only one of expiresAt, expiresInDays and removeExpiry.";
    }
    if (args.expiresAt !== undefined && Date.parse(args.expiresAt) <= Date.now()) {
      return "expiresAt is in the past; to stop a key now, set isEnabled false.";
    }
    return undefined;
  },
  async destructiveWhen(args, ctx) {
    // Only disabling or a new role set can take something away; other changes need no read here.
    if (args.isEnabled !== false && args.roleNames === undefined && args.roleIds === undefined) return undefined;
    const m = await merge(args, ctx);
    if (!m.disabling && m.removed.length === 0) return undefined;
    const what = [
      m.disabling ? "disable it" : "",
      m.removed.length ? `remove role(s) ${m.removed.map((r) => r.name).join(", ")}` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    const ownAdminLoss = m.disabling || m.removed.some((r) => r.name.toLowerCase() === "administrator");
    return {
      summary: `Change API key ${describeKey(m.current)}: ${what}? Anything using this key ${m.disabling ? "stops working at once (401)" : "loses those rights (403)"}.`,
      preview: {
        key: summary(m.current),
        changes: m.changes,
      },
      blockedReason:
        ownAdminLoss && looksLikeOwnKey(m.current, ctx)
          ? ownKeyReason(m.current, m.disabling ? "disabling" : "removing Administrator from")
          : undefined,
    };
  },
  async handler(args, ctx) {
    const m = await merge(args, ctx);
    const updated = await updateApiKey(ctx.jim(), args.id, m.body, ctx.signal);
    const out = {
      id: updated.id,
      name: updated.name,
      enabled: updated.isEnabled,
      roles: updated.roles.map((r) => r.name),
      expiresAt: updated.expiresAt,
      changes: m.changes,
    };
    const text = [
      m.changes.length ? `Updated: ${m.changes.join("; ")}.` : "Saved; no field differed from what JIM had.",
      `Now: ${summary(updated)}`,
    ].join("\n");
    return { structured: out, text };
  },
});
