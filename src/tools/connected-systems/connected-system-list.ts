import * as z from "zod";
import { asPage } from "../../jim/paging.js";
import type { ConnectedSystemHeader } from "../../jim/types.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

export const connectedSystemList = defineTool({
  name: "connected_system_list",
  title: "List connected systems",
  description:
    "Lists connected systems (HR feeds, directories, databases) with connector, status, object and pending-export counts.",
  toolset: "connected_systems",
  kind: "read",
  input: z.object({ page, pageSize: pageSize(25) }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        connector: z.string(),
        status: z.string(),
        objectCount: z.number(),
        pendingExports: z.number(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const data = await ctx.jim().get<unknown>("/synchronisation/connected-systems", {
      query: { page: args.page, pageSize: args.pageSize },
      signal: ctx.signal,
    });
    const env = asPage<ConnectedSystemHeader>(data, args.page, args.pageSize);
    const items = env.items.map((c) => ({
      id: c.id,
      name: c.name,
      connector: c.connectorName,
      status: c.status,
      objectCount: c.objectCount,
      pendingExports: c.pendingExportObjectsCount,
    }));
    const paging = pagingOf(env);
    const text = [
      table(items, [
        ["id", (c) => c.id],
        ["name", (c) => c.name],
        ["connector", (c) => c.connector],
        ["status", (c) => c.status],
        ["objects", (c) => c.objectCount],
        ["pending exports", (c) => c.pendingExports],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
