import * as z from "zod";
import { type ApiKeyDto, getApiKey, listRoles, updateApiKey } from "../../jim/security.js";
import { defineTool, type ToolContext } from "../define.js";
import { changeReason } from "../params.js";
import {
  apiKeyId,
  describeKey,
  expires,
  looksLikeOwnKey,
  ownKeyReason,
  parseExpires,
  prefixOf,
  resolveRoles,
  roleList,
  roles,
} from "./shared.js";
import { fmtDate } from "./when.js";

const input = z.object({
  id: apiKeyId,
  name: z.string().min(1).max(200).optional().describe("New name."),
  description: z.string().max(1000).optional().describe("New description ('' clears)."),
  roles: roles.describe("New full role set: names or ids, comma-separated (role_list)."),
  enabled: z.boolean().optional().describe("false disables the key."),
  expires,
  changeReason,
});
type Args = z.infer<typeof input>;

/** Reads the key and works out the full PUT body: every field the caller did not give keeps its value. */
async function merge(args: Args, ctx: ToolContext) {
  const jim = ctx.jim();
  const current = await getApiKey(jim, args.id, ctx.signal);
  const picked =
    args.roles === undefined ? current.roles : resolveRoles(await listRoles(jim, ctx.signal), args.roles);
  const e = args.expires === undefined ? undefined : parseExpires(args.expires);
  const body = {
    name: args.name ?? current.name,
    description: args.description === undefined ? current.description : args.description || null,
    roleIds: picked.map((r) => r.id),
    expiresAt: e && "value" in e ? e.value : current.expiresAt,
    isEnabled: args.enabled ?? current.isEnabled,
    changeReason: args.changeReason,
  };
  const removed = current.roles.filter((r) => !picked.some((x) => x.id === r.id));
  const changes: string[] = [];
  if (body.name !== current.name) changes.push(`name → '${body.name}'`);
  if (body.description !== current.description) changes.push("description");
  if (removed.length || picked.length !== current.roles.length) {
    changes.push(`roles → ${picked.map((r) => r.name).join(", ") || "none"}`);
  }
  if (body.isEnabled !== current.isEnabled) changes.push(body.isEnabled ? "enabled" : "disabled");
  if (body.expiresAt !== current.expiresAt) {
    changes.push(`expiry → ${body.expiresAt ? fmtDate(body.expiresAt) : "never"}`);
  }
  return { current, body, removed, disabling: current.isEnabled && !body.isEnabled, changes };
}

function summary(k: ApiKeyDto): string {
  return `API key '${k.name}' (${prefixOf(k)}), roles ${roleList(k)}, ${k.isEnabled ? "enabled" : "disabled"}, expires ${k.expiresAt ? fmtDate(k.expiresAt) : "never"}.`;
}

export const apiKeyUpdate = defineTool({
  name: "api_key_update",
  title: "Change an API key",
  description: "Changes an API key's name, description, roles, expiry or enabled state; the rest is kept.",
  toolset: "security",
  kind: "write",
  idempotent: true,
  input,
  output: z.object({
    id: z.string(),
    enabled: z.boolean(),
    roles: z.array(z.string()),
    changes: z.array(z.string()),
  }),
  check(args) {
    const given = [args.name, args.description, args.roles, args.enabled, args.expires];
    if (given.every((v) => v === undefined)) {
      return "Nothing to change: give at least one of name, description, roles, enabled or expires.";
    }
    if (args.expires === undefined) return undefined;
    const e = parseExpires(args.expires);
    return "problem" in e ? e.problem : undefined;
  },
  async destructiveWhen(args, ctx) {
    // Only disabling or a new role set can take something away; other changes need no read here.
    if (args.enabled !== false && args.roles === undefined) return undefined;
    const m = await ctx.memo("merge", () => merge(args, ctx));
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
      preview: { key: summary(m.current), changes: m.changes },
      blockedReason:
        ownAdminLoss && looksLikeOwnKey(m.current, ctx)
          ? ownKeyReason(m.current, m.disabling ? "disabling" : "removing Administrator from")
          : undefined,
    };
  },
  async handler(args, ctx) {
    const m = await ctx.memo("merge", () => merge(args, ctx));
    const updated = await updateApiKey(ctx.jim(), args.id, m.body, ctx.signal);
    const out = {
      id: updated.id,
      enabled: updated.isEnabled,
      roles: updated.roles.map((r) => r.name),
      changes: m.changes,
    };
    const text = [
      m.changes.length ? `Updated: ${m.changes.join("; ")}.` : "Saved; no field differed from what JIM had.",
      `Now: ${summary(updated)}`,
    ].join("\n");
    return { structured: out, text };
  },
});
