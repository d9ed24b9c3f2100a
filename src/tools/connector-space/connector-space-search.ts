import * as z from "zod";
import {
  CSO_JOIN_TYPES,
  CSO_SORT_FIELDS,
  CSO_STATUSES,
  searchConnectorSpace,
} from "../../jim/connector-space.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { connectedSystem, INT_MAX, page, pageSize, pagingOutput } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

export const connectorSpaceSearch = defineTool({
  name: "connector_space_search",
  title: "Search a connector space",
  description: "Finds a connected system's connector-space objects by text, status, type or join.",
  toolset: "connector_space",
  kind: "read",
  input: z.object({
    connectedSystemId: connectedSystem,
    search: z.string().min(1).max(200).optional().describe("Text in name or external id."),
    status: z.enum(CSO_STATUSES).optional().describe("Status."),
    joinType: z.enum(CSO_JOIN_TYPES).optional().describe("Join state."),
    objectTypeId: z.number().int().min(1).max(INT_MAX).optional().describe("Type id (object_type_list)."),
    sortBy: z.enum(CSO_SORT_FIELDS).optional().describe("Default: created."),
    sortDescending: z.boolean().default(true).describe("Default true."),
    page,
    pageSize: pageSize(50),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        displayName: z.string().nullable(),
        externalId: z.string().nullable(),
        type: z.string(),
        status: z.string(),
        joinType: z.string(),
        pendingExportId: z.string().nullable(),
      }),
    ),
  }),
  async handler({ connectedSystemId: ref, ...q }, ctx) {
    const { id: csId } = await resolveConnectedSystem(ctx, ref);
    const env = await searchConnectorSpace(ctx.jim(), csId, q, ctx.signal);
    const items = env.items.map((c) => ({
      id: c.id,
      displayName: c.displayName ?? c.pendingDisplayName,
      externalId: c.externalIdValue ?? c.secondaryExternalIdValue ?? c.pendingSecondaryExternalId,
      type: c.typeName,
      status: c.status,
      joinType: c.joinType,
      pendingExportId: c.hasPendingExport ? c.pendingExportId : null,
    }));
    const paging = pagingOf(env);
    const text = [
      table(items, [
        ["id", (c) => c.id],
        ["name", (c) => c.displayName],
        ["external id", (c) => c.externalId],
        ["type", (c) => c.type],
        ["status", (c) => c.status],
        ["join", (c) => c.joinType],
        ["pending export", (c) => (c.pendingExportId ? "yes" : "")],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
