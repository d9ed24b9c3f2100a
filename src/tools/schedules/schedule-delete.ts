import * as z from "zod";
import { deleteSchedule, getSchedule, type ScheduleDetailDto } from "../../jim/schedules.js";
import { defineTool, type ToolContext } from "../define.js";
import { resolveSchedule } from "../resolve.js";
import { changeReason, describeSteps, scheduleId } from "./shared.js";

/**
 * Why JIM will refuse to delete this schedule, when it is one of JIM's own. The schedule DTO has no
 * built-in flag; JIM's own schedule is the one that runs its temporal scope reconciliation job, a
 * step type only JIM itself schedules.
 */
export function builtInReason(s: ScheduleDetailDto, ctx: ToolContext): string | undefined {
  if (!s.steps.some((st) => st.stepType === "TemporalScopeReconciliation")) return undefined;
  const instead = ctx.exposes("schedule_set_enabled")
    ? ` To stop its automatic runs, disable it: schedule_set_enabled {"scheduleId":"${s.id}","enabled":false}.`
    : " It can be disabled instead.";
  return `"${s.name}" (id ${s.id}) is one of JIM's built-in schedules (it runs JIM's temporal scope reconciliation), and JIM never deletes a built-in schedule.${instead}`;
}

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
    const s = await ctx.memo(`schedule:${id}`, () => getSchedule(jim, id, ctx.signal));
    const blockedReason = builtInReason(s, ctx);
    const steps = blockedReason ? [] : await describeSteps(jim, s.steps, ctx.signal);
    return {
      summary: `Delete schedule "${s.name}" (id ${s.id}) with ${s.steps.length} step(s)? This cannot be undone.`,
      preview: {
        schedule: `${s.name} (id ${s.id})`,
        enabled: s.isEnabled,
        trigger: s.triggerType === "Cron" ? `cron ${s.cronExpression}` : "manual",
        steps: steps.map((x) => `${x.index + 1}. ${x.label}`),
        lastRun: s.lastRunTime,
      },
      blockedReason,
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveSchedule(ctx, args.scheduleId);
    const s = await ctx.memo(`schedule:${id}`, () => getSchedule(jim, id, ctx.signal));
    await deleteSchedule(jim, id, args.changeReason, ctx.signal);
    return {
      structured: { id: s.id, name: s.name, deleted: true },
      text: `Deleted schedule "${s.name}" (id ${s.id}) and its ${s.steps.length} step(s).`,
    };
  },
});
