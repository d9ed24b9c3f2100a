/** The live worker queue: list, one task, cancel. Finished tasks are removed by JIM, so follow activities. */
import type { JimClient } from "./client.js";
import { isJimApiError, reworded } from "./errors.js";
import { asPage, type Page } from "./paging.js";
import type { WorkerTaskHeader } from "./types.js";

const BASE = "/worker-tasks";

/** Own paging: JIM's defaults are 1/50 here, not 1/25. */
export async function listWorkerTasks(
  jim: JimClient,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<WorkerTaskHeader>> {
  const data = await jim.get<unknown>(BASE, { query: { page, pageSize }, signal });
  return asPage<WorkerTaskHeader>(data, page, pageSize);
}

/** A 404 here nearly always means the task finished (or was cancelled) and JIM removed it. */
function explainGone(e: unknown, id: string): never {
  if (isJimApiError(e) && e.status === 404) {
    throw reworded(e, {
      message: `Worker task ${id} is not in JIM's queue: it has already finished or been cancelled (JIM removes finished tasks), or the id is wrong.`,
      nextStep:
        "There is nothing to cancel. See how its run ended with activity_get (activity_list finds the activity); worker_task_list shows what is still queued or running.",
    });
  }
  throw e;
}

export async function getWorkerTask(
  jim: JimClient,
  id: string,
  signal?: AbortSignal,
): Promise<WorkerTaskHeader> {
  try {
    return await jim.get<WorkerTaskHeader>(`${BASE}/${encodeURIComponent(id)}`, {
      signal,
      what: `worker task ${id}`,
    });
  } catch (e) {
    explainGone(e, id);
  }
}

/** 202 with an empty body: queued tasks go at once, running ones are signalled and stop shortly after. */
export async function cancelWorkerTask(jim: JimClient, id: string, signal?: AbortSignal): Promise<void> {
  try {
    await jim.request<unknown>({
      method: "POST",
      path: `${BASE}/${encodeURIComponent(id)}/cancel`,
      signal,
      what: `worker task ${id}`,
    });
  } catch (e) {
    explainGone(e, id);
  }
}
