import * as z from "zod";
import { listPredefinedSearches } from "../../jim/operations.js";
import { defineTool } from "../define.js";
import { pageFooter, pageLocally, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

export const predefinedSearchList = defineTool({
  name: "predefined_search_list",
  title: "List predefined searches",
  description:
    "Lists the saved Metaverse searches (URI, object type, enabled); run one with predefined_search_object_list.",
  toolset: "operations",
  kind: "read",
  input: z.object({ page, pageSize: pageSize(50) }),
  output: pagingOutput.extend({
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
  async handler(args, ctx) {
    const list = await listPredefinedSearches(ctx.jim(), ctx.signal);
    const { items, paging } = pageLocally(
      list.map((s) => ({
        id: s.id,
        name: s.name,
        uri: s.uri,
        objectType: s.metaverseObjectTypeName,
        enabled: s.isEnabled ?? null,
        builtIn: s.builtIn,
      })),
      args.page,
      args.pageSize,
    );
    const text = [
      table(items, [
        ["uri", (s) => s.uri],
        ["name", (s) => s.name],
        ["object type", (s) => s.objectType],
        ["enabled", (s) => (s.enabled === null ? "?" : s.enabled ? "yes" : "no")],
        ["built in", (s) => (s.builtIn ? "yes" : "no")],
        ["id", (s) => s.id],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
