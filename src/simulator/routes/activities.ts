/** Activities: search/list with facet filters, detail, progress, stats, execution items, children. */
import type { ActivityHeader } from "../../jim/types.js";
import type { SimContext } from "../context.js";
import { executionItems, toActivityDetail, toActivityHeader, toProgress, toStats } from "../dto.js";
import {
  ACTIVITY_INITIATOR_TYPE,
  ACTIVITY_OPERATION_TYPE,
  ACTIVITY_OUTCOME_TYPE,
  ACTIVITY_STATUS,
  ACTIVITY_TARGET_TYPE,
} from "../enums.js";
import {
  apiError,
  notFound,
  paginate,
  parseGuid,
  queryBool,
  queryEnumSet,
  queryValue,
  queryValues,
  type RequestContext,
  type Router,
  readPaginationRequest,
  sendJson,
  validationProblem,
} from "../http.js";
import type { SimActivity } from "../state.js";

const BASE = "/api/v1/activities";

const OUTCOME_TOTAL: Record<(typeof ACTIVITY_OUTCOME_TYPE)[number], keyof ActivityHeader> = {
  Added: "totalAdded",
  Updated: "totalUpdated",
  Deleted: "totalDeleted",
  Projected: "totalProjected",
  Joined: "totalJoined",
  AttributeFlows: "totalAttributeFlows",
  Disconnected: "totalDisconnected",
  DriftCorrections: "totalDriftCorrections",
  Provisioned: "totalProvisioned",
  Exported: "totalExported",
  Deprovisioned: "totalDeprovisioned",
  Created: "totalCreated",
  PendingExports: "totalPendingExports",
  Errors: "totalErrors",
};

function dateParam(ctx: RequestContext, name: string, errors: Record<string, string[]>): number | null {
  const v = queryValue(ctx.query, name);
  if (v === undefined) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) {
    errors[name] = [`The value '${v}' is not valid for ${name}.`];
    return null;
  }
  return t;
}

export function register(router: Router, sim: SimContext): void {
  const find = (ctx: RequestContext): SimActivity | undefined => {
    const a = sim.state.getActivity(ctx.params.id as string);
    if (!a) notFound(ctx.res, `Activity with ID ${ctx.params.id} not found.`);
    return a;
  };

  router.get(BASE, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const errors: Record<string, string[]> = {};
    const status = queryEnumSet(ctx, "status", ACTIVITY_STATUS, errors);
    const targetType = queryEnumSet(ctx, "targetType", ACTIVITY_TARGET_TYPE, errors);
    const initiatorType = queryEnumSet(ctx, "initiatorType", ACTIVITY_INITIATOR_TYPE, errors);
    const operation = queryEnumSet(ctx, "operation", ACTIVITY_OPERATION_TYPE, errors);
    const outcome = queryEnumSet(ctx, "outcome", ACTIVITY_OUTCOME_TYPE, errors);
    const createdFrom = dateParam(ctx, "createdFrom", errors);
    const createdTo = dateParam(ctx, "createdTo", errors);
    const hasChildren = queryBool(ctx.query, "hasChildActivities");
    if (hasChildren === null) errors.hasChildActivities = ["The value is not valid for hasChildActivities."];
    const scheduledOnly = queryBool(ctx.query, "scheduledOnly");
    if (scheduledOnly === null) errors.scheduledOnly = ["The value is not valid for scheduledOnly."];
    const rawInitiatedById = queryValue(ctx.query, "initiatedById");
    const initiatedById = rawInitiatedById === undefined ? undefined : parseGuid(rawInitiatedById);
    if (initiatedById === null) errors.initiatedById = [`The value '${rawInitiatedById}' is not valid.`];
    const scheduleIds = queryValues(ctx.query, "scheduleId").filter((v) => v !== "");
    for (const s of scheduleIds) {
      if (!parseGuid(s)) errors.scheduleId = [...(errors.scheduleId ?? []), `The value '${s}' is not valid.`];
    }
    if (Object.keys(errors).length > 0) return validationProblem(ctx.res, errors);
    const wantedSchedules = new Set(scheduleIds.map((s) => parseGuid(s) ?? s.toLowerCase()));

    const search = queryValue(ctx.query, "search")?.toLowerCase();
    const initiatedBy = queryValue(ctx.query, "initiatedBy")?.toLowerCase();
    const systems = queryValues(ctx.query, "connectedSystem").filter((v) => v !== "");
    const profiles = queryValues(ctx.query, "runProfile").filter((v) => v !== "");
    const now = ctx.now;

    const parentIds = new Set(sim.state.activities.map((a) => a.parentActivityId).filter((x) => x !== null));
    let list = sim.state.activities.filter((a) => {
      if (status && !status.has(a.status as (typeof ACTIVITY_STATUS)[number])) return false;
      if (targetType && !targetType.has(a.targetType as (typeof ACTIVITY_TARGET_TYPE)[number])) return false;
      if (initiatorType && !initiatorType.has(a.initiatedByType)) return false;
      if (operation && !operation.has(a.targetOperationType as (typeof ACTIVITY_OPERATION_TYPE)[number])) {
        return false;
      }
      if (createdFrom !== null && a.created < createdFrom) return false;
      if (createdTo !== null && a.created > createdTo) return false;
      if (hasChildren !== undefined && parentIds.has(a.id) !== hasChildren) return false;
      if (scheduledOnly === true && !a.schedule) return false;
      if (scheduleIds.length > 0 && !wantedSchedules.has(a.schedule?.scheduleId.toLowerCase() ?? ""))
        return false;
      if (initiatedById && a.initiatedById?.toLowerCase() !== initiatedById) return false;
      if (systems.length > 0 && !systems.includes(a.targetContext ?? "")) return false;
      if (profiles.length > 0 && !profiles.includes(a.targetName ?? "")) return false;
      if (initiatedBy && !(a.initiatedByName ?? "").toLowerCase().includes(initiatedBy)) return false;
      if (search) {
        const hay = [a.targetName, a.targetContext, a.initiatedByName].map((x) => (x ?? "").toLowerCase());
        if (!hay.some((h) => h.includes(search))) return false;
      }
      return true;
    });

    const headers = new Map<string, ActivityHeader>();
    const header = (a: SimActivity) => {
      let h = headers.get(a.id);
      if (!h) {
        h = toActivityHeader(a, now);
        headers.set(a.id, h);
      }
      return h;
    };
    if (outcome) {
      list = list.filter((a) => {
        const h = header(a);
        for (const o of outcome) if ((h[OUTCOME_TOTAL[o]] as number) > 0) return true;
        return false;
      });
    }

    const sortBy = (req.sortBy ?? "created").toLowerCase();
    const dir = req.sortDirection === "desc" ? -1 : 1;
    const order = new Map(sim.state.activities.map((a, i) => [a.id, i]));
    const byCreated = (a: SimActivity, b: SimActivity) =>
      a.created - b.created || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
    let primary: ((a: SimActivity, b: SimActivity) => number) | null = null;
    if (sortBy === "status") {
      primary = (a, b) =>
        ACTIVITY_STATUS.indexOf(a.status as (typeof ACTIVITY_STATUS)[number]) -
        ACTIVITY_STATUS.indexOf(b.status as (typeof ACTIVITY_STATUS)[number]);
    } else if (sortBy === "type" || sortBy === "targettype" || sortBy === "target_type") {
      primary = (a, b) =>
        ACTIVITY_TARGET_TYPE.indexOf(a.targetType as (typeof ACTIVITY_TARGET_TYPE)[number]) -
        ACTIVITY_TARGET_TYPE.indexOf(b.targetType as (typeof ACTIVITY_TARGET_TYPE)[number]);
    } else if (sortBy === "target" || sortBy === "targetname" || sortBy === "target_name") {
      primary = (a, b) => (a.targetName ?? "").localeCompare(b.targetName ?? "");
    }
    list = [...list].sort((a, b) => dir * ((primary ? primary(a, b) : 0) || byCreated(a, b)));

    const page = paginate(list, req.page, req.pageSize);
    sendJson(ctx.res, 200, { ...page, items: page.items.map(header) });
  });

  router.get(`${BASE}/{id:guid}`, (ctx) => {
    const a = find(ctx);
    if (a) sendJson(ctx.res, 200, toActivityDetail(a, ctx.now));
  });

  router.get(`${BASE}/{id:guid}/progress`, (ctx) => {
    const a = find(ctx);
    if (a) sendJson(ctx.res, 200, toProgress(a, ctx.now));
  });

  router.get(`${BASE}/{id:guid}/stats`, (ctx) => {
    const a = find(ctx);
    if (!a) return;
    if (!a.run) {
      return apiError(ctx.res, 400, "BAD_REQUEST", `Activity ${a.id} is not a Run Profile execution.`);
    }
    sendJson(ctx.res, 200, toStats(a, ctx.now));
  });

  router.get(`${BASE}/{id:guid}/items`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const a = find(ctx);
    if (!a) return;
    if (!a.run) {
      return apiError(ctx.res, 400, "BAD_REQUEST", `Activity ${a.id} is not a Run Profile execution.`);
    }
    const sys = a.connectedSystemId === null ? undefined : sim.state.getConnectedSystem(a.connectedSystemId);
    sendJson(ctx.res, 200, executionItems(a, ctx.now, sys, req.page, req.pageSize));
  });

  router.get(`${BASE}/{id:guid}/children`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const a = find(ctx);
    if (!a) return;
    const children = sim.state.activities.filter((c) => c.parentActivityId === a.id);
    const page = paginate(children, req.page, req.pageSize);
    sendJson(ctx.res, 200, { ...page, items: page.items.map((c) => toActivityHeader(c, ctx.now)) });
  });
}
