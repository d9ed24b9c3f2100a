/**
 * The built-in catalogue of all JIM REST endpoints: look them up, search them by keyword, match concrete
 * requests to them and check a request before it is sent. No network and no MCP dependencies.
 *
 * The data is generated from the team's endpoints.json by `scripts/build-catalogue.mjs`.
 */
export { checkRequest, type RequestCheck, type RequestToCheck } from "./check.js";
export { CATALOGUE, endpointByOp, fillPath } from "./data.js";
export { matchEndpoint } from "./match.js";
export { type SearchOptions, searchEndpoints } from "./search.js";
export type {
  AsyncTracking,
  CatalogueBody,
  CatalogueBodyField,
  CatalogueEndpoint,
  CataloguePathParam,
  CatalogueQueryParam,
  HttpMethod,
  PathParamType,
  Safety,
  ValueType,
} from "./types.js";
