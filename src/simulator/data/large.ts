/**
 * A large simulated instance for scale tests: N connected systems, each with a
 * few run profiles, and M finished runs spread over the past days with a fixed,
 * deterministic mix of outcomes. Nothing random: the same call builds the same data.
 */
import type { ConnectedSystemRunType } from "../../jim/types.js";
import type { SimState } from "../state.js";

export interface LargeInstanceOptions {
  systems: number;
  activities: number;
  /** Name prefix of the generated systems (default "Scale System"). */
  prefix?: string;
  /** The newest run starts this long before `now` (ms, default 10 min). */
  newestAgoMs?: number;
  /** Runs are spread evenly over this span (ms, default 7 days). */
  spanMs?: number;
  now?: number;
}

export interface LargeInstance {
  systemIds: number[];
  /** How many runs of each outcome were added. */
  outcomes: Record<string, number>;
}

const PROFILES: Array<{ name: string; runType: ConnectedSystemRunType }> = [
  { name: "Full Import", runType: "FullImport" },
  { name: "Delta Synchronisation", runType: "DeltaSynchronisation" },
  { name: "Export", runType: "Export" },
];

/** Outcome of the i-th run: mostly clean, with regular warnings, errors and failures. */
function outcomeAt(i: number): "Complete" | "CompleteWithWarning" | "CompleteWithError" | "FailedWithError" {
  if (i % 97 === 5) return "CompleteWithError";
  if (i % 41 === 3) return "FailedWithError";
  if (i % 13 === 7) return "CompleteWithWarning";
  return "Complete";
}

/** Adds the systems and runs to `state` (oldest run first, as JIM stores them). */
export function fillLargeInstance(state: SimState, opts: LargeInstanceOptions): LargeInstance {
  const now = opts.now ?? Date.now();
  const prefix = opts.prefix ?? "Scale System";
  const systems = state.addConnectedSystems(opts.systems, prefix, (s) => ({
    objectCount: 200 + ((s * 37) % 800),
    connectorsCount: 150 + ((s * 29) % 600),
    pendingExportObjectsCount: s % 9 === 0 ? (s * 7) % 120 : 0,
    runProfiles: [],
  }));
  for (const sys of systems) {
    sys.runProfiles = PROFILES.map((p) => ({
      id: state.nextId("runProfile"),
      name: p.name,
      runType: p.runType,
      pageSize: 100,
      partitionId: null,
      filePath: null,
      verifyImportContentHashes: false,
    }));
  }
  const systemIds = systems.map((s) => s.id);
  const profileIds = systems.map((s) => s.runProfiles.map((r) => r.id));

  const outcomes: Record<string, number> = {};
  const newest = now - (opts.newestAgoMs ?? 10 * 60_000);
  const span = opts.spanMs ?? 7 * 86_400_000;
  const step = opts.activities > 1 ? span / (opts.activities - 1) : 0;
  for (let i = 0; i < opts.activities; i++) {
    const sIndex = i % opts.systems;
    const pIndex = Math.floor(i / opts.systems) % PROFILES.length;
    const outcome = outcomeAt(i);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    state.addHistoricalRun({
      systemId: systemIds[sIndex] as number,
      runProfileId: (profileIds[sIndex] as number[])[pIndex] as number,
      outcome,
      startedAt: Math.round(newest - span + i * step),
      durationMs: 5_000 + ((i * 7919) % 120_000),
      objects: 50 + ((i * 31) % 500),
      initiatedByType: "System",
      initiatedByName: "Scale schedule",
    });
  }
  return { systemIds, outcomes };
}
