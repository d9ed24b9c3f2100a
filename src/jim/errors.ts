/**
 * One typed error for everything that can go wrong talking to JIM.
 *
 * JIM answers failures in several shapes (see the API contract, section 4):
 * the standard error object, RFC 9457 ProblemDetails (with or without `errors`),
 * the small 401 body, an empty 403, impact objects on 409, ad-hoc objects, or
 * even the portal's HTML page with status 200. `toJimError` folds all of them
 * into `JimApiError`, which also carries the next step an agent should take.
 */

export type JimErrorKind =
  | "http" // JIM answered with an error status
  | "not_json" // JIM answered, but not with JSON where JSON was expected
  | "timeout" // no answer within the request timeout
  | "network" // could not reach JIM (refused, reset, DNS)
  | "aborted" // the caller cancelled
  | "not_configured" // no JIM connection set up
  | "invalid_request" // jim-mcp refused to send it (it could not address what was meant)
  | "rate_limited"; // 429 after the retry budget was spent

export interface JimErrorInit {
  kind: JimErrorKind;
  status?: number | undefined;
  code?: string | undefined;
  message: string;
  details?: string | null | undefined;
  validationErrors?: Record<string, string[]> | undefined;
  /** A 409 impact object or other structured body JIM sent instead of an error object. */
  body?: unknown;
  method?: string | undefined;
  path?: string | undefined;
  nextStep?: string | undefined;
  /** True when a request that starts work may have reached JIM before it failed. */
  mayHaveStarted?: boolean | undefined;
}

export class JimApiError extends Error {
  readonly kind: JimErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly details: string | null | undefined;
  readonly validationErrors: Record<string, string[]> | undefined;
  readonly body: unknown;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly nextStep: string | undefined;
  readonly mayHaveStarted: boolean;

  constructor(init: JimErrorInit) {
    super(init.message);
    this.name = "JimApiError";
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code || undefined;
    this.details = init.details;
    this.validationErrors = init.validationErrors;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    this.nextStep = init.nextStep;
    this.mayHaveStarted = init.mayHaveStarted ?? false;
  }

  /** A plain object safe to put in a tool result (no secrets are ever held here). */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      status: this.status ?? null,
      code: this.code ?? null,
      message: this.message,
      details: this.details ?? null,
      validationErrors: this.validationErrors ?? null,
      request: this.method && this.path ? `${this.method} ${this.path}` : null,
      nextStep: this.nextStep ?? null,
      mayHaveStarted: this.mayHaveStarted,
    };
  }
}

/** The same error from JIM told in other words: what it was (status, code, request…) stays, message and next step change. */
export function reworded(e: JimApiError, words: { message: string; nextStep: string }): JimApiError {
  return new JimApiError({
    kind: e.kind,
    status: e.status,
    code: e.code,
    details: e.details,
    validationErrors: e.validationErrors,
    body: e.body,
    method: e.method,
    path: e.path,
    mayHaveStarted: e.mayHaveStarted,
    ...words,
  });
}

export function isJimApiError(e: unknown): e is JimApiError {
  return e instanceof JimApiError;
}

interface ParsedErrorBody {
  code?: string | undefined;
  message?: string | undefined;
  details?: string | null | undefined;
  validationErrors?: Record<string, string[]> | undefined;
  structured?: unknown;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function asStringArrayMap(v: unknown): Record<string, string[]> | undefined {
  const rec = asRecord(v);
  if (!rec) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, val] of Object.entries(rec)) {
    if (Array.isArray(val)) out[k] = val.map(String);
    else if (typeof val === "string") out[k] = [val];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Reads whichever error shape JIM sent. The rule of thumb from the contract:
 * `code` → standard error object; `title`/`status` → ProblemDetails; otherwise
 * keep what there is (impact objects, `{error}`, `{message}`).
 */
export function parseErrorBody(body: unknown, rawText: string): ParsedErrorBody {
  const rec = asRecord(body);
  if (!rec) {
    const text = rawText.trim();
    return text ? { message: text.slice(0, 500) } : {};
  }
  if ("code" in rec && "message" in rec) {
    return {
      code: typeof rec.code === "string" ? rec.code : undefined,
      message: typeof rec.message === "string" ? rec.message : undefined,
      details: typeof rec.details === "string" ? rec.details : null,
      validationErrors: asStringArrayMap(rec.validationErrors),
    };
  }
  if ("title" in rec || ("status" in rec && "type" in rec)) {
    return {
      message: typeof rec.title === "string" ? rec.title : undefined,
      details: typeof rec.detail === "string" ? rec.detail : null,
      validationErrors: asStringArrayMap(rec.errors),
    };
  }
  if (typeof rec.error === "string") {
    return { code: rec.error, message: typeof rec.message === "string" ? rec.message : rec.error };
  }
  if (typeof rec.message === "string") {
    return { message: rec.message, structured: rec };
  }
  // Impact objects (409 on metaverse deletes) and result objects: keep them whole.
  return { structured: rec };
}

function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return "JIM rejected the request as invalid.";
    case 401:
      return "JIM did not accept the API key.";
    case 403:
      return "The API key is not allowed to do this.";
    case 404:
      return "JIM could not find what was asked for.";
    case 409:
      return "The change conflicts with the current state in JIM.";
    case 429:
      return "JIM is rate-limiting this API key.";
    case 503:
      return "JIM is temporarily unavailable.";
    default:
      return status >= 500 ? "JIM failed with an internal error." : `JIM answered with HTTP ${status}.`;
  }
}

/** The next step for an agent, by status. `what` names the thing being addressed ("connected system 7"). */
/** What JIM's error body said, as far as the next step depends on it. */
export interface ErrorFacts {
  code?: string | undefined;
  /** Whether JIM named fields (validation errors) that were wrong. */
  namedFields?: boolean;
  /** Whether JIM gave a message of its own. */
  explained?: boolean;
}

export function nextStepFor(status: number, what?: string, facts: ErrorFacts = {}): string {
  switch (status) {
    case 400:
      if (facts.namedFields) return "Correct the fields JIM named above and try again.";
      return facts.explained
        ? "JIM refused the request for the reason above, not because of a malformed field: change what it names (state, selection or settings in JIM) before retrying the same call."
        : "Check the arguments against the tool's input schema and try again.";
    case 401:
      return "The API key is invalid, disabled or expired. Set a valid key (JIM_API_KEY, JIM_API_KEY_FILE or a profile) and reconnect; run connection_status to check.";
    case 403:
      if (facts.code === "FORBIDDEN" && facts.explained) {
        return "JIM accepts this request only over HTTPS: connect to JIM with an https:// URL (behind a TLS-terminating proxy, JIM must trust the proxy via JIM_TRUSTED_PROXIES).";
      }
      return "The key authenticated but lacks the Administrator role. Create a key that holds the Administrator role (role ids come from GET /security/roles) and use it instead.";
    case 404:
      return what
        ? `Check that ${what} exists: the matching list tool shows what does (ids and names).`
        : "Check the ids: the matching list tool shows which exist.";
    case 409:
      return "Resolve the conflict JIM describes (for example wait for running activities to finish, or remove what blocks the change), then retry.";
    case 429:
      return "Slow down: wait a minute before retrying, and poll less often.";
    case 501:
      return "This server does not implement the endpoint (the built-in simulator of demo mode models part of JIM's API; a real JIM serves all of it). Use a curated tool, or a real JIM.";
    case 502:
    case 503:
    case 504:
      return "JIM or something it depends on is temporarily unavailable; retry shortly.";
    default:
      return status >= 500
        ? "This is a fault inside JIM; check JIM's logs (logs toolset) and retry later."
        : "Check the request and try again.";
  }
}

export interface HttpErrorContext {
  method: string;
  path: string;
  status: number;
  body: unknown;
  rawText: string;
  what?: string | undefined;
}

export function httpError(ctx: HttpErrorContext): JimApiError {
  const parsed = parseErrorBody(ctx.body, ctx.rawText);
  let message = parsed.message?.trim() || defaultMessage(ctx.status);
  if (ctx.status === 404 && ctx.what) {
    const generic = !parsed.message || /^not found\.?$/i.test(message);
    if (generic) message = `${ctx.what} was not found.`;
    else if (!message.toLowerCase().includes("not found")) message = `${ctx.what} was not found: ${message}`;
  }
  if (ctx.status === 403 && !parsed.message) {
    message = "JIM refused the request (403): the API key lacks the Administrator role.";
  }
  return new JimApiError({
    kind: "http",
    status: ctx.status,
    code: parsed.code,
    message,
    details: parsed.details,
    validationErrors: parsed.validationErrors,
    body: parsed.structured,
    method: ctx.method,
    path: ctx.path,
    nextStep: nextStepFor(ctx.status, ctx.what, {
      code: parsed.code,
      namedFields: Boolean(parsed.validationErrors && Object.keys(parsed.validationErrors).length > 0),
      explained: Boolean(parsed.message?.trim()),
    }),
  });
}
