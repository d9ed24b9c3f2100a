import * as z from "zod";
import {
  attributeBlock,
  attributeDeletionPreview,
  deleteAttribute,
  describeRefs,
} from "../../jim/metaverse-schema.js";
import { defineTool } from "../define.js";
import { changeReason, INT_MAX } from "../params.js";

export const metaverseAttributeDelete = defineTool({
  name: "metaverse_attribute_delete",
  title: "Delete a metaverse attribute",
  description:
    "Deletes a custom metaverse attribute after JIM's impact preview; refused while objects hold values for it.",
  toolset: "schema",
  kind: "destructive",
  input: z.object({
    attributeId: z.number().int().min(1).max(INT_MAX).describe("Attribute id (metaverse_attribute_list)."),
    changeReason,
  }),
  output: z.object({
    attributeId: z.number(),
    name: z.string(),
    deleted: z.boolean(),
    removedReferences: z.array(z.string()),
  }),
  async consent(args, ctx) {
    const impact = await ctx.memo("impact", () =>
      attributeDeletionPreview(ctx.jim(), args.attributeId, ctx.signal),
    );
    const refs = impact.references ?? [];
    return {
      summary: `Delete metaverse attribute "${impact.attributeName}" (id ${impact.attributeId})?${refs.length ? ` It also removes ${refs.length} configuration reference(s): ${describeRefs(refs)}.` : ""} This cannot be undone.`,
      preview: { impact },
      blockedReason: attributeBlock(impact),
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const before = await ctx.memo("impact", () =>
      attributeDeletionPreview(jim, args.attributeId, ctx.signal),
    );
    const done = await deleteAttribute(
      jim,
      args.attributeId,
      before.attributeName,
      args.changeReason,
      ctx.signal,
    );
    const removed = (done.references ?? []).map((r) => `${r.kind ?? ""} ${r.name ?? r.id ?? ""}`.trim());
    return {
      structured: {
        attributeId: args.attributeId,
        name: before.attributeName,
        deleted: done.deleted !== false,
        removedReferences: removed,
      },
      text: `Deleted metaverse attribute "${before.attributeName}" (id ${args.attributeId}).${removed.length ? ` Removed: ${removed.join(", ")}.` : ""}`,
    };
  },
});
