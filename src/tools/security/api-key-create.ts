import * as z from "zod";
import { createApiKey, listRoles } from "../../jim/security.js";
import { saveSecret } from "../../secrets.js";
import { defineTool } from "../define.js";
import {
  changeReason,
  expiresAt,
  expiresInDays,
  expiryFrom,
  prefixOf,
  resolveRoles,
  roleIds,
  roleList,
  roleNames,
} from "./shared.js";
import { when } from "./when.js";

export const apiKeyCreate = defineTool({
  name: "api_key_create",
  title: "Create an API key",
  description:
    "Creates an API key; the secret goes to a private file (mode 0600) and is never shown. Keys need the Administrator role for almost everything.",
  toolset: "security",
  kind: "write",
  input: z.object({
    name: z.string().min(1).max(200).describe("Name, e.g. the script or pipeline that will use it."),
    description: z.string().max(1000).optional().describe("Free-text description."),
    roleNames,
    roleIds,
    expiresInDays,
    expiresAt,
    changeReason,
  }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    keyPrefix: z.string(),
    roles: z.array(z.string()),
    expiresAt: z.string().nullable(),
    savedTo: z.string(),
  }),
  check(args) {
    if (args.roleNames !== undefined && args.roleIds !== undefined)
      return "Give roleNames or roleIds, not both.";
    if (args.expiresAt !== undefined && args.expiresInDays !== undefined) {
      return "Give expiresAt or expiresInDays, not both.";
    }
    if (args.expiresAt !== undefined && Date.parse(args.expiresAt) <= Date.now()) {
      return "expiresAt is in the past; give a future date-time.";
    }
    return undefined;
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const roles = resolveRoles(await listRoles(jim, ctx.signal), args.roleNames, args.roleIds);
    const created = await createApiKey(
      jim,
      {
        name: args.name,
        description: args.description ?? null,
        roleIds: roles.map((r) => r.id),
        expiresAt: expiryFrom(args) ?? null,
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
      name: created.name,
      keyPrefix: prefixOf(created),
      roles: created.roles.map((r) => r.name),
      expiresAt: created.expiresAt,
      savedTo,
    };
    const lines = [
      `Created API key '${out.name}' (${out.keyPrefix}, id ${out.id}), roles ${roleList(created)}, expires ${when(out.expiresAt)}.`,
      `The secret key was saved to ${savedTo} (readable only by this user; field "key"). It is not shown here and JIM cannot show it again.`,
    ];
    if (!created.roles.some((r) => r.name.toLowerCase() === "administrator")) {
      lines.push(
        "Warning: this key lacks the Administrator role, so it can call almost nothing in JIM's API (403). Add it with api_key_update (roleNames 'Administrator') if the key is meant for automation.",
      );
    }
    return { structured: out, text: lines.join("\n") };
  },
});
