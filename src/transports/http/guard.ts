/**
 * Who may call the MCP endpoint: bearer tokens (compared in constant time) and the
 * `Host`/`Origin` checks that stop DNS-rebinding pages from reaching a local server.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { AuthToken } from "../../config.js";

const LOOPBACK_HOSTNAMES = ["localhost", "127.0.0.1", "[::1]"];

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

export type TokenVerdict =
  | { ok: true; name: string }
  | { ok: false; reason: "missing" | "malformed" | "invalid" };

/** Matches `Authorization: Bearer <token>` against the configured tokens without early exits. */
export class BearerTokens {
  private readonly known: Array<{ name: string; digest: Buffer }>;

  constructor(tokens: AuthToken[]) {
    this.known = tokens.map((t) => ({ name: t.name, digest: digest(t.token) }));
  }

  get enabled(): boolean {
    return this.known.length > 0;
  }

  check(header: string | string[] | undefined): TokenVerdict {
    if (header === undefined) return { ok: false, reason: "missing" };
    if (Array.isArray(header)) return { ok: false, reason: "malformed" };
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!m) return { ok: false, reason: "malformed" };
    // Comparing equal-length digests keeps the time independent of the token and of which entry matched.
    const presented = digest(m[1]!);
    let match: string | undefined;
    for (const k of this.known) {
      if (timingSafeEqual(presented, k.digest) && match === undefined) match = k.name;
    }
    return match === undefined ? { ok: false, reason: "invalid" } : { ok: true, name: match };
  }
}

/** `example.com:3000` → `example.com`; `[::1]:3000` → `[::1]`. Undefined when it cannot be a host. */
export function hostnameOf(hostHeader: string): string | undefined {
  const h = hostHeader.trim().toLowerCase();
  if (!h) return undefined;
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    if (end < 0) return undefined;
    const rest = h.slice(end + 1);
    if (rest && !/^:\d{1,5}$/.test(rest)) return undefined;
    return h.slice(0, end + 1);
  }
  const parts = h.split(":");
  if (parts.length > 2) return undefined;
  if (parts.length === 2 && !/^\d{1,5}$/.test(parts[1]!)) return undefined;
  return /^[a-z0-9.-]+$/.test(parts[0]!) ? parts[0] : undefined;
}

export interface OriginPolicy {
  /** Accepted Host header names (no ports), or "*" for any. */
  hosts: Set<string> | "*";
  /** Accepted full origins (`https://app.example.com`). */
  origins: Set<string>;
  /** Accepted origin host names, any scheme and port. */
  originHostnames: Set<string>;
  anyOrigin: boolean;
}

/** Loopback names always pass; the bind address and the configured lists add to them. */
export function buildOriginPolicy(
  bindHost: string,
  allowedHosts: string[],
  allowedOrigins: string[],
): OriginPolicy {
  const bind = (
    bindHost.includes(":") && !bindHost.startsWith("[") ? `[${bindHost}]` : bindHost
  ).toLowerCase();
  let hosts: Set<string> | "*" = new Set([...LOOPBACK_HOSTNAMES, bind]);
  for (const h of allowedHosts) {
    if (h === "*") hosts = "*";
    else if (hosts !== "*") hosts.add(hostnameOf(h) ?? h);
  }
  const origins = new Set<string>();
  const originHostnames = new Set(LOOPBACK_HOSTNAMES);
  let anyOrigin = false;
  for (const o of allowedOrigins) {
    if (o === "*") anyOrigin = true;
    else if (o.includes("://")) origins.add(new URL(o).origin);
    else originHostnames.add(hostnameOf(o) ?? o);
  }
  return { hosts, origins, originHostnames, anyOrigin };
}

export function hostAllowed(policy: OriginPolicy, header: string | undefined): boolean {
  if (policy.hosts === "*") return true;
  if (!header) return false;
  const name = hostnameOf(header);
  return name !== undefined && policy.hosts.has(name);
}

/** Requests without an Origin (every non-browser client) pass; a browser's must be listed. */
export function originAllowed(policy: OriginPolicy, header: string | undefined): boolean {
  if (header === undefined) return true;
  if (policy.anyOrigin) return true;
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    return false;
  }
  if (url.origin === "null") return false;
  return policy.origins.has(url.origin) || policy.originHostnames.has(url.hostname.toLowerCase());
}
