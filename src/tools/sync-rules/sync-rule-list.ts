import * as z from "zod";
import { asPage } from "../../jim/paging.js";
import { listSyncRules, type SyncRuleHeader } from "../../jim/sync-rules.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { connectedSystem, page, pageSize, pagingOutput } from "../params.js";
import { optional, resolveConnectedSystem } from "../resolve.js";
import { actionOf, typesOf } from "./shared.js";

export const syncRuleList = defineTool({
  name: "sync_rule_list",
  title: "List sync rules",
  description: "Lists sync rules: system, direction, object types, project/provision, enabled.",
  toolset: "sync_rules",
  kind: "read",
  input: z.object({
    connectedSystemId: connectedSystem.optional(),
    direction: z.enum(["Import", "Export"]).optional().describe("Filter."),
    actionType: z.enum(["Projects", "Provisions", "FlowOnly"]).optional().describe("Filter."),
    enabled: z.boolean().optional().describe("Filter."),
    search: z.string().max(200).optional().describe("Text in name or description."),
    page,
    pageSize: pageSize(25),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        system: z.string(),
        direction: z.string(),
        objectTypes: z.string(),
        action: z.string(),
        enabled: z.boolean(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const cs = await optional(args.connectedSystemId, (v) => resolveConnectedSystem(ctx, v));
    const data = await listSyncRules(
      ctx.jim(),
      {
        page: args.page,
        pageSize: args.pageSize,
        connectedSystemIds: cs?.id,
        directions: args.direction,
        actionTypes: args.actionType,
        statuses: args.enabled === undefined ? undefined : args.enabled ? "Enabled" : "Disabled",
        search: args.search,
      },
      ctx.signal,
    );
    const env = asPage<SyncRuleHeader>(data, args.page, args.pageSize);
    const items = env.items.map((r) => ({
      id: r.id,
      name: r.name,
      system: r.connectedSystemName,
      direction: r.direction,
      objectTypes: typesOf(r),
      action: actionOf(r),
      enabled: r.enabled,
    }));
    const paging = pagingOf(env);
    const text = [
      table(items, [
        ["id", (r) => r.id],
        ["name", (r) => r.name],
        ["system", (r) => r.system],
        ["direction", (r) => r.direction],
        ["object types", (r) => r.objectTypes],
        ["action", (r) => r.action],
        ["enabled", (r) => (r.enabled ? "yes" : "no")],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
