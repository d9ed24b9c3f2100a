import * as z from "zod";
import { createApiKey, listRoles } from "../../jim/security.js";
import { saveSecret } from "../../secrets.js";
import { defineTool } from "../define.js";
import { changeReason } from "../params.js";
import { expires, parseExpires, prefixOf, resolveRoles, roleList, roles } from "./shared.js";
import { when } from "./when.js";

export const apiKeyCreate = defineTool({
  name: "api_key_create",
  title: "Create an API key",
  description: "Creates an API key; its secret goes to a private file, never into the chat.",
  toolset: "security",
  kind: "write",
  input: z.object({
    name: z.string().min(1).max(200).describe("Name, e.g. what uses it."),
    description: z.string().max(1000).optional().describe("Description."),
    roles,
    expires,
    changeReason,
  }),
  output: z.object({
    id: z.string(),
    keyPrefix: z.string(),
    roles: z.array(z.string()),
    savedTo: z.string(),
  }),
  check(args) {
    if (args.expires === undefined) return undefined;
    const e = parseExpires(args.expires);
    return "problem" in e ? e.problem : undefined;
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const picked = args.roles === undefined ? [] : resolveRoles(await listRoles(jim, ctx.signal), args.roles);
    const e = args.expires === undefined ? { value: null } : parseExpires(args.expires);
    const created = await createApiKey(
      jim,
      {
        name: args.name,
        description: args.description ?? null,
        roleIds: picked.map((r) => r.id),
        expiresAt: "value" in e ? e.value : null,
        changeReason: args.changeReason,
      },
      ctx.signal,
    );
    // The whole response (with the secret) goes to a private file; only its path leaves this tool.
    const savedTo = await saveSecret(
      ctx.config.secretsDir,
      `api-key-${created.name}`,
      JSON.stringify(created, null, 2),
    );
    const out = {
      id: created.id,
      keyPrefix: prefixOf(created),
      roles: created.roles.map((r) => r.name),
      savedTo,
    };
    const lines = [
      `Created API key '${created.name}' (${out.keyPrefix}, id ${out.id}), roles ${roleList(created)}, expires ${when(created.expiresAt)}.`,
      `The secret key was saved to ${savedTo} (readable only by this user; field "key"). It is not shown here and JIM cannot show it again.`,
    ];
    if (!created.roles.some((r) => r.name.toLowerCase() === "administrator")) {
      lines.push(
        "Warning: this key lacks the Administrator role, so it can call almost nothing in JIM's API (403). Add it with api_key_update (roles 'Administrator') if the key is meant for automation.",
      );
    }
    return { structured: out, text: lines.join("\n") };
  },
});
