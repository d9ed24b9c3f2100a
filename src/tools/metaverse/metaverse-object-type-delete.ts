import * as z from "zod";
import {
  deleteObjectType,
  describeRefs,
  objectTypeBlock,
  objectTypeDeletePreview,
} from "../../jim/metaverse-schema.js";
import { defineTool } from "../define.js";
import { changeReason } from "../params.js";
import { resolveMetaverseObjectType } from "../resolve.js";
import { objectTypeId } from "./shared.js";

export const metaverseObjectTypeDelete = defineTool({
  name: "metaverse_object_type_delete",
  title: "Delete a metaverse object type",
  description:
    "Deletes a custom metaverse object type after JIM's impact preview; refused while objects or sync rules use it.",
  toolset: "schema",
  kind: "destructive",
  input: z.object({
    objectTypeId,
    changeReason,
  }),
  output: z.object({
    objectTypeId: z.number(),
    name: z.string(),
    deleted: z.boolean(),
    removedReferences: z.array(z.string()),
  }),
  async consent(args, ctx) {
    const { id } = await resolveMetaverseObjectType(ctx, args.objectTypeId);
    const impact = await ctx.memo("impact", () => objectTypeDeletePreview(ctx.jim(), id, ctx.signal));
    const cascade = impact.cascadeReferences ?? [];
    return {
      summary: `Delete metaverse object type "${impact.objectTypeName}" (id ${impact.objectTypeId})?${cascade.length ? ` It also removes ${cascade.length} configuration reference(s): ${describeRefs(cascade)}.` : ""} This cannot be undone.`,
      preview: { impact },
      blockedReason: objectTypeBlock(impact),
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveMetaverseObjectType(ctx, args.objectTypeId);
    const before = await ctx.memo("impact", () => objectTypeDeletePreview(jim, id, ctx.signal));
    // JIM asks for the exact name when references would be removed; the consent above covered that.
    const done = await deleteObjectType(jim, id, before.objectTypeName, args.changeReason, ctx.signal);
    const removed = (done.cascadeReferences ?? []).map((r) =>
      `${r.kind ?? ""} ${r.name ?? r.id ?? ""}`.trim(),
    );
    return {
      structured: {
        objectTypeId: id,
        name: before.objectTypeName,
        deleted: done.deleted !== false,
        removedReferences: removed,
      },
      text: `Deleted metaverse object type "${before.objectTypeName}" (id ${id}).${removed.length ? ` Removed: ${removed.join(", ")}.` : ""}`,
    };
  },
});
