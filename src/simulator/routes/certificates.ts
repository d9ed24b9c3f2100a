/** Routes of this API area (see ../README.md). */
import type { SimContext } from "../context.js";
import type { Router } from "../http.js";

export function register(_router: Router, _sim: SimContext): void {}
