import * as z from "zod";
import { listPredefinedSearches } from "../../jim/operations.js";
import { defineTool } from "../define.js";
import { table } from "../format/text.js";

export const predefinedSearchList = defineTool({
  name: "predefined_search_list",
  title: "List predefined searches",
  description:
    "Lists the saved Metaverse searches (URI, object type, enabled); run one with predefined_search_object_list.",
  toolset: "operations",
  kind: "read",
  input: z.object({}),
  output: z.object({
    totalCount: z.number().int(),
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        uri: z.string(),
        objectType: z.string(),
        enabled: z.boolean().nullable(),
        builtIn: z.boolean(),
      }),
    ),
  }),
  async handler(_args, ctx) {
    const list = await listPredefinedSearches(ctx.jim(), ctx.signal);
    const items = list.map((s) => ({
      id: s.id,
      name: s.name,
      uri: s.uri,
      objectType: s.metaverseObjectTypeName,
      enabled: s.isEnabled ?? null,
      builtIn: s.builtIn,
    }));
    const text = [
      table(items, [
        ["uri", (s) => s.uri],
        ["name", (s) => s.name],
        ["object type", (s) => s.objectType],
        ["enabled", (s) => (s.enabled === null ? "?" : s.enabled ? "yes" : "no")],
        ["built in", (s) => (s.builtIn ? "yes" : "no")],
        ["id", (s) => s.id],
      ]),
      items.length ? `all ${items.length} shown` : "none found",
    ].join("\n");
    return { structured: { totalCount: items.length, items }, text };
  },
});
