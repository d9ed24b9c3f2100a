/**
 * Reference servers for P4's context rows: what the HTTP throughput share can reach at best on
 * this machine, measured the same way as the real server (same light clients, same simulator,
 * same direct figure). Neither validates, formats, guards or gates anything; each answers
 * `tools/call` for one tool with exactly one JIM GET, the call P4 makes.
 *
 *   node bench/floor-server.mjs bare   node:http, JSON.parse, one undici GET, JSON.stringify: no
 *                                      MCP library at all (the floor of any Node server)
 *   node bench/floor-server.mjs sdk    the MCP SDK's stateless 2026-07-28 handler with one tool
 *                                      and no schemas, behind the same Node ↔ web plumbing the real
 *                                      server uses (the floor of any server built on the SDK)
 *
 * Env: JIM_URL, JIM_API_KEY, FLOOR_PATH (the JIM path to GET). Prints
 * "floor ready on http://127.0.0.1:<port>/mcp" to stderr once listening.
 */
import { createServer } from "node:http";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { Pool } from "undici";
import { parseBody, readBody, sendResponse, webRequest } from "../dist/lib/transports/http/exchange.js";

const mode = process.argv[2];
const jim = new Pool(process.env.JIM_URL, { connections: 8 });
const path = process.env.FLOOR_PATH;
const headers = { "x-api-key": process.env.JIM_API_KEY, accept: "application/json" };

/** The tool's whole work: one GET, its JSON as text and as structured content. */
async function callJim() {
  const res = await jim.request({ method: "GET", path, headers });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`JIM answered ${res.statusCode}`);
  return { content: [{ type: "text", text }], structuredContent: { result: JSON.parse(text) } };
}

const VERSIONS = ["2026-07-28"];

async function bare(req, res) {
  const body = await readBody(req, 1_000_000);
  const msg = body.tooLarge ? undefined : parseBody(body.text);
  let result;
  if (msg?.method === "server/discover") {
    result = {
      supportedVersions: VERSIONS,
      capabilities: { tools: {} },
      serverInfo: { name: "floor", version: "1" },
    };
  } else if (msg?.method === "tools/call") {
    result = await callJim();
  }
  const out = JSON.stringify(
    result === undefined
      ? { jsonrpc: "2.0", id: msg?.id ?? null, error: { code: -32601, message: "not served" } }
      : { jsonrpc: "2.0", id: msg.id, result },
  );
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(out) });
  res.end(out);
}

function sdk() {
  const handler = createMcpHandler(
    () => {
      const server = new McpServer({ name: "floor", version: "1" });
      server.registerTool("connected_system_list", { description: "One JIM GET." }, callJim);
      return server;
    },
    { legacy: "reject" },
  );
  return async (req, res) => {
    const body = await readBody(req, 1_000_000);
    const text = body.tooLarge ? "" : body.text;
    const parsedBody = parseBody(text);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const request = webRequest(req, parsedBody === undefined && text ? text : undefined, abort.signal);
    const response = await handler.fetch(request, parsedBody === undefined ? {} : { parsedBody });
    await sendResponse(res, response, abort.signal);
  };
}

const serve = mode === "bare" ? bare : mode === "sdk" ? sdk() : undefined;
if (!serve) {
  process.stderr.write("usage: floor-server.mjs bare|sdk\n");
  process.exit(2);
}
const http = createServer((req, res) => {
  serve(req, res).catch((e) => {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(e?.message ?? e));
  });
});
http.listen(0, "127.0.0.1", () => {
  process.stderr.write(`floor ready on http://127.0.0.1:${http.address().port}/mcp\n`);
});
process.on("SIGTERM", () => http.close(() => process.exit(0)));
