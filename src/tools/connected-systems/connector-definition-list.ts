import * as z from "zod";
import { listConnectorDefinitions } from "../../jim/schema.js";
import { defineTool } from "../define.js";
import { pageFooter, table } from "../format/text.js";

export const connectorDefinitionList = defineTool({
  name: "connector_definition_list",
  title: "List connector definitions",
  description:
    "Lists the installed connectors (LDAP, file, SCIM…) with their ids, versions and whether any system uses them.",
  toolset: "schema",
  kind: "read",
  input: z.object({}),
  output: z.object({
    totalCount: z.number(),
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
  async handler(_args, ctx) {
    const defs = await listConnectorDefinitions(ctx.jim(), ctx.signal);
    const items = defs.map((d) => ({
      id: d.id,
      name: d.name,
      builtIn: d.builtIn,
      inUse: d.inUse,
      version: d.versions ?? null,
    }));
    const text = [
      table(items, [
        ["id", (d) => d.id],
        ["name", (d) => d.name],
        ["built in", (d) => (d.builtIn ? "yes" : "no")],
        ["in use", (d) => (d.inUse ? "yes" : "no")],
        ["version", (d) => d.version],
      ]),
      pageFooter({
        page: 1,
        pageSize: items.length,
        totalCount: items.length,
        hasNextPage: false,
        shown: items.length,
      }),
    ].join("\n");
    return { structured: { totalCount: items.length, items }, text };
  },
});
