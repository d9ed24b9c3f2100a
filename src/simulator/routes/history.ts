/**
 * History: deleted-object records (own paging: 1/50, pageSize clamped to 1..1000,
 * envelope without totalPages/hasNextPage) and one batch of retention cleanup.
 */
import type { SimContext } from "../context.js";
import { data } from "../data/history.js";
import { effective, findSetting, data as settings } from "../data/settings.js";
import {
  apiError,
  MAX_PAGING_DEPTH,
  queryInt,
  queryValue,
  type RequestContext,
  type Router,
  sendJson,
  validationProblem,
} from "../http.js";

const BASE = "/api/v1/history";
const DAY = 86_400_000;

interface Filters {
  page: number;
  pageSize: number;
  from: number | null;
  to: number | null;
}

/** Binds paging and the date range; sends the 400 itself and returns null. */
function readFilters(ctx: RequestContext, intNames: string[]): Filters | null {
  const errors: Record<string, string[]> = {};
  for (const n of ["page", "pageSize", ...intNames]) {
    if (queryInt(ctx.query, n) === null)
      errors[n] = [`The value '${queryValue(ctx.query, n)}' is not valid.`];
  }
  const date = (n: string) => {
    const v = queryValue(ctx.query, n);
    if (v === undefined) return null;
    const t = Date.parse(v);
    if (Number.isNaN(t)) errors[n] = [`The value '${v}' is not valid.`];
    return t;
  };
  const from = date("fromDate");
  const to = date("toDate");
  if (Object.keys(errors).length > 0) {
    validationProblem(ctx.res, errors);
    return null;
  }
  const page = Math.max(1, queryInt(ctx.query, "page") ?? 1);
  const pageSize = Math.min(1000, Math.max(1, queryInt(ctx.query, "pageSize") ?? 50));
  if ((page - 1) * Math.min(pageSize, 100) > MAX_PAGING_DEPTH) {
    apiError(ctx.res, 400, "VALIDATION_ERROR", "The requested page is beyond the paging depth limit.", {
      page: [`(page - 1) x pageSize may not exceed ${MAX_PAGING_DEPTH.toLocaleString("en-GB")} rows.`],
    });
    return null;
  }
  return { page, pageSize, from, to };
}

function pageOf<T extends { changeTime: string }>(items: T[], f: Filters) {
  const inRange = items
    .filter(
      (x) =>
        (f.from === null || Date.parse(x.changeTime) >= f.from) &&
        (f.to === null || Date.parse(x.changeTime) <= f.to),
    )
    .sort((a, b) => Date.parse(b.changeTime) - Date.parse(a.changeTime));
  return {
    items: inRange.slice((f.page - 1) * f.pageSize, f.page * f.pageSize),
    totalCount: inRange.length,
    page: f.page,
    pageSize: f.pageSize,
  };
}

const contains = (v: string | null, s: string | undefined) =>
  s === undefined || (v ?? "").toLowerCase().includes(s.toLowerCase());

export function register(router: Router, sim: SimContext): void {
  const state = sim.state;

  router.get(`${BASE}/deleted-objects/cso`, (ctx) => {
    const f = readFilters(ctx, ["connectedSystemId"]);
    if (!f) return;
    const cs = queryInt(ctx.query, "connectedSystemId");
    const search = queryValue(ctx.query, "externalIdSearch");
    const items = data(state).deletedCsos.filter(
      (x) => (cs === undefined || x.connectedSystemId === cs) && contains(x.externalId, search),
    );
    sendJson(ctx.res, 200, pageOf(items, f));
  });

  router.get(`${BASE}/deleted-objects/mvo`, (ctx) => {
    const f = readFilters(ctx, ["objectTypeId"]);
    if (!f) return;
    const type = queryInt(ctx.query, "objectTypeId");
    const search = queryValue(ctx.query, "displayNameSearch");
    const items = data(state).deletedMvos.filter(
      (x) => (type === undefined || x.objectTypeId === type) && contains(x.displayName, search),
    );
    sendJson(ctx.res, 200, pageOf(items, f));
  });

  router.post(`${BASE}/cleanup`, (ctx) => {
    settings(state);
    const days = (key: string, fallback: number) => {
      const s = findSetting(state, key);
      const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})/.exec(s ? (effective(s) ?? "") : "");
      return m ? Number(m[1] ?? 0) + Number(m[2]) / 24 : fallback;
    };
    const retention = days("History.RetentionPeriod", 90);
    const configRetention = days("History.ConfigurationChangeRetentionPeriod", 365);
    const batchSetting = findSetting(state, "History.CleanupBatchSize");
    const batch = Number(batchSetting ? effective(batchSetting) : 1000) || 1000;
    const b = data(state).backlog;
    const take = (k: keyof typeof b) => {
      const n = Math.min(batch, b[k]);
      b[k] -= n;
      return n;
    };
    const cso = take("csoChanges");
    const mvo = take("mvoChanges");
    const acts = take("activities");
    const config = take("configurationChanges");
    const cutoff = ctx.now - retention * DAY;
    const any = cso + mvo + acts + config > 0;
    sendJson(ctx.res, 200, {
      csoChangesDeleted: cso,
      mvoChangesDeleted: mvo,
      activitiesDeleted: acts,
      configurationChangeActivitiesDeleted: config,
      configurationChangeRetentionPeriodDays: Math.round(configRetention),
      oldestRecordDeleted: any ? new Date(cutoff - 200 * DAY).toISOString() : null,
      newestRecordDeleted: any ? new Date(cutoff - DAY).toISOString() : null,
      cutoffDate: new Date(cutoff).toISOString(),
      retentionPeriodDays: Math.round(retention),
      batchSize: batch,
    });
  });
}
