/**
 * Callers who bring their own JIM key (`X-JIM-Api-Key`): one runtime per caller and key.
 *
 * A key is checked with JIM on first use (the cheap Administrator-role probe connection_status
 * uses) and the verdict is kept briefly. Entries are found by a SHA-256 of the caller's identity
 * and key together, so one caller's entry never serves another caller, even with the same key.
 * Neither the key nor its hash is ever logged; the pool of an evicted runtime is closed once its
 * last request has finished.
 */
import { createHash } from "node:crypto";
import { redactKey, redactSecrets, type ServerConfig } from "../../config.js";
import { isJimApiError } from "../../jim/errors.js";
import { checkKey } from "../../jim/health.js";
import type { Logger } from "../../log.js";
import { createRuntime } from "../../server.js";
import type { ConsentSealer } from "../../tools/consent.js";
import type { Runtime } from "../../tools/wrap.js";

export const CALLER_KEY_HEADER = "x-jim-api-key";

export interface CallerRuntime {
  /** SHA-256 of caller identity and key (hex); never shown. */
  readonly hash: string;
  readonly rt: Runtime;
  verifiedAt: number;
  lastUsed: number;
  active: number;
  evicted: boolean;
}

export type AcquireResult =
  | { ok: true; entry: CallerRuntime }
  | { ok: false; status: 401 | 502; message: string };

export interface CallerRuntimesOptions {
  config: ServerConfig;
  log: Logger;
  sealer: ConsentSealer;
  jimUrl: string;
  /** How long an accepted key is trusted before JIM is asked again. */
  verifyTtlMs?: number;
  /** How long a rejected key is refused without asking JIM again. */
  rejectTtlMs?: number;
  /** An unused runtime is closed after this long. */
  idleTtlMs?: number;
  /** At most this many runtimes are kept; the least recently used go first. */
  maxEntries?: number;
  now?: () => number;
}

/** Checks the shape of a caller key before anything is sent. Says what is wrong, never echoes the value. */
export function callerKeyProblem(value: string): string | null {
  if (!value.startsWith("jim_ak_"))
    return 'The X-JIM-Api-Key header does not hold a JIM API key: it must start with "jim_ak_".';
  if (value.length > 512 || /[^\x21-\x7e]/.test(value)) {
    return "The X-JIM-Api-Key header must hold exactly one JIM API key (printable characters, no spaces).";
  }
  return null;
}

export class CallerRuntimes {
  private readonly entries = new Map<string, CallerRuntime>();
  private readonly rejected = new Map<string, number>();
  private readonly pending = new Map<string, Promise<AcquireResult>>();
  private readonly verifyTtlMs: number;
  private readonly rejectTtlMs: number;
  private readonly idleTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly opts: CallerRuntimesOptions) {
    this.verifyTtlMs = opts.verifyTtlMs ?? 60_000;
    this.rejectTtlMs = opts.rejectTtlMs ?? 30_000;
    this.idleTtlMs = opts.idleTtlMs ?? 10 * 60_000;
    this.maxEntries = opts.maxEntries ?? 256;
    this.now = opts.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, this.idleTtlMs)).unref();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The runtime for this caller's key, checked with JIM when new or when the last check is
   * older than the verify TTL. The caller must `release` an accepted entry when done.
   */
  async acquire(callerId: string, key: string, signal?: AbortSignal): Promise<AcquireResult> {
    if (this.closed) return { ok: false, status: 502, message: "The server is shutting down." };
    const hash = createHash("sha256").update(callerId).update("\0").update(key).digest("hex");
    const now = this.now();
    const refusedUntil = this.rejected.get(hash);
    if (refusedUntil !== undefined) {
      if (refusedUntil > now) return rejectedResult();
      this.rejected.delete(hash);
    }
    const current = this.entries.get(hash);
    if (current && now - current.verifiedAt < this.verifyTtlMs) return this.take(current);
    let check = this.pending.get(hash);
    if (!check) {
      check = this.verify(hash, key, current, signal).finally(() => this.pending.delete(hash));
      this.pending.set(hash, check);
    }
    const result = await check;
    return result.ok ? this.take(result.entry) : result;
  }

  release(entry: CallerRuntime): void {
    entry.active = Math.max(0, entry.active - 1);
    if (entry.evicted && entry.active === 0) void entry.rt.connection.close();
  }

  /** Stops the sweeper and closes every pool (in-flight requests have been cancelled by now). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.rt.connection.close().catch(() => undefined)));
  }

  private take(entry: CallerRuntime): AcquireResult {
    entry.active += 1;
    entry.lastUsed = this.now();
    return { ok: true, entry };
  }

  private async verify(
    hash: string,
    key: string,
    existing: CallerRuntime | undefined,
    signal: AbortSignal | undefined,
  ): Promise<AcquireResult> {
    const entry = existing ?? this.create(hash, key);
    const { verdict, error } = await checkKey(entry.rt.connection.jim(), signal);
    const preview = redactKey(key);
    if (verdict === "administrator" || verdict === "not_administrator") {
      if (existing?.evicted) {
        // Pushed out of the cache (and its pool closed) while JIM was checking: start a fresh one.
        const fresh = this.create(hash, key);
        fresh.verifiedAt = this.now();
        this.entries.set(hash, fresh);
        this.trim();
        return { ok: true, entry: fresh };
      }
      entry.verifiedAt = this.now();
      if (!existing) {
        this.entries.set(hash, entry);
        this.opts.log.debug(`caller key ${preview} accepted by JIM (${verdict.replace("_", " ")})`);
        this.trim();
      }
      return { ok: true, entry };
    }
    if (existing) this.evict(existing);
    else await entry.rt.connection.close();
    if (verdict === "rejected") {
      this.rejected.set(hash, this.now() + this.rejectTtlMs);
      if (this.rejected.size > 4 * this.maxEntries) this.pruneRejected();
      this.opts.log.info(`caller key ${preview} rejected by JIM`);
      return rejectedResult();
    }
    const why = isJimApiError(error) ? error.message : String(error);
    return {
      ok: false,
      status: 502,
      message: redactSecrets(
        `Could not check the key in the X-JIM-Api-Key header with JIM: ${why} Try again shortly.`,
      ),
    };
  }

  private create(hash: string, key: string): CallerRuntime {
    const config: ServerConfig = {
      ...this.opts.config,
      target: {
        name: "caller key",
        url: this.opts.jimUrl,
        key: { kind: "inline", value: key, label: "X-JIM-Api-Key header" },
      },
      profiles: {},
      profilesFile: undefined,
    };
    const rt = createRuntime(config, this.opts.log, { sealer: this.opts.sealer });
    rt.connection.lock(
      "This call uses your own JIM key (the X-JIM-Api-Key header), so there is no server connection to switch or close.",
      "To use another JIM key, send that key in the X-JIM-Api-Key header instead.",
    );
    return { hash, rt, verifiedAt: 0, lastUsed: this.now(), active: 0, evicted: false };
  }

  private evict(entry: CallerRuntime): void {
    if (this.entries.get(entry.hash) === entry) this.entries.delete(entry.hash);
    entry.evicted = true;
    if (entry.active === 0) void entry.rt.connection.close();
  }

  /** Over the cap: drop the least recently used, idle ones first. */
  private trim(): void {
    if (this.entries.size <= this.maxEntries) return;
    const byAge = [...this.entries.values()]
      .filter((e) => !this.pending.has(e.hash))
      .sort((a, b) => Number(a.active > 0) - Number(b.active > 0) || a.lastUsed - b.lastUsed);
    for (const e of byAge.slice(0, this.entries.size - this.maxEntries)) this.evict(e);
  }

  private sweep(): void {
    const now = this.now();
    for (const e of [...this.entries.values()]) {
      if (e.active === 0 && !this.pending.has(e.hash) && now - e.lastUsed > this.idleTtlMs) this.evict(e);
    }
    this.pruneRejected();
  }

  private pruneRejected(): void {
    const now = this.now();
    for (const [h, until] of this.rejected) if (until <= now) this.rejected.delete(h);
    // Still over the bound (many different bad keys within the window): forget the oldest; a
    // forgotten key is only asked about again, never let in.
    for (const h of this.rejected.keys()) {
      if (this.rejected.size <= 4 * this.maxEntries) break;
      this.rejected.delete(h);
    }
  }
}

function rejectedResult(): AcquireResult {
  return {
    ok: false,
    status: 401,
    message:
      "JIM rejected the API key in the X-JIM-Api-Key header: it is invalid, disabled or expired. Send a valid JIM API key.",
  };
}
