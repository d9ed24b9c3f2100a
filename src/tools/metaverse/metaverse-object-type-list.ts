import * as z from "zod";
import { collectObjectTypes, getObjectType, type MetaverseObjectTypeHeader } from "../../jim/metaverse.js";
import { defineTool } from "../define.js";
import { fields, fmtNumber, table } from "../format/text.js";
import { pagingOutput } from "../params.js";
import { resolveMetaverseObjectType } from "../resolve.js";
import { fmtDeletionRule, fmtSpan, objectTypeId } from "./shared.js";

/** Object types are few; all are read (up to this many pages of 100) and shown together. */
const PAGE_CAP = 20;

type TypeBasics = Pick<
  MetaverseObjectTypeHeader,
  "id" | "name" | "builtIn" | "deletionRule" | "deletionGracePeriod"
>;

const row = (t: TypeBasics, attributes: number) => ({
  id: t.id,
  name: t.name,
  builtIn: t.builtIn,
  attributes,
  deletionRule: t.deletionRule,
  gracePeriod: fmtSpan(t.deletionGracePeriod),
});

export const metaverseObjectTypeList = defineTool({
  name: "metaverse_object_type_list",
  title: "List metaverse object types",
  description:
    "Lists metaverse object types with attribute counts and deletion rules, or one type with its attributes.",
  toolset: "metaverse",
  kind: "read",
  input: z.object({
    objectTypeId: objectTypeId.optional().describe("Show this type (id or name) with its attributes."),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        builtIn: z.boolean(),
        attributes: z.number(),
        deletionRule: z.string(),
        gracePeriod: z.string(),
      }),
    ),
    boundAttributes: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        type: z.string(),
        plurality: z.string(),
        builtIn: z.boolean(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    if (args.objectTypeId !== undefined) {
      const { id } = await resolveMetaverseObjectType(ctx, args.objectTypeId);
      const t = await getObjectType(jim, id, ctx.signal);
      const boundAttributes = t.attributes.map((a) => ({
        id: a.id,
        name: a.name,
        type: a.type,
        plurality: a.attributePlurality,
        builtIn: a.builtIn,
      }));
      const text = [
        `Object type "${t.name}" (id ${t.id}, plural "${t.pluralName}")${t.builtIn ? ", built in" : ""}`,
        fields([
          ["deleted", fmtDeletionRule(t.deletionRule)],
          ["grace period", fmtSpan(t.deletionGracePeriod)],
          [
            "authoritative systems",
            t.deletionRule === "WhenAuthoritativeSourceDisconnected"
              ? `connected system ids ${t.deletionTriggerConnectedSystemIds.join(", ") || "(none)"} (${t.deletionTriggerMode})`
              : null,
          ],
        ]),
        `Attributes (${boundAttributes.length}):`,
        table(boundAttributes, [
          ["id", (a) => a.id],
          ["name", (a) => a.name],
          ["type", (a) => a.type],
          ["plurality", (a) => (a.plurality === "MultiValued" ? "multi" : "single")],
          ["built in", (a) => (a.builtIn ? "yes" : "no")],
        ]),
      ].join("\n");
      return {
        structured: {
          page: 1,
          pageSize: 1,
          totalCount: 1,
          hasNextPage: false,
          items: [row(t, t.attributes.length)],
          boundAttributes,
        },
        text,
      };
    }
    const all = await collectObjectTypes(jim, PAGE_CAP, ctx.signal);
    const items = all.items.map((t) => row(t, t.attributesCount));
    const lines = [
      table(items, [
        ["id", (t) => t.id],
        ["name", (t) => t.name],
        ["built in", (t) => (t.builtIn ? "yes" : "no")],
        ["attributes", (t) => t.attributes],
        ["deleted", (t) => fmtDeletionRule(t.deletionRule)],
        ["grace period", (t) => t.gracePeriod],
      ]),
      all.stoppedEarly
        ? `showing the first ${fmtNumber(items.length)} of ${fmtNumber(all.totalCount)} (read cap reached)`
        : `all ${fmtNumber(items.length)} shown`,
    ];
    return {
      structured: {
        page: 1,
        pageSize: items.length,
        totalCount: all.totalCount,
        hasNextPage: all.stoppedEarly,
        items,
        boundAttributes: [],
      },
      text: lines.join("\n"),
    };
  },
});
