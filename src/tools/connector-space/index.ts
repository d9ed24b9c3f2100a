/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { connectorSpaceGet } from "./connector-space-get.js";
import { connectorSpaceSearch } from "./connector-space-search.js";
import { pendingExportGet } from "./pending-export-get.js";
import { pendingExportList } from "./pending-export-list.js";

export const tools: AnyToolDef[] = [
  connectorSpaceSearch,
  connectorSpaceGet,
  pendingExportList,
  pendingExportGet,
];
