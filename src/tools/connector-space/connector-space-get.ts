import * as z from "zod";
import { getConnectorSpaceObject, valueText } from "../../jim/connector-space.js";
import { defineTool } from "../define.js";
import { fields, table } from "../format/text.js";
import { connectedSystem, guid } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

/** Values shown per attribute; the rest are counted and can be paged through api_get. */
const SHOWN = 10;

export const connectorSpaceGet = defineTool({
  name: "connector_space_get",
  title: "Get a connector-space object",
  description: "Shows one connector-space object with its join and attribute values.",
  toolset: "connector_space",
  kind: "read",
  input: z.object({
    connectedSystemId: connectedSystem,
    id: guid("Object id (connector_space_search)."),
  }),
  output: z.object({
    id: z.string(),
    displayName: z.string().nullable(),
    type: z.string(),
    status: z.string(),
    joinType: z.string(),
    metaverseObject: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
    attributes: z.array(z.object({ name: z.string(), values: z.array(z.string()), totalCount: z.number() })),
  }),
  async handler(args, ctx) {
    const { id: csId } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const cso = await getConnectorSpaceObject(ctx.jim(), csId, args.id, ctx.signal);
    const grouped = new Map<string, string[]>();
    for (const v of cso.attributeValues ?? []) {
      const list = grouped.get(v.attributeName) ?? [];
      list.push(valueText(v));
      grouped.set(v.attributeName, list);
    }
    const totals = new Map((cso.attributeValueSummaries ?? []).map((s) => [s.attributeName, s.totalCount]));
    const attributes = [...grouped].map(([name, values]) => ({
      name,
      values: values.slice(0, SHOWN),
      totalCount: Math.max(totals.get(name) ?? 0, values.length),
    }));
    const out = {
      id: cso.id,
      displayName: cso.displayName,
      type: cso.typeName,
      status: cso.status,
      joinType: cso.joinType,
      metaverseObject: cso.metaverseObjectId
        ? { id: cso.metaverseObjectId, displayName: cso.metaverseObjectDisplayName }
        : null,
      attributes,
    };
    const more = attributes.filter((a) => a.totalCount > a.values.length);
    const valuesPath = `/synchronisation/connected-systems/${cso.connectedSystemId}/connector-space/${cso.id}/attributes/{name}/values`;
    const text = [
      fields([
        ["object", `${cso.displayName ?? "(no display name)"} (${cso.typeName}, id ${cso.id})`],
        ["connected system", `${cso.connectedSystemName} (id ${cso.connectedSystemId})`],
        ["status", cso.status],
        [
          "join",
          out.metaverseObject
            ? `${cso.joinType} to metaverse object ${out.metaverseObject.displayName ?? ""} (${out.metaverseObject.id})`
            : cso.joinType,
        ],
        ["last updated", cso.lastUpdated],
      ]),
      table(attributes, [
        ["attribute", (a) => a.name],
        [
          "values",
          (a) =>
            `${a.values.join("; ")}${a.totalCount > a.values.length ? ` … (${a.values.length} of ${a.totalCount})` : ""}`,
        ],
      ]),
      more.length
        ? `Some attributes hold more values than shown (JIM caps them here too). Page them with api_get path=${valuesPath} (page, pageSize, search).`
        : "",
    ].filter(Boolean);
    return { structured: out, text: text.join("\n") };
  },
});
