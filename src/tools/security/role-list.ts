import * as z from "zod";
import { getRole, listRoleMembers, listRoles } from "../../jim/security.js";
import { defineTool } from "../define.js";
import { table } from "../format/text.js";
import { INT_MAX } from "../params.js";

export const roleList = defineTool({
  name: "role_list",
  title: "List security roles",
  description: "Lists JIM's security roles with member counts, or with roleId the members of one role.",
  toolset: "security",
  kind: "read",
  input: z.object({
    roleId: z.number().int().min(1).max(INT_MAX).optional().describe("A role id: list its members instead."),
  }),
  output: z.object({
    roles: z.array(z.object({ id: z.number(), name: z.string(), builtIn: z.boolean(), members: z.number() })),
    members: z
      .array(z.object({ id: z.string(), displayName: z.string().nullable(), type: z.string().nullable() }))
      .optional(),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    const shape = (r: { id: number; name: string; builtIn: boolean; staticMemberCount: number }) => ({
      id: r.id,
      name: r.name,
      builtIn: r.builtIn,
      members: r.staticMemberCount,
    });
    if (args.roleId === undefined) {
      const roles = (await listRoles(jim, ctx.signal)).map(shape);
      const text = [
        table(roles, [
          ["id", (r) => r.id],
          ["name", (r) => r.name],
          ["built in", (r) => (r.builtIn ? "yes" : "no")],
          ["members", (r) => r.members],
        ]),
        roles.length ? `all ${roles.length} shown` : "none found",
        "API keys carry their own roles (api_key_list); members here are Metaverse objects (people).",
      ].join("\n");
      return { structured: { roles }, text };
    }
    const [role, list] = await Promise.all([
      getRole(jim, args.roleId, ctx.signal),
      listRoleMembers(jim, args.roleId, ctx.signal),
    ]);
    const members = list.map((m) => ({ id: m.id, displayName: m.displayName, type: m.type?.name ?? null }));
    const text = [
      `Role '${role.name}' (id ${role.id}${role.builtIn ? ", built in" : ""}): ${members.length} member(s).`,
      table(members, [
        ["name", (m) => m.displayName],
        ["type", (m) => m.type],
        ["id", (m) => m.id],
      ]),
      members.length ? `all ${members.length} shown` : "",
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { roles: [shape(role)], members }, text };
  },
});
