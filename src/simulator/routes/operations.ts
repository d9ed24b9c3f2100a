/**
 * Operations: service logs (limit/offset, plain arrays), predefined searches and running
 * one, example data templates and their execution, configuration-change previews.
 */
import { randomUUID } from "node:crypto";
import type { SimContext } from "../context.js";
import { data, LOG_LEVELS, LOG_SERVICES, type SimMvo, searchHeader } from "../data/operations.js";
import { previewStore } from "../data/previews.js";
import {
  notFound,
  paginate,
  problem,
  queryInt,
  queryValue,
  queryValues,
  type Router,
  readPaginationRequest,
  sendJson,
  sortAndFilter,
  validationProblem,
} from "../http.js";

const V1 = "/api/v1";
/** How long a simulated example-data generation takes. */
export const EXAMPLE_DATA_MS = 300;

export function register(router: Router, sim: SimContext): void {
  const state = sim.state;

  // -- logs ----------------------------------------------------------------------

  router.get(`${V1}/logs`, (ctx) => {
    const errors: Record<string, string[]> = {};
    for (const n of ["limit", "offset"]) {
      if (queryInt(ctx.query, n) === null)
        errors[n] = [`The value '${queryValue(ctx.query, n)}' is not valid.`];
    }
    const dateText = queryValue(ctx.query, "date");
    const date = dateText === undefined ? null : Date.parse(dateText);
    if (date !== null && Number.isNaN(date)) errors.date = [`The value '${dateText}' is not valid.`];
    if (Object.keys(errors).length > 0) return validationProblem(ctx.res, errors);
    const limit = Math.min(5000, Math.max(1, queryInt(ctx.query, "limit") ?? 500));
    const offset = Math.max(0, queryInt(ctx.query, "offset") ?? 0);
    const service = queryValue(ctx.query, "service")?.toLowerCase();
    const levels = new Set(queryValues(ctx.query, "levels").map((l) => l.toLowerCase()));
    const search = queryValue(ctx.query, "search")?.toLowerCase();
    const day = date === null ? null : new Date(date).toISOString().slice(0, 10);
    const list = data(state).logs.filter(
      (e) =>
        (service === undefined || e.service === service) &&
        (levels.size === 0 || levels.has(e.level.toLowerCase())) &&
        (search === undefined || e.message.toLowerCase().includes(search)) &&
        (day === null || e.timestamp.slice(0, 10) === day),
    );
    sendJson(ctx.res, 200, list.slice(offset, offset + limit));
  });

  router.get(`${V1}/logs/levels`, (ctx) => sendJson(ctx.res, 200, [...LOG_LEVELS]));
  router.get(`${V1}/logs/services`, (ctx) => sendJson(ctx.res, 200, [...LOG_SERVICES]));

  // -- predefined searches -----------------------------------------------------------

  router.get(`${V1}/predefined-searches`, (ctx) => {
    sendJson(ctx.res, 200, data(state).searches.map(searchHeader));
  });

  router.get(`${V1}/metaverse/objects/search/{predefinedSearchUri}`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const uri = (ctx.params.predefinedSearchUri as string).toLowerCase();
    const search = data(state).searches.find((s) => s.uri.toLowerCase() === uri && s.isEnabled);
    if (!search)
      return notFound(ctx.res, `No enabled predefined search with URI '${ctx.params.predefinedSearchUri}'.`);
    const text = queryValue(ctx.query, "search")?.toLowerCase();
    const has = queryValue(ctx.query, "hasAttribute");
    let found = data(state).objects.filter(
      (o) =>
        search.matches(o) &&
        (text === undefined || o.displayName.toLowerCase().includes(text)) &&
        (has === undefined || hasValue(o, has)),
    );
    if (req.sortBy) {
      const attr = search.attributes.find((a) => a.toLowerCase() === req.sortBy!.toLowerCase());
      if (attr) {
        const dir = req.sortDirection === "desc" ? -1 : 1;
        found = [...found].sort(
          (a, b) => dir * String(a.attributes[attr] ?? "").localeCompare(String(b.attributes[attr] ?? "")),
        );
      }
    }
    const page = paginate(found, req.page, req.pageSize);
    sendJson(ctx.res, 200, {
      ...page,
      items: page.items.map((o) => ({
        id: o.id,
        created: o.created,
        displayName: o.displayName,
        status: o.status,
        type: o.type,
        attributes: Object.fromEntries(search.attributes.map((a) => [a, o.attributes[a] ?? null])),
      })),
    });
  });

  // -- example data ------------------------------------------------------------------

  router.get(`${V1}/example-data/templates`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const list = sortAndFilter(
      data(state).templates.map((t) => ({ ...t })),
      req,
    );
    sendJson(ctx.res, 200, paginate(list, req.page, req.pageSize));
  });

  router.post(`${V1}/example-data/templates/{id:int}/execute`, (ctx) => {
    const template = data(state).templates.find((t) => t.id === Number(ctx.params.id));
    if (!template) return notFound(ctx.res, `Example data template with ID ${ctx.params.id} not found.`);
    const who = ctx.principal;
    const activity = state.addActivity({
      created: ctx.now,
      executed: ctx.now,
      ended: null,
      status: "InProgress",
      targetType: "ExampleDataTemplate",
      targetOperationType: "Execute",
      targetName: template.name,
      message: "Generating example data.",
      initiatedByType: "ApiKey",
      initiatedById: who?.id ?? null,
      initiatedByName: who?.name ?? null,
    });
    setTimeout(() => {
      if (activity.status !== "InProgress") return;
      activity.status = "Complete";
      activity.ended = Date.now();
      activity.message = `Generated example data from template '${template.name}'.`;
    }, EXAMPLE_DATA_MS).unref();
    sendJson(
      ctx.res,
      202,
      {
        activityId: activity.id,
        taskId: randomUUID(),
        message: `Example data generation from template '${template.name}' was queued.`,
      },
      { location: `${V1}/activities/${activity.id}` },
    );
  });

  // -- configuration-change previews ---------------------------------------------------

  // Every area's previews live in the shared store (data/previews.ts); the samples are seeded on first use.
  router.get(`${V1}/previews/{activityId:guid}`, (ctx) => {
    data(state);
    const entry = previewStore(state).get(ctx.params.activityId as string);
    if (!entry) return problem(ctx.res, 404, "Not Found");
    sendJson(ctx.res, 200, entry.render(ctx.now));
  });
}

function hasValue(o: SimMvo, attribute: string): boolean {
  const key = Object.keys(o.attributes).find((k) => k.toLowerCase() === attribute.toLowerCase());
  return key !== undefined && o.attributes[key] !== null && o.attributes[key] !== "";
}
