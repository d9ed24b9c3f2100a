/**
 * JIM simulator: an HTTP server on 127.0.0.1 that behaves like JIM's REST API
 * closely enough for `--demo` mode and every test. See http.ts for the request
 * pipeline, state.ts for the data, worker.ts/runs.ts for run timing.
 */
import { randomUUID } from "node:crypto";
import type { SimContext } from "./context.js";
import {
  createSimServer,
  type FaultSpec,
  isChangingMethod,
  RateLimiter,
  type RecordedRequest,
  Router,
} from "./http.js";
import { registerAll } from "./routes/index.js";
import type { RunOutcome } from "./runs.js";
import { buildSampleState, type SimState } from "./state.js";
import { Worker } from "./worker.js";

export type { SimContext } from "./context.js";
export type {
  AuthLevel,
  FaultSpec,
  Handler,
  Paginated,
  Principal,
  RecordedRequest,
  RequestContext,
  RouteOptions,
  SimApiKey,
} from "./http.js";
export { Router } from "./http.js";
export type { RunOutcome } from "./runs.js";
export type {
  SimActivity,
  SimConnectedSystem,
  SimContainer,
  SimObjectType,
  SimPartition,
  SimRun,
  SimRunProfile,
  SimWorkerTask,
} from "./state.js";
export { SimState } from "./state.js";
export type { RunHook } from "./worker.js";
export { CANCEL_DELAY_MS } from "./worker.js";

/** Obviously fake key holding the Administrator role. */
export const DEMO_ADMIN_KEY = "jim_ak_demo1admin0000000000000000000000000000000000000000000000000000";
/** Valid key with no roles: 403 on every admin endpoint. */
export const DEMO_READER_KEY = "jim_ak_demo2reader000000000000000000000000000000000000000000000000000";

export interface SimulatorOptions {
  /** Default 0 = ephemeral; always binds 127.0.0.1. */
  port?: number;
  /** Default: the two demo keys. */
  apiKeys?: Array<{
    key: string;
    roles: string[];
    enabled?: boolean;
    expiresAt?: string | null;
    name?: string;
  }>;
  /** Duration of a run-profile execution when no hook says otherwise; default 6000 ms. */
  runDurationMs?: number;
  /** Default "Error". */
  partitionValidationMode?: "Error" | "Warning";
  /** null/undefined = off; else per-key sliding 60 s window, 429 + Retry-After. */
  rateLimitPerMinute?: number | null;
  /** Reported by /health/version; default "0.14.0-sim". */
  version?: string;
  /** Request log cap; the oldest records are dropped beyond it. Default 10 000. */
  maxRecordedRequests?: number;
}

export interface Simulator {
  /** "http://127.0.0.1:<port>" */
  url: string;
  /** Closes the server, clears timers, destroys open sockets. */
  close(): Promise<void>;
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Requests that change something: any method but GET/HEAD/OPTIONS, except impact previews (POST …/preview). */
  changingRequests(): RecordedRequest[];
  hooks: {
    /** Behaviour of the next run-profile execution(s) to start; FIFO; unqueued runs succeed in runDurationMs. */
    nextRun(opts: { outcome?: RunOutcome; durationMs?: number; objects?: number }): void;
    fault(f: FaultSpec): void;
    clearFaults(): void;
    setPartitionValidationMode(mode: "Error" | "Warning"): void;
    /** Turns per-key rate limiting on (requests per minute) or off (null) at runtime. */
    setRateLimit(perMinute: number | null): void;
  };
  /** The live data. */
  state: SimState;
  /** Applies any run transitions that are due (normally automatic; handy in tests). */
  advance(): void;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const keys = (
    opts.apiKeys ?? [
      { key: DEMO_ADMIN_KEY, roles: ["Administrator"], name: "Demo administrator key" },
      { key: DEMO_READER_KEY, roles: [], name: "Demo reader key" },
    ]
  ).map((k, i) => ({
    id: randomUUID(),
    key: k.key,
    name: k.name ?? `API key ${i + 1}`,
    roles: [...k.roles],
    enabled: k.enabled ?? true,
    expiresAt: k.expiresAt ?? null,
  }));
  const state = buildSampleState({
    apiKeys: keys,
    partitionValidationMode: opts.partitionValidationMode ?? "Error",
    version: opts.version ?? "0.14.0-sim",
  });
  const worker = new Worker(state, opts.runDurationMs ?? 6000);
  const sim: SimContext = { state, worker };
  const router = new Router();
  registerAll(router, sim);

  const requests: RecordedRequest[] = [];
  const faults: FaultSpec[] = [];
  const rateLimiter = new RateLimiter(opts.rateLimitPerMinute ?? null);
  const server = createSimServer({
    router,
    requests,
    faults,
    rateLimiter,
    apiKeys: () => state.apiKeys,
    beforeRoute: (now) => worker.advance(now),
    maxRecordedRequests: opts.maxRecordedRequests,
  });
  const port = await server.listen(opts.port ?? 0);

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      if (!closed) {
        worker.close();
        closed = server.close();
      }
      return closed;
    },
    requests,
    clearRequests() {
      requests.length = 0;
    },
    changingRequests() {
      // Impact previews (POST …/preview) start a preview activity but change no configuration.
      return requests.filter((r) => isChangingMethod(r.method) && !/\/preview$/i.test(r.path));
    },
    hooks: {
      nextRun(o) {
        worker.hooks.push({ ...o });
      },
      fault(f) {
        faults.push({ ...f });
      },
      clearFaults() {
        faults.length = 0;
      },
      setPartitionValidationMode(mode) {
        state.partitionValidationMode = mode;
      },
      setRateLimit(perMinute) {
        rateLimiter.limitPerMinute = perMinute;
        rateLimiter.reset();
      },
    },
    state,
    advance() {
      worker.advance(Date.now());
    },
  };
}
