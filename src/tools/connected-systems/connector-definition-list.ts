import * as z from "zod";
import { listConnectorDefinitions } from "../../jim/schema.js";
import { defineTool } from "../define.js";
import { pageFooter, pageLocally, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

export const connectorDefinitionList = defineTool({
  name: "connector_definition_list",
  title: "List connector definitions",
  description:
    "Lists the installed connectors (LDAP, file, SCIM…) with their ids, versions and whether any system uses them.",
  toolset: "schema",
  kind: "read",
  input: z.object({ page, pageSize: pageSize(50) }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        builtIn: z.boolean(),
        inUse: z.boolean(),
        version: z.string().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const defs = await listConnectorDefinitions(ctx.jim(), ctx.signal);
    const { items, paging } = pageLocally(
      defs.map((d) => ({
        id: d.id,
        name: d.name,
        builtIn: d.builtIn,
        inUse: d.inUse,
        version: d.versions ?? null,
      })),
      args.page,
      args.pageSize,
    );
    const text = [
      table(items, [
        ["id", (d) => d.id],
        ["name", (d) => d.name],
        ["built in", (d) => (d.builtIn ? "yes" : "no")],
        ["in use", (d) => (d.inUse ? "yes" : "no")],
        ["version", (d) => d.version],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
