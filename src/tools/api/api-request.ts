import * as z from "zod";
import { canonicalJson } from "../consent.js";
import { defineTool } from "../define.js";
import { asSentence } from "../format/text.js";
import { call, callOutput, checked, pathParam, queryParam, readBefore } from "./shared.js";

export const apiRequest = defineTool({
  name: "api_request",
  title: "Call any JIM endpoint",
  description:
    "Sends any catalogued JIM request (checked against the catalogue first). Endpoints the catalogue marks destructive ask for confirmation. Prefer a dedicated tool when one exists.",
  toolset: "api",
  kind: "write",
  input: z.object({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).describe("HTTP method."),
    path: pathParam,
    query: queryParam,
    body: z
      .string()
      .max(200_000)
      .optional()
      .describe("JSON body as text, field names camelCase, enums as names."),
  }),
  output: callOutput,
  check(args) {
    if (args.method === "GET" && args.body) return "A GET takes no body.";
    return undefined;
  },
  async destructiveWhen(args, ctx) {
    const req = checked(args.method, args.path, args.query, args.body);
    if (req.endpoint.safety !== "destructive") return undefined;
    // Sealed as the JSON it means: the same body spaced or ordered differently is the same change.
    if (args.body !== undefined) ctx.resolved?.set("body", canonicalJson(req.body));
    const current = await readBefore(ctx, req.path);
    return {
      summary: `Send ${args.method} ${req.path} (${req.endpoint.op}: ${req.endpoint.summary})? ${asSentence(req.endpoint.risk ?? "JIM's catalogue marks it destructive")}`,
      preview: {
        request: `${args.method} ${req.path}`,
        query: Object.keys(req.query).length ? req.query : undefined,
        body: req.body,
        current,
      },
    };
  },
  async handler(args, ctx) {
    const req = checked(args.method, args.path, args.query, args.body);
    return call(ctx, args.method, req);
  },
});
