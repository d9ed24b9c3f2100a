/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { deletedObjectList } from "./deleted-object-list.js";
import { historyCleanup } from "./history-cleanup.js";

export const tools: AnyToolDef[] = [deletedObjectList, historyCleanup];
