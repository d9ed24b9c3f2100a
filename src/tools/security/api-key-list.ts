import * as z from "zod";
import { listApiKeys } from "../../jim/security.js";
import { defineTool } from "../define.js";
import { table } from "../format/text.js";
import { prefixOf } from "./shared.js";
import { fmtDate, relative } from "./when.js";

export const apiKeyList = defineTool({
  name: "api_key_list",
  title: "List API keys",
  description:
    "Lists JIM's API keys with prefix, roles, enabled state, expiry and last use (never the secret).",
  toolset: "security",
  kind: "read",
  input: z.object({}),
  output: z.object({
    totalCount: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        prefix: z.string(),
        roles: z.array(z.string()),
        enabled: z.boolean(),
        expiresAt: z.string().nullable(),
        lastUsedAt: z.string().nullable(),
      }),
    ),
  }),
  async handler(_args, ctx) {
    const keys = await listApiKeys(ctx.jim(), ctx.signal);
    const now = Date.now();
    const items = keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: prefixOf(k),
      roles: k.roles.map((r) => r.name),
      enabled: k.isEnabled,
      expiresAt: k.expiresAt,
      lastUsedAt: k.lastUsedAt,
    }));
    const expired = (k: (typeof items)[number]) => k.expiresAt !== null && Date.parse(k.expiresAt) <= now;
    const text = [
      table(items, [
        ["name", (k) => k.name],
        ["prefix", (k) => k.prefix],
        ["roles", (k) => k.roles.join(", ") || "none"],
        ["state", (k) => (!k.enabled ? "disabled" : expired(k) ? "expired" : "enabled")],
        ["expires", (k) => (k.expiresAt ? fmtDate(k.expiresAt) : "never")],
        ["last used", (k) => relative(k.lastUsedAt, "never", now)],
        ["id", (k) => k.id],
      ]),
      items.length ? `all ${items.length} shown` : "none found",
    ].join("\n");
    return { structured: { totalCount: items.length, items }, text };
  },
});
