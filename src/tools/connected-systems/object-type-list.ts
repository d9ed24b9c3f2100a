import * as z from "zod";
import { getConnectedSystem } from "../../jim/connected-systems.js";
import { getObjectType, listObjectTypes } from "../../jim/schema.js";
import type { ConnectedSystemAttribute, ConnectedSystemObjectType } from "../../jim/types.js";
import { defineTool } from "../define.js";
import { table } from "../format/text.js";
import { connectedSystem, INT_MAX } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

const attributeOut = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  multiValued: z.boolean(),
  selected: z.boolean(),
  isExternalId: z.boolean(),
  isSecondaryExternalId: z.boolean(),
});

function attributeRow(a: ConnectedSystemAttribute): z.infer<typeof attributeOut> {
  return {
    id: a.id,
    name: a.name,
    type: a.referencedObjectTypeName ? `${a.type} → ${a.referencedObjectTypeName}` : a.type,
    multiValued: a.attributePlurality === "MultiValued",
    selected: a.selected,
    isExternalId: a.isExternalId,
    isSecondaryExternalId: a.isSecondaryExternalId,
  };
}

function renderType(t: {
  id: number;
  name: string;
  selected: boolean;
  attributeCount: number;
  attributes: Array<z.infer<typeof attributeOut>> | null;
}): string {
  const head = `${t.name} (id ${t.id}) — ${t.selected ? "selected" : "not selected"}, ${t.attributeCount} attributes`;
  if (!t.attributes) return head;
  const selected = t.attributes.filter((a) => a.selected).length;
  return [
    `${head} (${selected} selected):`,
    table(t.attributes, [
      ["id", (a) => a.id],
      ["name", (a) => a.name],
      ["type", (a) => a.type],
      ["multi", (a) => (a.multiValued ? "yes" : "")],
      ["selected", (a) => (a.selected ? "yes" : "no")],
      ["key", (a) => (a.isExternalId ? "external id" : a.isSecondaryExternalId ? "secondary id" : "")],
    ]),
  ].join("\n");
}

export const objectTypeList = defineTool({
  name: "object_type_list",
  title: "List schema object types",
  description: "Shows a connected system's object types and their attributes.",
  toolset: "schema",
  kind: "read",
  input: z.object({
    connectedSystemId: connectedSystem,
    objectTypeId: z.number().int().min(1).max(INT_MAX).optional().describe("Just this type."),
    includeInternal: z.boolean().default(false).describe("Show internal types too."),
  }),
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    objectTypes: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        selected: z.boolean(),
        isInternal: z.boolean(),
        attributeCount: z.number(),
        attributes: z.array(attributeOut).nullable(),
      }),
    ),
    hiddenInternal: z.number(),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    const one = args.objectTypeId !== undefined;
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const [cs, types] = await Promise.all([
      getConnectedSystem(jim, id, ctx.signal),
      one
        ? getObjectType(jim, id, args.objectTypeId!, ctx.signal).then((t) => [t])
        : listObjectTypes(jim, id, ctx.signal),
    ]);
    const visible = (t: ConnectedSystemObjectType) =>
      one || args.includeInternal || !t.isInternal || t.selected;
    const shown = types.filter(visible);
    const objectTypes = shown.map((t) => ({
      id: t.id,
      name: t.name,
      selected: t.selected,
      isInternal: t.isInternal,
      attributeCount: t.attributes?.length ?? t.attributeCount,
      attributes: one || t.selected ? (t.attributes ?? []).map(attributeRow) : null,
    }));
    const hiddenInternal = types.length - shown.length;
    const lines = [`Schema of "${cs.name}" (id ${cs.id}): ${objectTypes.length} object type(s)`];
    for (const t of objectTypes) lines.push(renderType(t));
    if (objectTypes.some((t) => !t.attributes)) {
      lines.push("Attributes of unselected types are left out; pass objectTypeId to see them.");
    }
    if (hiddenInternal > 0)
      lines.push(`${hiddenInternal} internal type(s) hidden; includeInternal=true shows them.`);
    if (objectTypes.length === 0) lines.push("No object types yet: run schema_import to read the schema.");
    return {
      structured: { connectedSystem: { id: cs.id, name: cs.name }, objectTypes, hiddenInternal },
      text: lines.join("\n"),
    };
  },
});
