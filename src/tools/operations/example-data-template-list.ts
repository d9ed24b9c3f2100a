import * as z from "zod";
import { listExampleDataTemplates } from "../../jim/operations.js";
import { asPage } from "../../jim/paging.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

export const exampleDataTemplateList = defineTool({
  name: "example_data_template_list",
  title: "List example data templates",
  description:
    "Lists the templates JIM can generate example Metaverse data from (run one with example_data_execute).",
  toolset: "operations",
  kind: "read",
  input: z.object({ page, pageSize: pageSize(25) }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string().nullable(),
        builtIn: z.boolean(),
        objectTypes: z.number(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const data = await listExampleDataTemplates(ctx.jim(), args.page, args.pageSize, ctx.signal);
    const env = asPage<(typeof data.items)[number]>(data, args.page, args.pageSize);
    const items = env.items.map((t) => ({
      id: t.id,
      name: t.name,
      builtIn: t.builtIn,
      objectTypes: t.objectTypeCount,
    }));
    const paging = pagingOf(env);
    const text = [
      table(items, [
        ["id", (t) => t.id],
        ["name", (t) => t.name],
        ["built in", (t) => (t.builtIn ? "yes" : "no")],
        ["object types", (t) => t.objectTypes],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
