/**
 * What a tool is. One file per tool calls `defineTool`; `wrap.ts` turns the
 * definition into a registered MCP tool (errors, consent, cancellation, budget).
 */
import type * as z from "zod";
import type { ServerConfig } from "../config.js";
import type { ConnectionManager } from "../connection.js";
import type { JimClient } from "../jim/client.js";
import type { Logger } from "../log.js";
import type { ToolsetId } from "./toolsets.js";

/**
 * Exactly one per tool. The MCP annotations are derived from it:
 * read → readOnlyHint; write → neither; destructive → destructiveHint.
 * A write tool whose *some* calls are destructive (deselecting, running an Export)
 * declares `destructiveWhen`; it then also carries destructiveHint, and those calls
 * pass through the consent gate.
 */
export type ToolKind = "read" | "write" | "destructive";

export interface ProgressUpdate {
  progress: number;
  total?: number | undefined;
  message: string;
}

/** A fresh `ToolContext.memo` for one call: each key's read runs once and is shared. */
export function createMemo(): ToolContext["memo"] {
  const reads = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let p = reads.get(key);
    if (!p) {
      p = read();
      reads.set(key, p);
    }
    return p as Promise<T>;
  };
}

export interface ToolContext {
  /** The active JIM client; throws the not-configured error when none is set. */
  jim(): JimClient;
  connection: ConnectionManager;
  config: ServerConfig;
  log: Logger;
  /**
   * Whether this server exposes the named tool. A "Next:" hint or suggestion that names another
   * tool checks it first: the client cannot call a tool the server does not list.
   */
  exposes(tool: string): boolean;
  /** Aborted when the MCP client cancels the call. Pass it to every JIM request. */
  signal: AbortSignal;
  /** Sends an MCP progress notification when the client asked for progress; otherwise does nothing. */
  progress(update: ProgressUpdate): Promise<void>;
  /** Whether the client passed a progress token. */
  wantsProgress: boolean;
  /**
   * Runs `read` once per key for this call: what the consent plan read from JIM, the handler
   * reuses instead of asking again.
   */
  memo<T>(key: string, read: () => Promise<T>): Promise<T>;
  /**
   * The names this call resolved, by argument (field → id). The consent gate seals them with the
   * arguments, so a confirmation given for one object never acts on another that took its name.
   */
  resolved?: Map<string, number | string>;
}

/** What the consent gate shows a human before a destructive call runs. */
export interface ConsentPlan {
  /** One plain sentence naming the object and the impact: "Delete run profile 'Full Import' (id 42) on 'HR'? This cannot be undone." */
  summary: string;
  /** The object as read from JIM, and JIM's own impact preview where it has one. */
  preview: Record<string, unknown>;
  /** When JIM's preview says the change is blocked: refuse without asking. */
  blockedReason?: string | undefined;
}

export interface ToolOutput<O> {
  structured: O;
  /** Compact text the model reads first: a table, a tree or labelled lines, with a footer when paged. */
  text: string;
}

export interface ToolDef<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  /** One or two sentences: what it does and when to use it. Field detail goes in `.describe()`. */
  description: string;
  toolset: ToolsetId;
  kind: ToolKind;
  /** Same call twice leaves JIM as once. Defaults: read → true, otherwise false. */
  idempotent?: boolean;
  input: I;
  output: O;
  /** Cross-field rules zod cannot express; returns what is wrong and what is allowed. Runs before anything else. */
  check?: (args: z.infer<I>) => string | undefined;
  /** Destructive tools: always. Describes the call for the consent gate (may read JIM, must change nothing). */
  consent?: (args: z.infer<I>, ctx: ToolContext) => Promise<ConsentPlan>;
  /** Write tools: returns a plan when this particular call is destructive, else undefined. Must change nothing. */
  destructiveWhen?: (args: z.infer<I>, ctx: ToolContext) => Promise<ConsentPlan | undefined>;
  /** Tools that work without a JIM connection (connection_*). */
  offline?: boolean;
  handler: (args: z.infer<I>, ctx: ToolContext) => Promise<ToolOutput<z.infer<O>>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of every shape
export type AnyToolDef = ToolDef<any, any>;

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(def: ToolDef<I, O>): ToolDef<I, O> {
  if (def.kind === "destructive" && !def.consent) {
    throw new Error(`Tool ${def.name} is destructive and must describe its consent plan.`);
  }
  if (def.kind === "read" && (def.consent || def.destructiveWhen)) {
    throw new Error(`Tool ${def.name} is read-only and cannot ask for consent.`);
  }
  return def;
}

/** What a tool's annotations are made from: its definition, or its summary (src/tools/summary.ts). */
type Annotated = Pick<AnyToolDef, "kind" | "idempotent" | "offline"> &
  ({ gated: boolean } | Pick<AnyToolDef, "destructiveWhen">);

/** True when some call of this tool can be destructive. */
export function mayBeDestructive(def: Annotated): boolean {
  if ("gated" in def) return def.gated;
  return def.kind === "destructive" || Boolean(def.destructiveWhen);
}

export function annotationsFor(def: Annotated) {
  const readOnly = def.kind === "read";
  return {
    readOnlyHint: readOnly,
    destructiveHint: mayBeDestructive(def),
    idempotentHint: def.idempotent ?? readOnly,
    openWorldHint: !def.offline,
  };
}

/** Thrown for bad input that zod cannot express (cross-field rules). Nothing is sent to JIM. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolInputError";
  }
}
