import * as z from "zod";
import { collectAttributes } from "../../jim/metaverse.js";
import { defineTool } from "../define.js";
import { fmtNumber, pageFooter, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

/** Attributes are read whole (then filtered and paged here), up to this many pages of 100. */
const PAGE_CAP = 20;

export const metaverseAttributeList = defineTool({
  name: "metaverse_attribute_list",
  title: "List metaverse attributes",
  description:
    "Lists metaverse attributes with data type, plurality, built-in flag and the object types using them.",
  toolset: "metaverse",
  kind: "read",
  input: z.object({
    name: z.string().optional().describe("Part of the name (any case)."),
    page,
    pageSize: pageSize(25),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        type: z.string(),
        plurality: z.string(),
        builtIn: z.boolean(),
        objectTypes: z.array(z.string()),
      }),
    ),
  }),
  async handler(args, ctx) {
    const all = await collectAttributes(ctx.jim(), PAGE_CAP, ctx.signal);
    const needle = args.name?.toLocaleLowerCase();
    const matching = needle
      ? all.items.filter((a) => a.name.toLocaleLowerCase().includes(needle))
      : all.items;
    const from = (args.page - 1) * args.pageSize;
    const items = matching.slice(from, from + args.pageSize).map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      plurality: a.attributePlurality,
      builtIn: a.builtIn,
      objectTypes: (a.metaverseObjectTypes ?? []).map((t) => t.value),
    }));
    const paging = {
      page: args.page,
      pageSize: args.pageSize,
      totalCount: matching.length,
      hasNextPage: from + args.pageSize < matching.length,
    };
    const lines = [
      table(items, [
        ["id", (a) => a.id],
        ["name", (a) => a.name],
        ["type", (a) => a.type],
        ["plurality", (a) => (a.plurality === "MultiValued" ? "multi" : "single")],
        ["built in", (a) => (a.builtIn ? "yes" : "no")],
        ["object types", (a) => a.objectTypes.join(", ") || "(none)"],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ];
    if (all.stoppedEarly) {
      lines.push(
        `Only the first ${fmtNumber(all.items.length)} of ${fmtNumber(all.totalCount)} attributes were read; narrow with name.`,
      );
    }
    return { structured: { ...paging, items }, text: lines.join("\n") };
  },
});
