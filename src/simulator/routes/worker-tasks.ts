/** Worker tasks: the live queue (own paging), one task, and cancel (202, empty body). */
import type { SimContext } from "../context.js";
import { toWorkerTask } from "../dto.js";
import { notFound, paginate, type Router, readOwnPaging, sendEmpty, sendJson } from "../http.js";

const BASE = "/api/v1/worker-tasks";

export function register(router: Router, sim: SimContext): void {
  router.get(BASE, (ctx) => {
    const paging = readOwnPaging(ctx);
    if (!paging) return;
    const page = paginate(sim.state.workerTasks, paging.page, paging.pageSize);
    sendJson(ctx.res, 200, { ...page, items: page.items.map((t) => toWorkerTask(t, sim.state, ctx.now)) });
  });

  router.get(`${BASE}/{id:guid}`, (ctx) => {
    const t = sim.state.getWorkerTask(ctx.params.id as string);
    if (!t) return notFound(ctx.res, `Worker task with ID ${ctx.params.id} not found.`);
    sendJson(ctx.res, 200, toWorkerTask(t, sim.state, ctx.now));
  });

  router.post(`${BASE}/{id:guid}/cancel`, (ctx) => {
    const ok = sim.worker.cancel(ctx.params.id as string, ctx.principal, ctx.now);
    if (!ok) return notFound(ctx.res, `Worker task with ID ${ctx.params.id} not found.`);
    sendEmpty(ctx.res, 202);
  });
}
