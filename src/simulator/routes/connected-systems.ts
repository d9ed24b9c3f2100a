/** Connected Systems: list (standard paging, sortBy/filter on header properties) and detail. */
import type { SimContext } from "../context.js";
import { toSystemDetail, toSystemHeader } from "../dto.js";
import { notFound, paginate, type Router, readPaginationRequest, sendJson, sortAndFilter } from "../http.js";

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
}
