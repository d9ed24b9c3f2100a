import * as z from "zod";
import { type CatalogueEndpoint, searchEndpoints } from "../../jim/catalogue/index.js";
import { defineTool, type ToolContext } from "../define.js";

function signature(e: CatalogueEndpoint): string {
  const parts: string[] = [];
  if (e.query.length) {
    parts.push(
      `query: ${e.query.map((q) => `${q.name}${q.enum ? `(${q.enum.join("|")})` : ""}`).join(", ")}`,
    );
  }
  if (e.body) {
    const fields = e.body.fields.map(
      (f) => `${f.name}${f.required ? "*" : ""}${f.enum ? `(${f.enum.join("|")})` : `:${f.type}`}`,
    );
    parts.push(`body ${e.body.dto}${e.body.required ? "" : " (optional)"}: {${fields.join(", ")}}`);
  }
  return parts.join("; ");
}

export const apiEndpointSearch = defineTool({
  name: "api_endpoint_search",
  title: "Search JIM's API",
  description:
    "Searches the built-in catalogue of all 249 JIM REST endpoints by words; returns method, path, parameters, body fields and safety class, for api_get / api_request.",
  toolset: "api",
  kind: "read",
  offline: true,
  input: z.object({
    query: z.string().min(2).max(200).describe("Words, e.g. 'pending exports count' or 'schedule steps'."),
    safety: z
      .enum(["read", "write", "destructive"])
      .optional()
      .describe("Only endpoints of this safety class."),
    limit: z.number().int().min(1).max(25).default(8).describe("Most results, 1–25 (default 8)."),
  }),
  output: z.object({
    items: z.array(
      z.object({
        op: z.string(),
        method: z.string(),
        path: z.string(),
        summary: z.string(),
        safety: z.string(),
        async: z.boolean(),
        parameters: z.string(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const hits = searchEndpoints(args.query, {
      limit: args.limit,
      ...(args.safety ? { safety: args.safety } : {}),
    });
    const items = hits.map(({ endpoint: e }) => ({
      op: e.op,
      method: e.method,
      path: e.path,
      summary: e.summary,
      safety: e.safety,
      async: e.async,
      parameters: signature(e),
    }));
    const text = items.length
      ? items
          .map(
            (i) =>
              `${i.method} ${i.path} [${i.safety}${i.async ? ", async" : ""}] ${i.op}\n  ${i.summary}${i.parameters ? `\n  ${i.parameters}` : ""}`,
          )
          .join("\n")
      : `Nothing matched "${args.query}". Try other words (e.g. the resource name: partition, schedule, api key).`;
    return {
      structured: { items },
      text: `${text}\n(* = required. ${howToCall(ctx)})`,
    };
  },
});

/** Which generic tool calls what, as far as this server exposes them. */
function howToCall(ctx: ToolContext): string {
  const get = ctx.exposes("api_get");
  const other = ctx.exposes("api_request");
  if (get && other) return "Call GETs with api_get, others with api_request.";
  if (get) return "Call GETs with api_get; this server does not send other methods.";
  if (other) return "Call them with api_request.";
  return "This server exposes neither api_get nor api_request.";
}
