/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { apiKeyCreate } from "./api-key-create.js";
import { apiKeyDelete } from "./api-key-delete.js";
import { apiKeyList } from "./api-key-list.js";
import { apiKeyUpdate } from "./api-key-update.js";
import { roleList } from "./role-list.js";

export const tools: AnyToolDef[] = [apiKeyList, apiKeyCreate, apiKeyUpdate, apiKeyDelete, roleList];
