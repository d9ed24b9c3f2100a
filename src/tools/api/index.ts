/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { apiEndpointSearch } from "./api-endpoint-search.js";
import { apiGet } from "./api-get.js";
import { apiRequest } from "./api-request.js";

export const tools: AnyToolDef[] = [apiEndpointSearch, apiGet, apiRequest];
