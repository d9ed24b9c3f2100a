/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { connectedSystemClear } from "./connected-system-clear.js";
import { connectedSystemGet } from "./connected-system-get.js";
import { connectedSystemList } from "./connected-system-list.js";
import { connectorDefinitionGet } from "./connector-definition-get.js";
import { connectorDefinitionList } from "./connector-definition-list.js";
import { containerSetSelection } from "./container-set-selection.js";
import { hierarchyImport } from "./hierarchy-import.js";
import { objectTypeList } from "./object-type-list.js";
import { partitionList } from "./partition-list.js";
import { partitionSetSelection } from "./partition-set-selection.js";
import { schemaImport } from "./schema-import.js";

export const tools: AnyToolDef[] = [
  connectedSystemList,
  connectedSystemGet,
  partitionList,
  partitionSetSelection,
  containerSetSelection,
  objectTypeList,
  schemaImport,
  hierarchyImport,
  connectedSystemClear,
  connectorDefinitionList,
  connectorDefinitionGet,
];
