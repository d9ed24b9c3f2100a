/**
 * The current JIM connection: which instance, which key (as a preview), and the
 * pooled client. Shared by every MCP connection the process serves.
 */
import {
  ConfigError,
  describeKeySource,
  type JimTarget,
  NOT_CONFIGURED_HELP,
  readKey,
  redactKey,
  type ServerConfig,
} from "./config.js";
import { JimClient, type RetryEvent } from "./jim/client.js";
import { JimApiError } from "./jim/errors.js";
import type { Logger } from "./log.js";

export interface ConnectionInfo {
  name: string;
  url: string;
  keyPreview: string | null;
  keySource: string;
}

export class ConnectionManager {
  private target: JimTarget | undefined;
  private client: JimClient | undefined;
  private info: ConnectionInfo | undefined;
  private lockReason: { message: string; nextStep: string } | undefined;
  /** Set by disconnect(): which connection was closed, so errors can say how to get it back. */
  private closed: string | undefined;

  constructor(
    private readonly config: ServerConfig,
    private readonly log: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly clientOptions: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void> } = {},
  ) {
    this.target = config.target;
  }

  get configured(): boolean {
    return this.target !== undefined;
  }

  /**
   * The names connection_switch accepts: the profiles file's, and the connection the server
   * started with (so a disconnect can be undone), unless the connection is locked.
   */
  get profiles(): string[] {
    if (this.lockReason) return [];
    const names = new Set(Object.keys(this.config.profiles));
    if (this.config.target) names.add(this.config.target.name);
    return [...names].sort();
  }

  /**
   * Which JIM instance calls go to now (profile name and URL), or undefined when none. A
   * confirmation is sealed with it: consent given for one instance is never spent on another.
   */
  get targetIdentity(): string | undefined {
    return this.target ? `${this.target.name} ${this.target.url}` : undefined;
  }

  /**
   * Fixes the connection in place: switching and disconnecting then refuse with this reason.
   * Used where the connection is not the caller's to change (shared over HTTP, or the caller's own key).
   */
  lock(message: string, nextStep: string): void {
    this.lockReason = { message, nextStep };
  }

  /** Why the connection cannot be switched or closed by a tool, if it cannot. */
  get locked(): { message: string; nextStep: string } | undefined {
    return this.lockReason;
  }

  private refuseIfLocked(): void {
    if (this.lockReason) throw new JimApiError({ kind: "not_configured", ...this.lockReason });
  }

  /** The active client, created on first use. Throws a not-configured error saying what to set. */
  jim(): JimClient {
    if (this.client) return this.client;
    if (!this.target) {
      throw new JimApiError(
        this.closed
          ? {
              kind: "not_configured",
              message: `There is no JIM connection: ${this.closed} was closed with connection_disconnect.`,
              nextStep: `Reconnect with connection_switch (profile one of: ${this.profiles.join(", ")}).`,
            }
          : { kind: "not_configured", message: NOT_CONFIGURED_HELP },
      );
    }
    let key: string;
    try {
      key = readKey(this.target.key, this.env);
    } catch (e) {
      const msg = e instanceof ConfigError ? e.message : String(e);
      throw new JimApiError({
        kind: "not_configured",
        message: `The API key for "${this.target.name}" could not be read: ${msg}`,
        nextStep: "Fix the key source named above, then run connection_status.",
      });
    }
    this.client = new JimClient({
      baseUrl: this.target.url,
      apiKey: key,
      timeoutMs: this.config.timeoutMs,
      sleep: this.clientOptions.sleep,
      onRetry: (e: RetryEvent) =>
        this.log.warn(
          `retrying ${e.method} ${e.path} after ${e.reason}: attempt ${e.attempt}, waiting ${e.waitMs / 1000} s`,
        ),
    });
    this.info = {
      name: this.target.name,
      url: this.client.base.display,
      keyPreview: redactKey(key),
      keySource: describeKeySource(this.target.key),
    };
    this.log.info(`connected to ${this.info.url} (${this.info.name}, key ${this.info.keyPreview})`);
    return this.client;
  }

  /**
   * Whether a key JIM lists (by its stored prefix) is the key this server uses. Compares the
   * prefix with the real key here, so nothing about the key leaves this object.
   */
  usesKeyWithPrefix(prefix: string): boolean {
    if (!this.target || prefix.length < 8) return false;
    try {
      return readKey(this.target.key, this.env).startsWith(prefix);
    } catch {
      return false;
    }
  }

  /** Describes the connection without opening it (no key preview until the key was read). */
  describe(): ConnectionInfo | undefined {
    if (this.info) return this.info;
    if (!this.target) return undefined;
    return {
      name: this.target.name,
      url: this.target.url,
      keyPreview: null,
      keySource: describeKeySource(this.target.key),
    };
  }

  /** Switches to a named profile. Validates the key source before dropping the old connection. */
  async switchTo(profileName: string): Promise<ConnectionInfo> {
    this.refuseIfLocked();
    const start = this.config.target;
    // The connection the server started with can be switched back to by its name.
    const p = this.config.profiles[profileName] ?? (start?.name === profileName ? { ...start } : undefined);
    if (!p) {
      const known = this.profiles;
      throw new JimApiError({
        kind: "not_configured",
        message: `There is no profile named "${profileName}".`,
        nextStep: known.length
          ? `Use one of: ${known.join(", ")}.`
          : "No profiles are defined: create a profiles file and start the server with --profiles <file>.",
      });
    }
    readKeyOrThrow(p, this.env);
    await this.disconnect();
    this.target = { name: p.name, url: p.url, key: p.key };
    this.closed = undefined;
    this.jim();
    return this.info!;
  }

  /** Drops the connection; later JIM calls fail with the not-configured error until a switch. */
  async disconnect(): Promise<ConnectionInfo | undefined> {
    this.refuseIfLocked();
    const previous = this.describe();
    const c = this.client;
    this.client = undefined;
    this.info = undefined;
    this.target = undefined;
    if (previous) this.closed = `"${previous.name}" (${previous.url})`;
    await c?.close();
    return previous;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}

function readKeyOrThrow(p: { name: string; key: JimTarget["key"] }, env: NodeJS.ProcessEnv): void {
  try {
    readKey(p.key, env);
  } catch (e) {
    throw new JimApiError({
      kind: "not_configured",
      message: `Profile "${p.name}": ${e instanceof Error ? e.message : String(e)}`,
      nextStep: "Fix the profile's key source; the current connection was kept.",
    });
  }
}
