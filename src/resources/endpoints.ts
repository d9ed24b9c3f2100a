/**
 * `jim://api/endpoints`: the endpoint catalogue as JSON. One line per endpoint keeps it well
 * under the output budget (~75k characters for 249 endpoints); full parameter detail for a
 * few endpoints comes from the api_endpoint_search tool.
 */
let cached: string | undefined;

/** The catalogue module (249 endpoints) is loaded when this resource is first read, not at start-up. */
export async function endpointCatalogueJson(): Promise<string> {
  if (cached) return cached;
  const { CATALOGUE } = await import("../jim/catalogue/index.js");
  const endpoints = CATALOGUE.map((e) => ({
    op: e.op,
    method: e.method,
    path: e.path,
    area: e.area,
    summary: e.summary,
    safety: e.safety,
    async: e.async,
    query: e.query.map((q) => q.name),
    body: e.body ? e.body.fields.map((f) => (f.required ? `${f.name}*` : f.name)) : null,
  }));
  const doc = {
    about:
      "JIM's REST endpoints; paths are after /api/v1. safety: read | write | destructive. body lists field names, * = required. Call GETs with api_get and the rest with api_request; api_endpoint_search shows types and allowed values.",
    count: endpoints.length,
    endpoints,
  };
  cached = `{\n${Object.entries(doc)
    .map(([k, v]) =>
      k === "endpoints"
        ? `"endpoints": [\n${endpoints.map((x) => JSON.stringify(x)).join(",\n")}\n]`
        : `${JSON.stringify(k)}: ${JSON.stringify(v)}`,
    )
    .join(",\n")}\n}`;
  return cached;
}
