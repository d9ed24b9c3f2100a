import * as z from "zod";
import {
  getSchedule,
  replaceSchedule,
  type ScheduleDetailDto,
  type ScheduleStepRequest,
  toUpdateRequest,
} from "../../jim/schedules.js";
import { defineTool, ToolInputError } from "../define.js";
import { idOrName } from "../params.js";
import { resolveSchedule } from "../resolve.js";
import { checkRunProfileRef, findRunProfile } from "../run-profiles/resolve.js";
import { changeReason, describeSteps, scheduleId, stepsTable } from "./shared.js";

const input = z.object({
  scheduleId,
  name: z.string().trim().min(1).max(200).optional().describe("New name."),
  description: z.string().max(1000).optional().describe("Empty clears it."),
  triggerType: z.enum(["Cron", "Manual"]).optional().describe("Manual: only on demand."),
  cronExpression: z.string().max(100).optional().describe('UTC, e.g. "0 2 * * *".'),
  removeStep: z.number().int().min(1).max(1001).optional().describe("Step # (schedule_get) to remove."),
  appendRunProfileId: idOrName(
    "Run profile (run_profile_list) to add last; a name needs its system.",
  ).optional(),
  appendConnectedSystemId: idOrName("System of appendRunProfileId (id or name).").optional(),
  appendParallel: z.boolean().default(false).describe("Run it alongside the last step."),
  changeReason,
});
type Args = z.infer<typeof input>;

function removedSteps(s: ScheduleDetailDto, removeStep: number) {
  return s.steps.filter((st) => st.stepIndex === removeStep - 1);
}

export const scheduleUpdate = defineTool({
  name: "schedule_update",
  title: "Update a schedule",
  description:
    "Edits a schedule's name, trigger or steps; steps not mentioned are kept. Removing asks first.",
  toolset: "schedules",
  kind: "write",
  idempotent: false,
  input,
  output: z.object({ id: z.string(), name: z.string(), stepCount: z.number(), changes: z.array(z.string()) }),
  check(a: Args) {
    const any = [a.name, a.description, a.triggerType, a.cronExpression, a.removeStep, a.appendRunProfileId];
    if (any.every((v) => v === undefined)) {
      return "Nothing to change: give name, description, triggerType, cronExpression, removeStep or appendRunProfileId.";
    }
    if (a.appendConnectedSystemId !== undefined && a.appendRunProfileId === undefined) {
      return "appendConnectedSystemId goes with appendRunProfileId.";
    }
    if (a.appendRunProfileId !== undefined) {
      const ref = checkRunProfileRef({
        runProfileId: a.appendRunProfileId,
        connectedSystemId: a.appendConnectedSystemId,
      });
      if (ref) return ref.replace("connectedSystemId", "appendConnectedSystemId");
    }
    if (a.triggerType === "Manual" && a.cronExpression !== undefined) {
      return "cronExpression only applies with triggerType Cron.";
    }
    if (a.cronExpression !== undefined && a.cronExpression.trim().split(/\s+/).length !== 5) {
      return 'cronExpression needs five fields (minute hour day month weekday), e.g. "0 2 * * *".';
    }
    return undefined;
  },
  async destructiveWhen(args, ctx) {
    if (args.removeStep === undefined) return undefined;
    const jim = ctx.jim();
    const { id } = await resolveSchedule(ctx, args.scheduleId);
    const s = await getSchedule(jim, id, ctx.signal);
    const gone = removedSteps(s, args.removeStep);
    if (gone.length === 0) return undefined; // the handler reports the bad step number
    const labels = (await describeSteps(jim, gone, ctx.signal)).map((x) => x.label);
    return {
      summary: `Remove step ${args.removeStep} (${labels.join(" ∥ ")}) from schedule "${s.name}" (id ${s.id})? It is deleted from the schedule, which keeps ${s.steps.length - gone.length} step(s).`,
      preview: {
        schedule: `${s.name} (id ${s.id})`,
        removing: labels,
        stepsBefore: s.steps.length,
        stepsAfter: s.steps.length - gone.length + (args.appendRunProfileId ? 1 : 0),
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveSchedule(ctx, args.scheduleId);
    const s = await getSchedule(jim, id, ctx.signal);
    const body = toUpdateRequest(s);
    const changes: string[] = [];
    if (args.name !== undefined && args.name !== s.name) {
      body.name = args.name;
      changes.push(`name: "${s.name}" → "${args.name}"`);
    }
    if (args.description !== undefined) {
      body.description = args.description.trim() === "" ? null : args.description;
      changes.push(body.description === null ? "description cleared" : "description changed");
    }
    if (args.triggerType !== undefined && args.triggerType !== s.triggerType) {
      body.triggerType = args.triggerType;
      changes.push(`trigger: ${s.triggerType} → ${args.triggerType}`);
    }
    if (args.cronExpression !== undefined) {
      body.triggerType = "Cron";
      body.cronExpression = args.cronExpression.trim();
      // A hand-written cron replaces the portal's day/time pattern.
      body.patternType = "Custom";
      body.daysOfWeek = null;
      body.runTimes = null;
      body.intervalValue = null;
      body.intervalUnit = null;
      body.intervalWindowStart = null;
      body.intervalWindowEnd = null;
      changes.push(`cron: ${s.cronExpression ?? "(none)"} → ${body.cronExpression}`);
    }
    if (body.triggerType === "Cron" && !body.cronExpression) {
      throw new ToolInputError(
        "A Cron trigger needs cronExpression; this schedule has none stored. Nothing was sent to JIM.",
      );
    }
    if (args.removeStep !== undefined) {
      const idx = args.removeStep - 1;
      const gone = removedSteps(s, args.removeStep);
      if (gone.length === 0) {
        const have = [...new Set(s.steps.map((st) => st.stepIndex + 1))].sort((a, b) => a - b);
        throw new ToolInputError(
          `Schedule "${s.name}" has no step ${args.removeStep}; its steps are ${have.join(", ") || "none"} (schedule_get). Nothing was sent to JIM.`,
        );
      }
      body.steps = body.steps
        .filter((st) => st.stepIndex !== idx)
        .map((st) => (st.stepIndex > idx ? { ...st, stepIndex: st.stepIndex - 1 } : st));
      const labels = (await describeSteps(jim, gone, ctx.signal)).map((x) => x.label);
      changes.push(`removed step ${args.removeStep} (${labels.join(" ∥ ")})`);
    }
    if (args.appendRunProfileId !== undefined) {
      const { system, profile } = await findRunProfile(
        ctx,
        { runProfileId: args.appendRunProfileId, connectedSystemId: args.appendConnectedSystemId },
        { profile: "appendRunProfileId", system: "appendConnectedSystemId" },
      );
      const last = Math.max(-1, ...body.steps.map((st) => st.stepIndex));
      const parallel = args.appendParallel;
      if (parallel && last < 0) {
        throw new ToolInputError(
          "The schedule has no step to run alongside; use Sequential. Nothing was sent to JIM.",
        );
      }
      const step: ScheduleStepRequest = {
        id: null,
        stepIndex: parallel ? last : last + 1,
        name: null,
        executionMode: parallel ? "ParallelWithPrevious" : "Sequential",
        stepType: "RunProfile",
        continueOnFailure: false,
        timeoutSeconds: null,
        connectedSystemId: system.id,
        runProfileId: profile.id,
        scriptPath: null,
        executablePath: null,
        workingDirectory: null,
        arguments: null,
        sqlConnectionString: null,
        sqlScriptPath: null,
      };
      body.steps.push(step);
      changes.push(
        `added step ${step.stepIndex + 1}${parallel ? " ∥" : ""}: ${profile.name} on ${system.name}`,
      );
    }
    body.changeReason = args.changeReason;
    const after = await replaceSchedule(jim, id, body, ctx.signal);
    const trigger = after.triggerType === "Cron" ? `cron ${after.cronExpression ?? "?"}` : "manual";
    const steps = await describeSteps(jim, after.steps, ctx.signal);
    const warn =
      after.steps.length !== body.steps.length
        ? `\nWarning: JIM now reports ${after.steps.length} step(s) where ${body.steps.length} were sent; check with schedule_get.`
        : "";
    const text = [
      `Updated schedule "${after.name}" (id ${after.id}) · ${after.isEnabled ? "enabled" : "disabled"} · ${trigger}`,
      ...changes.map((c) => `- ${c}`),
      `Steps now (${after.steps.length}):`,
      stepsTable(steps),
    ].join("\n");
    return {
      structured: {
        id: after.id,
        name: after.name,
        stepCount: after.steps.length,
        changes,
      },
      text: text + warn,
    };
  },
});
