import * as z from "zod";
import { asPage } from "../../jim/paging.js";
import { type DataFlowHeader, listDataFlows } from "../../jim/sync-rules.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { connectedSystem, page, pageSize, pagingOutput } from "../params.js";
import { optional, resolveConnectedSystem } from "../resolve.js";

function sourceText(f: DataFlowHeader): string {
  return [...(f.sources ?? [])]
    .sort((a, b) => a.order - b.order)
    .map(
      (s) =>
        s.connectedSystemAttributeName ??
        s.metaverseAttributeName ??
        (s.expression ? `expr: ${s.expression}` : "?"),
    )
    .join(", ");
}

export const dataFlowList = defineTool({
  name: "data_flow_list",
  title: "List data flows",
  description: "Lists attribute flows across systems: which attribute feeds which, by which sync rule.",
  toolset: "sync_rules",
  kind: "read",
  input: z.object({
    connectedSystemId: connectedSystem.optional(),
    direction: z.enum(["Import", "Export"]).optional().describe("Filter."),
    multipleContributorsOnly: z.boolean().optional().describe("Only targets fed by several flows."),
    search: z.string().max(200).optional().describe("Text in rule, system or attribute names."),
    page,
    pageSize: pageSize(25),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        system: z.string(),
        direction: z.string(),
        objectTypes: z.string(),
        source: z.string(),
        target: z.string(),
        rule: z.string(),
        ruleId: z.number(),
        contributors: z.number().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const cs = await optional(args.connectedSystemId, (v) => resolveConnectedSystem(ctx, v));
    const data = await listDataFlows(
      ctx.jim(),
      {
        page: args.page,
        pageSize: args.pageSize,
        connectedSystemId: cs?.id,
        direction: args.direction,
        multipleContributorsOnly: args.multipleContributorsOnly,
        search: args.search,
      },
      ctx.signal,
    );
    const env = asPage<DataFlowHeader>(data, args.page, args.pageSize);
    const items = env.items.map((f) => {
      const isExport = f.direction === "Export";
      return {
        system: f.connectedSystemName,
        direction: f.direction,
        objectTypes: isExport
          ? `${f.metaverseObjectTypeName} → ${f.connectedSystemObjectTypeName}`
          : `${f.connectedSystemObjectTypeName} → ${f.metaverseObjectTypeName}`,
        source: sourceText(f),
        target: (isExport ? f.targetConnectedSystemAttributeName : f.targetMetaverseAttributeName) ?? "?",
        rule: `${f.syncRuleName}${f.syncRuleEnabled ? "" : " (disabled)"}`,
        ruleId: f.syncRuleId,
        contributors: f.contributorCount ?? null,
      };
    });
    const paging = pagingOf(env);
    const text = [
      table(items, [
        ["system", (f) => f.system],
        ["dir", (f) => f.direction],
        ["object types", (f) => f.objectTypes],
        [
          "source → target",
          (f) =>
            `${f.source} → ${f.target}${(f.contributors ?? 0) > 1 ? ` (${f.contributors} contributors)` : ""}`,
        ],
        ["rule", (f) => `${f.rule} (id ${f.ruleId})`],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
