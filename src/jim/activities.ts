/**
 * Activities and the wait engine: poll `/activities/{id}/progress` until the
 * status is terminal, the time is up, or the caller cancels; then read the
 * outcome (detail + stats) once. No MCP imports: progress goes to a callback.
 */
import { abortableSleep, type JimClient } from "./client.js";
import { isJimApiError, type JimApiError, reworded } from "./errors.js";
import { asPage, type CollectResult, collectPages, type Page } from "./paging.js";
import {
  type ActivityDetail,
  type ActivityHeader,
  type ActivityProgress,
  type ActivityRunStats,
  type ActivityStatus,
  TERMINAL_ACTIVITY_STATUSES,
} from "./types.js";

export function isTerminal(status: ActivityStatus | string | undefined): boolean {
  return TERMINAL_ACTIVITY_STATUSES.includes(status as ActivityStatus);
}

export function getActivity(jim: JimClient, id: string, signal?: AbortSignal): Promise<ActivityDetail> {
  return jim.get(`/activities/${encodeURIComponent(id)}`, { signal, what: `activity ${id}` });
}

export function getActivityProgress(
  jim: JimClient,
  id: string,
  signal?: AbortSignal,
): Promise<ActivityProgress> {
  return jim.get(`/activities/${encodeURIComponent(id)}/progress`, { signal, what: `activity ${id}` });
}

export function getActivityStats(
  jim: JimClient,
  id: string,
  signal?: AbortSignal,
): Promise<ActivityRunStats> {
  return jim.get(`/activities/${encodeURIComponent(id)}/stats`, { signal, what: `activity ${id}` });
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  /**
   * Wait this long before the first poll (default: poll at once). A run that was just started is
   * known to be queued, so asking JIM at once would only spend a request.
   */
  firstPollAfterMs?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ActivityProgress, polls: number) => void | Promise<void>) | undefined;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  now?: () => number;
  /** Consecutive transient failures tolerated before giving up. Default 3. */
  maxConsecutiveErrors?: number;
}

export type WaitEnd = "terminal" | "timeout" | "cancelled" | "lost_contact";

export interface WaitResult {
  end: WaitEnd;
  progress: ActivityProgress | undefined;
  polls: number;
  waitedMs: number;
  /** The last transient error when end is lost_contact. */
  lastError?: JimApiError | undefined;
}

/** Errors worth riding out while polling: the network, time-outs, 5xx. Anything else is final. */
function isTransient(e: unknown): e is JimApiError {
  if (!isJimApiError(e)) return false;
  if (e.kind === "network" || e.kind === "timeout" || e.kind === "not_json") return true;
  return e.kind === "http" && (e.status ?? 0) >= 500;
}

/**
 * Polls progress: first at once (or after `firstPollAfterMs`), then every `intervalMs`, never past
 * the deadline. Returns how the wait ended; throws only for final errors (401, 403, 404…).
 */
export async function waitForActivity(jim: JimClient, id: string, opts: WaitOptions): Promise<WaitResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? abortableSleep;
  const maxErrors = opts.maxConsecutiveErrors ?? 3;
  const start = now();
  const deadline = start + opts.timeoutMs;
  let polls = 0;
  let errors = 0;
  let last: ActivityProgress | undefined;
  let lastError: JimApiError | undefined;

  if (opts.firstPollAfterMs && opts.firstPollAfterMs > 0) {
    try {
      await sleep(Math.min(opts.firstPollAfterMs, opts.timeoutMs), opts.signal);
    } catch {
      return { end: "cancelled", progress: last, polls, waitedMs: now() - start };
    }
  }
  for (;;) {
    if (opts.signal?.aborted) return { end: "cancelled", progress: last, polls, waitedMs: now() - start };
    try {
      last = await getActivityProgress(jim, id, opts.signal);
      polls += 1;
      errors = 0;
      if (isTerminal(last.status)) return { end: "terminal", progress: last, polls, waitedMs: now() - start };
      await opts.onProgress?.(last, polls);
    } catch (e) {
      if (opts.signal?.aborted) return { end: "cancelled", progress: last, polls, waitedMs: now() - start };
      if (!isTransient(e)) throw e;
      errors += 1;
      lastError = e;
      if (errors >= maxErrors)
        return { end: "lost_contact", progress: last, polls, waitedMs: now() - start, lastError };
    }
    const remaining = deadline - now();
    if (remaining <= 0) return { end: "timeout", progress: last, polls, waitedMs: now() - start };
    try {
      await sleep(Math.min(opts.intervalMs, remaining), opts.signal);
    } catch {
      return { end: "cancelled", progress: last, polls, waitedMs: now() - start };
    }
  }
}

export type RunOutcome =
  | "succeeded"
  | "succeeded_with_warnings"
  | "completed_with_errors"
  | "failed"
  | "cancelled"
  | "still_running";

export function outcomeOf(status: ActivityStatus | string | undefined): RunOutcome {
  switch (status) {
    case "Complete":
      return "succeeded";
    case "CompleteWithWarning":
      return "succeeded_with_warnings";
    case "CompleteWithError":
      return "completed_with_errors";
    case "FailedWithError":
      return "failed";
    case "Cancelled":
      return "cancelled";
    default:
      return "still_running";
  }
}

export const OUTCOME_TEXT: Record<RunOutcome, string> = {
  succeeded: "Succeeded",
  succeeded_with_warnings: "Succeeded with warnings",
  completed_with_errors: "Completed with errors",
  failed: "Failed",
  cancelled: "Cancelled",
  still_running: "Still running",
};

/** "step 2 of 3 · Importing objects · 1,204 / 5,000 objects · 240/s · ~16 s left". */
export function describeProgress(p: ActivityProgress): string {
  const parts: string[] = [];
  if (p.currentPhaseNumber && p.totalPhases) {
    parts.push(
      `step ${p.currentPhaseNumber} of ${p.totalPhases}${p.currentPhase?.name ? ` · ${p.currentPhase.name}` : ""}`,
    );
  } else if (p.currentPhase?.name) {
    parts.push(p.currentPhase.name);
  }
  if (p.objectsToProcess > 0) {
    parts.push(
      `${p.objectsProcessed.toLocaleString("en-GB")} / ${p.objectsToProcess.toLocaleString("en-GB")} objects`,
    );
  } else if (p.objectsProcessed > 0) {
    parts.push(`${p.objectsProcessed.toLocaleString("en-GB")} objects processed`);
  }
  if (p.objectsPerSecond && p.objectsPerSecond > 0)
    parts.push(`${Math.round(p.objectsPerSecond).toLocaleString("en-GB")}/s`);
  if (p.estimatedSecondsRemaining !== null && p.estimatedSecondsRemaining >= 0) {
    parts.push(`~${Math.max(1, Math.round(p.estimatedSecondsRemaining))} s left`);
  }
  if (p.totalErrors > 0) parts.push(`${p.totalErrors.toLocaleString("en-GB")} errors`);
  if (parts.length === 0)
    parts.push(p.message || (p.status === "InProgress" ? "queued or starting" : p.status));
  return parts.join(" · ");
}

export interface RunReport {
  activity: ActivityDetail;
  stats: ActivityRunStats | null;
}

/** Reads the outcome once the activity is terminal: detail, and stats for run-profile activities. */
export async function readRunReport(jim: JimClient, id: string, signal?: AbortSignal): Promise<RunReport> {
  const activity = await getActivity(jim, id, signal);
  let stats: ActivityRunStats | null = activity.executionStats ?? null;
  if (activity.targetType === "ConnectedSystemRunProfile") {
    try {
      stats = await getActivityStats(jim, id, signal);
    } catch (e) {
      if (!isJimApiError(e) || e.status !== 400) throw e;
    }
  }
  return { activity, stats };
}

// ---------------------------------------------------------------------------
// Activity log: list, execution items, children
// ---------------------------------------------------------------------------

/** `ActivityStatus` members a filter can usefully ask for (NotSet is never stored). */
export const ACTIVITY_STATUSES = [
  "InProgress",
  "Complete",
  "CompleteWithWarning",
  "CompleteWithError",
  "FailedWithError",
  "Cancelled",
] as const;

/** The finished statuses worth a look, worst first. */
export const PROBLEM_STATUSES = ["FailedWithError", "CompleteWithError", "CompleteWithWarning"] as const;

/** Facet filters of `GET /activities`; list-valued ones are sent as repeated parameters. */
export interface ActivityFilter {
  status?: readonly string[] | undefined;
  operation?: readonly string[] | undefined;
  targetType?: readonly string[] | undefined;
  connectedSystem?: readonly string[] | undefined;
  runProfile?: readonly string[] | undefined;
  initiatedBy?: string | undefined;
  search?: string | undefined;
  /** ISO-8601 UTC, inclusive. */
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  scheduledOnly?: boolean | undefined;
}

/**
 * One page of the activity log, newest first. JIM's default order is creation
 * time ascending (oldest first, because sortDirection defaults to asc), which is
 * rarely what anyone wants from a log, so desc is always sent.
 */
export function listActivities(
  jim: JimClient,
  filter: ActivityFilter,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<ActivityHeader>> {
  return listActivitiesOrdered(jim, filter, { page, pageSize, direction: "desc" }, signal);
}

/** `ActivityRunProfileExecutionItemHeader`: one object a run touched. */
export interface ExecutionItem {
  id: string;
  externalIdValue: string | null;
  displayName: string | null;
  connectedSystemObjectType: string | null;
  objectChangeType: string;
  errorType: string | null;
  outcomeSummary: string | null;
}

/** Rethrows JIM's 400 for activities that are not runs with a plain explanation and next step. */
function explainNotARun(e: unknown, id: string): never {
  if (isJimApiError(e) && e.status === 400 && !e.validationErrors) {
    throw reworded(e, {
      message: `Activity ${id} is not a run-profile execution, so it has no per-object items (JIM: ${e.message})`,
      nextStep: `Read it with activity_get {"activityId":"${id}"}; its sub-activities, if any, come from activity_child_list.`,
    });
  }
  throw e;
}

/** Reads the execution items of a run, up to `maxPages` pages of 100, in JIM's own order. */
export async function collectExecutionItems(
  jim: JimClient,
  id: string,
  maxPages: number,
  signal?: AbortSignal,
): Promise<CollectResult<ExecutionItem>> {
  try {
    return await collectPages<ExecutionItem>(jim, `/activities/${encodeURIComponent(id)}/items`, {
      maxPages,
      signal,
      what: `activity ${id}`,
    });
  } catch (e) {
    explainNotARun(e, id);
  }
}

export async function listChildActivities(
  jim: JimClient,
  id: string,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<ActivityHeader>> {
  const data = await jim.get<unknown>(`/activities/${encodeURIComponent(id)}/children`, {
    query: { page, pageSize },
    signal,
    what: `activity ${id}`,
  });
  return asPage<ActivityHeader>(data, page, pageSize);
}

/**
 * One page of the activity log in the order asked for: `listActivities` reads newest first;
 * oldest first finds the longest-running work.
 */
export async function listActivitiesOrdered(
  jim: JimClient,
  filter: ActivityFilter,
  order: { page: number; pageSize: number; direction: "asc" | "desc" },
  signal?: AbortSignal,
): Promise<Page<ActivityHeader>> {
  const data = await jim.get<unknown>("/activities", {
    query: {
      page: order.page,
      pageSize: order.pageSize,
      sortDirection: order.direction,
      status: filter.status,
      operation: filter.operation,
      targetType: filter.targetType,
      connectedSystem: filter.connectedSystem,
      runProfile: filter.runProfile,
      initiatedBy: filter.initiatedBy,
      search: filter.search,
      createdFrom: filter.createdFrom,
      createdTo: filter.createdTo,
      scheduledOnly: filter.scheduledOnly,
    },
    signal,
  });
  return asPage<ActivityHeader>(data, order.page, order.pageSize);
}

/** One page of a run's execution items (JIM's order; only page/pageSize are honoured). */
export async function listExecutionItems(
  jim: JimClient,
  id: string,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<ExecutionItem>> {
  try {
    const data = await jim.get<unknown>(`/activities/${encodeURIComponent(id)}/items`, {
      query: { page, pageSize },
      signal,
      what: `activity ${id}`,
    });
    return asPage<ExecutionItem>(data, page, pageSize);
  } catch (e) {
    explainNotARun(e, id);
  }
}
