import * as z from "zod";
import {
  collectAttributes,
  countObjects,
  getObjectType,
  type MetaverseObjectTypeDetail,
  type ObjectFilter,
  searchObjects,
} from "../../jim/metaverse.js";
import { defineTool, type ToolContext, ToolInputError } from "../define.js";
import { cell, fmtNumber, pageFooter, pagingOf, table } from "../format/text.js";
import { idOrName, page, pageSize, pagingOutput } from "../params.js";
import { closestNames, resolveMetaverseObjectType } from "../resolve.js";

/** Extra attribute values shown as their own columns up to this many; beyond, one combined column. */
const MAX_COLUMNS = 4;
/** Attribute names are checked against at most this many pages of 100 metaverse attributes. */
const ATTRIBUTE_PAGES = 3;

/**
 * Refuses attribute names the Metaverse does not have (JIM would just find nothing): those of the
 * type when one is given, else the attribute list (a few pages at most; beyond, names pass unchecked).
 */
async function checkAttributeNames(
  names: Array<{ field: string; name: string }>,
  type: MetaverseObjectTypeDetail | undefined,
  ctx: ToolContext,
): Promise<void> {
  if (names.length === 0) return;
  let known: Array<{ name: string }>;
  let where: string;
  if (type) {
    known = type.attributes;
    where = `${type.name} objects have`;
  } else {
    const all = await collectAttributes(ctx.jim(), ATTRIBUTE_PAGES, ctx.signal);
    if (all.stoppedEarly) {
      const seen = new Set(all.items.map((a) => a.name.toLocaleLowerCase()));
      if (names.some((n) => !seen.has(n.name.trim().toLocaleLowerCase()))) return; // cannot be sure
    }
    known = all.items;
    where = "the Metaverse has";
  }
  const have = new Set(known.map((a) => a.name.toLocaleLowerCase()));
  const unknown = names.filter((n) => !have.has(n.name.trim().toLocaleLowerCase()));
  if (unknown.length === 0) return;
  const lines = unknown.map((n) => {
    const close = closestNames(known, n.name, 5).map((a) => a.name);
    return `${n.field}: ${where} no attribute named "${n.name}".${close.length ? ` Closest: ${close.join(", ")}.` : ""}`;
  });
  throw new ToolInputError(
    `${lines.join("\n")}\nUse exact attribute names${listers(ctx, type)}. Nothing was searched.`,
  );
}

/** " (metaverse_attribute_list, or …)": the exposed tools that list attribute names. */
function listers(ctx: ToolContext, type: { id: number } | undefined): string {
  const ways = [
    ctx.exposes("metaverse_attribute_list") ? "metaverse_attribute_list" : "",
    type && ctx.exposes("metaverse_object_type_list")
      ? `metaverse_object_type_list with objectTypeId ${type.id}`
      : "",
  ].filter(Boolean);
  return ways.length ? ` (${ways.join(", or ")})` : "";
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "–";
  return typeof v === "string" ? v : JSON.stringify(v);
}

export const metaverseObjectSearch = defineTool({
  name: "metaverse_object_search",
  title: "Search metaverse objects",
  description: "Finds or counts metaverse objects by type, display name or an exact attribute value.",
  toolset: "metaverse",
  kind: "read",
  input: z.object({
    objectType: idOrName("Type id or name (metaverse_object_type_list).").optional(),
    search: z.string().optional().describe("Part of the display name."),
    attributeName: z.string().optional().describe("Exact filter: attribute name…"),
    attributeValue: z.string().optional().describe("…and its value (any case)."),
    attributes: z.array(z.string()).max(20).optional().describe('Attributes to return; ["*"] = all.'),
    countOnly: z.boolean().optional().describe("Only count matches."),
    page,
    pageSize: pageSize(25),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        displayName: z.string().nullable(),
        type: z.string(),
        attributes: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  check(args) {
    if ((args.attributeName === undefined) !== (args.attributeValue === undefined)) {
      return "attributeName and attributeValue go together: give both or neither.";
    }
    return undefined;
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const type =
      args.objectType === undefined
        ? undefined
        : await getObjectType(
            jim,
            (await resolveMetaverseObjectType(ctx, args.objectType, "objectType")).id,
            ctx.signal,
          );
    await checkAttributeNames(
      [
        ...(args.attributeName === undefined ? [] : [{ field: "attributeName", name: args.attributeName }]),
        ...(args.attributes ?? []).filter((a) => a !== "*").map((name) => ({ field: "attributes", name })),
      ],
      type,
      ctx,
    );
    const filter: ObjectFilter = {
      objectTypeId: type?.id,
      search: args.search,
      filterAttributeName: args.attributeName,
      filterAttributeValue: args.attributeValue,
    };
    const what = (n: number) =>
      [
        type ? (n === 1 ? type.name : type.pluralName) : n === 1 ? "object" : "objects",
        args.search ? `named like "${args.search}"` : "",
        args.attributeName ? `with ${args.attributeName} = "${args.attributeValue}"` : "",
      ]
        .filter(Boolean)
        .join(" ");
    if (args.countOnly) {
      const n = await countObjects(jim, filter, ctx.signal);
      return {
        structured: { page: 1, pageSize: args.pageSize, totalCount: n, hasNextPage: false, items: [] },
        text: `${fmtNumber(n)} ${what(n)}.`,
      };
    }
    const env = await searchObjects(jim, filter, args.attributes, args.page, args.pageSize, ctx.signal);
    const items = env.items.map((o) => ({
      id: o.id,
      displayName: o.displayName,
      type: o.type?.name ?? "",
      attributes: o.attributes ?? {},
    }));
    const paging = pagingOf(env);
    const keys = [...new Set(items.flatMap((o) => Object.keys(o.attributes)))];
    const columns: Array<[string, (o: (typeof items)[number]) => unknown]> = [
      ["display name", (o) => o.displayName],
      ["type", (o) => o.type],
    ];
    if (keys.length <= MAX_COLUMNS) {
      for (const k of keys) columns.push([k, (o) => show(o.attributes[k])]);
    } else {
      columns.push([
        "attributes",
        (o) =>
          Object.entries(o.attributes)
            .map(([k, v]) => `${k}=${cell(show(v))}`)
            .join("; "),
      ]);
    }
    columns.push(["id", (o) => o.id]);
    const text = [
      `${fmtNumber(env.totalCount)} ${what(env.totalCount)}:`,
      table(items, columns),
      pageFooter({ ...paging, shown: items.length }),
      items.length ? "All values and connected objects of one: metaverse_object_get." : "",
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { ...paging, items }, text };
  },
});
