/** Pieces shared by the schedule tools: ids, step labels and the execution summary. */
import * as z from "zod";
import type { JimClient } from "../../jim/client.js";
import { getConnectedSystem, listRunProfiles } from "../../jim/connected-systems.js";
import { isJimApiError } from "../../jim/errors.js";
import type { ScheduleExecutionDetailDto, ScheduleStepDto } from "../../jim/schedules.js";
import { fmtDuration, table } from "../format/text.js";
import { guid, guidOrName } from "../params.js";

export const scheduleId = guidOrName("Schedule id or name (schedule_list).");
export const executionId = guid("Execution id (schedule_execution_list).");
export { changeReason } from "../params.js";

export interface StepInfo {
  index: number;
  mode: string;
  type: string;
  label: string;
  runType: string | null;
  continueOnFailure: boolean;
}

/** Names for every run-profile step: "Full Import on HR System" with its run type. */
export async function describeSteps(
  jim: JimClient,
  steps: ScheduleStepDto[],
  signal: AbortSignal,
): Promise<StepInfo[]> {
  const systems = [...new Set(steps.map((s) => s.connectedSystemId).filter((x): x is number => x !== null))];
  const info = new Map<
    number,
    { name: string; profiles: Map<number, { name: string; runType: string }> } | null
  >();
  await Promise.all(
    systems.map(async (id) => {
      try {
        const [cs, profiles] = await Promise.all([
          getConnectedSystem(jim, id, signal),
          listRunProfiles(jim, id, signal),
        ]);
        info.set(id, {
          name: cs.name,
          profiles: new Map(profiles.map((p) => [p.id, { name: p.name, runType: p.runType }])),
        });
      } catch (e) {
        if (isJimApiError(e) && e.status === 404) info.set(id, null);
        else throw e;
      }
    }),
  );
  return [...steps]
    .sort((a, b) => a.stepIndex - b.stepIndex)
    .map((s) => {
      let label: string;
      let runType: string | null = null;
      if (s.stepType === "RunProfile") {
        const sys = s.connectedSystemId === null ? undefined : info.get(s.connectedSystemId);
        const rp = sys?.profiles.get(s.runProfileId ?? -1);
        runType = rp?.runType ?? null;
        label = sys
          ? `${rp?.name ?? `missing run profile ${s.runProfileId}`} on ${sys.name}`
          : `run profile ${s.runProfileId} on missing connected system ${s.connectedSystemId}`;
      } else {
        label = `${s.name ?? s.stepType} (${s.stepType}${(s.scriptPath ?? s.executablePath) ? `: ${s.scriptPath ?? s.executablePath}` : ""})`;
      }
      return {
        index: s.stepIndex,
        mode: s.executionMode,
        type: s.stepType,
        label,
        runType,
        continueOnFailure: s.continueOnFailure,
      };
    });
}

/** The step table: "#" is JIM's stepIndex + 1; parallel steps share a number. */
export function stepsTable(steps: StepInfo[]): string {
  return table(steps, [
    ["#", (s) => `${s.index + 1}${s.mode === "ParallelWithPrevious" ? " ∥" : ""}`],
    ["step", (s) => s.label],
    ["run type", (s) => s.runType],
    ["on failure", (s) => (s.continueOnFailure ? "continue" : "stop")],
  ]);
}

export const executionOutput = z.object({
  executionId: z.string(),
  status: z.string(),
  step: z.string(),
  steps: z.array(
    z.object({
      index: z.number(),
      name: z.string(),
      status: z.string(),
      activityId: z.string().nullable(),
      activityStatus: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
  error: z.string().nullable(),
  nextStep: z.string().nullable(),
});
export type ExecutionSummary = z.infer<typeof executionOutput>;

export function stepName(s: ScheduleExecutionDetailDto["steps"][number]): string {
  if (s.runProfileName)
    return `${s.runProfileName}${s.connectedSystemName ? ` on ${s.connectedSystemName}` : ""}`;
  return s.name;
}

/** "step 2 of 4 · Full Synchronisation on HR System" (currentStepIndex is 0-based, over step groups). */
export function stepPosition(e: ScheduleExecutionDetailDto): string {
  const total = e.totalSteps;
  const group = [...new Set(e.steps.map((s) => s.stepIndex))].sort((a, b) => a - b)[e.currentStepIndex];
  const names = e.steps.filter((s) => s.stepIndex === group).map(stepName);
  return `step ${Math.min(e.currentStepIndex + 1, Math.max(total, 1))} of ${total}${names.length ? ` · ${names.join(" ∥ ")}` : ""}`;
}

export function summarise(e: ScheduleExecutionDetailDto, nextStep: string | null): ExecutionSummary {
  return {
    executionId: e.id,
    status: e.status,
    step: stepPosition(e),
    steps: e.steps.map((s) => ({
      index: s.stepIndex,
      name: stepName(s),
      status: s.status,
      activityId: s.activityId,
      activityStatus: s.activityStatus,
      error: s.errorMessage,
    })),
    error: e.errorMessage,
    nextStep,
  };
}

export function renderExecution(
  e: ScheduleExecutionDetailDto,
  summary: ExecutionSummary,
  head?: string,
): string {
  const took =
    e.startedAt && e.completedAt
      ? ` in ${fmtDuration((Date.parse(e.completedAt) - Date.parse(e.startedAt)) / 1000)}`
      : "";
  const lines = [
    head ?? `Execution ${e.id} of "${e.scheduleName}": ${e.status}${took} (${summary.step})`,
    table(summary.steps, [
      ["#", (s) => s.index + 1],
      ["step", (s) => s.name],
      ["status", (s) => s.status],
      ["activity", (s) => s.activityId],
    ]),
  ];
  const failed = summary.steps.filter((s) => s.error);
  for (const s of failed) lines.push(`step ${s.index + 1} error: ${s.error}`);
  if (summary.error) lines.push(`error: ${summary.error}`);
  if (summary.nextStep) lines.push(`next: ${summary.nextStep}`);
  return lines.join("\n");
}

/** What to look at after an execution ended badly. */
export function adviceFor(summary: ExecutionSummary): string | null {
  if (summary.status === "Complete") {
    const warn = summary.steps.find(
      (s) => s.activityStatus && s.activityStatus !== "Complete" && s.activityId,
    );
    return warn
      ? `Step ${warn.index + 1} ended ${warn.activityStatus}: activity_get {"activityId":"${warn.activityId}"}.`
      : null;
  }
  if (summary.status === "Failed" || summary.status === "Cancelled") {
    const bad = summary.steps.find(
      (s) => s.activityId && s.activityStatus && s.activityStatus !== "Complete",
    );
    return bad ? `See what went wrong: activity_get {"activityId":"${bad.activityId}"}.` : null;
  }
  return null;
}
