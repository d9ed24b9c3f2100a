/**
 * The run-profile worker: one task at a time, in queue order, like JIM's worker.
 *
 * Timing: when a task starts, its run plan fixes start and end timestamps; all
 * intermediate progress is computed from the plan and the clock (runs.ts). State
 * transitions (finish, cancel, start next) happen in `advance(now)`, which every
 * request calls first and a single timer calls at the next due moment. A task
 * that starts after another finishes starts at that finishing time, so results
 * do not depend on timer lag. `close()` clears the timer.
 */
import { randomUUID } from "node:crypto";
import type { Principal } from "./http.js";
import { planRun, type RunOutcome } from "./runs.js";
import {
  applyOutcomeText,
  defaultObjectCount,
  excludedContainers,
  runObjectTypes,
  type ScheduleLink,
  type SimActivity,
  type SimConnectedSystem,
  type SimRunProfile,
  type SimState,
  type SimWorkerTask,
} from "./state.js";

export interface RunHook {
  outcome?: RunOutcome;
  durationMs?: number;
  objects?: number;
}

/** How long a running task takes to stop after a cancel request. */
export const CANCEL_DELAY_MS = 150;

export const SYNC_TASK_TYPE = "Synchronisation Worker Task";

export class Worker {
  /** Behaviour of the next run(s) to start, FIFO. */
  readonly hooks: RunHook[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly state: SimState,
    public defaultDurationMs: number,
  ) {}

  /** Queues a run profile: creates its InProgress activity and a Queued worker task. */
  enqueue(
    sys: SimConnectedSystem,
    rp: SimRunProfile,
    principal: Principal | null,
    now: number,
    schedule?: ScheduleLink,
  ): { activity: SimActivity; task: SimWorkerTask } {
    const taskId = randomUUID();
    const initiatedByType = principal ? "ApiKey" : "System";
    const activity = this.state.addActivity({
      created: now,
      executed: null,
      ended: null,
      status: "InProgress",
      targetType: "ConnectedSystemRunProfile",
      targetOperationType: "Execute",
      targetName: rp.name,
      targetContext: sys.name,
      message: null,
      initiatedByType,
      initiatedById: principal?.id ?? null,
      initiatedByName: principal?.name ?? null,
      connectedSystemId: sys.id,
      connectedSystemRunProfileId: rp.id,
      run: { runType: rp.runType, taskId, plan: null, cancelledAt: null, sampler: null },
      schedule,
    });
    const task: SimWorkerTask = {
      id: taskId,
      name: `${rp.name} (${sys.name})`,
      type: SYNC_TASK_TYPE,
      created: now,
      status: "Queued",
      initiatedByType,
      initiatedById: principal?.id ?? null,
      initiatedByName: principal?.name ?? null,
      activityId: activity.id,
      connectedSystemId: sys.id,
      runProfileId: rp.id,
      cancelAt: null,
      schedule,
    };
    this.state.workerTasks.push(task);
    this.advance(now);
    return { activity, task };
  }

  /**
   * Requests cancellation. Queued tasks are removed at once (activity Cancelled);
   * a running one becomes CancellationRequested and stops CANCEL_DELAY_MS later.
   * Returns false when the task does not exist (anymore).
   */
  cancel(taskId: string, principal: Principal | null, now: number): boolean {
    this.advance(now);
    const task = this.state.getWorkerTask(taskId);
    if (!task) return false;
    const activity = this.state.getActivity(task.activityId);
    const who = principal?.name ?? "an administrator";
    if (task.status === "Queued" || task.status === "WaitingForPreviousStep") {
      this.removeTask(task);
      if (activity) {
        activity.status = "Cancelled";
        activity.ended = now;
        activity.message = `Cancelled by ${who} before it started.`;
        if (activity.run) activity.run.cancelledAt = now;
      }
    } else if (task.status === "Processing") {
      task.status = "CancellationRequested";
      task.cancelAt = now + CANCEL_DELAY_MS;
      task.cancelRequestedBy = who;
      if (activity) activity.message = `Cancellation requested by ${who}.`;
    }
    this.advance(now);
    return true;
  }

  /** Applies every transition due at or before `now`, then re-arms the timer. */
  advance(now: number = Date.now()): void {
    let lastEnd: number | null = null;
    for (let guard = 0; guard < 100_000; guard++) {
      const running = this.state.workerTasks.find(
        (t) => t.status === "Processing" || t.status === "CancellationRequested",
      );
      if (running) {
        const activity = this.state.getActivity(running.activityId);
        const plan = activity?.run?.plan;
        if (!activity || !plan) {
          this.removeTask(running);
          continue;
        }
        if (running.cancelAt !== null && running.cancelAt <= now && running.cancelAt < plan.endsAt) {
          this.finishCancelled(running, activity, running.cancelAt);
          lastEnd = running.cancelAt;
          continue;
        }
        if (plan.endsAt <= now) {
          this.finish(running, activity, plan.endsAt);
          lastEnd = plan.endsAt;
          continue;
        }
        break;
      }
      const next = this.state.workerTasks.find((t) => t.status === "Queued");
      if (!next) break;
      this.start(next, Math.max(lastEnd ?? now, next.created));
    }
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private start(task: SimWorkerTask, at: number): void {
    const activity = this.state.getActivity(task.activityId);
    const sys = this.state.getConnectedSystem(task.connectedSystemId);
    const rp = sys?.runProfiles.find((r) => r.id === task.runProfileId);
    if (!activity?.run || !sys || !rp) {
      this.removeTask(task);
      if (activity) {
        activity.status = "FailedWithError";
        activity.ended = at;
        activity.errorMessage = "The connected system or run profile no longer exists.";
      }
      return;
    }
    const hook = this.hooks.shift() ?? {};
    activity.run.plan = planRun({
      runType: rp.runType,
      outcome: hook.outcome ?? "Complete",
      durationMs: hook.durationMs ?? this.defaultDurationMs,
      objects: hook.objects ?? defaultObjectCount(sys, rp.runType),
      startedAt: at,
      objectTypes: runObjectTypes(sys),
      excluded: excludedContainers(sys),
    });
    activity.executed = at;
    task.status = "Processing";
    if (rp.runType === "Export") {
      this.state.exportsWritten += 1;
      this.state.exportRuns.push(activity.id);
    }
  }

  private finish(task: SimWorkerTask, activity: SimActivity, at: number): void {
    const plan = activity.run?.plan;
    const sys = this.state.getConnectedSystem(task.connectedSystemId);
    this.removeTask(task);
    if (!plan) return;
    applyOutcomeText(activity, plan, sys);
    activity.ended = at;
    if (sys) applySideEffects(sys, plan.runType, plan.counts, plan.outcome, at);
  }

  private finishCancelled(task: SimWorkerTask, activity: SimActivity, at: number): void {
    this.removeTask(task);
    activity.status = "Cancelled";
    activity.ended = at;
    if (activity.run) activity.run.cancelledAt = at;
    activity.message = `Cancelled by ${task.cancelRequestedBy ?? "an administrator"} while running.`;
  }

  private removeTask(task: SimWorkerTask): void {
    const i = this.state.workerTasks.indexOf(task);
    if (i >= 0) this.state.workerTasks.splice(i, 1);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    const running = this.state.workerTasks.find(
      (t) => t.status === "Processing" || t.status === "CancellationRequested",
    );
    if (!running) return;
    const plan = this.state.getActivity(running.activityId)?.run?.plan;
    if (!plan) return;
    const due = Math.min(plan.endsAt, running.cancelAt ?? Number.POSITIVE_INFINITY);
    const wait = Math.max(0, due - Date.now()) + 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.advance(Date.now());
    }, wait);
    this.timer.unref();
  }
}

/** Keeps system counters coherent with what a finished run did. */
function applySideEffects(
  sys: SimConnectedSystem,
  runType: string,
  counts: Record<string, number>,
  outcome: RunOutcome,
  at: number,
): void {
  const c = (k: string) => counts[k] ?? 0;
  if (runType === "FullImport" || runType === "DeltaImport") {
    sys.objectCount = Math.max(0, sys.objectCount + c("Added") - c("Deleted"));
  } else if (runType === "FullSynchronisation" || runType === "DeltaSynchronisation") {
    sys.connectorsCount = Math.min(sys.objectCount, sys.connectorsCount + c("Projected") + c("Joined"));
    sys.pendingExportObjectsCount += c("PendingExport");
    if (runType === "FullSynchronisation" && outcome !== "FailedWithError") {
      sys.lastFullSynchronisation = new Date(at).toISOString();
    }
  } else if (runType === "Export") {
    sys.pendingExportObjectsCount = Math.max(0, sys.pendingExportObjectsCount - c("Exported"));
  }
}
