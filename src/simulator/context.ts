/** What route modules receive besides the router: the live state and the worker. */
import type { SimState } from "./state.js";
import type { Worker } from "./worker.js";

export interface SimContext {
  state: SimState;
  worker: Worker;
}
