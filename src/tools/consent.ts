/**
 * Confirmation tokens for the consent gate's two-call path (and the sealed
 * request state of the elicitation path).
 *
 * A token is an HMAC-SHA256, under a per-process secret, over: tool name,
 * canonical arguments (keys sorted, the token itself left out), expiry, the MCP
 * connection that asked, and a nonce. It is good once, for five minutes, for
 * exactly those arguments on that connection.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const TOKEN_TTL_MS = 5 * 60 * 1000;

/** JSON with object keys sorted at every level, undefined members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const val = (v as Record<string, unknown>)[k];
      if (val !== undefined) out[k] = sortDeep(val);
    }
    return out;
  }
  return v;
}

interface TokenPayload {
  t: string; // tool
  a: string; // hash of canonical args
  f: Record<string, string>; // a short hash of each argument, to name the ones that changed
  c: string; // connection id
  j: string; // hash of the JIM instance the calls go to
  e: number; // expiry, ms since epoch
  n: string; // nonce
}

export type VerifyFailure =
  | "malformed"
  | "bad_signature"
  | "expired"
  | "other_tool"
  | "other_arguments"
  | "other_connection"
  | "other_instance"
  | "used";

export const FAILURE_TEXT: Record<VerifyFailure, string> = {
  malformed: "the confirmation token is not one this server issued",
  bad_signature: "the confirmation token was altered or issued by another server process",
  expired: "the confirmation token has expired (tokens last 5 minutes)",
  other_tool: "the confirmation token was issued for a different tool",
  other_arguments:
    "the arguments differ from the ones the confirmation token was issued for, or a name in them now means another object",
  other_connection: "the confirmation token was issued to a different MCP connection",
  other_instance:
    "the confirmation token was issued while connected to a different JIM instance (connection_switch since)",
  used: "the confirmation token has already been used (each token works once)",
};

/** Arguments named in a refusal: at most this many, so a refusal stays short. */
const MAX_NAMED = 8;

export class ConsentSealer {
  private secretBytes: Buffer | undefined;
  private readonly used = new Map<string, number>();

  constructor(
    secret?: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    this.secretBytes = secret;
  }

  /** Made on first use: most sessions never ask for consent. */
  private get secret(): Buffer {
    this.secretBytes ??= randomBytes(32);
    return this.secretBytes;
  }

  private mac(label: string, text: string): string {
    return createHmac("sha256", this.secret).update(`${label}\0${text}`).digest("base64url");
  }

  private argsHash(args: Record<string, unknown>): string {
    const { confirmationToken: _drop, ...rest } = args;
    return this.mac("args", canonicalJson(rest));
  }

  private instanceHash(instance: string): string {
    return this.mac("instance", instance).slice(0, 16);
  }

  /** 48 bits per argument: enough to tell which changed, too short to guess a value from. */
  private fieldHashes(args: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(args)) {
      if (k === "confirmationToken" || v === undefined) continue;
      out[k] = this.mac(`arg\0${k}`, canonicalJson(v)).slice(0, 8);
    }
    return out;
  }

  private sign(body: string): Buffer {
    return createHmac("sha256", this.secret).update(`token\0${body}`).digest();
  }

  /**
   * A token for `tool` with exactly `args`, for this MCP connection and this JIM instance
   * (`instance` names it, e.g. profile and URL; consent for one instance is not spent on another).
   */
  issue(
    tool: string,
    args: Record<string, unknown>,
    connectionId: string,
    instance = "",
  ): { token: string; expiresAt: string } {
    const payload: TokenPayload = {
      t: tool,
      a: this.argsHash(args),
      f: this.fieldHashes(args),
      c: connectionId,
      j: this.instanceHash(instance),
      e: this.now() + TOKEN_TTL_MS,
      n: randomBytes(12).toString("base64url"),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    const token = `jimc2.${body}.${this.sign(body).toString("base64url")}`;
    return { token, expiresAt: new Date(payload.e).toISOString() };
  }

  /** Checks a token without spending it. */
  check(
    token: string,
    tool: string,
    args: Record<string, unknown>,
    connectionId: string,
    instance = "",
  ): VerifyFailure | TokenPayload {
    const payload = this.open(token);
    if (typeof payload === "string") return payload;
    this.sweep();
    if (this.used.has(payload.n)) return "used";
    if (payload.e <= this.now()) return "expired";
    if (payload.t !== tool) return "other_tool";
    if (payload.c !== connectionId) return "other_connection";
    if (payload.j !== this.instanceHash(instance)) return "other_instance";
    if (payload.a !== this.argsHash(args)) return "other_arguments";
    return payload;
  }

  /**
   * The arguments whose values differ from those a (genuine) token was issued for, by name, with
   * those added or left out; empty when the token cannot be read. Never the values themselves.
   */
  changedArguments(token: string, args: Record<string, unknown>): string[] {
    const payload = this.open(token);
    if (typeof payload === "string") return [];
    const now = this.fieldHashes(args);
    const names = new Set([...Object.keys(payload.f), ...Object.keys(now)]);
    const changed = [...names].filter((k) => payload.f[k] !== now[k]).sort();
    return changed.length > MAX_NAMED ? [...changed.slice(0, MAX_NAMED), "…"] : changed;
  }

  /** The payload of a token this process signed, or why it is not one. */
  private open(token: string): VerifyFailure | TokenPayload {
    const parts = token.split(".");
    if (parts.length !== 3 || parts[0] !== "jimc2" || !parts[1] || !parts[2]) return "malformed";
    const [, body, sig] = parts as [string, string, string];
    const expected = this.sign(body);
    const given = Buffer.from(sig, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad_signature";
    try {
      const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenPayload;
      return p && typeof p === "object" && p.f && typeof p.f === "object" ? p : "malformed";
    } catch {
      return "malformed";
    }
  }

  /** Checks and spends a token: true when it was good, else the reason it was refused. */
  redeem(
    token: string,
    tool: string,
    args: Record<string, unknown>,
    connectionId: string,
    instance = "",
  ): true | VerifyFailure {
    const r = this.check(token, tool, args, connectionId, instance);
    if (typeof r === "string") return r;
    this.used.set(r.n, r.e);
    return true;
  }

  private sweep(): void {
    const t = this.now();
    for (const [n, e] of this.used) if (e <= t) this.used.delete(n);
  }
}
