import * as z from "zod";
import { asPage } from "../../jim/paging.js";
import { listSchedules, type ScheduleDto } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";

const SORT = { name: "name", enabled: "enabled", lastRun: "lastrun", nextRun: "nextrun" } as const;

export const scheduleList = defineTool({
  name: "schedule_list",
  title: "List schedules",
  description: "Lists schedules: trigger, steps, enabled, last outcome, next run.",
  toolset: "schedules",
  kind: "read",
  input: z.object({
    search: z.string().max(200).optional().describe("Text in name or description."),
    sortBy: z.enum(["name", "enabled", "lastRun", "nextRun"]).optional().describe("Default: creation."),
    sortDescending: z.boolean().default(false).describe("Reverse."),
    page,
    pageSize: pageSize(20),
  }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        enabled: z.boolean(),
        trigger: z.string(),
        steps: z.number(),
        lastRun: z.string().nullable(),
        lastStatus: z.string().nullable(),
        nextRun: z.string().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const data = await listSchedules(
      ctx.jim(),
      {
        page: args.page,
        pageSize: args.pageSize,
        search: args.search,
        sortBy: args.sortBy ? SORT[args.sortBy] : undefined,
        sortDescending: args.sortDescending || undefined,
      },
      ctx.signal,
    );
    const env = asPage<ScheduleDto>(data, args.page, args.pageSize);
    const items = env.items.map((s) => ({
      id: s.id,
      name: s.name,
      enabled: s.isEnabled,
      trigger: s.triggerType === "Cron" ? `cron ${s.cronExpression ?? "?"}` : "manual",
      steps: s.stepCount,
      lastRun: s.lastRunTime,
      lastStatus: s.lastExecutionStatus,
      nextRun: s.nextRunTime,
    }));
    const paging = pagingOf(env);
    // JIM reports totalCount 0 for a page past the end, not the real total.
    const pastEnd = items.length === 0 && args.page > 1;
    const text = [
      table(items, [
        ["id", (s) => s.id],
        ["name", (s) => s.name],
        ["enabled", (s) => (s.enabled ? "yes" : "no")],
        ["trigger", (s) => s.trigger],
        ["steps", (s) => s.steps],
        ["last run", (s) => (s.lastRun ? `${s.lastRun} ${s.lastStatus ?? ""}` : null)],
        ["next run", (s) => s.nextRun],
      ]),
      pastEnd
        ? `Page ${args.page} is past the end of the list; start again at page=1.`
        : pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
