import * as z from "zod";
import { getConnectedSystem } from "../../jim/connected-systems.js";
import { countPendingExports, listPendingExports } from "../../jim/connector-space.js";
import { defineTool } from "../define.js";
import { fmtNumber, pageFooter, pagingOf, table } from "../format/text.js";
import { connectedSystem, page, pageSize, pagingOutput } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

export const pendingExportList = defineTool({
  name: "pending_export_list",
  title: "List pending exports",
  description: "Lists changes staged for a connected system's next export, with counts.",
  toolset: "connector_space",
  kind: "read",
  input: z.object({
    connectedSystemId: connectedSystem,
    search: z.string().min(1).max(200).optional().describe("Text in target name or id."),
    page,
    pageSize: pageSize(50),
  }),
  output: pagingOutput.extend({
    summary: z.object({ create: z.number(), update: z.number(), delete: z.number(), failed: z.number() }),
    items: z.array(
      z.object({
        id: z.string(),
        changeType: z.string(),
        status: z.string(),
        target: z.string().nullable(),
        attributeChanges: z.number(),
        errorCount: z.number(),
        lastError: z.string().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const [cs, env, create, update, del, failed] = await Promise.all([
      getConnectedSystem(jim, id, ctx.signal),
      listPendingExports(
        jim,
        id,
        { page: args.page, pageSize: args.pageSize, search: args.search },
        ctx.signal,
      ),
      countPendingExports(jim, id, { changeType: "Create" }, ctx.signal),
      countPendingExports(jim, id, { changeType: "Update" }, ctx.signal),
      countPendingExports(jim, id, { changeType: "Delete" }, ctx.signal),
      countPendingExports(jim, id, { status: "Failed" }, ctx.signal),
    ]);
    const summary = { create, update, delete: del, failed };
    const items = env.items.map((p) => ({
      id: p.id,
      changeType: p.changeType,
      status: p.status,
      target: p.targetObjectIdentifier ?? p.sourceMetaverseObjectDisplayName,
      attributeChanges: p.attributeChangeCount,
      errorCount: p.errorCount,
      lastError: p.lastErrorMessage,
    }));
    const paging = pagingOf(env);
    const total = create + update + del;
    const text = [
      `Pending exports of "${cs.name}" (id ${cs.id}): ${fmtNumber(total)} — ${fmtNumber(create)} create, ${fmtNumber(update)} update, ${fmtNumber(del)} delete; ${fmtNumber(failed)} failed.`,
      table(items, [
        ["id", (p) => p.id],
        ["change", (p) => p.changeType],
        ["status", (p) => p.status],
        ["target", (p) => p.target],
        ["attrs", (p) => p.attributeChanges],
        ["last error", (p) => (p.lastError ? `${p.lastError} (${p.errorCount} tries)` : "")],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, summary, items }, text };
  },
});
