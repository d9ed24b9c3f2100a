/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { exampleDataExecute } from "./example-data-execute.js";
import { exampleDataTemplateList } from "./example-data-template-list.js";
import { logList } from "./log-list.js";
import { predefinedSearchList } from "./predefined-search-list.js";
import { predefinedSearchObjectList } from "./predefined-search-object-list.js";
import { previewGet } from "./preview-get.js";

export const tools: AnyToolDef[] = [
  logList,
  predefinedSearchList,
  predefinedSearchObjectList,
  exampleDataTemplateList,
  exampleDataExecute,
  previewGet,
];
