/**
 * MCP over Streamable HTTP, for one server shared by several agents.
 *
 * - `POST /mcp` from 2026-07-28 clients is stateless: every request gets a fresh server
 *   instance from the SDK's `createMcpHandler`. 2025-era clients get sessions
 *   (`Mcp-Session-Id`) on hand-wired transports, each owned by the caller that opened it.
 * - `GET /healthz` answers orchestrators without authentication.
 * - In front of the MCP endpoint: `Host` and `Origin` checks (403), bearer tokens (401),
 *   then the JIM key: the server's own connection, or the caller's `X-JIM-Api-Key`.
 * - Consent tokens are bound to the caller (token name + key) or, for 2025 sessions, to the
 *   session, so a confirmation issued to one caller never serves another.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AuthInfo,
  createMcpHandler,
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  isLegacyRequest,
  type McpServer,
  type RequestId,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import type { HttpConfig, ServerConfig } from "../config.js";
import type { Logger } from "../log.js";
import { createRuntime, createServerFactory, selectTools } from "../server.js";
import { ConsentSealer } from "../tools/consent.js";
import type { Runtime } from "../tools/wrap.js";
import { VERSION } from "../version.js";
import { CALLER_KEY_HEADER, type CallerRuntime, CallerRuntimes, callerKeyProblem } from "./http/callers.js";
import { parseBody, readBody, sendResponse, webRequest } from "./http/exchange.js";
import { BearerTokens, buildOriginPolicy, hostAllowed, originAllowed } from "./http/guard.js";

export const MCP_PATH = "/mcp";
export const HEALTH_PATH = "/healthz";

/** Limits that are not flags; tests shorten them. */
export interface HttpLimits {
  /** A 2025 session unused this long is closed. */
  sessionIdleMs: number;
  maxSessions: number;
  /** Time allowed to receive the request headers / the whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Caller-key cache: trust an accepted key this long, keep at most this many runtimes. */
  callerKeyTtlMs: number;
  maxCallerRuntimes: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  sessionIdleMs: 30 * 60_000,
  maxSessions: 1000,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  callerKeyTtlMs: 60_000,
  maxCallerRuntimes: 256,
};

export interface HttpHandle {
  /** `http://127.0.0.1:3000/mcp` — with the real port when 0 was asked for. */
  url: string;
  port: number;
  /** Tools each caller sees. */
  toolCount: number;
  /** The runtime of the server's own connection (callers without their own key). */
  runtime: Runtime;
  /** Open 2025-era sessions. */
  readonly sessionCount: number;
  /**
   * Stops accepting, lets in-flight calls run on for up to `graceMs` (default: the configured
   * shutdown grace), cancels the rest, and closes every JIM connection pool.
   */
  close(graceMs?: number): Promise<void>;
}

/** Who is calling, worked out before the MCP layer sees the request. */
interface Caller {
  /** Binds consent tokens and sessions: an opaque digest of the token name and, for an own key, the key. */
  id: string;
  /** For logs: the token's name, never a secret. */
  label: string;
  rt: Runtime;
  own?: CallerRuntime;
}

interface Session {
  id: string;
  owner: string;
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  lastUsed: number;
  /** Requests the client sent that have no answer yet (answered with an error at shutdown). */
  pending: Set<RequestId>;
  release: () => void;
}

const SHUTDOWN_MESSAGE =
  "jim-mcp is shutting down, so this call was cancelled. Work JIM had already started (such as a run) " +
  "carries on: check activity_list once the server is back.";

/** What a browser page from an allowed origin may send and read (the MCP headers and the caller's key). */
const CORS_ALLOWED_HEADERS =
  "authorization, content-type, accept, mcp-session-id, mcp-protocol-version, mcp-method, mcp-name, last-event-id, x-jim-api-key";
const CORS_EXPOSED = "mcp-session-id, mcp-protocol-version, www-authenticate";

/** The tool a single JSON-RPC `tools/call` request names; undefined for anything else. */
function toolCalled(body: unknown): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const { method, params } = body as { method?: unknown; params?: { name?: unknown } };
  return method === "tools/call" && typeof params?.name === "string" ? params.name : undefined;
}

function callerOf(authInfo: AuthInfo | undefined): Caller {
  const c = authInfo?.extra?.caller as Caller | undefined;
  if (!c) throw new Error("request reached the MCP layer without a resolved caller");
  return c;
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const code = status === 401 ? -32001 : status === 403 ? -32003 : -32000;
  const body = JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null });
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function startHttp(
  config: ServerConfig & { http: HttpConfig },
  log: Logger,
  limits: Partial<HttpLimits> = {},
): Promise<HttpHandle> {
  const http = config.http;
  const lim = { ...DEFAULT_HTTP_LIMITS, ...limits };
  const sealer = new ConsentSealer();
  const shared = createRuntime(config, log, { sealer });
  shared.connection.lock(
    "This server is shared over HTTP: switching or closing its JIM connection would change it for every caller.",
    http.callerKeys === "off"
      ? "Ask the operator to restart the server with another --profile or JIM_URL."
      : "Send your own JIM key in the X-JIM-Api-Key header, or ask the operator to restart the server with another --profile.",
  );
  const callers =
    http.callerKeys !== "off" && http.jimUrl
      ? new CallerRuntimes({
          config,
          log,
          sealer,
          jimUrl: http.jimUrl,
          verifyTtlMs: lim.callerKeyTtlMs,
          maxEntries: lim.maxCallerRuntimes,
        })
      : undefined;
  const tokens = new BearerTokens(http.authTokens);
  const policy = buildOriginPolicy(http.host, http.allowedHosts, http.allowedOrigins);
  const toolCount = selectTools(config).length;

  // Caller ids end up inside confirmation tokens the client can read: make them opaque.
  const idSecret = randomBytes(32);
  // Worked out once per identity (token name, or token name and key hash), not on every request.
  const opaqueIds = new Map<string, string>();
  const opaqueId = (identity: string) => {
    let id = opaqueIds.get(identity);
    if (id === undefined) {
      id = `h:${createHmac("sha256", idSecret).update(identity).digest("base64url").slice(0, 22)}`;
      if (opaqueIds.size >= 4 * lim.maxCallerRuntimes + http.authTokens.length + 1) opaqueIds.clear();
      opaqueIds.set(identity, id);
    }
    return id;
  };

  const serverFor = (caller: Caller, connectionId: string, onlyTool?: string) =>
    createServerFactory(caller.rt, { connectionId: () => connectionId, onlyTool })();

  /** The tool a stateless request calls, by request, from the body parsed in serveMcp. */
  const calledTool = new WeakMap<Request, string>();

  // 2026-07-28: stateless, one instance per request, consent bound to the caller. An instance
  // for a tools/call carries just that tool.
  const modern = createMcpHandler(
    (ctx) => {
      const caller = callerOf(ctx.authInfo);
      return serverFor(caller, caller.id, ctx.requestInfo && calledTool.get(ctx.requestInfo));
    },
    {
      legacy: "reject",
      maxRequestBodySize: http.maxBodyBytes,
      onerror: (e) => log.debug(`http: ${e.message}`),
    },
  );

  // 2025 era: sessions, each owned by the caller that opened it.
  const sessions = new Map<string, Session>();
  const dropSession = (id: string) => {
    const s = sessions.get(id);
    if (!s) return;
    sessions.delete(id);
    s.release();
    void s.server.close().catch(() => undefined);
  };
  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const s of [...sessions.values()]) if (now - s.lastUsed > lim.sessionIdleMs) dropSession(s.id);
    },
    Math.min(60_000, lim.sessionIdleMs),
  ).unref();

  const legacy = async (request: Request, authInfo: AuthInfo, parsedBody: unknown): Promise<Response> => {
    const caller = callerOf(authInfo);
    const options = { authInfo, ...(parsedBody !== undefined && { parsedBody }) };
    const sid = request.headers.get("mcp-session-id");
    if (sid) {
      const s = sessions.get(sid);
      if (!s || s.owner !== caller.id) {
        return jsonRpcError(
          404,
          -32001,
          "Session not found: it expired, the server restarted, or it was opened by another caller. Start a new session.",
        );
      }
      s.lastUsed = Date.now();
      return s.transport.handleRequest(request, options);
    }
    if (request.method !== "POST") {
      return jsonRpcError(
        400,
        -32000,
        "Bad Request: an Mcp-Session-Id header is required; open a session with initialize first.",
      );
    }
    if (sessions.size >= lim.maxSessions) {
      return jsonRpcError(
        503,
        -32000,
        "Too many open sessions; close unused ones (HTTP DELETE) or try again later.",
      );
    }
    const id = randomUUID();
    const server = serverFor(caller, `s:${id}`);
    if (caller.own) caller.own.active += 1; // the session keeps its runtime open
    const session: Session = {
      id,
      owner: caller.id,
      server,
      lastUsed: Date.now(),
      pending: new Set(),
      release: () => {
        if (caller.own) callers?.release(caller.own);
      },
      transport: new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => id,
        onsessioninitialized: () => {
          sessions.set(id, session);
          log.debug(`http: session opened for ${caller.label}`);
        },
        onsessionclosed: () => dropSession(id),
        maxRequestBodySize: http.maxBodyBytes,
      }),
    };
    session.transport.onclose = () => dropSession(id);
    await server.connect(session.transport);
    // Track unanswered requests so a shutdown can answer them instead of leaving clients to retry.
    const deliver = session.transport.onmessage;
    session.transport.onmessage = (message, extra) => {
      if (isJSONRPCRequest(message)) session.pending.add(message.id);
      deliver?.(message, extra);
    };
    const send = session.transport.send.bind(session.transport);
    session.transport.send = (message, options) => {
      if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) {
        if (message.id !== undefined) session.pending.delete(message.id);
      }
      return send(message, options);
    };
    const response = await session.transport.handleRequest(request, options);
    if (!sessions.has(id)) {
      // Not an initialize (or a failed one): nothing to keep.
      session.release();
      await server.close().catch(() => undefined);
    }
    return response;
  };

  /**
   * One MCP exchange: the body is read and parsed once here and handed on parsed, so neither the
   * era check nor the handler reads it again; 2025-era requests go to the sessions, the rest to
   * the stateless handler.
   */
  const serveMcp = async (req: IncomingMessage, res: ServerResponse, authInfo: AuthInfo): Promise<void> => {
    let finished = false;
    const abort = new AbortController();
    res.once("close", () => {
      if (!finished) abort.abort();
    });
    if (res.destroyed) abort.abort();
    let text: string | undefined;
    let parsedBody: unknown;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const read = await readBody(req, http.maxBodyBytes).catch((e: unknown) => e as Error);
      if (read instanceof Error) {
        // The client went away mid-body, or the stream failed: nothing to parse.
        log.debug(`http: could not read a request body: ${read.message}`);
        if (!res.headersSent && !res.destroyed)
          refuse(res, 400, "Bad Request: the request body could not be read.");
        return;
      }
      if (read.tooLarge) {
        refuse(res, 413, `Payload Too Large: Request body must not exceed ${http.maxBodyBytes} bytes`, {
          connection: "close",
        });
        return;
      }
      text = read.text;
      parsedBody = parseBody(text);
    }
    const request = webRequest(req, parsedBody === undefined && text ? text : undefined, abort.signal);
    const tool = toolCalled(parsedBody);
    if (tool !== undefined) calledTool.set(request, tool);
    let response: Response;
    try {
      response = (await isLegacyRequest(request, parsedBody, { maxRequestBodySize: http.maxBodyBytes }))
        ? await legacy(request, authInfo, parsedBody)
        : await modern.fetch(request, { authInfo, ...(parsedBody !== undefined && { parsedBody }) });
    } catch (e) {
      log.warn(`http: ${e instanceof Error ? e.message : String(e)}`);
      response = jsonRpcError(500, -32603, "Internal server error");
    }
    await sendResponse(res, response, abort.signal);
    finished = true;
  };

  /** Works out the caller, or answers the request itself and returns undefined. */
  const resolveCaller = async (req: IncomingMessage, res: ServerResponse): Promise<Caller | undefined> => {
    let who = "anonymous";
    if (tokens.enabled) {
      const verdict = tokens.check(req.headers.authorization);
      if (!verdict.ok) {
        const why =
          verdict.reason === "missing"
            ? "This server needs a bearer token: send an Authorization: Bearer <token> header."
            : verdict.reason === "malformed"
              ? "The Authorization header must read: Bearer <token>."
              : "The bearer token is not one this server accepts.";
        log.info(`http: refused ${req.method} ${MCP_PATH} (401, ${verdict.reason} token)`);
        refuse(res, 401, why, { "www-authenticate": 'Bearer realm="jim-mcp"' });
        return undefined;
      }
      who = verdict.name;
    }
    const keyHeader = req.headers[CALLER_KEY_HEADER];
    if (keyHeader === undefined) {
      if (http.callerKeys === "require") {
        refuse(res, 401, "This server needs your own JIM API key: send it in the X-JIM-Api-Key header.");
        return undefined;
      }
      return { id: opaqueId(`t:${who}`), label: who, rt: shared };
    }
    if (!callers) {
      refuse(
        res,
        400,
        "This server does not take JIM keys from callers (X-JIM-Api-Key); it uses its own connection. " +
          "Leave the header out, or ask the operator to start it with --caller-keys allow.",
      );
      return undefined;
    }
    const key = Array.isArray(keyHeader) ? undefined : keyHeader.trim();
    const problem = key === undefined ? "Send exactly one X-JIM-Api-Key header." : callerKeyProblem(key);
    if (problem || key === undefined) {
      refuse(res, 401, problem ?? "Send exactly one X-JIM-Api-Key header.");
      return undefined;
    }
    const acquired = await callers.acquire(`t:${who}`, key);
    if (!acquired.ok) {
      refuse(res, acquired.status, acquired.message);
      return undefined;
    }
    const own = acquired.entry;
    // The client may have gone while JIM checked the key: give the connection back at once.
    if (res.closed) {
      callers.release(own);
      return undefined;
    }
    res.once("close", () => callers.release(own));
    return { id: opaqueId(`t:${who}|k:${own.hash}`), label: `${who} (own key)`, rt: own.rt, own };
  };

  let closing = false;
  let inFlight = 0;
  const idle: Array<() => void> = [];
  const settle = () => {
    if (inFlight === 0) for (const f of idle.splice(0)) f();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const body = JSON.stringify({ status: closing ? "stopping" : "ok", version: VERSION });
      res.writeHead(closing ? 503 : 200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    if (path !== MCP_PATH) {
      refuse(res, 404, `Not found. The MCP endpoint is ${MCP_PATH}; health checks use ${HEALTH_PATH}.`);
      return;
    }
    if (closing) {
      refuse(res, 503, "The server is shutting down.", { connection: "close" });
      return;
    }
    if (!hostAllowed(policy, header(req, "host"))) {
      log.debug(`http: refused a request for host "${header(req, "host") ?? ""}" (403)`);
      refuse(res, 403, "Forbidden: this Host is not allowed. The operator can add it with --allowed-hosts.");
      return;
    }
    const origin = header(req, "origin");
    if (!originAllowed(policy, origin)) {
      log.debug(`http: refused a request from origin "${origin}" (403)`);
      refuse(
        res,
        403,
        "Forbidden: this Origin is not allowed. The operator can add it with --allowed-origins.",
      );
      return;
    }
    // A browser page from an allowed origin: answer its preflight, and let it read the answers.
    if (origin !== undefined) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("vary", "Origin");
      res.setHeader("access-control-expose-headers", CORS_EXPOSED);
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
          "access-control-allow-headers": CORS_ALLOWED_HEADERS,
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
    }
    const counted = req.method === "POST";
    if (counted) {
      inFlight += 1;
      res.once("close", () => {
        inFlight -= 1;
        settle();
      });
    }
    const caller = await resolveCaller(req, res);
    if (!caller) return;
    // The MCP layer needs neither secret: keep them out of the request it sees.
    delete req.headers.authorization;
    delete req.headers[CALLER_KEY_HEADER];
    const started = Date.now();
    const auth: AuthInfo = { token: caller.id, clientId: caller.label, scopes: [], extra: { caller } };
    (req as IncomingMessage & { auth?: AuthInfo }).auth = auth;
    res.once("finish", () =>
      log.debug(
        `http: ${req.method} ${MCP_PATH} from ${caller.label}: ${res.statusCode} in ${Date.now() - started} ms`,
      ),
    );
    await serveMcp(req, res, auth);
  };

  // Check the header and request time limits every second (Node's default is every 30 s).
  const server: Server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    handle(req, res).catch((e) => {
      log.error(`http: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) refuse(res, 500, "Internal error; the server log has details.");
      else res.destroy();
    });
  });
  server.headersTimeout = lim.headersTimeoutMs;
  server.requestTimeout = lim.requestTimeoutMs;
  server.keepAliveTimeout = lim.keepAliveTimeoutMs;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(http.port, http.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Later errors (accept failing with too many open files, say) are logged; they must not end the process.
  server.on("error", (e) => log.error(`http: ${e.message}`));
  const port = (server.address() as AddressInfo).port;
  const shownHost = http.host.includes(":") && !http.host.startsWith("[") ? `[${http.host}]` : http.host;

  let closed: Promise<void> | undefined;
  const close = (graceMs = http.shutdownGraceMs): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      clearInterval(sweeper);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        log.info(`http: stopping; waiting up to ${graceMs / 1000} s for ${inFlight} call(s) in flight`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          idle.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (inFlight > 0) log.warn(`http: cancelling ${inFlight} call(s) still running`);
      }
      await modern.close().catch(() => undefined);
      for (const s of [...sessions.values()]) {
        for (const rid of [...s.pending]) {
          await s.transport
            .send({ jsonrpc: "2.0", id: rid, error: { code: -32000, message: SHUTDOWN_MESSAGE } })
            .catch(() => undefined);
        }
        await s.transport.close().catch(() => undefined);
        dropSession(s.id);
      }
      server.closeAllConnections();
      await stopped;
      await callers?.close();
      await shared.connection.close();
    })();
    return closed;
  };

  return {
    url: `http://${shownHost}:${port}${MCP_PATH}`,
    port,
    toolCount,
    runtime: shared,
    get sessionCount() {
      return sessions.size;
    },
    close,
  };
}
