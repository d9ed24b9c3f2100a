import * as z from "zod";
import { deleteApiKey, getApiKey } from "../../jim/security.js";
import { defineTool } from "../define.js";
import { changeReason } from "../params.js";
import { apiKeyId, describeKey, looksLikeOwnKey, ownKeyReason, prefixOf } from "./shared.js";
import { fmtDate, when } from "./when.js";

export const apiKeyDelete = defineTool({
  name: "api_key_delete",
  title: "Revoke an API key",
  description: "Revokes an API key for good; whatever uses it then gets 401.",
  toolset: "security",
  kind: "destructive",
  input: z.object({ id: apiKeyId, changeReason }),
  output: z.object({ id: z.string(), name: z.string() }),
  async consent(args, ctx) {
    const k = await getApiKey(ctx.jim(), args.id, ctx.signal);
    return {
      summary: `Delete API key ${describeKey(k)}? Anything using it stops working at once; this cannot be undone.`,
      preview: {
        name: k.name,
        prefix: prefixOf(k),
        roles: k.roles.map((r) => r.name),
        enabled: k.isEnabled,
        expires: k.expiresAt ? fmtDate(k.expiresAt) : "never",
        lastUsed: `${when(k.lastUsedAt)}${k.lastUsedFromIp ? ` from ${k.lastUsedFromIp}` : ""}`,
      },
      blockedReason: looksLikeOwnKey(k, ctx) ? ownKeyReason(k, "deleting") : undefined,
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const k = await getApiKey(jim, args.id, ctx.signal);
    await deleteApiKey(jim, args.id, args.changeReason, ctx.signal);
    return {
      structured: { id: k.id, name: k.name },
      text: `Deleted API key '${k.name}' (${prefixOf(k)}, id ${k.id}). It no longer authenticates.`,
    };
  },
});
