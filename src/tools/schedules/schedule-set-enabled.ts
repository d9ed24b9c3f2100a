import * as z from "zod";
import { setScheduleEnabled } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { resolveSchedule } from "../resolve.js";
import { changeReason, scheduleId } from "./shared.js";

export const scheduleSetEnabled = defineTool({
  name: "schedule_set_enabled",
  title: "Enable or disable a schedule",
  description: "Turns a schedule's automatic runs on or off.",
  toolset: "schedules",
  kind: "write",
  idempotent: true,
  input: z.object({
    scheduleId,
    enabled: z.boolean().describe("true runs it on its trigger; false stops automatic runs."),
    changeReason,
  }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    nextRun: z.string().nullable(),
  }),
  async handler(args, ctx) {
    const { id } = await resolveSchedule(ctx, args.scheduleId);
    const s = await setScheduleEnabled(ctx.jim(), id, args.enabled, args.changeReason, ctx.signal);
    const out = { id: s.id, name: s.name, enabled: s.isEnabled, nextRun: s.nextRunTime };
    const text = s.isEnabled
      ? `Schedule "${s.name}" is enabled.${s.nextRunTime ? ` Next run: ${s.nextRunTime}.` : s.triggerType === "Manual" ? " It has a manual trigger, so it only runs with schedule_run." : ""}`
      : `Schedule "${s.name}" is disabled; it will not run on its own until enabled again.`;
    return { structured: out, text };
  },
});
