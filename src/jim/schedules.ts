/**
 * Schedules and schedule executions. No MCP imports.
 *
 * `PUT /schedules/{id}` replaces the whole schedule: steps left out are deleted,
 * an omitted `isEnabled` disables it and an omitted `triggerType` becomes Cron.
 * `toUpdateRequest` turns a schedule as read into a complete request body so
 * callers change only what they mean to.
 */
import { abortableSleep, type JimClient, type QueryValue } from "./client.js";
import { isJimApiError } from "./errors.js";
import type { ActivityInitiatorType } from "./types.js";

export type ScheduleExecutionStatus =
  | "Queued"
  | "InProgress"
  | "Complete"
  | "Failed"
  | "Cancelled"
  | "Paused";
export type StepExecutionMode = "Sequential" | "ParallelWithPrevious";
export type ScheduleStepType =
  | "RunProfile"
  | "PowerShell"
  | "Executable"
  | "SqlScript"
  | "TemporalScopeReconciliation";
export type ScheduleTriggerType = "Cron" | "Manual";

export const TERMINAL_EXECUTION_STATUSES: readonly ScheduleExecutionStatus[] = [
  "Complete",
  "Failed",
  "Cancelled",
];

export interface ScheduleDto {
  id: string;
  name: string;
  description: string | null;
  triggerType: ScheduleTriggerType;
  cronExpression: string | null;
  patternType: "SpecificTimes" | "Interval" | "Custom";
  daysOfWeek: string | null;
  runTimes: string | null;
  intervalValue: number | null;
  intervalUnit: "Minutes" | "Hours" | null;
  intervalWindowStart: string | null;
  intervalWindowEnd: string | null;
  isEnabled: boolean;
  lastRunTime: string | null;
  nextRunTime: string | null;
  stepCount: number;
  created: string;
  lastUpdated: string | null;
  lastExecutionId: string | null;
  lastExecutionStatus: ScheduleExecutionStatus | null;
  lastExecutionCurrentStepIndex: number | null;
  lastExecutionTotalSteps: number | null;
  lastExecutionCompletedAt: string | null;
  lastExecutionErrorMessage: string | null;
}

export interface ScheduleStepDto {
  id: string;
  stepIndex: number;
  name: string | null;
  executionMode: StepExecutionMode;
  stepType: ScheduleStepType;
  continueOnFailure: boolean;
  timeoutSeconds: number | null;
  connectedSystemId: number | null;
  runProfileId: number | null;
  scriptPath: string | null;
  executablePath: string | null;
  workingDirectory: string | null;
  arguments: string | null;
  sqlConnectionString: string | null;
  sqlScriptPath: string | null;
}

export interface ScheduleDetailDto extends ScheduleDto {
  steps: ScheduleStepDto[];
}

export interface ScheduleExecutionDto {
  id: string;
  scheduleId: string;
  scheduleName: string;
  status: ScheduleExecutionStatus;
  /** 0-based step group; parallel steps share one. */
  currentStepIndex: number;
  /** Number of step groups. */
  totalSteps: number;
  queuedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  initiatedByType: ActivityInitiatorType;
  initiatedById: string | null;
  initiatedByName: string | null;
  errorMessage: string | null;
}

export interface ScheduleExecutionStepDto {
  stepIndex: number;
  name: string;
  stepType: ScheduleStepType;
  executionMode: StepExecutionMode;
  connectedSystemId: number | null;
  /** Display text ("Completed with Warning"), not an enum name. */
  status: string;
  taskId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  errorMessage: string | null;
  activityId: string | null;
  activityStatus: string | null;
  connectedSystemName: string | null;
  runProfileId: number | null;
  runProfileName: string | null;
  continueOnFailure: boolean;
}

export interface ScheduleExecutionDetailDto extends ScheduleExecutionDto {
  steps: ScheduleExecutionStepDto[];
}

/** The step fields a PUT carries, copied verbatim from a step as read. */
export type ScheduleStepRequest = Omit<ScheduleStepDto, "id"> & { id: string | null };

export interface ScheduleUpdateRequest {
  name: string;
  description: string | null;
  triggerType: ScheduleTriggerType;
  cronExpression: string | null;
  patternType: ScheduleDto["patternType"];
  daysOfWeek: string | null;
  runTimes: string | null;
  intervalValue: number | null;
  intervalUnit: ScheduleDto["intervalUnit"];
  intervalWindowStart: string | null;
  intervalWindowEnd: string | null;
  isEnabled: boolean;
  steps: ScheduleStepRequest[];
  changeReason?: string | undefined;
}

export function isTerminalExecution(status: string | undefined): boolean {
  return TERMINAL_EXECUTION_STATUSES.includes(status as ScheduleExecutionStatus);
}

const id = (s: string) => encodeURIComponent(s);

export function listSchedules(
  jim: JimClient,
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<unknown> {
  return jim.get("/schedules", { query, signal });
}

export function getSchedule(
  jim: JimClient,
  scheduleId: string,
  signal?: AbortSignal,
): Promise<ScheduleDetailDto> {
  return jim.get(`/schedules/${id(scheduleId)}`, { signal, what: `schedule ${scheduleId}` });
}

/** Every field of the schedule as read, so a PUT keeps what the caller did not mention. */
export function toUpdateRequest(s: ScheduleDetailDto): ScheduleUpdateRequest {
  return {
    name: s.name,
    description: s.description,
    triggerType: s.triggerType,
    cronExpression: s.cronExpression,
    patternType: s.patternType,
    daysOfWeek: s.daysOfWeek,
    runTimes: s.runTimes,
    intervalValue: s.intervalValue,
    intervalUnit: s.intervalUnit,
    intervalWindowStart: s.intervalWindowStart,
    intervalWindowEnd: s.intervalWindowEnd,
    isEnabled: s.isEnabled,
    steps: [...s.steps]
      .sort((a, b) => a.stepIndex - b.stepIndex)
      .map((st) => ({
        id: st.id,
        stepIndex: st.stepIndex,
        name: st.name,
        executionMode: st.executionMode,
        stepType: st.stepType,
        continueOnFailure: st.continueOnFailure,
        timeoutSeconds: st.timeoutSeconds,
        connectedSystemId: st.connectedSystemId,
        runProfileId: st.runProfileId,
        scriptPath: st.scriptPath,
        executablePath: st.executablePath,
        workingDirectory: st.workingDirectory,
        arguments: st.arguments,
        sqlConnectionString: st.sqlConnectionString,
        sqlScriptPath: st.sqlScriptPath,
      })),
  };
}

export async function replaceSchedule(
  jim: JimClient,
  scheduleId: string,
  body: ScheduleUpdateRequest,
  signal?: AbortSignal,
): Promise<ScheduleDetailDto> {
  const r = await jim.request<ScheduleDetailDto>({
    method: "PUT",
    path: `/schedules/${id(scheduleId)}`,
    body,
    signal,
    what: `schedule ${scheduleId}`,
  });
  return r.data;
}

export async function setScheduleEnabled(
  jim: JimClient,
  scheduleId: string,
  enabled: boolean,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<ScheduleDto> {
  const r = await jim.request<ScheduleDto>({
    method: "POST",
    path: `/schedules/${id(scheduleId)}/${enabled ? "enable" : "disable"}`,
    query: { changeReason },
    signal,
    what: `schedule ${scheduleId}`,
  });
  return r.data;
}

export async function deleteSchedule(
  jim: JimClient,
  scheduleId: string,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  await jim.request({
    method: "DELETE",
    path: `/schedules/${id(scheduleId)}`,
    query: { changeReason },
    signal,
    what: `schedule ${scheduleId}`,
  });
}

export async function runSchedule(
  jim: JimClient,
  scheduleId: string,
  signal?: AbortSignal,
): Promise<{ executionId: string; message: string }> {
  const r = await jim.request<{ executionId: string; message: string }>({
    method: "POST",
    path: `/schedules/${id(scheduleId)}/run`,
    signal,
    startsWork: true,
    what: `schedule ${scheduleId}`,
  });
  return r.data;
}

export function listExecutions(
  jim: JimClient,
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<unknown> {
  return jim.get("/schedule-executions", { query, signal });
}

export function listActiveExecutions(jim: JimClient, signal?: AbortSignal): Promise<ScheduleExecutionDto[]> {
  return jim.get("/schedule-executions/active", { signal });
}

export function getExecution(
  jim: JimClient,
  executionId: string,
  signal?: AbortSignal,
): Promise<ScheduleExecutionDetailDto> {
  return jim.get(`/schedule-executions/${id(executionId)}`, {
    signal,
    what: `schedule execution ${executionId}`,
  });
}

export async function cancelExecution(
  jim: JimClient,
  executionId: string,
  signal?: AbortSignal,
): Promise<ScheduleExecutionDto> {
  const r = await jim.request<ScheduleExecutionDto>({
    method: "POST",
    path: `/schedule-executions/${id(executionId)}/cancel`,
    signal,
    what: `schedule execution ${executionId}`,
  });
  return r.data;
}

export interface ExecutionWaitOptions {
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal | undefined;
  onPoll?: ((e: ScheduleExecutionDetailDto) => void | Promise<void>) | undefined;
  now?: () => number;
}

export interface ExecutionWaitResult {
  end: "terminal" | "timeout" | "cancelled" | "lost_contact";
  execution: ScheduleExecutionDetailDto | undefined;
  waitedMs: number;
}

/** Transient trouble worth riding out a few times while polling. */
function isTransient(e: unknown): boolean {
  if (!isJimApiError(e)) return false;
  if (e.kind === "network" || e.kind === "timeout" || e.kind === "not_json") return true;
  return e.kind === "http" && (e.status ?? 0) >= 500;
}

/** Polls an execution at once, then every `intervalMs`, until Complete/Failed/Cancelled (Paused is not final). */
export async function waitForExecution(
  jim: JimClient,
  executionId: string,
  opts: ExecutionWaitOptions,
): Promise<ExecutionWaitResult> {
  const now = opts.now ?? Date.now;
  const start = now();
  const deadline = start + opts.timeoutMs;
  let last: ScheduleExecutionDetailDto | undefined;
  let errors = 0;
  const done = (end: ExecutionWaitResult["end"]) => ({ end, execution: last, waitedMs: now() - start });
  for (;;) {
    if (opts.signal?.aborted) return done("cancelled");
    try {
      last = await getExecution(jim, executionId, opts.signal);
      errors = 0;
      if (isTerminalExecution(last.status)) return done("terminal");
      await opts.onPoll?.(last);
    } catch (e) {
      if (opts.signal?.aborted) return done("cancelled");
      if (!isTransient(e)) throw e;
      errors += 1;
      if (errors >= 3) return done("lost_contact");
    }
    const remaining = deadline - now();
    if (remaining <= 0) return done("timeout");
    try {
      await abortableSleep(Math.min(opts.intervalMs, remaining), opts.signal);
    } catch {
      return done("cancelled");
    }
  }
}
