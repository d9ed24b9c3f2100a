import * as z from "zod";
import { getPendingDeletionSummary, listPendingDeletions } from "../../jim/metaverse.js";
import { fmtWhen } from "../activities/activity-rows.js";
import { defineTool } from "../define.js";
import { fmtNumber, pageFooter, pagingOf, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";
import { optional, resolveMetaverseObjectType } from "../resolve.js";
import { objectTypeId } from "./shared.js";

const STATE_TEXT: Record<string, string> = {
  Deprovisioning: "deprovisioning",
  AwaitingGracePeriod: "awaiting grace period",
  ReadyForDeletion: "ready",
};

export const pendingDeletionList = defineTool({
  name: "pending_deletion_list",
  title: "List pending deletions",
  description:
    "Lists metaverse objects scheduled for deletion, with counts by state and when each becomes eligible.",
  toolset: "metaverse",
  kind: "read",
  input: z.object({ objectTypeId: objectTypeId.optional(), page, pageSize: pageSize(25) }),
  output: pagingOutput.extend({
    summary: z.object({ deprovisioning: z.number(), awaitingGracePeriod: z.number(), ready: z.number() }),
    items: z.array(
      z.object({
        id: z.string(),
        displayName: z.string().nullable(),
        type: z.string(),
        state: z.string(),
        eligible: z.string().nullable(),
        daysLeft: z.number().nullable(),
        connectors: z.number(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    const type = await optional(args.objectTypeId, (v) => resolveMetaverseObjectType(ctx, v));
    const [env, sum] = await Promise.all([
      listPendingDeletions(jim, type?.id, args.page, args.pageSize, ctx.signal),
      getPendingDeletionSummary(jim, ctx.signal),
    ]);
    const items = env.items.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      type: p.type?.name ?? "",
      state: p.status,
      eligible: p.deletionEligibleDate,
      daysLeft: p.daysUntilDeletion ?? null,
      connectors: p.connectedSystemObjectCount ?? 0,
    }));
    const summary = {
      deprovisioning: sum.deprovisioningCount ?? 0,
      awaitingGracePeriod: sum.awaitingGracePeriodCount ?? 0,
      ready: sum.readyForDeletionCount ?? 0,
    };
    const paging = pagingOf(env);
    const text = [
      `Pending deletion, all types: ${fmtNumber(sum.totalCount)} — ${fmtNumber(summary.deprovisioning)} deprovisioning (still connected), ${fmtNumber(summary.awaitingGracePeriod)} awaiting grace period, ${fmtNumber(summary.ready)} ready.${type ? ` Of object type ${type.name ?? type.id}: ${fmtNumber(env.totalCount)}.` : ""}`,
      table(items, [
        ["display name", (p) => p.displayName],
        ["type", (p) => p.type],
        ["state", (p) => STATE_TEXT[p.state] ?? p.state],
        ["eligible (UTC)", (p) => fmtWhen(p.eligible)],
        [
          "days left",
          (p) => (p.daysLeft !== null && p.daysLeft < 0 ? `${p.daysLeft} (overdue)` : p.daysLeft),
        ],
        ["connectors", (p) => p.connectors],
        ["id", (p) => p.id],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, summary, items }, text };
  },
});
