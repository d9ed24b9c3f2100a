/**
 * What resources, prompts and completions share: a tool context for reusing a read tool's
 * handler (so a resource renders exactly what the tool shows), JIM errors as MCP protocol
 * errors, and references to connected systems and activities by id or by name.
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  type ServerContext,
} from "@modelcontextprotocol/server";
import { redactSecrets } from "../config.js";
import type { JimClient } from "../jim/client.js";
import { isJimApiError } from "../jim/errors.js";
import { collectPages } from "../jim/paging.js";
import type { ConnectedSystemHeader } from "../jim/types.js";
import { createMemo, type ToolContext } from "../tools/define.js";
import { connectedSystemNamed, type ResolveContext } from "../tools/resolve.js";
import { toolDef } from "../tools/summary.js";
import { finalise, type Runtime, renderJimError, toolContext } from "../tools/wrap.js";

/** The context a tool call gets, for resource reads and prompts that reuse a tool's handler. */
export const toolContextFor = (rt: Runtime, ctx: ServerContext): ToolContext => toolContext(ctx, rt);

/**
 * Runs a read tool's handler and returns its text after the wrapper's own output budget and
 * key redaction, so a resource shows what the tool shows and nothing more.
 */
export async function toolText(
  tool: string,
  args: Record<string, unknown>,
  tctx: ToolContext,
): Promise<string> {
  const def = toolDef(tool);
  const out = await def.handler(def.input.parse(args), tctx);
  const result = finalise(out.structured as Record<string, unknown>, out.text);
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** A resolver's input error in a reader's words: the argument it names, without "nothing was changed". */
function inputMessage(err: Error): string {
  return redactSecrets(err.message.replace(/ Nothing was (changed|sent to JIM)\.$/, ""));
}

/** Reads JIM for a prompt or completion; any failure becomes a protocol error the client shows. */
export async function guarded<T>(label: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    throw protocolError(e, label);
  }
}

/**
 * Any failure as an MCP protocol error with a message the reader can act on. A JIM 404 becomes
 * "not found" (-32602) naming the valid choices when `notFound` says how; JIM faults and a
 * missing configuration become internal errors carrying JIM's message and the next step.
 */
export function protocolError(
  e: unknown,
  label: string,
  notFound?: { uri?: string; message: string },
): ProtocolError {
  if (e instanceof ProtocolError) return e;
  if (isJimApiError(e)) {
    if (e.kind === "not_configured") {
      return new ProtocolError(
        ProtocolErrorCode.InternalError,
        redactSecrets(`${label}: ${e.message}${e.nextStep ? ` ${e.nextStep}` : ""}`),
      );
    }
    if (e.status === 404 && notFound) {
      const message = redactSecrets(notFound.message);
      return notFound.uri
        ? new ResourceNotFoundError(redactSecrets(notFound.uri), message)
        : new ProtocolError(ProtocolErrorCode.InvalidParams, message);
    }
    return new ProtocolError(ProtocolErrorCode.InternalError, redactSecrets(renderJimError(label, e)));
  }
  const err = e instanceof Error ? e : new Error(String(e));
  if (err.name === "ToolInputError")
    return new ProtocolError(ProtocolErrorCode.InvalidParams, inputMessage(err));
  return new ProtocolError(
    ProtocolErrorCode.InternalError,
    redactSecrets(`${label} failed inside jim-mcp: ${err.message}. The details are in the server's log.`),
  );
}

/** Resource URIs of a connected system. */
export const systemUri = (id: number, part = "") => `jim://connected-systems/${id}${part}`;
export const activityUri = (id: string) => `jim://activities/${id}`;

/** Connected systems in JIM's order: the first `maxPages` pages of 100 (one by default). */
export async function readSystems(
  jim: JimClient,
  maxPages = 1,
  signal?: AbortSignal,
): Promise<ConnectedSystemHeader[]> {
  const all = await collectPages<ConnectedSystemHeader>(jim, "/synchronisation/connected-systems", {
    maxPages,
    signal,
  });
  return all.items;
}

function describeSystems(systems: readonly ConnectedSystemHeader[]): string {
  if (systems.length === 0) return "JIM has no connected systems yet.";
  const shown = systems.slice(0, 30).map((c) => `"${c.name}" (id ${c.id})`);
  const more = systems.length > 30 ? `, and ${systems.length - 30} more` : "";
  return `Known connected systems: ${shown.join(", ")}${more}.`;
}

/** A URI variable or prompt argument as text: the first value, percent-decoding undone. */
export function variable(v: string | string[] | undefined): string {
  const raw = (Array.isArray(v) ? v[0] : v) ?? "";
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/**
 * A connected system named by its numeric id or by its name, through the resolver every tool
 * uses (exact name first, then ignoring case). `field` names the argument in errors. Throws a
 * not-found error naming the systems JIM knows, or the closest names, when there is none.
 */
export async function findSystem(
  ctx: ResolveContext,
  ref: string,
  field: string,
  uri?: string,
): Promise<{ id: number; name: string }> {
  try {
    return await connectedSystemNamed(ctx, ref, field);
  } catch (e) {
    throw await systemLookupError(ctx, ref, e, "connected system", uri);
  }
}

/**
 * The protocol error for a failure while reading a connected system given as `ref`: an unknown
 * id is "not found" naming the systems JIM knows; the resolver's unknown or ambiguous name keeps
 * its message (closest names); anything else is rendered as JIM's error under `label`. With a
 * `uri` the not-found cases are resource-not-found errors; both are -32602.
 */
export async function systemLookupError(
  ctx: ResolveContext,
  ref: string,
  e: unknown,
  label: string,
  uri?: string,
): Promise<ProtocolError> {
  if (isJimApiError(e) && e.status === 404) {
    const known = describeSystems(await readSystems(ctx.jim(), 1, ctx.signal).catch(() => []));
    return protocolError(e, label, {
      ...(uri ? { uri } : {}),
      message: `No connected system has id ${ref}. ${known} Use an id or an exact name.`,
    });
  }
  if (uri && e instanceof Error && e.name === "ToolInputError") {
    return new ResourceNotFoundError(redactSecrets(uri), inputMessage(e));
  }
  return protocolError(e, label);
}

/** A resolver context outside a tool call (completion callbacks get no request context). */
export function resolveContextFor(rt: Runtime): ResolveContext {
  return {
    jim: () => rt.connection.jim(),
    signal: new AbortController().signal,
    memo: createMemo(),
  };
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The activity id in a completion value such as "<guid> · Full Import on HR System…", or the text itself. */
export function activityIdOf(value: string): string | undefined {
  const m = GUID.exec(value);
  return m ? m[0].toLowerCase() : undefined;
}
