/** Shared by the api tools: parsing the query and body texts, checking against the catalogue, calling. */
import * as z from "zod";
import { type CatalogueEndpoint, checkRequest, matchEndpoint } from "../../jim/catalogue/index.js";
import type { HttpMethod } from "../../jim/client.js";
import { isJimApiError } from "../../jim/errors.js";
import { asPage } from "../../jim/paging.js";
import { saveSecret } from "../../secrets.js";
import { type ToolContext, ToolInputError } from "../define.js";
import { jsonText, OUTPUT_BUDGET_CHARS } from "../format/fit.js";
import { cutPageFooter, pageFooter } from "../format/text.js";

export const pathParam = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .describe(
    "Path after /api/v1 with real values, e.g. /synchronisation/connected-systems/2/partitions (api_endpoint_search finds them).",
  );
export const queryParam = z
  .string()
  .max(4000)
  .optional()
  .describe(
    "Query string, e.g. page=2&pageSize=50&status=InProgress&status=Cancelled (repeat a key for lists).",
  );

export function parseQuery(q: string | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!q) return out;
  const params = new URLSearchParams(q.startsWith("?") ? q.slice(1) : q);
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function parseBody(text: string | undefined): unknown {
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ToolInputError(
      `body is not valid JSON (${(e as Error).message}); send the request body as JSON text.`,
    );
  }
}

export interface CheckedRequest {
  endpoint: CatalogueEndpoint;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** Checks a request against the catalogue; throws a ToolInputError listing every problem. */
export function checked(
  method: HttpMethod,
  path: string,
  queryText: string | undefined,
  bodyText: string | undefined,
): CheckedRequest {
  const rawPath = path.trim();
  const [pathOnly, inlineQuery] = rawPath.split("?", 2) as [string, string | undefined];
  if (inlineQuery && queryText)
    throw new ToolInputError("Put the query either in path after '?' or in query, not both.");
  const query = parseQuery(queryText ?? inlineQuery);
  const body = parseBody(bodyText);
  const result = checkRequest({ method, path: pathOnly, query, body });
  if (!result.ok || !result.endpoint) {
    throw new ToolInputError(`The request does not fit JIM's API:\n- ${result.problems.join("\n- ")}`);
  }
  const m = matchEndpoint(method, pathOnly);
  const normalised = pathOnly.replace(/^(https?:\/\/[^/]+)?(\/api\/v1)?/i, "").replace(/\/+$/, "") || "/";
  return {
    endpoint: m?.endpoint ?? result.endpoint,
    path: normalised.startsWith("/") ? normalised : `/${normalised}`,
    query,
    body,
  };
}

export const callOutput = z.object({
  op: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number(),
  data: z.unknown(),
  savedTo: z.string().nullable(),
});

export async function call(ctx: ToolContext, method: HttpMethod, req: CheckedRequest) {
  const res = await ctx.jim().request<unknown>({
    method,
    path: req.path,
    query: req.query,
    body: req.body,
    signal: ctx.signal,
    startsWork: method === "POST" && req.endpoint.async,
  });
  let data = res.data ?? null;
  let savedTo: string | null = null;
  if (req.endpoint.secret && data !== null) {
    savedTo = await saveSecret(ctx.config.secretsDir, req.endpoint.op, JSON.stringify(data, null, 2));
    data = {
      secretSavedTo: savedTo,
      note: "The response holds a secret; it was saved to that file (mode 0600) and is not shown here.",
    };
  }
  const head = `${method} ${req.path} → ${res.status} (${req.endpoint.op})`;
  if (data === null) {
    return {
      structured: { op: req.endpoint.op, method, path: req.path, status: res.status, data, savedTo },
      text: `${head}\n(no content)`,
    };
  }
  const { json, shown, note } = jsonText(data, TEXT_BUDGET_CHARS);
  // The structured result shows the same entries as the text.
  const structured = {
    op: req.endpoint.op,
    method,
    path: req.path,
    status: res.status,
    data: shown,
    savedTo,
  };
  let footer = "";
  if (
    typeof shown === "object" &&
    shown !== null &&
    !Array.isArray(shown) &&
    "items" in shown &&
    "totalCount" in shown
  ) {
    const env = asPage(shown);
    const all = (data as { items?: unknown }).items;
    const cut = Array.isArray(all) && env.items.length < all.length;
    // Cut to fit: the next page at the same size would skip the rest of this one.
    footer = `\n${cut ? cutPageFooter(env, env.items.length) : pageFooter({ ...env, shown: env.items.length })}`;
  }
  return { structured, text: `${head}\n${json}${footer}${note ? `\n${note}` : ""}` };
}

/**
 * Longest JSON text of a result, in characters. The structured result carries the same data, and
 * the two together must stay within wrap.ts's output budget, so each gets half of it, less room for
 * the first line, the footer and the note. Fitting here keeps the text one valid JSON document
 * (wrap.ts cuts an over-long text at a line break, which would drop one-line JSON whole).
 */
export const TEXT_BUDGET_CHARS = Math.floor(OUTPUT_BUDGET_CHARS / 2) - 1_000;

/** For the consent preview: the object at the same path, when the catalogue has a GET for it. */
export async function readBefore(ctx: ToolContext, path: string): Promise<unknown> {
  const get = matchEndpoint("GET", path);
  if (!get) return undefined;
  try {
    return await ctx.jim().get(path, { signal: ctx.signal });
  } catch (e) {
    if (isJimApiError(e)) return { couldNotRead: e.message };
    throw e;
  }
}
