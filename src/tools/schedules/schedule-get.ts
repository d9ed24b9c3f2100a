import * as z from "zod";
import { getSchedule } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { fields } from "../format/text.js";
import { resolveSchedule } from "../resolve.js";
import { describeSteps, scheduleId, stepsTable } from "./shared.js";

export const scheduleGet = defineTool({
  name: "schedule_get",
  title: "Get a schedule",
  description: "Shows one schedule: trigger, last and next run, and its ordered steps.",
  toolset: "schedules",
  kind: "read",
  input: z.object({ scheduleId }),
  output: z.object({
    schedule: z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      enabled: z.boolean(),
      trigger: z.string(),
      nextRun: z.string().nullable(),
      lastRun: z.string().nullable(),
      lastStatus: z.string().nullable(),
      lastExecutionId: z.string().nullable(),
    }),
    steps: z.array(
      z.object({
        index: z.number(),
        mode: z.string(),
        type: z.string(),
        label: z.string(),
        runType: z.string().nullable(),
        continueOnFailure: z.boolean(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveSchedule(ctx, args.scheduleId);
    const s = await getSchedule(jim, id, ctx.signal);
    const steps = await describeSteps(jim, s.steps, ctx.signal);
    const schedule = {
      id: s.id,
      name: s.name,
      description: s.description,
      enabled: s.isEnabled,
      trigger: s.triggerType === "Cron" ? `cron ${s.cronExpression ?? "?"}` : "manual",
      nextRun: s.nextRunTime,
      lastRun: s.lastRunTime,
      lastStatus: s.lastExecutionStatus,
      lastExecutionId: s.lastExecutionId,
    };
    const text = [
      `Schedule "${s.name}" (id ${s.id}) · ${s.isEnabled ? "enabled" : "DISABLED"} · ${schedule.trigger}`,
      fields([
        ["description", s.description],
        ["next run", s.nextRunTime],
        [
          "last run",
          s.lastRunTime
            ? `${s.lastRunTime} · ${s.lastExecutionStatus ?? "?"}${s.lastExecutionId ? ` (execution ${s.lastExecutionId})` : ""}`
            : null,
        ],
        ["last error", s.lastExecutionErrorMessage],
      ]),
      `Steps (${steps.length}; ∥ runs alongside the step before):`,
      stepsTable(steps),
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { schedule, steps }, text };
  },
});
