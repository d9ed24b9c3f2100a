import * as z from "zod";
import { listDeletedObjects } from "../../jim/history.js";
import { defineTool } from "../define.js";
import { pageFooter, table } from "../format/text.js";
import { idOrName, page, pageSize, pagingOutput } from "../params.js";
import { optional, resolveConnectedSystem } from "../resolve.js";
import { fmtDate } from "../security/when.js";

export const deletedObjectList = defineTool({
  name: "deleted_object_list",
  title: "List deleted objects",
  description:
    "Lists deleted Metaverse (mvo) or connector-space (cso) objects, newest first, with who deleted them.",
  toolset: "history",
  kind: "read",
  input: z.object({
    kind: z.enum(["mvo", "cso"]).default("mvo").describe("mvo (default) or cso."),
    connectedSystemId: idOrName("cso only: this system, id or name (connected_system_list).").optional(),
    search: z.string().max(200).optional().describe("Text in the name (mvo) or external id (cso)."),
    page,
    pageSize: pageSize(50),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        type: z.string().nullable(),
        externalId: z.string().nullable(),
        system: z.string().nullable(),
        deletedAt: z.string(),
        by: z.string().nullable(),
      }),
    ),
  }),
  check(args) {
    if (args.kind === "mvo" && args.connectedSystemId !== undefined)
      return "connectedSystemId needs kind cso.";
    return undefined;
  },
  async handler(args, ctx) {
    const cso = args.kind === "cso";
    const cs = await optional(args.connectedSystemId, (v) => resolveConnectedSystem(ctx, v));
    const env = await listDeletedObjects(
      ctx.jim(),
      args.kind,
      {
        page: args.page,
        pageSize: args.pageSize,
        ...(cso
          ? { connectedSystemId: cs?.id, externalIdSearch: args.search }
          : { displayNameSearch: args.search }),
      },
      ctx.signal,
    );
    const items = env.items.map((x) => ({
      id: x.id,
      name: x.displayName,
      type: x.objectTypeName,
      externalId: x.externalId ?? null,
      system:
        x.connectedSystemName ?? (x.connectedSystemId !== undefined ? `id ${x.connectedSystemId}` : null),
      deletedAt: x.changeTime,
      by: x.initiatedByName ?? x.initiatedByType ?? null,
    }));
    // This envelope has no hasNextPage: work it out from the total.
    const paging = {
      page: env.page ?? args.page,
      pageSize: env.pageSize ?? args.pageSize,
      totalCount: env.totalCount,
      hasNextPage: (env.page ?? args.page) * (env.pageSize ?? args.pageSize) < env.totalCount,
    };
    const columns: Array<[string, (x: (typeof items)[number]) => unknown]> = [
      ["deleted", (x) => fmtDate(x.deletedAt)],
      ["name", (x) => x.name],
      ["type", (x) => x.type],
      ...(cso
        ? ([
            ["system", (x) => x.system],
            ["external id", (x) => x.externalId],
          ] as Array<[string, (x: (typeof items)[number]) => unknown]>)
        : []),
      ["by", (x) => x.by],
    ];
    const text = [table(items, columns), pageFooter({ ...paging, shown: items.length })].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
