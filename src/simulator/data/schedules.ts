/**
 * Schedules for the simulator: sample schedules over the sample run profiles,
 * executions that queue each step group's run profiles on the run worker, and
 * the state transitions between groups.
 *
 * Timing: a group starts when the previous group ended (the worker is given
 * that timestamp), so outcomes do not depend on how often anyone polls. The
 * transitions themselves are applied lazily by `advance(now)`, which every
 * schedule route calls first. Non-run-profile steps (scripts, reconciliation)
 * have no worker task; they complete `SCRIPT_STEP_MS` after they start.
 */
import { randomUUID } from "node:crypto";
import type { ActivityInitiatorType, ActivityStatus } from "../../jim/types.js";
import type { SimContext } from "../context.js";
import type { Principal } from "../http.js";
import type { SimState } from "../state.js";

export type StepType =
  | "RunProfile"
  | "PowerShell"
  | "Executable"
  | "SqlScript"
  | "TemporalScopeReconciliation";
export type ExecutionMode = "Sequential" | "ParallelWithPrevious";
export type ExecutionStatus = "Queued" | "InProgress" | "Complete" | "Failed" | "Cancelled" | "Paused";

export interface SimScheduleStep {
  id: string;
  stepIndex: number;
  name: string | null;
  executionMode: ExecutionMode;
  stepType: StepType;
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

export interface SimSchedule {
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  triggerType: "Cron" | "Manual";
  cronExpression: string | null;
  patternType: "SpecificTimes" | "Interval" | "Custom";
  daysOfWeek: string | null;
  runTimes: string | null;
  intervalValue: number | null;
  intervalUnit: "Minutes" | "Hours" | null;
  intervalWindowStart: string | null;
  intervalWindowEnd: string | null;
  isEnabled: boolean;
  created: number;
  lastUpdated: number | null;
  steps: SimScheduleStep[];
}

export interface SimExecutionStep {
  step: SimScheduleStep;
  /** Position as a 1-based "Step n" label. */
  label: string;
  state: "Pending" | "Running" | "Done" | "Skipped";
  taskId: string | null;
  activityId: string | null;
  startedAt: number | null;
  completedAt: number | null;
  /** Scripts and reconciliation: when the step finishes. */
  dueAt: number | null;
  /** Final activity status (or the simulated one for non-run-profile steps). */
  outcome: ActivityStatus | null;
  errorMessage: string | null;
}

export interface SimExecution {
  id: string;
  scheduleId: string;
  scheduleName: string;
  status: ExecutionStatus;
  /** Distinct stepIndex values in order; the execution advances one group at a time. */
  groups: number[];
  currentGroup: number;
  queuedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  initiatedByType: ActivityInitiatorType;
  initiatedById: string | null;
  initiatedByName: string | null;
  principal: Principal | null;
  errorMessage: string | null;
  steps: SimExecutionStep[];
}

export interface SchedulesData {
  schedules: SimSchedule[];
  executions: SimExecution[];
}

export const SCRIPT_STEP_MS = 100;

/** Fixed ids of the sample schedules, so tests and shared example calls can name them. */
export const SAMPLE_SCHEDULE_IDS = {
  nightly: "3b8f2c1e-5d4a-4e21-9f6b-1a2b3c4d5e01",
  hourly: "3b8f2c1e-5d4a-4e21-9f6b-1a2b3c4d5e02",
  weekly: "3b8f2c1e-5d4a-4e21-9f6b-1a2b3c4d5e03",
  reconciliation: "3b8f2c1e-5d4a-4e21-9f6b-1a2b3c4d5e04",
} as const;

/** Fixed ids of the sample executions: a finished (cancelled) nightly run and a paused weekly run. */
export const SAMPLE_EXECUTION_IDS = {
  cancelledNightly: "7e1a9b3c-2f4d-4c58-8a6e-0b1c2d3e4f01",
  pausedWeekly: "7e1a9b3c-2f4d-4c58-8a6e-0b1c2d3e4f02",
} as const;

export function data(state: SimState): SchedulesData {
  if (!state.ext.schedules) state.ext.schedules = build(state);
  return state.ext.schedules as SchedulesData;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

// ---------------------------------------------------------------------------
// Cron: the next matching minute (5 fields: minute hour day-of-month month day-of-week)
// ---------------------------------------------------------------------------

function cronField(text: string, min: number, max: number): Set<number> | null {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    let lo = min;
    let hi = max;
    if (m[1] !== "*") {
      const [a, b] = (m[1] as string).split("-").map(Number);
      lo = a as number;
      hi = b ?? (m[2] ? max : (a as number));
    }
    const step = m[2] ? Number(m[2]) : 1;
    if (lo < min || hi > max || lo > hi || step < 1) return null;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function isValidCron(expr: string): boolean {
  return parseCron(expr) !== null;
}

function parseCron(expr: string) {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) return null;
  const minute = cronField(f[0] as string, 0, 59);
  const hour = cronField(f[1] as string, 0, 23);
  const dom = cronField(f[2] as string, 1, 31);
  const month = cronField(f[3] as string, 1, 12);
  const dow = cronField((f[4] as string).replace(/\b7\b/g, "0"), 0, 6);
  if (!minute || !hour || !dom || !month || !dow) return null;
  return { minute, hour, dom, month, dow };
}

/** Next run (UTC) strictly after `from`, searching up to a year ahead; null when none. */
export function nextCronRun(expr: string | null, from: number): number | null {
  if (!expr) return null;
  const c = parseCron(expr);
  if (!c) return null;
  const d = new Date(from);
  d.setUTCSeconds(0, 0);
  d.setUTCMinutes(d.getUTCMinutes() + 1);
  for (let i = 0; i < 366 * 24 * 60; i++) {
    if (
      c.month.has(d.getUTCMonth() + 1) &&
      c.dom.has(d.getUTCDate()) &&
      c.dow.has(d.getUTCDay()) &&
      c.hour.has(d.getUTCHours()) &&
      c.minute.has(d.getUTCMinutes())
    ) {
      return d.getTime();
    }
    if (!c.hour.has(d.getUTCHours())) {
      d.setUTCMinutes(0);
      d.setUTCHours(d.getUTCHours() + 1);
    } else d.setUTCMinutes(d.getUTCMinutes() + 1);
  }
  return null;
}

// ---------------------------------------------------------------------------
// Wire DTOs
// ---------------------------------------------------------------------------

function latestExecution(state: SimState, scheduleId: string): SimExecution | undefined {
  const list = data(state).executions.filter((e) => e.scheduleId === scheduleId);
  return list.reduce<SimExecution | undefined>((a, b) => (!a || b.queuedAt > a.queuedAt ? b : a), undefined);
}

export function toScheduleDto(state: SimState, s: SimSchedule, now: number) {
  const last = latestExecution(state, s.id);
  const next = s.isEnabled && s.triggerType === "Cron" ? nextCronRun(s.cronExpression, now) : null;
  return {
    id: s.id,
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
    lastRunTime: iso(last?.queuedAt ?? null),
    nextRunTime: iso(next),
    stepCount: s.steps.length,
    created: iso(s.created) as string,
    lastUpdated: iso(s.lastUpdated),
    lastExecutionId: last?.id ?? null,
    lastExecutionStatus: last?.status ?? null,
    lastExecutionCurrentStepIndex: last ? last.currentGroup : null,
    lastExecutionTotalSteps: last ? last.groups.length : null,
    lastExecutionCompletedAt: iso(last?.completedAt ?? null),
    lastExecutionErrorMessage: last?.errorMessage ?? null,
  };
}

export function toScheduleDetail(state: SimState, s: SimSchedule, now: number) {
  return {
    ...toScheduleDto(state, s, now),
    steps: [...s.steps].sort((a, b) => a.stepIndex - b.stepIndex).map((st) => ({ ...st })),
  };
}

export function toExecutionDto(e: SimExecution) {
  return {
    id: e.id,
    scheduleId: e.scheduleId,
    scheduleName: e.scheduleName,
    status: e.status,
    currentStepIndex: e.currentGroup,
    totalSteps: e.groups.length,
    queuedAt: iso(e.queuedAt) as string,
    startedAt: iso(e.startedAt),
    completedAt: iso(e.completedAt),
    initiatedByType: e.initiatedByType,
    initiatedById: e.initiatedById,
    initiatedByName: e.initiatedByName,
    errorMessage: e.errorMessage,
  };
}

const OUTCOME_TEXT: Record<string, string> = {
  Complete: "Completed",
  CompleteWithWarning: "Completed with Warning",
  CompleteWithError: "Completed with Error",
  FailedWithError: "Failed",
  Cancelled: "Cancelled",
};

function stepStatus(state: SimState, e: SimExecution, s: SimExecutionStep): string {
  if (s.state === "Done") return OUTCOME_TEXT[s.outcome ?? ""] ?? "Unknown";
  if (s.state === "Skipped") return "Cancelled";
  if (s.state === "Pending")
    return e.status === "Cancelled" || e.status === "Failed" ? "Cancelled" : "Pending";
  if (!s.taskId) return "Processing";
  const task = state.getWorkerTask(s.taskId);
  if (!task) return "Processing";
  if (task.status === "Queued") return "Queued";
  if (task.status === "WaitingForPreviousStep") return "Waiting";
  if (task.status === "CancellationRequested") return "Cancelling";
  return "Processing";
}

export function toExecutionDetail(state: SimState, e: SimExecution) {
  const groupsDone = e.steps.filter((s) => s.state === "Done").length;
  return {
    ...toExecutionDto(e),
    steps: e.steps.map((s) => {
      const sys =
        s.step.connectedSystemId === null ? undefined : state.getConnectedSystem(s.step.connectedSystemId);
      const rp = sys?.runProfiles.find((r) => r.id === s.step.runProfileId);
      return {
        stepIndex: s.step.stepIndex,
        name: s.step.name ?? s.label,
        stepType: s.step.stepType,
        executionMode: s.step.executionMode,
        connectedSystemId: s.step.connectedSystemId,
        status: stepStatus(state, e, s),
        taskId: s.taskId,
        startedAt: iso(s.startedAt),
        completedAt: iso(s.completedAt),
        errorMessage: s.errorMessage,
        activityId: s.activityId,
        activityStatus: s.state === "Done" && s.activityId ? s.outcome : null,
        connectedSystemName: sys?.name ?? null,
        runProfileId: s.step.runProfileId,
        runProfileName: rp?.name ?? null,
        continueOnFailure: s.step.continueOnFailure,
      };
    }),
    progress: {
      currentStepIndex: e.currentGroup,
      totalSteps: e.groups.length,
      stepsCompleted: groupsDone,
    },
  };
}

// ---------------------------------------------------------------------------
// Executions
// ---------------------------------------------------------------------------

/** Creates a Queued execution of `s` and starts its first group at `now`. */
export function startExecution(
  sim: SimContext,
  s: SimSchedule,
  principal: Principal | null,
  now: number,
): SimExecution {
  const steps = [...s.steps].sort((a, b) => a.stepIndex - b.stepIndex);
  const groups = [...new Set(steps.map((st) => st.stepIndex))];
  const e: SimExecution = {
    id: randomUUID(),
    scheduleId: s.id,
    scheduleName: s.name,
    status: "Queued",
    groups,
    currentGroup: 0,
    queuedAt: now,
    startedAt: null,
    completedAt: null,
    initiatedByType: principal ? "ApiKey" : "System",
    initiatedById: principal?.id ?? null,
    initiatedByName: principal?.name ?? null,
    principal,
    errorMessage: null,
    steps: steps.map((st) => ({
      step: { ...st },
      label: `Step ${groups.indexOf(st.stepIndex) + 1}`,
      state: "Pending",
      taskId: null,
      activityId: null,
      startedAt: null,
      completedAt: null,
      dueAt: null,
      outcome: null,
      errorMessage: null,
    })),
  };
  data(sim.state).executions.push(e);
  advance(sim, now);
  return e;
}

function startGroup(sim: SimContext, e: SimExecution, k: number, at: number): void {
  e.currentGroup = k;
  for (const s of e.steps.filter((x) => x.step.stepIndex === e.groups[k])) {
    s.state = "Running";
    s.startedAt = at;
    if (s.step.stepType !== "RunProfile") {
      s.dueAt = at + SCRIPT_STEP_MS;
      continue;
    }
    const sys =
      s.step.connectedSystemId === null ? undefined : sim.state.getConnectedSystem(s.step.connectedSystemId);
    const rp = sys?.runProfiles.find((r) => r.id === s.step.runProfileId);
    if (!sys || !rp) {
      s.state = "Done";
      s.outcome = "FailedWithError";
      s.completedAt = at;
      s.errorMessage = "The connected system or run profile of this step no longer exists.";
      continue;
    }
    const { activity, task } = sim.worker.enqueue(sys, rp, e.principal, at, {
      executionId: e.id,
      scheduleId: e.scheduleId,
      scheduleName: e.scheduleName,
      stepIndex: s.step.stepIndex,
      totalSteps: e.groups.length,
    });
    s.taskId = task.id;
    s.activityId = activity.id;
  }
}

const FAILED: ReadonlySet<string> = new Set(["FailedWithError", "Cancelled"]);

/** Applies every due transition of every unfinished execution. */
export function advance(sim: SimContext, now: number): void {
  const d = data(sim.state);
  for (const e of d.executions) {
    for (let guard = 0; guard < 1000; guard++) {
      sim.worker.advance(now);
      if (e.status === "Queued") {
        e.status = "InProgress";
        e.startedAt = e.queuedAt;
        startGroup(sim, e, 0, e.queuedAt);
        continue;
      }
      const group = e.steps.filter((s) => s.state === "Running");
      for (const s of group) {
        if (s.step.stepType !== "RunProfile") {
          if (s.dueAt !== null && s.dueAt <= now) {
            s.state = "Done";
            s.outcome = "Complete";
            s.completedAt = s.dueAt;
          }
          continue;
        }
        const a = s.activityId ? sim.state.getActivity(s.activityId) : undefined;
        if (!a) {
          s.state = "Done";
          s.outcome = "FailedWithError";
          s.completedAt = now;
          continue;
        }
        if (a.status !== "InProgress" && a.status !== "NotSet") {
          s.state = "Done";
          s.outcome = a.status;
          s.completedAt = a.ended ?? now;
          s.errorMessage = a.errorMessage;
        }
      }
      if (e.status !== "InProgress") break; // cancelled/failed: only step states still settle
      const current = e.steps.filter((s) => s.step.stepIndex === e.groups[e.currentGroup]);
      if (current.some((s) => s.state === "Running" || s.state === "Pending")) break;
      const end = Math.max(...current.map((s) => s.completedAt ?? now));
      const failed = current.find((s) => FAILED.has(s.outcome ?? "") && !s.step.continueOnFailure);
      if (failed) {
        e.status = "Failed";
        e.completedAt = end;
        e.errorMessage = `${failed.label} (${describeStep(sim.state, failed.step)}) ended ${failed.outcome}${failed.errorMessage ? `: ${failed.errorMessage}` : ""}; the remaining steps did not run.`;
        break;
      }
      if (e.currentGroup + 1 >= e.groups.length) {
        e.status = "Complete";
        e.completedAt = end;
        break;
      }
      startGroup(sim, e, e.currentGroup + 1, end);
    }
  }
}

export function describeStep(state: SimState, st: SimScheduleStep): string {
  if (st.stepType !== "RunProfile") return st.name ?? st.stepType;
  const sys = st.connectedSystemId === null ? undefined : state.getConnectedSystem(st.connectedSystemId);
  const rp = sys?.runProfiles.find((r) => r.id === st.runProfileId);
  return `${rp?.name ?? `run profile ${st.runProfileId}`} on ${sys?.name ?? `connected system ${st.connectedSystemId}`}`;
}

/** Cancels an unfinished execution: running steps' tasks are cancelled, later steps never start. */
export function cancelExecution(
  sim: SimContext,
  e: SimExecution,
  principal: Principal | null,
  now: number,
): void {
  const who = principal?.name ?? "an administrator";
  for (const s of e.steps) {
    if (s.state === "Running" && s.taskId) sim.worker.cancel(s.taskId, principal, now);
    else if (s.state === "Running") {
      s.state = "Done";
      s.outcome = "Cancelled";
      s.completedAt = now;
    }
  }
  e.status = "Cancelled";
  e.completedAt = now;
  e.errorMessage = `Cancelled by ${who}.`;
  advance(sim, now);
}

// ---------------------------------------------------------------------------
// Sample data
// ---------------------------------------------------------------------------

function step(
  stepIndex: number,
  connectedSystemId: number,
  runProfileId: number,
  opts: Partial<SimScheduleStep> = {},
): SimScheduleStep {
  return {
    id: randomUUID(),
    stepIndex,
    name: null,
    executionMode: "Sequential",
    stepType: "RunProfile",
    continueOnFailure: false,
    timeoutSeconds: null,
    connectedSystemId,
    runProfileId,
    scriptPath: null,
    executablePath: null,
    workingDirectory: null,
    arguments: null,
    sqlConnectionString: null,
    sqlScriptPath: null,
    ...opts,
  };
}

const DAY = 86_400_000;

function build(state: SimState): SchedulesData {
  const now = Date.now();
  const base = {
    description: null,
    builtIn: false,
    daysOfWeek: null,
    runTimes: null,
    intervalValue: null,
    intervalUnit: null,
    intervalWindowStart: null,
    intervalWindowEnd: null,
    lastUpdated: null,
  };
  const nightly: SimSchedule = {
    ...base,
    id: SAMPLE_SCHEDULE_IDS.nightly,
    name: "Nightly HR to AD",
    description: "Imports the HR extract, synchronises it and exports account changes to the directory.",
    triggerType: "Cron",
    cronExpression: "0 2 * * *",
    patternType: "SpecificTimes",
    daysOfWeek: "0,1,2,3,4,5,6",
    runTimes: "02:00",
    isEnabled: true,
    created: now - 100 * DAY,
    lastUpdated: now - 12 * DAY,
    steps: [step(0, 1, 1), step(1, 1, 2), step(2, 2, 4), step(3, 2, 8)],
  };
  const hourly: SimSchedule = {
    ...base,
    id: SAMPLE_SCHEDULE_IDS.hourly,
    name: "Hourly delta",
    description: "Picks up directory changes between nightly runs.",
    triggerType: "Cron",
    cronExpression: "15 * * * *",
    patternType: "Interval",
    intervalValue: 1,
    intervalUnit: "Hours",
    intervalWindowStart: "06:00",
    intervalWindowEnd: "20:00",
    isEnabled: true,
    created: now - 60 * DAY,
    steps: [step(0, 2, 5), step(1, 2, 7, { continueOnFailure: true })],
  };
  const weekly: SimSchedule = {
    ...base,
    id: SAMPLE_SCHEDULE_IDS.weekly,
    name: "Weekly full refresh",
    description: "Full imports of HR and the learning platform side by side, then a full synchronisation.",
    triggerType: "Manual",
    cronExpression: null,
    patternType: "SpecificTimes",
    isEnabled: false,
    created: now - 30 * DAY,
    steps: [step(0, 1, 1), step(0, 3, 10, { executionMode: "ParallelWithPrevious" }), step(1, 1, 2)],
  };
  const reconciliation: SimSchedule = {
    ...base,
    id: SAMPLE_SCHEDULE_IDS.reconciliation,
    name: "Temporal scope reconciliation",
    description: "Built in: re-evaluates date-based scoping so objects enter and leave scope on time.",
    builtIn: true,
    triggerType: "Cron",
    cronExpression: "5 0 * * *",
    patternType: "Custom",
    isEnabled: true,
    created: now - 120 * DAY,
    steps: [
      step(0, 0, 0, {
        stepType: "TemporalScopeReconciliation",
        name: "Reconcile temporal scope",
        connectedSystemId: null,
        runProfileId: null,
      }),
    ],
  };
  const schedules = [nightly, hourly, weekly, reconciliation].filter((s) =>
    s.steps.every((st) => st.connectedSystemId === null || state.getConnectedSystem(st.connectedSystemId)),
  );

  // Two nights ago the nightly run imported and synchronised, then was cancelled before its export.
  const executions: SimExecution[] = [];
  const history = state.activities.filter(
    (a) => a.initiatedByName === "Nightly schedule" && a.created < now - DAY - 3_600_000,
  );
  const find = (rp: number) => history.find((a) => a.connectedSystemRunProfileId === rp);
  const ran = [find(1), find(2), find(4)];
  if (schedules.includes(nightly) && ran.every(Boolean)) {
    const first = ran[0]!;
    const third = ran[2]!;
    const cancelledAt = (third.ended ?? third.created) + 45_000;
    executions.push({
      id: SAMPLE_EXECUTION_IDS.cancelledNightly,
      scheduleId: nightly.id,
      scheduleName: nightly.name,
      status: "Cancelled",
      groups: [0, 1, 2, 3],
      currentGroup: 3,
      queuedAt: first.created - 500,
      startedAt: first.created,
      completedAt: cancelledAt,
      initiatedByType: "System",
      initiatedById: null,
      initiatedByName: "Nightly schedule",
      principal: null,
      errorMessage: "Cancelled by Alex Morgan before the export started.",
      steps: nightly.steps.map((st, i) => {
        const a = ran[i];
        return {
          step: { ...st },
          label: `Step ${i + 1}`,
          state: a ? ("Done" as const) : ("Skipped" as const),
          taskId: a?.run?.taskId ?? null,
          activityId: a?.id ?? null,
          startedAt: a?.executed ?? null,
          completedAt: a?.ended ?? null,
          dueAt: null,
          outcome: a?.status ?? null,
          errorMessage: a?.errorMessage ?? null,
        };
      }),
    });
  }
  // This morning's manual weekly refresh finished its parallel imports and was paused before the sync.
  if (schedules.includes(weekly)) {
    const queuedAt = now - 3 * 3_600_000;
    executions.push({
      id: SAMPLE_EXECUTION_IDS.pausedWeekly,
      scheduleId: weekly.id,
      scheduleName: weekly.name,
      status: "Paused",
      groups: [0, 1],
      currentGroup: 1,
      queuedAt,
      startedAt: queuedAt + 800,
      completedAt: null,
      initiatedByType: "User",
      initiatedById: null,
      initiatedByName: "Alex Morgan",
      principal: null,
      errorMessage: null,
      steps: weekly.steps.map((st, i) => {
        const done = st.stepIndex === 0;
        return {
          step: { ...st },
          label: `Step ${st.stepIndex + 1}`,
          state: done ? ("Done" as const) : ("Pending" as const),
          taskId: null,
          activityId: null,
          startedAt: done ? queuedAt + 800 : null,
          completedAt: done ? queuedAt + 60_000 + i * 7_000 : null,
          dueAt: null,
          outcome: done ? ("Complete" as const) : null,
          errorMessage: null,
        };
      }),
    });
  }
  return { schedules, executions };
}
