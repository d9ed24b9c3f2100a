import * as z from "zod";
import { getObject, type MetaverseObjectAttributeValue } from "../../jim/metaverse.js";
import { defineTool } from "../define.js";
import { fields, fmtNumber, table } from "../format/text.js";
import { guid } from "../params.js";
import { fmtValue } from "./shared.js";

/** Values kept per attribute (group memberships can run to thousands). */
const MAX_VALUES = 20;

interface AttributeGroup {
  name: string;
  values: string[];
  valueCount: number;
  from: string | null;
  /** Text only: multi-valued references by name, without their ids. */
  short: string[];
}

function group(values: MetaverseObjectAttributeValue[]): AttributeGroup[] {
  const byName = new Map<string, MetaverseObjectAttributeValue[]>();
  for (const v of values) {
    const list = byName.get(v.attributeName) ?? [];
    list.push(v);
    byName.set(v.attributeName, list);
  }
  return [...byName].map(([name, list]) => {
    const sources = [
      ...new Set(
        list
          .map((v) => [v.contributedBySystemName, v.contributedBySyncRuleName].filter(Boolean).join(" · "))
          .filter(Boolean),
      ),
    ];
    return {
      name,
      values: list.slice(0, MAX_VALUES).map(fmtValue),
      valueCount: list.length,
      from: sources.join("; ") || null,
      short: list
        .slice(0, MAX_VALUES)
        .map((v) =>
          list.length > 1 && v.referenceValueDisplayName ? v.referenceValueDisplayName : fmtValue(v),
        ),
    };
  });
}

export const metaverseObjectGet = defineTool({
  name: "metaverse_object_get",
  title: "Get a metaverse object",
  description:
    "Shows one metaverse object: its attribute values with the system and rule each came from, and its connected objects.",
  toolset: "metaverse",
  kind: "read",
  input: z.object({ objectId: guid("Metaverse object id (metaverse_object_search).") }),
  output: z.object({
    id: z.string(),
    displayName: z.string().nullable(),
    type: z.string(),
    status: z.string(),
    pendingDeletion: z.string().nullable(),
    attributes: z.array(
      z.object({
        name: z.string(),
        values: z.array(z.string()),
        valueCount: z.number(),
        from: z.string().nullable(),
      }),
    ),
    connectedObjects: z.array(
      z.object({ id: z.string(), system: z.string(), displayName: z.string().nullable() }),
    ),
  }),
  async handler(args, ctx) {
    const o = await getObject(ctx.jim(), args.objectId, ctx.signal);
    const groups = group(o.attributeValues ?? []);
    const attributes = groups.map(({ short: _short, ...a }) => a);
    const connectedObjects = (o.connectedSystemObjects ?? []).map((c) => ({
      id: c.id,
      system: c.connectedSystemName,
      displayName: c.displayName,
    }));
    const pendingDeletion = o.isPendingDeletion
      ? `pending deletion, eligible from ${o.deletionEligibleDate ?? "(not set)"}`
      : null;
    const attrLines = groups.map((a) => {
      const shown = a.short.join(", ");
      const more =
        a.valueCount > a.values.length ? ` … and ${fmtNumber(a.valueCount - a.values.length)} more` : "";
      const count = a.valueCount > 1 ? ` (${fmtNumber(a.valueCount)} values)` : "";
      return `- ${a.name}${count}: ${shown}${more}${a.from ? `  ← ${a.from}` : ""}`;
    });
    const text = [
      `${o.type?.name ?? "Object"} "${o.displayName ?? o.id}"`,
      fields([
        ["id", o.id],
        ["status", `${o.status}, ${o.origin}`],
        ["created", o.created],
        ["last updated", o.lastUpdated],
        ["deletion", pendingDeletion],
        ["last connector disconnected", o.lastConnectorDisconnectedDate],
      ]),
      `Attributes (${attributes.length}):`,
      ...(attrLines.length ? attrLines : ["(none)"]),
      `Connected objects (${connectedObjects.length}):`,
      table(connectedObjects, [
        ["system", (c) => c.system],
        ["display name", (c) => c.displayName],
        ["object id", (c) => c.id],
      ]),
    ].join("\n");
    return {
      structured: {
        id: o.id,
        displayName: o.displayName,
        type: o.type?.name ?? "",
        status: o.status,
        pendingDeletion,
        attributes,
        connectedObjects,
      },
      text,
    };
  },
});
