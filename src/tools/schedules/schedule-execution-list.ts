import * as z from "zod";
import { asPage } from "../../jim/paging.js";
import { listActiveExecutions, listExecutions, type ScheduleExecutionDto } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { pageFooter, table } from "../format/text.js";
import { guidOrName, page, pageSize, pagingOutput } from "../params.js";
import { optional, resolveSchedule } from "../resolve.js";

export const scheduleExecutionList = defineTool({
  name: "schedule_execution_list",
  title: "List schedule executions",
  description: "Lists schedule runs, newest first, with status and the step reached.",
  toolset: "schedules",
  kind: "read",
  input: z.object({
    scheduleId: guidOrName("Only this schedule's runs: id or name (schedule_list).").optional(),
    activeOnly: z.boolean().default(false).describe("Only queued or running executions."),
    page,
    pageSize: pageSize(20),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        schedule: z.string(),
        status: z.string(),
        step: z.string(),
        queuedAt: z.string(),
        completedAt: z.string().nullable(),
        initiatedBy: z.string().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    const schedule = await optional(args.scheduleId, (v) => resolveSchedule(ctx, v));
    const scheduleGuid = schedule?.id;
    let rows: ScheduleExecutionDto[];
    let paging: { page: number; pageSize: number; totalCount: number; hasNextPage: boolean };
    if (args.activeOnly) {
      // A plain array: filtered and paged here.
      const all = (await listActiveExecutions(jim, ctx.signal)).filter(
        (e) => !scheduleGuid || e.scheduleId.toLowerCase() === scheduleGuid.toLowerCase(),
      );
      rows = all.slice((args.page - 1) * args.pageSize, args.page * args.pageSize);
      paging = {
        page: args.page,
        pageSize: args.pageSize,
        totalCount: all.length,
        hasNextPage: args.page * args.pageSize < all.length,
      };
    } else {
      const data = await listExecutions(
        jim,
        { page: args.page, pageSize: args.pageSize, scheduleId: scheduleGuid },
        ctx.signal,
      );
      const env = asPage<ScheduleExecutionDto>(data, args.page, args.pageSize);
      rows = env.items;
      paging = {
        page: env.page,
        pageSize: env.pageSize,
        totalCount: env.totalCount,
        hasNextPage: env.hasNextPage,
      };
    }
    const items = rows.map((e) => ({
      id: e.id,
      schedule: e.scheduleName,
      status: e.status,
      step: `${Math.min(e.currentStepIndex + 1, Math.max(e.totalSteps, 1))} of ${e.totalSteps}`,
      queuedAt: e.queuedAt,
      completedAt: e.completedAt,
      initiatedBy: e.initiatedByName ?? e.initiatedByType ?? null,
    }));
    const pastEnd = items.length === 0 && args.page > 1;
    const text = [
      table(items, [
        ["id", (e) => e.id],
        ["schedule", (e) => e.schedule],
        ["status", (e) => e.status],
        ["step", (e) => e.step],
        ["queued", (e) => e.queuedAt],
        ["completed", (e) => e.completedAt],
        ["by", (e) => e.initiatedBy],
      ]),
      pastEnd
        ? `Page ${args.page} is past the end of the list; start again at page=1.`
        : pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
