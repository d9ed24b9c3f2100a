import * as z from "zod";
import { listApiKeys } from "../../jim/security.js";
import { defineTool } from "../define.js";
import { pageFooter, pageLocally, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";
import { prefixOf } from "./shared.js";
import { fmtDate, relative } from "./when.js";

export const apiKeyList = defineTool({
  name: "api_key_list",
  title: "List API keys",
  description:
    "Lists JIM's API keys with prefix, roles, enabled state, expiry and last use (never the secret).",
  toolset: "security",
  kind: "read",
  input: z.object({ page, pageSize: pageSize(50) }),
  output: pagingOutput.extend({
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
  async handler(args, ctx) {
    const keys = await listApiKeys(ctx.jim(), ctx.signal);
    const now = Date.now();
    const { items, paging } = pageLocally(
      keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: prefixOf(k),
        roles: k.roles.map((r) => r.name),
        enabled: k.isEnabled,
        expiresAt: k.expiresAt,
        lastUsedAt: k.lastUsedAt,
      })),
      args.page,
      args.pageSize,
    );
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
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
