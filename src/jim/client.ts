/**
 * The one place that talks HTTP to JIM. No MCP imports here.
 *
 * - One pooled undici dispatcher per JIM instance, composed with undici's retry
 *   interceptor; the retry *policy* is ours, supplied per request, so it knows
 *   whether the request may be re-sent.
 * - 429 (any method: the rate limiter rejects before the action runs) and 503
 *   with Retry-After (idempotent methods only) are retried up to 5 times, waiting
 *   Retry-After (seconds or HTTP date) or else 2, 4, 8, 16, 32 s, clamped to 1–60 s.
 * - A GET gets one more try after a connection reset, whether the reset comes
 *   before the answer or in the middle of its body (the whole request is sent
 *   again: JIM does not serve byte ranges). A request that starts work is never
 *   re-sent once it may have reached JIM.
 * - Every call carries an AbortSignal, so MCP cancellation reaches the socket.
 */
import { type Dispatcher, interceptors, Pool } from "undici";
import { httpError, JimApiError } from "./errors.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;

export interface JimRequest {
  method: HttpMethod;
  /** Path after `/api/v1`, starting with `/`. Build it with `jimPath` so free text is percent-encoded. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Starts work in JIM (run-profile execute, schedule run…): never re-sent after it may have arrived. */
  startsWork?: boolean | undefined;
  /** Names the addressed thing for a 404 message, e.g. "connected system 7". */
  what?: string | undefined;
  /** Anonymous endpoints (health probes): the key is not sent. */
  anonymous?: boolean | undefined;
}

export interface JimResponse<T> {
  status: number;
  data: T;
  /** How many times the request was re-sent (rate limiting, resets). */
  retries: number;
}

export interface RetryEvent {
  method: string;
  path: string;
  reason: string;
  attempt: number;
  waitMs: number;
}

export interface JimClientOptions {
  /** JIM's base URL. `https://jim.example.com`, with or without a trailing slash or `/api/v1`. */
  baseUrl: string;
  apiKey?: string | undefined;
  /** Per-attempt time limit in milliseconds (headers and body). Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries for 429/503. Default 5, as JIM's PowerShell module does. */
  maxRetries?: number | undefined;
  /** Injectable for tests (fake clocks). Must reject with the signal's reason when aborted. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  onRetry?: ((e: RetryEvent) => void) | undefined;
  userAgent?: string | undefined;
  /** Largest response body accepted, bytes. Default 32 MiB. */
  maxResponseBytes?: number | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 5;
const RESET_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);
/** undici's retry handler failing to resume a body with a Range request (JIM does not serve ranges). */
const RESUME_FAILED = "UND_ERR_REQ_RETRY";

/** A time limit for people: "400 ms", "30 s", "1.5 s". */
export function formatLimit(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
const IDEMPOTENT = new Set<HttpMethod>(["GET", "PUT", "DELETE"]);

/** The first "." or ".." segment of a path (before any query), if there is one. */
export function dotSegmentIn(path: string): string | undefined {
  const bare = path.split("?")[0] ?? "";
  // A web server decodes "%2e" before it resolves dot segments, so an encoded one counts too.
  return bare.split("/").find((s) => {
    const plain = s.replace(/%2e/gi, ".");
    return plain === "." || plain === "..";
  });
}

/** Percent-encodes each interpolated value: jimPath`/connector-definitions/by-name/${name}`. */
export function jimPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += encodeURIComponent(String(v)) + (strings[i + 1] ?? "");
  });
  return out;
}

export interface NormalisedBase {
  origin: string;
  /** Any path prefix in front of `/api/v1` (reverse proxies), without trailing slash. */
  prefix: string;
  /** What to show people: origin + prefix. */
  display: string;
}

/** Accepts `https://h`, `https://h/`, `https://h/api/v1/`, `https://h/jim/api` … and returns origin + prefix. */
export function normaliseBaseUrl(raw: string): NormalisedBase {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`"${raw}" is not a valid URL; expected something like https://jim.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`JIM URL must start with http:// or https:// (got ${url.protocol})`);
  }
  if (url.username || url.password) {
    throw new Error("JIM URL must not contain credentials; supply the API key separately");
  }
  let prefix = url.pathname.replace(/\/+$/, "");
  prefix = prefix.replace(/\/api(\/v1)?$/i, "");
  return { origin: url.origin, prefix, display: `${url.origin}${prefix}` };
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent or unusable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === "") return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.ceil(n);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.ceil((t - now) / 1000);
}

/** The wait before retry n (0-based), in ms: Retry-After if ≥ 1 s, else 2·2ⁿ s; clamped to 1–60 s. */
export function retryDelayMs(retryAfterSeconds: number | undefined, n: number): number {
  const seconds = retryAfterSeconds !== undefined && retryAfterSeconds >= 1 ? retryAfterSeconds : 2 * 2 ** n;
  return Math.min(60, Math.max(1, seconds)) * 1000;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

interface UndiciErrorLike {
  code?: string;
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined>;
  name?: string;
  message?: string;
}

export class JimClient {
  readonly base: NormalisedBase;
  readonly timeoutMs: number;
  private readonly apiKey: string | undefined;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly onRetry: ((e: RetryEvent) => void) | undefined;
  private readonly userAgent: string;
  private readonly pool: Pool;
  private readonly dispatcher: Dispatcher;

  constructor(opts: JimClientOptions) {
    this.base = normaliseBaseUrl(opts.baseUrl);
    this.apiKey = opts.apiKey;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.sleep = opts.sleep ?? abortableSleep;
    this.onRetry = opts.onRetry;
    this.userAgent = opts.userAgent ?? "jim-mcp";
    this.pool = new Pool(this.base.origin, {
      connections: 8,
      pipelining: 1,
      maxResponseSize: opts.maxResponseBytes ?? 32 * 1024 * 1024,
      keepAliveTimeout: 10_000,
    });
    this.dispatcher = this.pool.compose(interceptors.retry({ throwOnError: false }));
  }

  get hasApiKey(): boolean {
    return Boolean(this.apiKey);
  }

  async close(): Promise<void> {
    await this.pool.close().catch(() => undefined);
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    return `${this.base.display}/api/v1${path}${buildQuery(query)}`;
  }

  /** GET returning JSON. */
  get<T>(path: string, opts: Omit<JimRequest, "method" | "path" | "body"> = {}): Promise<T> {
    return this.request<T>({ ...opts, method: "GET", path }).then((r) => r.data);
  }

  async request<T>(req: JimRequest): Promise<JimResponse<T>> {
    const fullPath = `${this.base.prefix}/api/v1${req.path}${buildQuery(req.query)}`;
    const display = `${req.path}${buildQuery(req.query)}`;
    const dotSegment = dotSegmentIn(req.path);
    if (dotSegment !== undefined) {
      // Web servers (and JIM) read "." and ".." in a path as directory steps, so the request
      // would reach a different endpoint than the one meant.
      throw new JimApiError({
        kind: "invalid_request",
        message: `"${dotSegment}" cannot be used as a name or id in a JIM path: JIM reads it as a directory step, so ${req.method} ${display} would address something else. Nothing was sent to JIM.`,
        method: req.method,
        path: display,
        nextStep: "Use the real name or id (list the collection to find it).",
      });
    }
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": this.userAgent,
    };
    if (!req.anonymous && this.apiKey) headers["x-api-key"] = this.apiKey;
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] = "application/json; charset=utf-8";
    }

    let retries = 0;
    let lastReason = "";
    const method = req.method;
    const sleep = this.sleep;
    const maxRetries = this.maxRetries;
    const onRetry = this.onRetry;
    const signal = req.signal;
    const mayResend = !req.startsWork;
    // Set once the answer's headers have arrived: from then on a reset is a broken body,
    // which undici would try to resume with a Range request. We send the request again instead.
    let answered = false;
    let resetRetried = false;

    const policy = (err: UndiciErrorLike, _state: unknown, cb: (err?: Error | null) => void): void => {
      if (answered) {
        cb(err as Error);
        return;
      }
      const status = err.statusCode;
      let waitMs: number | undefined;
      if (status === 429 && retries < maxRetries) {
        waitMs = retryDelayMs(parseRetryAfter(err.headers?.["retry-after"]), retries);
        lastReason = "429 Too Many Requests";
      } else if (
        status === 503 &&
        err.headers?.["retry-after"] !== undefined &&
        IDEMPOTENT.has(method) &&
        mayResend &&
        retries < maxRetries
      ) {
        waitMs = retryDelayMs(parseRetryAfter(err.headers?.["retry-after"]), retries);
        lastReason = "503 Service Unavailable";
      } else if (
        status === undefined &&
        err.code &&
        RESET_CODES.has(err.code) &&
        method === "GET" &&
        retries === 0
      ) {
        waitMs = 100;
        lastReason = `connection reset (${err.code})`;
        resetRetried = true;
      }
      if (waitMs === undefined || signal?.aborted) {
        cb(err as Error);
        return;
      }
      retries += 1;
      onRetry?.({ method, path: display, reason: lastReason, attempt: retries, waitMs });
      sleep(waitMs, signal).then(
        () => cb(null),
        (e) => cb(e instanceof Error ? e : new Error(String(e))),
      );
    };

    let res: Dispatcher.ResponseData;
    let rawText: string;
    for (;;) {
      answered = false;
      try {
        res = await this.dispatcher.request({
          origin: this.base.origin,
          path: fullPath,
          method,
          headers,
          body,
          signal,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          // Our per-request policy for undici's retry interceptor.
          retryOptions: { retry: policy as never, maxRetries, throwOnError: false },
        } as Dispatcher.RequestOptions);
      } catch (e) {
        const failedResume = (e as UndiciErrorLike)?.code === RESUME_FAILED;
        throw this.transportError(e, req, display, failedResume ? "body" : "request");
      }
      answered = true;
      try {
        rawText = await res.body.text();
        break;
      } catch (e) {
        // The connection broke in the middle of the body: a GET is sent once more, from the start.
        if (method === "GET" && !resetRetried && this.brokenBody(e) && !signal?.aborted) {
          resetRetried = true;
          retries += 1;
          const code = (e as UndiciErrorLike)?.code ?? "reset";
          onRetry?.({
            method,
            path: display,
            reason: `connection reset in the body (${code})`,
            attempt: retries,
            waitMs: 100,
          });
          try {
            await sleep(100, signal);
          } catch (abort) {
            throw this.transportError(abort, req, display);
          }
          continue;
        }
        throw this.transportError(e, req, display, "body");
      }
    }
    const contentType = String(res.headers["content-type"] ?? "");
    const isJson = /\bjson\b/i.test(contentType);
    let parsed: unknown;
    let parseFailed = false;
    if (rawText.length > 0 && isJson) {
      try {
        parsed = JSON.parse(rawText);
      } catch {
        parseFailed = true;
      }
    }

    if (res.statusCode >= 400) {
      const err = httpError({
        method,
        path: display,
        status: res.statusCode,
        body: parsed,
        rawText: isJson ? rawText : "",
        what: req.what,
      });
      if (res.statusCode === 429) {
        throw new JimApiError({
          ...errInit(err),
          kind: "rate_limited",
          message: `${err.message} (still rate-limited after ${retries} retries; the retry budget of ${maxRetries} is spent)`,
        });
      }
      if (res.statusCode === 503 && req.startsWork) {
        throw new JimApiError({
          ...errInit(err),
          mayHaveStarted: true,
          nextStep:
            "JIM was briefly unavailable. The request was not re-sent because it starts work; check recent activities (activity_list) before trying again.",
        });
      }
      throw err;
    }
    if (res.statusCode >= 300) {
      throw new JimApiError({
        kind: "http",
        status: res.statusCode,
        message: `JIM answered with a redirect (${res.statusCode}) to ${String(res.headers.location ?? "?")}; redirects are not followed.`,
        method,
        path: display,
        nextStep:
          "Point JIM_URL at the address JIM is served from (check http vs https and any path prefix).",
      });
    }
    if (res.statusCode === 204 || rawText.length === 0) {
      return { status: res.statusCode, data: undefined as T, retries };
    }
    if (!isJson || parseFailed) {
      const looksHtml = /^\s*</.test(rawText) || /html/i.test(contentType);
      throw new JimApiError({
        kind: "not_json",
        status: res.statusCode,
        message: looksHtml
          ? `JIM answered ${method} ${display} with an HTML page instead of JSON. JIM serves its web portal for paths no API route matches: the path is wrong or an id has the wrong shape (integer vs GUID).`
          : `JIM answered ${method} ${display} with ${contentType || "no content type"} that is not valid JSON.`,
        method,
        path: display,
        nextStep:
          "Check the ids (integers for systems/run profiles, GUIDs for activities) and that JIM_URL points at JIM itself.",
      });
    }
    return { status: res.statusCode, data: parsed as T, retries };
  }

  /** A connection that broke after the answer began (a reset while reading, or a failed resume). */
  private brokenBody(e: unknown): boolean {
    const code = (e as UndiciErrorLike)?.code ?? "";
    return RESET_CODES.has(code) || code === RESUME_FAILED;
  }

  private transportError(
    e: unknown,
    req: JimRequest,
    display: string,
    phase: "request" | "body" = "request",
  ): JimApiError {
    if (e instanceof JimApiError) return e;
    const err = e as UndiciErrorLike;
    const code = err?.code ?? "";
    const started = Boolean(req.startsWork);
    if (req.signal?.aborted || err?.name === "AbortError" || code === "UND_ERR_ABORTED") {
      return new JimApiError({
        kind: "aborted",
        message: `The request ${req.method} ${display} was cancelled.`,
        method: req.method,
        path: display,
        mayHaveStarted: started,
        nextStep: started
          ? "It may have reached JIM; check activity_list before starting it again."
          : undefined,
      });
    }
    if (
      code === "UND_ERR_HEADERS_TIMEOUT" ||
      code === "UND_ERR_BODY_TIMEOUT" ||
      code === "UND_ERR_CONNECT_TIMEOUT"
    ) {
      return new JimApiError({
        kind: "timeout",
        message: `JIM did not answer ${req.method} ${display} within ${formatLimit(this.timeoutMs)}.`,
        method: req.method,
        path: display,
        mayHaveStarted: started,
        nextStep: started
          ? "The request may have reached JIM; check activity_list before starting it again."
          : "JIM may be overloaded; retry, or raise the limit with --timeout.",
      });
    }
    if (code === "UND_ERR_RES_EXCEEDED_MAX_SIZE") {
      return new JimApiError({
        kind: "http",
        message: `JIM's answer to ${req.method} ${display} was larger than the response size limit.`,
        method: req.method,
        path: display,
        nextStep: "Ask for less: use a smaller pageSize or a narrower filter.",
      });
    }
    if (phase === "body" && this.brokenBody(e)) {
      return new JimApiError({
        kind: "network",
        message: `The connection to JIM at ${this.base.display} broke in the middle of its answer to ${req.method} ${display} (connection reset).`,
        method: req.method,
        path: display,
        mayHaveStarted: started,
        nextStep: started
          ? "The request reached JIM; check activity_list before starting it again."
          : "Retry shortly; if it keeps happening, check what sits between jim-mcp and JIM (proxy, load balancer) and JIM's logs.",
      });
    }
    const reason =
      code === "ECONNREFUSED"
        ? "connection refused"
        : code === "ENOTFOUND"
          ? "host name not found"
          : RESET_CODES.has(code)
            ? "connection reset"
            : err?.message || code || "network error";
    return new JimApiError({
      kind: "network",
      message: `Could not reach JIM at ${this.base.display} (${reason}) for ${req.method} ${display}.`,
      method: req.method,
      path: display,
      mayHaveStarted: started && RESET_CODES.has(code),
      nextStep: started
        ? "The request may have reached JIM; check activity_list before starting it again."
        : "Check that JIM is running and that JIM_URL is right; connection_status tells more.",
    });
  }
}

function errInit(e: JimApiError) {
  return {
    kind: e.kind,
    status: e.status,
    code: e.code,
    message: e.message,
    details: e.details,
    validationErrors: e.validationErrors,
    body: e.body,
    method: e.method,
    path: e.path,
    nextStep: e.nextStep,
    mayHaveStarted: e.mayHaveStarted,
  };
}
