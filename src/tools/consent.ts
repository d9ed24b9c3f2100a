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
  c: string; // connection id
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
  | "used";

export const FAILURE_TEXT: Record<VerifyFailure, string> = {
  malformed: "the confirmation token is not one this server issued",
  bad_signature: "the confirmation token was altered or issued by another server process",
  expired: "the confirmation token has expired (tokens last 5 minutes)",
  other_tool: "the confirmation token was issued for a different tool",
  other_arguments:
    "the arguments differ from the ones the confirmation token was issued for, or a name in them now means another object",
  other_connection: "the confirmation token was issued to a different MCP connection",
  used: "the confirmation token has already been used (each token works once)",
};

export class ConsentSealer {
  private readonly secret: Buffer;
  private readonly used = new Map<string, number>();

  constructor(
    secret: Buffer = randomBytes(32),
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret;
  }

  private argsHash(args: Record<string, unknown>): string {
    const { confirmationToken: _drop, ...rest } = args;
    return createHmac("sha256", this.secret)
      .update(`args\0${canonicalJson(rest)}`)
      .digest("base64url");
  }

  private sign(body: string): Buffer {
    return createHmac("sha256", this.secret).update(`token\0${body}`).digest();
  }

  issue(
    tool: string,
    args: Record<string, unknown>,
    connectionId: string,
  ): { token: string; expiresAt: string } {
    const payload: TokenPayload = {
      t: tool,
      a: this.argsHash(args),
      c: connectionId,
      e: this.now() + TOKEN_TTL_MS,
      n: randomBytes(12).toString("base64url"),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    const token = `jimc1.${body}.${this.sign(body).toString("base64url")}`;
    return { token, expiresAt: new Date(payload.e).toISOString() };
  }

  /** Checks a token without spending it. */
  check(
    token: string,
    tool: string,
    args: Record<string, unknown>,
    connectionId: string,
  ): VerifyFailure | TokenPayload {
    const parts = token.split(".");
    if (parts.length !== 3 || parts[0] !== "jimc1" || !parts[1] || !parts[2]) return "malformed";
    const [, body, sig] = parts as [string, string, string];
    const expected = this.sign(body);
    const given = Buffer.from(sig, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad_signature";
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenPayload;
    } catch {
      return "malformed";
    }
    this.sweep();
    if (this.used.has(payload.n)) return "used";
    if (payload.e <= this.now()) return "expired";
    if (payload.t !== tool) return "other_tool";
    if (payload.c !== connectionId) return "other_connection";
    if (payload.a !== this.argsHash(args)) return "other_arguments";
    return payload;
  }

  /** Checks and spends a token: true when it was good, else the reason it was refused. */
  redeem(
    token: string,
    tool: string,
    args: Record<string, unknown>,
    connectionId: string,
  ): true | VerifyFailure {
    const r = this.check(token, tool, args, connectionId);
    if (typeof r === "string") return r;
    this.used.set(r.n, r.e);
    return true;
  }

  private sweep(): void {
    const t = this.now();
    for (const [n, e] of this.used) if (e <= t) this.used.delete(n);
  }
}
