import * as z from "zod";
import { runPredefinedSearch } from "../../jim/operations.js";
import { asPage } from "../../jim/paging.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

export const predefinedSearchObjectList = defineTool({
  name: "predefined_search_object_list",
  title: "Run a predefined search",
  description: "Runs a predefined search and lists the Metaverse objects it finds, with its columns.",
  toolset: "operations",
  kind: "read",
  input: z.object({
    uri: z.string().min(1).max(200).describe("Search URI, e.g. all-people (predefined_search_list)."),
    search: z.string().max(200).optional().describe("Text in the display name."),
    page,
    pageSize: pageSize(25),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        displayName: z.string().nullable(),
        status: z.string(),
        attributes: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  async handler(args, ctx) {
    const data = await runPredefinedSearch(
      ctx.jim(),
      args.uri,
      {
        page: args.page,
        pageSize: args.pageSize,
        search: args.search,
      },
      ctx.signal,
    );
    const env = asPage<(typeof data.items)[number]>(data, args.page, args.pageSize);
    const items = env.items.map((o) => ({
      id: o.id,
      displayName: o.displayName,
      status: o.status,
      attributes: o.attributes ?? {},
    }));
    const columns = [...new Set(items.flatMap((o) => Object.keys(o.attributes)))];
    const paging = pagingOf(env);
    const text = [
      table(items, [
        ...columns.map((c): [string, (o: (typeof items)[number]) => unknown] => [c, (o) => o.attributes[c]]),
        ...(items.some((o) => o.status !== "Normal")
          ? [
              ["status", (o: (typeof items)[number]) => o.status] as [
                string,
                (o: (typeof items)[number]) => unknown,
              ],
            ]
          : []),
        ["id", (o) => o.id],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
