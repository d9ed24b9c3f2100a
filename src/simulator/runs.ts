/**
 * Pure run-profile execution math: a plan is fixed when a run starts (outcome,
 * timing, final counts), and every live value (phase, processed objects,
 * operation counts) is derived from the plan and a point in time. Nothing here
 * holds timers; the worker decides when a run starts and ends.
 */
import type { ActivityPhaseStatus, ConnectedSystemRunType } from "../jim/types.js";

export type RunOutcome = "Complete" | "CompleteWithWarning" | "CompleteWithError" | "FailedWithError";

export interface PlanPhase {
  key: string;
  name: string;
  /** Absolute ms timestamps. */
  start: number;
  end: number;
  /** The step whose objectsProcessed/objectsToProcess advance. */
  counting: boolean;
}

export interface RunPlan {
  runType: ConnectedSystemRunType;
  outcome: RunOutcome;
  startedAt: number;
  endsAt: number;
  durationMs: number;
  /** objectsToProcess of the counting step. */
  objects: number;
  /** Objects processed when the run ends (less than `objects` when it fails part-way). */
  processedAtEnd: number;
  /** Final per-change-type counts (ObjectChangeType names). */
  counts: Record<string, number>;
  /** Objects that end up with an error item. */
  errors: number;
  errorType: string | null;
  /** Entries dropped because they sit in excluded containers: container id (as string) → count. */
  discards: Record<string, number>;
  phases: PlanPhase[];
  /** Index of the phase that fails (FailedWithError), else null. */
  failedPhase: number | null;
  objectTypes: string[];
}

export interface PlanInput {
  runType: ConnectedSystemRunType;
  outcome: RunOutcome;
  durationMs: number;
  objects: number;
  startedAt: number;
  objectTypes: string[];
  /** Excluded containers with their subtree object counts (imports only report discards). */
  excluded: Array<{ id: number; count: number }>;
}

const COUNT_SHARES: Record<string, Record<string, number>> = {
  FullImport: { Added: 0.02, Updated: 0.05, Deleted: 0.005 },
  DeltaImport: { Added: 0.2, Updated: 0.65, Deleted: 0.1 },
  FullSynchronisation: {
    Projected: 0.01,
    Joined: 0.02,
    AttributeFlow: 0.08,
    Disconnected: 0.002,
    PendingExport: 0.03,
  },
  DeltaSynchronisation: {
    Projected: 0.08,
    Joined: 0.07,
    AttributeFlow: 0.55,
    Disconnected: 0.02,
    PendingExport: 0.2,
  },
  Export: { Exported: 1 },
  NotSet: {},
};

const WARNING_ERROR_TYPE: Record<string, string> = {
  FullImport: "DuplicateObject",
  DeltaImport: "MissingExternalIdAttributeValue",
  FullSynchronisation: "AmbiguousMatch",
  DeltaSynchronisation: "UnresolvedReference",
  Export: "ExportConfirmationFailed",
  NotSet: "UnhandledError",
};

export function isImport(t: ConnectedSystemRunType): boolean {
  return t === "FullImport" || t === "DeltaImport";
}
export function isSync(t: ConnectedSystemRunType): boolean {
  return t === "FullSynchronisation" || t === "DeltaSynchronisation";
}

/** The three top-level steps of a run of this type. */
export function phaseNames(runType: ConnectedSystemRunType): Array<{ key: string; name: string }> {
  if (isImport(runType)) {
    return [
      { key: "connect", name: "Connecting" },
      { key: "import", name: "Importing objects" },
      { key: "finalise", name: "Finalising" },
    ];
  }
  if (runType === "Export") {
    return [
      { key: "connect", name: "Connecting" },
      { key: "export", name: "Exporting changes" },
      { key: "finalise", name: "Finalising" },
    ];
  }
  return [
    { key: "prepare", name: "Preparing" },
    { key: "synchronise", name: "Synchronising objects" },
    { key: "finalise", name: "Finalising" },
  ];
}

export function planRun(input: PlanInput): RunPlan {
  const d = Math.max(1, Math.round(input.durationMs));
  const s = input.startedAt;
  const failed = input.outcome === "FailedWithError";
  const names = phaseNames(input.runType);
  const t1 = s + Math.round(d * 0.1);
  const t2 = failed ? s + d : s + Math.round(d * 0.9);
  const [p0, p1, p2] = names as [
    { key: string; name: string },
    { key: string; name: string },
    { key: string; name: string },
  ];
  const phases: PlanPhase[] = [
    { ...p0, start: s, end: t1, counting: false },
    { ...p1, start: t1, end: t2, counting: true },
    { ...p2, start: t2, end: s + d, counting: false },
  ];

  const objects = Math.max(0, Math.floor(input.objects));
  const processedAtEnd = failed ? Math.floor(objects * 0.6) : objects;
  const P = processedAtEnd;

  let errors = 0;
  if (input.outcome === "CompleteWithWarning") errors = Math.max(1, Math.round(P * 0.004));
  else if (input.outcome === "CompleteWithError") errors = Math.max(1, Math.round(P * 0.002));
  errors = Math.min(errors, P);

  const shares = COUNT_SHARES[input.runType] ?? {};
  const counts: Record<string, number> = {};
  const budget = P - errors;
  for (const [k, share] of Object.entries(shares)) {
    counts[k] = input.runType === "Export" ? budget : Math.round(P * share);
  }
  let total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total > budget && total > 0) {
    const factor = budget / total;
    for (const k of Object.keys(counts)) counts[k] = Math.floor((counts[k] ?? 0) * factor);
    total = Object.values(counts).reduce((a, b) => a + b, 0);
  }

  const discards: Record<string, number> = {};
  if (isImport(input.runType)) {
    const share = input.runType === "FullImport" ? 1 : 0.01;
    for (const ex of input.excluded) {
      const n = Math.round(ex.count * share);
      if (n > 0) discards[String(ex.id)] = n;
    }
  }

  let errorType: string | null = null;
  if (input.outcome === "CompleteWithWarning")
    errorType = WARNING_ERROR_TYPE[input.runType] ?? "UnhandledError";
  else if (input.outcome === "CompleteWithError") errorType = "UnhandledError";

  return {
    runType: input.runType,
    outcome: input.outcome,
    startedAt: s,
    endsAt: s + d,
    durationMs: d,
    objects,
    processedAtEnd,
    counts,
    errors,
    errorType,
    discards,
    phases,
    failedPhase: failed ? 1 : null,
    objectTypes: input.objectTypes.length > 0 ? input.objectTypes : ["object"],
  };
}

export interface PhaseState {
  key: string;
  name: string;
  order: number;
  status: ActivityPhaseStatus;
  started: number | null;
  ended: number | null;
}

export interface RunSnapshot {
  /** Index of the running phase; null while queued or once ended. */
  activePhase: number | null;
  phases: PhaseState[];
  /** Current counting window. */
  objectsProcessed: number;
  objectsToProcess: number;
  /** Objects processed by the counting step so far (for totals). */
  processed: number;
  counts: Record<string, number>;
  errors: number;
  discards: Record<string, number>;
}

export type RunEnd = { at: number; kind: "outcome" } | { at: number; kind: "cancelled" };

/**
 * Live state of a run at time `at`. `plan` null means queued (not started).
 * `end` describes how it finished when it has (outcome at plan end, or cancelled).
 */
export function snapshot(
  plan: RunPlan | null,
  runType: ConnectedSystemRunType,
  at: number,
  end: RunEnd | null,
): RunSnapshot {
  if (!plan) {
    return {
      activePhase: null,
      phases: phaseNames(runType).map((p, i) => ({
        ...p,
        order: i + 1,
        status: end ? "Skipped" : "Pending",
        started: null,
        ended: null,
      })),
      objectsProcessed: 0,
      objectsToProcess: 0,
      processed: 0,
      counts: zeroCounts(runType),
      errors: 0,
      discards: {},
    };
  }
  const t = end ? Math.min(end.at, plan.endsAt) : Math.min(at, plan.endsAt);
  const finished = end !== null && end.kind === "outcome";
  const cancelled = end !== null && end.kind === "cancelled";

  const phases: PhaseState[] = [];
  let active: number | null = null;
  let countingFraction = 0;
  let phaseIndexAtT = plan.phases.length - 1;
  for (let i = 0; i < plan.phases.length; i++) {
    const p = plan.phases[i] as PlanPhase;
    if (t >= p.start && t < p.end) {
      phaseIndexAtT = i;
      break;
    }
  }
  for (let i = 0; i < plan.phases.length; i++) {
    const p = plan.phases[i] as PlanPhase;
    let status: ActivityPhaseStatus;
    let started: number | null = null;
    let ended: number | null = null;
    if (finished) {
      if (plan.failedPhase !== null && i > plan.failedPhase) status = "Skipped";
      else if (plan.failedPhase === i) {
        status = "Failed";
        started = p.start;
        ended = plan.endsAt;
      } else {
        status = "Completed";
        started = p.start;
        ended = p.end;
      }
    } else if (i < phaseIndexAtT) {
      status = "Completed";
      started = p.start;
      ended = p.end;
    } else if (i === phaseIndexAtT) {
      if (cancelled) {
        status = "Skipped";
        started = p.start;
        ended = t;
      } else {
        status = "Active";
        started = p.start;
        active = i;
      }
    } else {
      status = cancelled ? "Skipped" : "Pending";
    }
    phases.push({ key: p.key, name: p.name, order: i + 1, status, started, ended });
  }

  const countingIndex = plan.phases.findIndex((p) => p.counting);
  const counting = plan.phases[countingIndex] as PlanPhase;
  let windowProcessed = 0;
  let windowToProcess = 0;
  if (finished || t >= counting.end) {
    countingFraction = 1;
    windowProcessed = plan.processedAtEnd;
    windowToProcess = plan.objects;
  } else if (t >= counting.start) {
    const span = Math.max(1, counting.end - counting.start);
    countingFraction = Math.min(1, Math.max(0, (t - counting.start) / span));
    windowProcessed = Math.floor(plan.processedAtEnd * countingFraction);
    windowToProcess = plan.objects;
  }
  const processed = windowProcessed;
  const frac = plan.processedAtEnd > 0 ? processed / plan.processedAtEnd : countingFraction;
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(plan.counts)) counts[k] = Math.floor(v * frac);
  const discards: Record<string, number> = {};
  for (const [k, v] of Object.entries(plan.discards)) discards[k] = Math.floor(v * countingFraction);

  return {
    activePhase: active,
    phases,
    objectsProcessed: windowProcessed,
    objectsToProcess: windowToProcess,
    processed,
    counts,
    errors: Math.floor(plan.errors * frac),
    discards,
  };
}

function zeroCounts(runType: ConnectedSystemRunType): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(COUNT_SHARES[runType] ?? {})) out[k] = 0;
  return out;
}

// ---------------------------------------------------------------------------
// Deterministic pseudo-random helpers (execution items are generated on demand)
// ---------------------------------------------------------------------------

export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stable GUID derived from a seed string. */
export function seededGuid(seed: string): string {
  let hex = "";
  for (let i = 0; hex.length < 32; i++) hex += hash32(`${seed}#${i}`).toString(16).padStart(8, "0");
  const h = hex.slice(0, 32).split("");
  h[12] = "4";
  h[16] = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** .NET TimeSpan text: [d.]hh:mm:ss.fffffff */
export function timeSpan(ms: number): string {
  const totalMs = Math.max(0, Math.round(ms));
  const days = Math.floor(totalMs / 86_400_000);
  let rest = totalMs - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const frac = rest - sec * 1000;
  const p2 = (n: number) => String(n).padStart(2, "0");
  const base = `${p2(h)}:${p2(m)}:${p2(sec)}`;
  const withFrac = frac > 0 ? `${base}.${String(frac * 10_000).padStart(7, "0")}` : base;
  return days > 0 ? `${days}.${withFrac}` : withFrac;
}
