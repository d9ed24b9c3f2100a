/**
 * Schedules and schedule executions: own paging (1/20, pageSize < 1 → 400,
 * sortBy + sortDescending, a page past the end reports totalCount 0), full-replace
 * PUT with step reconciliation, enable/disable, run (executions queue run
 * profiles on the worker), cancel. Errors from these controllers carry code "".
 */
import { randomUUID } from "node:crypto";
import type { SimContext } from "../context.js";
import {
  advance,
  cancelExecution,
  data,
  isValidCron,
  type SimExecution,
  type SimSchedule,
  type SimScheduleStep,
  startExecution,
  toExecutionDetail,
  toExecutionDto,
  toScheduleDetail,
  toScheduleDto,
} from "../data/schedules.js";
import { bindJsonEnum } from "../enums.js";
import {
  apiError,
  MAX_PAGING_DEPTH,
  paginateCounted,
  parseGuid,
  queryBool,
  queryInt,
  queryValue,
  type RequestContext,
  type Router,
  sendEmpty,
  sendJson,
  validationProblem,
} from "../http.js";

const TRIGGERS = ["Cron", "Manual"] as const;
const PATTERNS = ["SpecificTimes", "Interval", "Custom"] as const;
const UNITS = ["Minutes", "Hours"] as const;
const MODES = ["Sequential", "ParallelWithPrevious"] as const;
const STEP_TYPES = [
  "RunProfile",
  "PowerShell",
  "Executable",
  "SqlScript",
  "TemporalScopeReconciliation",
] as const;

const fail = (ctx: RequestContext, status: number, message: string) => apiError(ctx.res, status, "", message);

/** The schedules controllers' own paging; sends the 400 itself and returns null. */
function readPaging(
  ctx: RequestContext,
): { page: number; pageSize: number; descending: boolean | undefined } | null {
  const rawPage = queryInt(ctx.query, "page");
  const rawSize = queryInt(ctx.query, "pageSize");
  const desc = queryBool(ctx.query, "sortDescending");
  const errors: Record<string, string[]> = {};
  if (rawPage === null) errors.page = [`The value '${queryValue(ctx.query, "page")}' is not valid.`];
  if (rawSize === null) errors.pageSize = [`The value '${queryValue(ctx.query, "pageSize")}' is not valid.`];
  if (desc === null)
    errors.sortDescending = [`The value '${queryValue(ctx.query, "sortDescending")}' is not valid.`];
  if (Object.keys(errors).length) {
    validationProblem(ctx.res, errors);
    return null;
  }
  const page = Math.max(1, rawPage ?? 1);
  const size = rawSize ?? 20;
  if (size < 1) {
    apiError(ctx.res, 400, "VALIDATION_ERROR", "Page size must be at least 1. (Parameter 'pageSize')");
    return null;
  }
  const pageSize = Math.min(100, size);
  if ((page - 1) * pageSize > MAX_PAGING_DEPTH) {
    apiError(ctx.res, 400, "VALIDATION_ERROR", "The requested page is beyond the paging depth limit.", {
      page: [`(page - 1) x pageSize may not exceed ${MAX_PAGING_DEPTH.toLocaleString("en-GB")} rows.`],
    });
    return null;
  }
  return { page, pageSize, descending: desc ?? undefined };
}

/** A page; past the end JIM reports totalCount 0 and no items. */
function pageOf<T>(items: T[], page: number, pageSize: number) {
  const slice = items.slice((page - 1) * pageSize, page * pageSize);
  if (slice.length === 0 && page > 1) return paginateCounted<T>([], 0, page, pageSize);
  return paginateCounted(slice, items.length, page, pageSize);
}

function cmp(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return a < b ? -1 : 1;
}

function scheduleOr404(ctx: RequestContext, sim: SimContext): SimSchedule | undefined {
  const s = data(sim.state).schedules.find((x) => x.id === ctx.params.id);
  if (!s) fail(ctx, 404, `Schedule with ID ${ctx.params.id} not found.`);
  return s;
}

function executionOr404(ctx: RequestContext, sim: SimContext): SimExecution | undefined {
  const e = data(sim.state).executions.find((x) => x.id === ctx.params.id);
  if (!e) fail(ctx, 404, `Schedule execution with ID ${ctx.params.id} not found.`);
  return e;
}

function field(b: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(b).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : b[key];
}

interface ParsedUpdate {
  name: string;
  description: string | null;
  triggerType: SimSchedule["triggerType"];
  cronExpression: string | null;
  patternType: SimSchedule["patternType"];
  daysOfWeek: string | null;
  runTimes: string | null;
  intervalValue: number | null;
  intervalUnit: SimSchedule["intervalUnit"];
  intervalWindowStart: string | null;
  intervalWindowEnd: string | null;
  isEnabled: boolean;
  steps: Array<Omit<SimScheduleStep, "id"> & { id: string | null }>;
}

/** Model binding of UpdateScheduleRequest: records errors the way ASP.NET would. */
function parseUpdate(body: unknown, errors: Record<string, string[]>): ParsedUpdate {
  const b = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const str = (o: Record<string, unknown>, name: string, path: string, max: number): string | null => {
    const v = field(o, name);
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") {
      errors[path] = ["The JSON value could not be converted to System.String."];
      return null;
    }
    if (v.length > max)
      errors[path] = [`The field ${name} must be a string with a maximum length of ${max}.`];
    return v;
  };
  const int = (
    o: Record<string, unknown>,
    name: string,
    path: string,
    min: number,
    max: number,
  ): number | null => {
    const v = field(o, name);
    if (v === undefined || v === null) return null;
    const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) {
      errors[path] = ["The JSON value could not be converted to System.Int32."];
      return null;
    }
    if (n < min || n > max) errors[path] = [`The field ${name} must be between ${min} and ${max}.`];
    return n;
  };
  const bool = (o: Record<string, unknown>, name: string, path: string): boolean | null => {
    const v = field(o, name);
    if (v === undefined || v === null) return null;
    if (typeof v !== "boolean") {
      errors[path] = ["The JSON value could not be converted to System.Boolean."];
      return null;
    }
    return v;
  };
  const en = <T extends string>(
    o: Record<string, unknown>,
    name: string,
    path: string,
    members: readonly T[],
  ) => {
    const v = field(o, name);
    if (v === undefined || v === null) return null;
    const bound = bindJsonEnum(members, v);
    if (bound === null) errors[path] = [`The JSON value could not be converted to ${name}.`];
    return bound;
  };
  const name = str(b, "name", "Name", 200);
  if (name === null || name.trim() === "") errors.Name = ["The Name field is required."];
  const rawSteps = field(b, "steps");
  const steps: ParsedUpdate["steps"] = [];
  if (rawSteps !== undefined && rawSteps !== null && !Array.isArray(rawSteps)) {
    errors["$.steps"] = ["The JSON value could not be converted to a list of steps."];
  } else {
    (Array.isArray(rawSteps) ? rawSteps : []).forEach((raw, i) => {
      const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
      const p = `$.steps[${i}]`;
      const rawId = str(o, "id", `${p}.id`, 100);
      const id = rawId === null ? null : parseGuid(rawId);
      if (rawId !== null && !id)
        errors[`${p}.id`] = ["The JSON value could not be converted to System.Guid."];
      steps.push({
        id,
        stepIndex: int(o, "stepIndex", `${p}.stepIndex`, 0, 1000) ?? 0,
        name: str(o, "name", `${p}.name`, 200),
        executionMode: en(o, "executionMode", `${p}.executionMode`, MODES) ?? "Sequential",
        stepType: en(o, "stepType", `${p}.stepType`, STEP_TYPES) ?? "RunProfile",
        continueOnFailure: bool(o, "continueOnFailure", `${p}.continueOnFailure`) ?? false,
        timeoutSeconds: int(o, "timeoutSeconds", `${p}.timeoutSeconds`, 1, 86400),
        connectedSystemId: int(
          o,
          "connectedSystemId",
          `${p}.connectedSystemId`,
          -2_147_483_648,
          2_147_483_647,
        ),
        runProfileId: int(o, "runProfileId", `${p}.runProfileId`, -2_147_483_648, 2_147_483_647),
        scriptPath: str(o, "scriptPath", `${p}.scriptPath`, 500),
        executablePath: str(o, "executablePath", `${p}.executablePath`, 500),
        workingDirectory: str(o, "workingDirectory", `${p}.workingDirectory`, 500),
        arguments: str(o, "arguments", `${p}.arguments`, 2000),
        sqlConnectionString: str(o, "sqlConnectionString", `${p}.sqlConnectionString`, 500),
        sqlScriptPath: str(o, "sqlScriptPath", `${p}.sqlScriptPath`, 500),
      });
    });
  }
  str(b, "changeReason", "ChangeReason", 2000);
  return {
    name: name ?? "",
    description: str(b, "description", "Description", 1000),
    // Omitted enums bind to their first member, booleans to false.
    triggerType: en(b, "triggerType", "$.triggerType", TRIGGERS) ?? "Cron",
    cronExpression: str(b, "cronExpression", "CronExpression", 100),
    patternType: en(b, "patternType", "$.patternType", PATTERNS) ?? "SpecificTimes",
    daysOfWeek: str(b, "daysOfWeek", "DaysOfWeek", 50),
    runTimes: str(b, "runTimes", "RunTimes", 200),
    intervalValue: int(b, "intervalValue", "IntervalValue", 1, 59),
    intervalUnit: en(b, "intervalUnit", "$.intervalUnit", UNITS),
    intervalWindowStart: str(b, "intervalWindowStart", "IntervalWindowStart", 10),
    intervalWindowEnd: str(b, "intervalWindowEnd", "IntervalWindowEnd", 10),
    isEnabled: bool(b, "isEnabled", "$.isEnabled") ?? false,
    steps,
  };
}

/** The action's own checks after binding; returns the 400 message or null. */
function checkUpdate(sim: SimContext, s: SimSchedule, u: ParsedUpdate): string | null {
  if (u.triggerType === "Cron") {
    if (!u.cronExpression || u.cronExpression.trim() === "")
      return "A cron expression is required when the trigger type is Cron.";
    if (!isValidCron(u.cronExpression))
      return `'${u.cronExpression}' is not a valid cron expression (five fields expected).`;
  }
  for (const [i, st] of u.steps.entries()) {
    const where = `Step ${i + 1}`;
    if (st.stepType === "RunProfile") {
      if (st.connectedSystemId === null || st.runProfileId === null) {
        return `${where}: a Run Profile step needs connectedSystemId and runProfileId.`;
      }
      const sys = sim.state.getConnectedSystem(st.connectedSystemId);
      if (!sys) return `${where}: Connected System ${st.connectedSystemId} not found.`;
      if (!sys.runProfiles.some((r) => r.id === st.runProfileId)) {
        return `${where}: Run Profile ${st.runProfileId} not found on Connected System '${sys.name}'.`;
      }
    }
    if (st.stepType === "PowerShell" && !st.scriptPath)
      return `${where}: a PowerShell step needs scriptPath.`;
    if (st.stepType === "Executable" && !st.executablePath)
      return `${where}: an Executable step needs executablePath.`;
    if (st.stepType === "SqlScript" && (!st.sqlConnectionString || !st.sqlScriptPath)) {
      return `${where}: a SQL script step needs sqlConnectionString and sqlScriptPath.`;
    }
  }
  if (s.builtIn) {
    if (u.name !== s.name) return "Built-in schedules cannot be renamed.";
    const same =
      u.steps.length === s.steps.length &&
      u.steps.every((st) => {
        const old = s.steps.find((o) => o.id === st.id);
        return (
          old &&
          old.stepIndex === st.stepIndex &&
          old.stepType === st.stepType &&
          old.runProfileId === st.runProfileId
        );
      });
    if (!same) return "The steps of a built-in schedule cannot be changed.";
  }
  return null;
}

export function register(router: Router, sim: SimContext): void {
  const d = () => data(sim.state);

  router.get("/api/v1/schedules", (ctx) => {
    advance(sim, ctx.now);
    const p = readPaging(ctx);
    if (!p) return;
    const search = queryValue(ctx.query, "search")?.toLowerCase();
    const sortBy = queryValue(ctx.query, "sortBy")?.toLowerCase();
    const dtos = d()
      .schedules.filter((s) => !search || `${s.name} ${s.description ?? ""}`.toLowerCase().includes(search))
      .sort((a, b) => a.created - b.created)
      .map((s) => toScheduleDto(sim.state, s, ctx.now));
    const key: Record<string, keyof (typeof dtos)[number]> = {
      name: "name",
      isenabled: "isEnabled",
      enabled: "isEnabled",
      status: "isEnabled",
      lastruntime: "lastRunTime",
      lastrun: "lastRunTime",
      nextruntime: "nextRunTime",
      nextrun: "nextRunTime",
    };
    const k = sortBy ? key[sortBy] : undefined;
    const dir = p.descending ? -1 : 1;
    if (k)
      dtos.sort(
        (a, b) =>
          dir *
          cmp(
            k === "name" ? String(a[k]).toLowerCase() : a[k],
            k === "name" ? String(b[k]).toLowerCase() : b[k],
          ),
      );
    else if (p.descending) dtos.reverse();
    sendJson(ctx.res, 200, pageOf(dtos, p.page, p.pageSize));
  });

  router.get("/api/v1/schedules/{id:guid}", (ctx) => {
    advance(sim, ctx.now);
    const s = scheduleOr404(ctx, sim);
    if (s) sendJson(ctx.res, 200, toScheduleDetail(sim.state, s, ctx.now));
  });

  router.put("/api/v1/schedules/{id:guid}", (ctx) => {
    const s = scheduleOr404(ctx, sim);
    if (!s) return;
    const errors: Record<string, string[]> = {};
    const u = parseUpdate(ctx.body, errors);
    if (Object.keys(errors).length) return validationProblem(ctx.res, errors);
    const problem = checkUpdate(sim, s, u);
    if (problem) return fail(ctx, 400, problem);
    const { steps, ...settings } = u;
    Object.assign(s, settings);
    s.steps = steps.map((st) => ({
      ...st,
      id: st.id && s.steps.some((o) => o.id === st.id) ? st.id : randomUUID(),
    }));
    s.lastUpdated = ctx.now;
    sendJson(ctx.res, 200, toScheduleDetail(sim.state, s, ctx.now));
  });

  router.delete("/api/v1/schedules/{id:guid}", (ctx) => {
    const s = scheduleOr404(ctx, sim);
    if (!s) return;
    if (s.builtIn)
      return fail(ctx, 400, `'${s.name}' is a built-in schedule and cannot be deleted; disable it instead.`);
    d().schedules.splice(d().schedules.indexOf(s), 1);
    sendEmpty(ctx.res, 204);
  });

  for (const action of ["enable", "disable"] as const) {
    router.post(`/api/v1/schedules/{id:guid}/${action}`, (ctx) => {
      const s = scheduleOr404(ctx, sim);
      if (!s) return;
      s.isEnabled = action === "enable";
      s.lastUpdated = ctx.now;
      sendJson(ctx.res, 200, toScheduleDto(sim.state, s, ctx.now));
    });
  }

  router.post("/api/v1/schedules/{id:guid}/run", (ctx) => {
    advance(sim, ctx.now);
    const s = scheduleOr404(ctx, sim);
    if (!s) return;
    if (s.steps.length === 0) return fail(ctx, 400, `Schedule '${s.name}' has no steps to run.`);
    const e = startExecution(sim, s, ctx.principal, ctx.now);
    sendJson(ctx.res, 202, {
      executionId: e.id,
      message: `Schedule '${s.name}' has been queued for execution.`,
    });
  });

  router.get("/api/v1/schedule-executions", (ctx) => {
    advance(sim, ctx.now);
    const p = readPaging(ctx);
    if (!p) return;
    const rawId = queryValue(ctx.query, "scheduleId");
    const scheduleId = rawId === undefined ? undefined : parseGuid(rawId);
    if (scheduleId === null)
      return validationProblem(ctx.res, { scheduleId: [`The value '${rawId}' is not valid.`] });
    const sortBy = queryValue(ctx.query, "sortBy")?.toLowerCase();
    const pick: Record<string, (e: SimExecution) => unknown> = {
      status: (e) => e.status,
      startedat: (e) => e.startedAt,
      started: (e) => e.startedAt,
      completedat: (e) => e.completedAt,
      completed: (e) => e.completedAt,
    };
    const get = (sortBy && pick[sortBy]) || ((e: SimExecution) => e.queuedAt);
    const dir = p.descending === false ? 1 : -1;
    const list = d()
      .executions.filter((e) => !scheduleId || e.scheduleId === scheduleId)
      .sort((a, b) => dir * cmp(get(a), get(b)))
      .map(toExecutionDto);
    sendJson(ctx.res, 200, pageOf(list, p.page, p.pageSize));
  });

  router.get("/api/v1/schedule-executions/active", (ctx) => {
    advance(sim, ctx.now);
    sendJson(
      ctx.res,
      200,
      d()
        .executions.filter((e) => e.status === "Queued" || e.status === "InProgress")
        .sort((a, b) => a.queuedAt - b.queuedAt)
        .map(toExecutionDto),
    );
  });

  router.get("/api/v1/schedule-executions/{id:guid}", (ctx) => {
    advance(sim, ctx.now);
    const e = executionOr404(ctx, sim);
    if (e) sendJson(ctx.res, 200, toExecutionDetail(sim.state, e));
  });

  router.post("/api/v1/schedule-executions/{id:guid}/cancel", (ctx) => {
    advance(sim, ctx.now);
    const e = executionOr404(ctx, sim);
    if (!e) return;
    if (e.status !== "Queued" && e.status !== "InProgress" && e.status !== "Paused") {
      return fail(
        ctx,
        400,
        `Schedule execution ${e.id} has already finished (${e.status}) and cannot be cancelled.`,
      );
    }
    cancelExecution(sim, e, ctx.principal, ctx.now);
    sendJson(ctx.res, 200, toExecutionDto(e));
  });
}
