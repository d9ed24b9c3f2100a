/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { connectedSystemGet } from "./connected-system-get.js";
import { connectedSystemList } from "./connected-system-list.js";
import { containerSetSelection } from "./container-set-selection.js";
import { partitionList } from "./partition-list.js";
import { partitionSetSelection } from "./partition-set-selection.js";

export const tools: AnyToolDef[] = [
  connectedSystemList,
  connectedSystemGet,
  partitionList,
  partitionSetSelection,
  containerSetSelection,
];
