import * as z from "zod";
import { defineTool } from "../define.js";
import { call, callOutput, checked, pathParam, queryParam } from "./shared.js";

export const apiGet = defineTool({
  name: "api_get",
  title: "Read any JIM endpoint",
  description:
    "Sends a GET to any catalogued JIM endpoint (checked against the catalogue first) and returns JIM's JSON. Read-only.",
  toolset: "api",
  kind: "read",
  input: z.object({ path: pathParam, query: queryParam }),
  output: callOutput,
  async handler(args, ctx) {
    const req = checked("GET", args.path, args.query, undefined);
    return call(ctx, "GET", req);
  },
});
