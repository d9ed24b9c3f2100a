import * as z from "zod";
import { collectExecutionItems } from "../../jim/activities.js";
import { defineTool } from "../define.js";
import { fmtNumber, pageFooter, table } from "../format/text.js";
import { activityId as activityIdInput, page, pageSize, pagingOutput } from "../params.js";

/** At most this many pages of 100 are read to sort errors first (JIM pages items in its own order). */
export const ITEM_PAGE_CAP = 20;

/**
 * An item failed when it carries an error type. JIM's entity defaults the type to
 * NotSet rather than null, so NotSet means "no error" just as null does.
 */
export function isErrored(item: { errorType: string | null }): boolean {
  return item.errorType !== null && item.errorType !== undefined && item.errorType !== "NotSet";
}

export const activityItemList = defineTool({
  name: "activity_item_list",
  title: "List a run's object items",
  description: "Lists the objects a run touched, errored ones first, with change type, error and outcome.",
  toolset: "activities",
  kind: "read",
  input: z.object({ activityId: activityIdInput, page, pageSize: pageSize(25) }),
  output: pagingOutput.extend({
    errorCount: z.number().int(),
    itemsRead: z.number().int(),
    items: z.array(
      z.object({
        displayName: z.string().nullable(),
        externalId: z.string().nullable(),
        objectType: z.string().nullable(),
        change: z.string(),
        error: z.string().nullable(),
        outcome: z.string().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const all = await collectExecutionItems(ctx.jim(), args.activityId, ITEM_PAGE_CAP, ctx.signal);
    // Array.prototype.sort is stable: within each group JIM's order is kept.
    const sorted = [...all.items].sort((a, b) => Number(isErrored(b)) - Number(isErrored(a)));
    const errorCount = sorted.filter(isErrored).length;
    const from = (args.page - 1) * args.pageSize;
    const items = sorted.slice(from, from + args.pageSize).map((i) => ({
      displayName: i.displayName,
      externalId: i.externalIdValue,
      objectType: i.connectedSystemObjectType,
      change: i.objectChangeType,
      error: isErrored(i) ? i.errorType : null,
      outcome: i.outcomeSummary,
    }));
    const paging = {
      page: args.page,
      pageSize: args.pageSize,
      totalCount: all.totalCount,
      hasNextPage: from + args.pageSize < sorted.length,
    };
    const head = all.stoppedEarly
      ? `${fmtNumber(all.totalCount)} items; only the first ${fmtNumber(sorted.length)} were read (cap ${ITEM_PAGE_CAP} pages), ${fmtNumber(errorCount)} of them with errors, shown first. Errors among the rest are not shown here${ctx.exposes("activity_get") ? "; the run's totals are in activity_get" : ""}.`
      : `${fmtNumber(all.totalCount)} items, ${fmtNumber(errorCount)} with errors (shown first).`;
    const lines = [
      head,
      table(items, [
        ["object", (i) => i.displayName],
        ["external id", (i) => i.externalId],
        ["type", (i) => i.objectType],
        ["change", (i) => (i.change === "NotSet" ? null : i.change)],
        ["error", (i) => i.error],
        ["outcome", (i) => i.outcome],
      ]),
    ];
    if (items.length || all.totalCount === 0) lines.push(pageFooter({ ...paging, shown: items.length }));
    else lines.push(`page ${args.page} is past the last of the ${fmtNumber(sorted.length)} items read.`);
    return {
      structured: { ...paging, errorCount, itemsRead: sorted.length, items },
      text: lines.join("\n"),
    };
  },
});
