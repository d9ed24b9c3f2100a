import * as z from "zod";
import {
  deleteObjectType,
  describeRefs,
  objectTypeBlock,
  objectTypeDeletePreview,
} from "../../jim/metaverse-schema.js";
import { defineTool } from "../define.js";
import { changeReason } from "../params.js";

export const metaverseObjectTypeDelete = defineTool({
  name: "metaverse_object_type_delete",
  title: "Delete a metaverse object type",
  description:
    "Deletes a custom metaverse object type after JIM's impact preview; refused while objects or sync rules use it.",
  toolset: "schema",
  kind: "destructive",
  input: z.object({
    objectTypeId: z
      .number()
      .int()
      .min(1)
      .max(2_147_483_647)
      .describe("Object type id (metaverse_object_type_list)."),
    changeReason,
  }),
  output: z.object({
    objectTypeId: z.number(),
    name: z.string(),
    deleted: z.boolean(),
    removedReferences: z.array(z.string()),
  }),
  async consent(args, ctx) {
    const impact = await ctx.memo("impact", () =>
      objectTypeDeletePreview(ctx.jim(), args.objectTypeId, ctx.signal),
    );
    const cascade = impact.cascadeReferences ?? [];
    return {
      summary: `Delete metaverse object type "${impact.objectTypeName}" (id ${impact.objectTypeId})?${cascade.length ? ` It also removes ${cascade.length} configuration reference(s): ${describeRefs(cascade)}.` : ""} This cannot be undone.`,
      preview: { impact },
      blockedReason: objectTypeBlock(impact),
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const before = await ctx.memo("impact", () =>
      objectTypeDeletePreview(jim, args.objectTypeId, ctx.signal),
    );
    // JIM asks for the exact name when references would be removed; the consent above covered that.
    const done = await deleteObjectType(
      jim,
      args.objectTypeId,
      before.objectTypeName,
      args.changeReason,
      ctx.signal,
    );
    const removed = (done.cascadeReferences ?? []).map((r) =>
      `${r.kind ?? ""} ${r.name ?? r.id ?? ""}`.trim(),
    );
    return {
      structured: {
        objectTypeId: args.objectTypeId,
        name: before.objectTypeName,
        deleted: done.deleted !== false,
        removedReferences: removed,
      },
      text: `Deleted metaverse object type "${before.objectTypeName}" (id ${args.objectTypeId}).${removed.length ? ` Removed: ${removed.join(", ")}.` : ""}`,
    };
  },
});
