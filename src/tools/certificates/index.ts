/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";

export const tools: AnyToolDef[] = [];
