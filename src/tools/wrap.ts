/**
 * Registers a tool definition on an MCP server. Everything every tool needs is
 * here, once:
 * - the not-configured check,
 * - the consent gate for destructive calls (policy confirm | deny | allow; form
 *   elicitation when the client supports it, else a sealed single-use token),
 * - cancellation and progress plumbing,
 * - error rendering (`isError: true`, what failed, JIM's message, next step),
 * - the output budget, and key redaction on everything that leaves.
 */

import { setMaxListeners } from "node:events";
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  type McpServer,
  type ServerContext,
  type StandardSchemaWithJSON,
} from "@modelcontextprotocol/server";
import * as z from "zod";
import { redactSecrets, type ServerConfig } from "../config.js";
import type { ConnectionManager } from "../connection.js";
import { isJimApiError, type JimApiError } from "../jim/errors.js";
import type { Logger } from "../log.js";
import { type ConsentSealer, FAILURE_TEXT } from "./consent.js";
import {
  type AnyToolDef,
  annotationsFor,
  type ConsentPlan,
  createMemo,
  mayBeDestructive,
  type ToolContext,
  ToolInputError,
} from "./define.js";
import { fitPage, jsonText, leftOutNote, OUTPUT_BUDGET_CHARS } from "./format/fit.js";
import { confirmationToken } from "./params.js";
import { listedInput, listedOutput, type SchemaSource, schemaOf } from "./schema.js";
import { type ToolSummary, toolDef } from "./summary.js";

export interface Runtime {
  config: ServerConfig;
  connection: ConnectionManager;
  log: Logger;
  sealer: ConsentSealer;
  /** Whether this server exposes the named tool (hints name only tools the client can call). */
  exposes: (tool: string) => boolean;
}

export { OUTPUT_BUDGET_CHARS };

/** JIM reads one call may have in flight at once (the bounded tools' ceiling is 18 requests in all). */
const MAX_PARALLEL_READS = 32;

const CONFIRM_KEY = "jim_confirm";
const confirmSchema = z.object({
  confirm: z.boolean().describe("Yes to go ahead, no to cancel."),
});

type Result = CallToolResult | InputRequiredResult;

/** The input schema as listed: strict (unknown arguments are refused), plus the token where consent may be asked. */
export function inputSchemaFor(def: AnyToolDef, config: ServerConfig): z.ZodObject {
  const needsToken = mayBeDestructive(def) && config.destructive === "confirm";
  const schema = needsToken ? def.input.extend({ confirmationToken }) : def.input;
  return schema.strict();
}

type Json = Record<string, unknown>;

/** Plain words for what a listed property accepts: "an integer from 1 to 100", "one of: A, B". */
export function allowedValues(prop: Json | undefined): string {
  if (!prop) return "anything";
  if (Array.isArray(prop.enum)) return `one of: ${prop.enum.map((v) => String(v)).join(", ")}`;
  if (prop.const !== undefined) return `exactly ${JSON.stringify(prop.const)}`;
  const alts = (prop.anyOf ?? prop.oneOf) as Json[] | undefined;
  if (Array.isArray(alts)) return alts.map((a) => allowedValues(a)).join(", or ");
  const range = (lo: unknown, hi: unknown, unit = "") => {
    if (typeof lo === "number" && typeof hi === "number") return ` from ${lo} to ${hi}${unit}`;
    if (typeof lo === "number") return ` of at least ${lo}${unit}`;
    if (typeof hi === "number") return ` of at most ${hi}${unit}`;
    return "";
  };
  const types = Array.isArray(prop.type) ? prop.type : [prop.type];
  const one = (t: unknown): string => {
    switch (t) {
      case "integer":
        return `an integer${range(prop.minimum, prop.maximum)}`;
      case "number":
        return `a number${range(prop.minimum, prop.maximum)}`;
      case "boolean":
        return "true or false";
      case "string":
        return `text${range(prop.minLength, prop.maxLength, " characters")}`;
      case "array": {
        const items = prop.items as Json | undefined;
        return `a list${range(prop.minItems, prop.maxItems, " items")} of ${items ? allowedValues(items) : "values"}`;
      }
      case "object":
        return "an object";
      case "null":
        return "null";
      default:
        return "a value of the listed type";
    }
  };
  return types.map(one).join(" or ");
}

interface ValidationIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined;
  code?: string;
  keys?: string[];
}

/**
 * The schema as registered: validation as zod does it, with every issue naming its argument,
 * whether it is required, and what the argument accepts. The SDK renders the issues as
 * `argument: message`; the text ends by saying nothing was sent to JIM.
 */
export function explainedInput(source: SchemaSource, name?: string): StandardSchemaWithJSON {
  const listed = listedInput(source, name);
  const std = listed["~standard"];
  // Worked out on the first refusal only (this schema is shared by every server instance).
  let shape: { props: Record<string, Json>; required: Set<string>; names: string[] } | undefined;
  const describe = () => {
    if (!shape) {
      const json = z.toJSONSchema(schemaOf(source), { io: "input", unrepresentable: "any" }) as Json;
      const props = (json.properties ?? {}) as Record<string, Json>;
      shape = { props, required: new Set((json.required ?? []) as string[]), names: Object.keys(props) };
    }
    return shape;
  };
  const explain = (issue: ValidationIssue): ValidationIssue => {
    const { props, required, names } = describe();
    const first = issue.path?.[0];
    const field = typeof first === "object" && first !== null ? first.key : first;
    if (issue.code === "unrecognized_keys" || field === undefined) {
      const keys = issue.keys ?? [];
      const what = keys.length
        ? `Unknown argument${keys.length > 1 ? "s" : ""} ${keys.map((k) => JSON.stringify(k)).join(", ")}`
        : issue.message;
      return {
        ...issue,
        message: `${what}; this tool takes ${names.length ? names.join(", ") : "no arguments"}`,
      };
    }
    const name = String(field);
    const prop = props[name];
    const need = required.has(name) ? "required" : "";
    // zod already lists the options of an enum; otherwise say what the argument accepts.
    const allowed = issue.code === "invalid_value" ? "" : `allowed: ${allowedValues(prop)}`;
    const note = [need, allowed].filter(Boolean).join(", ");
    const message = issue.message.replace(/\.$/, "");
    return { ...issue, message: note ? `${message} (${note})` : message };
  };
  const validate = async (value: unknown) => {
    const result = await std.validate(value);
    if (!result.issues || result.issues.length === 0) return result;
    const issues = result.issues.map((i) => explain(i as ValidationIssue));
    const last = issues.length - 1;
    issues[last] = {
      ...(issues[last] as ValidationIssue),
      message: `${issues[last]?.message}. Nothing was sent to JIM.`,
    };
    // Arguments are echoed (unknown names); a key typed into one must not come back.
    return { issues: issues.map((i) => ({ ...i, message: redactSecrets(i.message) })) };
  };
  return { "~standard": { ...std, validate } } as StandardSchemaWithJSON;
}

/** One input schema per tool and consent policy, shared by every server instance (one per connection or HTTP request). */
const inputSchemas = new Map<string, StandardSchemaWithJSON>();
const outputSchemas = new Map<string, StandardSchemaWithJSON>();

/**
 * The schemas as registered. They are listed from the build's record when it has one, so the
 * tool's zod schemas (and, in the bundle, its module) are made only once the tool is used.
 */
function registeredInput(tool: ToolSummary, config: ServerConfig): StandardSchemaWithJSON {
  const variant = mayBeDestructive(tool) && config.destructive === "confirm" ? "token" : "plain";
  const key = `${tool.name}:in:${variant}`;
  let schema = inputSchemas.get(key);
  if (!schema) {
    let made: z.ZodObject | undefined;
    // Made once, on first use, for validation and for explaining refusals alike.
    schema = explainedInput(() => (made ??= inputSchemaFor(toolDef(tool.name), config)), key);
    inputSchemas.set(key, schema);
  }
  return schema;
}

function registeredOutput(tool: ToolSummary): StandardSchemaWithJSON {
  const key = `${tool.name}:out`;
  let schema = outputSchemas.get(key);
  if (!schema) {
    schema = listedOutput(() => toolDef(tool.name).output, key);
    outputSchemas.set(key, schema);
  }
  return schema;
}

export function registerWrapped(
  server: McpServer,
  tool: ToolSummary,
  rt: Runtime,
  connectionId: string,
): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: registeredInput(tool, rt.config),
      outputSchema: registeredOutput(tool),
      annotations: annotationsFor(tool),
    },
    (args: unknown, ctx: ServerContext) =>
      runTool(toolDef(tool.name), (args ?? {}) as Record<string, unknown>, ctx, server, rt, connectionId),
  );
}

async function runTool(
  def: AnyToolDef,
  args: Record<string, unknown>,
  ctx: ServerContext,
  server: McpServer,
  rt: Runtime,
  connectionId: string,
): Promise<Result> {
  const tctx = toolContext(ctx, rt);
  const started = Date.now();
  try {
    if (rt.config.readOnly && def.kind !== "read") {
      throw new ToolInputError(
        "Refused: the server runs in read-only mode (--read-only); this tool changes JIM. Nothing was sent.",
      );
    }
    const problem = def.check?.(args);
    if (problem) throw new ToolInputError(`${problem} Nothing was sent to JIM.`);
    if (!def.offline) tctx.jim(); // throws the not-configured error before anything else
    const gate = await consentGate(def, args, tctx, ctx, server, rt, connectionId);
    if (gate) return gate;
    const { confirmationToken: _token, ...handlerArgs } = args;
    const out = await def.handler(handlerArgs, tctx);
    rt.log.debug(`${def.name} ok in ${Date.now() - started} ms`);
    return finalise(out.structured as Record<string, unknown>, out.text);
  } catch (e) {
    return errorResult(def, e, rt.log, tctx.signal);
  }
}

/** The context of one MCP request: tool calls, and resource reads and prompts that reuse tool handlers. */
export function toolContext(ctx: ServerContext, rt: Runtime): ToolContext {
  const token = ctx.mcpReq._meta?.progressToken;
  // A bounded tool (sync_health, activity_explain) sends its JIM reads in parallel, each listening
  // for cancellation on this signal: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(MAX_PARALLEL_READS, ctx.mcpReq.signal);
  let last = -1;
  return {
    resolved: new Map(),
    memo: createMemo(),
    jim: () => rt.connection.jim(),
    connection: rt.connection,
    config: rt.config,
    log: rt.log,
    exposes: rt.exposes,
    signal: ctx.mcpReq.signal,
    wantsProgress: token !== undefined,
    async progress(u) {
      if (token === undefined || ctx.mcpReq.signal.aborted) return;
      // Progress must increase with every notification.
      const value = u.progress > last ? u.progress : last + 0.01;
      last = value;
      const params: Record<string, unknown> = {
        progressToken: token,
        progress: value,
        message: redactSecrets(u.message),
      };
      if (u.total !== undefined && u.total >= value) params.total = u.total;
      await ctx.mcpReq.notify({ method: "notifications/progress", params }).catch(() => undefined);
    },
  };
}

/** Client capabilities for this request: the 2026 per-request envelope, else the 2025 initialize state. */
export function clientCapabilities(ctx: ServerContext, server: McpServer): ClientCapabilities | undefined {
  const fromEnvelope =
    ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES_META_KEY as keyof typeof ctx.mcpReq.envelope];
  return (fromEnvelope as ClientCapabilities | undefined) ?? server.server.getClientCapabilities();
}

export function supportsFormElicitation(caps: ClientCapabilities | undefined): boolean {
  const el = caps?.elicitation as Record<string, unknown> | undefined;
  if (!el) return false;
  // An empty elicitation capability means form mode (the spec's backward-compatible default).
  return "form" in el || !("url" in el);
}

/**
 * Returns a result when the call must not go ahead now (refused, blocked, declined,
 * or waiting for confirmation); undefined when it may proceed.
 */
async function consentGate(
  def: AnyToolDef,
  args: Record<string, unknown>,
  tctx: ToolContext,
  ctx: ServerContext,
  server: McpServer,
  rt: Runtime,
  connectionId: string,
): Promise<Result | undefined> {
  if (!mayBeDestructive(def)) return undefined;
  const { confirmationToken: token, ...plain } = args;
  const plan: ConsentPlan | undefined =
    def.kind === "destructive" ? await def.consent!(plain, tctx) : await def.destructiveWhen!(plain, tctx);
  if (!plan) return undefined;
  const sealed = sealedArguments(plain, tctx.resolved);
  // Consent is for one JIM instance: a token issued before a connection_switch is not spent after it.
  const instance = rt.connection.targetIdentity ?? "";
  const where = rt.connection.describe();
  const onJim = where ? `JIM: ${where.url} (${where.name})` : "";

  // The plan may have read from JIM; what matters is that no change went out.
  const nothing = "Nothing was changed in JIM.";
  if (plan.blockedReason) {
    // The reason is JIM's (an impact preview) or the tool's own reading of JIM's data; either way it blocks.
    return refusal(def, `Refused, the change is blocked: ${plan.blockedReason} ${nothing}`, plan);
  }
  const policy = rt.config.destructive;
  if (policy === "deny") {
    return refusal(
      def,
      `Refused: destructive operations are disabled on this server (--destructive deny). ${nothing} The operation was: ${plan.summary}`,
      plan,
    );
  }
  if (policy === "allow") {
    rt.log.info(`destructive call allowed by policy: ${def.name}: ${plan.summary}`);
    return undefined;
  }

  if (supportsFormElicitation(clientCapabilities(ctx, server))) {
    const answer = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY);
    if (answer.kind === "missing") {
      // Sealed for the question path only: the state a client holds is no confirmation token.
      const { token: state } = rt.sealer.issue(`${def.name}#asked`, sealed, connectionId, instance);
      return inputRequired({
        inputRequests: {
          [CONFIRM_KEY]: inputRequired.elicit({
            mode: "form",
            message: redactSecrets(`${plan.summary}\n${onJim}\n\n${previewLines(plan.preview)}`),
            requestedSchema: confirmSchema,
          }),
        },
        requestState: state,
      });
    }
    const state = ctx.mcpReq.requestState();
    const verdict =
      typeof state === "string"
        ? rt.sealer.redeem(state, `${def.name}#asked`, sealed, connectionId, instance)
        : ("malformed" as const);
    if (verdict !== true) {
      return refusal(def, `Refused: ${FAILURE_TEXT[verdict]}. ${nothing}`, plan);
    }
    if (answer.kind === "elicit" && answer.action === "accept" && answer.content?.confirm === true) {
      rt.log.info(`destructive call confirmed by the user: ${def.name}: ${plan.summary}`);
      return undefined;
    }
    const how = answer.kind === "elicit" && answer.action === "cancel" ? "cancelled" : "declined";
    return refusal(def, `The user ${how} the confirmation. ${nothing}`, plan, { status: how });
  }

  // Two-call path for clients without form elicitation.
  if (typeof token !== "string") {
    const { token: issued, expiresAt } = rt.sealer.issue(def.name, sealed, connectionId, instance);
    const text = [
      `CONFIRMATION REQUIRED — nothing was changed. ${plan.summary}`,
      ...(onJim ? [onJim] : []),
      "",
      previewLines(plan.preview),
      "",
      `Show this to the user. Only if they agree, call ${def.name} again with the same arguments plus`,
      `confirmationToken: "${issued}"`,
      `(good once, until ${expiresAt}).`,
    ].join("\n");
    return {
      isError: true,
      content: [{ type: "text", text: redactSecrets(text) }],
      _meta: {
        "jim-mcp/confirmation": redactDeep({
          status: "confirmation_required",
          confirmationToken: issued,
          expiresAt,
          summary: plan.summary,
          preview: plan.preview,
        }),
      },
    };
  }
  const verdict = rt.sealer.redeem(token, def.name, sealed, connectionId, instance);
  if (verdict !== true) {
    const changed = verdict === "other_arguments" ? rt.sealer.changedArguments(token, sealed) : [];
    const which = changed.length
      ? ` Changed since the token was issued: ${changed.map(argumentLabel).join(", ")}.`
      : "";
    return refusal(
      def,
      `Refused: ${FAILURE_TEXT[verdict]}.${which} ${nothing} Call ${def.name} without confirmationToken to get a fresh preview and token.`,
      plan,
    );
  }
  rt.log.info(`destructive call confirmed with a token: ${def.name}: ${plan.summary}`);
  return undefined;
}

/**
 * Arguments that only say how long the call waits for the outcome; they never change what JIM is
 * asked to do, so a confirmation does not depend on them.
 */
const WAIT_ONLY_ARGUMENTS = new Set(["wait", "timeoutSeconds"]);

/**
 * What a confirmation is sealed with: the arguments, each name replaced by the id it resolved to
 * (so "HR System" and 1 are the same confirmation when they are the same system, and a name that
 * points elsewhere by the time the token comes back no longer matches), without the wait-only ones.
 */
export function sealedArguments(
  plain: Record<string, unknown>,
  resolved: ReadonlyMap<string, number | string> | undefined,
): Record<string, unknown> {
  const sealed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) if (!WAIT_ONLY_ARGUMENTS.has(k)) sealed[k] = v;
  const nested: Array<[string, number | string]> = [];
  for (const [field, id] of resolved ?? []) {
    if (field in sealed) sealed[field] = id;
    else nested.push([field, id]);
  }
  if (nested.length) {
    sealed["(resolved)"] = Object.fromEntries(nested.sort(([a], [b]) => a.localeCompare(b)));
  }
  return sealed;
}

function argumentLabel(name: string): string {
  return name === "(resolved)" ? "an object a name in them now resolves to" : name;
}

function refusal(
  def: AnyToolDef,
  message: string,
  plan: ConsentPlan,
  extra: Record<string, unknown> = {},
): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: redactSecrets(`${def.name}: ${message}`) }],
    _meta: { "jim-mcp/confirmation": redactDeep({ status: "refused", summary: plan.summary, ...extra }) },
  };
}

/** Longest value shown whole in a preview; longer ones are shortened, saying by how much. */
const PREVIEW_VALUE_CHARS = 200;

function previewValue(v: unknown): string {
  const s = typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  if (s.length <= PREVIEW_VALUE_CHARS) return s;
  const what = Array.isArray(v) ? `${v.length} items` : `${s.length} characters`;
  return `${s.slice(0, PREVIEW_VALUE_CHARS)}… (${what} in all)`;
}

/**
 * Readable lines from the preview object. An object (such as a request body) is shown field by
 * field, so every field the human is agreeing to is named even when a long value comes first;
 * only overlong values are shortened, and they say so.
 */
export function previewLines(preview: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(preview)) {
    if (v === null || v === undefined) continue;
    if (typeof v === "object" && !Array.isArray(v)) {
      const fields = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      if (fields.length === 0) {
        lines.push(`${k}: {}`);
        continue;
      }
      lines.push(`${k}:`);
      for (const [f, x] of fields) lines.push(`  ${f}: ${previewValue(x)}`);
    } else if (typeof v === "object") lines.push(`${k}: ${previewValue(v)}`);
    else lines.push(`${k}: ${String(v)}`);
  }
  return lines.join("\n");
}

function redactDeep<T>(value: T): T {
  const json = JSON.stringify(value);
  if (json === undefined || !json.includes("jim_ak_")) return value;
  return JSON.parse(redactSecrets(json)) as T;
}

/** Applies the output budget and redaction to a successful result. */
export function finalise(structured: Record<string, unknown>, text: string): CallToolResult {
  // One serialisation serves both the key check and the budget check.
  let json = JSON.stringify(structured) ?? "{}";
  let body = structured;
  if (json.includes("jim_ak_")) {
    json = redactSecrets(json);
    body = JSON.parse(json) as Record<string, unknown>;
  }
  const notes: string[] = [];
  let out = redactSecrets(text);
  const half = OUTPUT_BUDGET_CHARS / 2;
  if (json.length + out.length > OUTPUT_BUDGET_CHARS) {
    // A page shown as a table: keep the first entries in both parts alike and say where to go on.
    const fitted = fitPage(body, json.length, out, OUTPUT_BUDGET_CHARS);
    if (fitted) {
      ({ body, json, text: out } = fitted);
      notes.push(fitted.note);
    }
  }
  if (json.length + out.length > OUTPUT_BUDGET_CHARS) {
    // The structured part gets what the text leaves, and at least half the budget.
    const jsonBudget = OUTPUT_BUDGET_CHARS - Math.min(out.length, half);
    if (json.length > jsonBudget) {
      const trimmed = jsonText(body, jsonBudget);
      body = trimmed.shown as Record<string, unknown>;
      json = trimmed.json;
      notes.push(trimmed.note ?? leftOutNote([]));
    }
    // Never below a few lines: a structured part that could not be shortened enough must not wipe the text.
    const textBudget = Math.max(2_000, OUTPUT_BUDGET_CHARS - json.length);
    if (out.length > textBudget) {
      const cut = out.lastIndexOf("\n", textBudget);
      const kept = out.slice(0, cut > 0 ? cut : textBudget);
      const dropped = out.slice(kept.length).split("\n").length;
      out = `${kept}\n… ${dropped} more lines not shown (output budget ~25k tokens). Ask for a smaller page or a narrower filter.`;
    }
  }
  if (notes.length > 0) out += `\n${notes.join("\n")}`;
  const result: CallToolResult = { content: [{ type: "text", text: out }], structuredContent: body };
  if (notes.length > 0) result._meta = { "jim-mcp/truncated": notes };
  return result;
}

/** Renders any failure as a tool error the model can act on. */
export function errorResult(def: AnyToolDef, e: unknown, log: Logger, signal?: AbortSignal): CallToolResult {
  if (isJimApiError(e)) {
    return { isError: true, content: [{ type: "text", text: redactSecrets(renderJimError(def.name, e)) }] };
  }
  if (signal?.aborted) {
    return { isError: true, content: [{ type: "text", text: `${def.name} was cancelled.` }] };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  if (err.name === "ToolInputError") {
    return { isError: true, content: [{ type: "text", text: redactSecrets(`${def.name}: ${err.message}`) }] };
  }
  log.error(`${def.name} failed unexpectedly: ${err.stack ?? err.message}`);
  return {
    isError: true,
    content: [
      {
        type: "text",
        text: redactSecrets(
          `${def.name} failed inside jim-mcp: ${err.message}. This is a bug in the server; the details are in its log.`,
        ),
      },
    ],
  };
}

export function renderJimError(tool: string, e: JimApiError): string {
  const lines = [`${tool} failed: ${e.message}`];
  const facts: string[] = [];
  if (e.status) facts.push(`HTTP ${e.status}${e.code ? ` ${e.code}` : ""}`);
  if (e.method && e.path) facts.push(`${e.method} ${e.path}`);
  if (facts.length) lines.push(facts.join(" · "));
  if (e.validationErrors) {
    lines.push("Validation errors:");
    for (const [field, msgs] of Object.entries(e.validationErrors))
      for (const m of msgs) lines.push(`- ${field}: ${m}`);
  }
  if (e.details) lines.push(`Details: ${e.details}`);
  if (e.body !== undefined && e.body !== null) {
    const json = JSON.stringify(e.body);
    lines.push(`JIM's answer: ${json.length > 1500 ? `${json.slice(0, 1500)}…` : json}`);
  }
  if (e.mayHaveStarted) lines.push("The request may have reached JIM before it failed.");
  if (e.nextStep) lines.push(`Next step: ${e.nextStep}`);
  return lines.join("\n");
}
