import * as z from "zod";
import { deleteSchedule, getSchedule } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { resolveSchedule } from "../resolve.js";
import { changeReason, describeSteps, scheduleId } from "./shared.js";

export const scheduleDelete = defineTool({
  name: "schedule_delete",
  title: "Delete a schedule",
  description: "Deletes a schedule and its steps (built-in ones cannot be deleted).",
  toolset: "schedules",
  kind: "destructive",
  input: z.object({ scheduleId, changeReason }),
  output: z.object({ id: z.string(), name: z.string(), deleted: z.boolean() }),
  async consent(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveSchedule(ctx, args.scheduleId);
    const s = await getSchedule(jim, id, ctx.signal);
    const steps = await describeSteps(jim, s.steps, ctx.signal);
    return {
      summary: `Delete schedule "${s.name}" (id ${s.id}) with ${s.steps.length} step(s)? This cannot be undone.`,
      preview: {
        schedule: `${s.name} (id ${s.id})`,
        enabled: s.isEnabled,
        trigger: s.triggerType === "Cron" ? `cron ${s.cronExpression}` : "manual",
        steps: steps.map((x) => `${x.index + 1}. ${x.label}`),
        lastRun: s.lastRunTime,
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveSchedule(ctx, args.scheduleId);
    const s = await getSchedule(jim, id, ctx.signal);
    await deleteSchedule(jim, id, args.changeReason, ctx.signal);
    return {
      structured: { id: s.id, name: s.name, deleted: true },
      text: `Deleted schedule "${s.name}" (id ${s.id}) and its ${s.steps.length} step(s).`,
    };
  },
});
