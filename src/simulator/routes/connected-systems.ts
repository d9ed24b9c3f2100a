/** Connected Systems: list (standard paging, sortBy/filter on header properties), detail, connector-space clear. */
import type { SimContext } from "../context.js";
import { clearSystem } from "../data/connector-space.js";
import { toSystemDetail, toSystemHeader } from "../dto.js";
import {
  badRequest,
  notFound,
  paginate,
  queryBool,
  queryValue,
  type Router,
  readPaginationRequest,
  sendEmpty,
  sendJson,
  sortAndFilter,
  validationProblem,
} from "../http.js";

export const CS_BASE = "/api/v1/synchronisation/connected-systems";

export function register(router: Router, sim: SimContext): void {
  router.get(CS_BASE, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const headers = sim.state.connectedSystems.map(toSystemHeader).sort((a, b) => a.id - b.id);
    const list = sortAndFilter(headers, req);
    sendJson(ctx.res, 200, paginate(list, req.page, req.pageSize));
  });

  router.get(`${CS_BASE}/{connectedSystemId:int}`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    sendJson(ctx.res, 200, toSystemDetail(sys));
  });

  router.post(`${CS_BASE}/{connectedSystemId:int}/clear`, (ctx) => {
    const deleteHistory = queryBool(ctx.query, "deleteChangeHistory");
    if (deleteHistory === null) {
      return validationProblem(ctx.res, {
        deleteChangeHistory: [`The value '${queryValue(ctx.query, "deleteChangeHistory")}' is not valid.`],
      });
    }
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const running = sim.state.activities.some((a) => a.connectedSystemId === id && a.status === "InProgress");
    if (running) {
      return badRequest(
        ctx.res,
        `Cannot clear the connector space of '${sys.name}' while a run is in progress or queued for it.`,
      );
    }
    const removed = clearSystem(sim.state, sys);
    const keep = deleteHistory === false;
    sim.state.addActivity({
      created: ctx.now,
      executed: ctx.now,
      ended: ctx.now,
      targetType: "ConnectedSystem",
      targetOperationType: "Clear",
      targetName: sys.name,
      connectedSystemId: sys.id,
      message: `Deleted ${removed.toLocaleString("en-GB")} connector-space objects${keep ? "; change history kept" : " and their change history"}.`,
      ...(ctx.principal
        ? {
            initiatedByType: "ApiKey" as const,
            initiatedByName: ctx.principal.name,
            initiatedById: ctx.principal.id,
          }
        : {}),
    });
    sendEmpty(ctx.res, 200);
  });
}
