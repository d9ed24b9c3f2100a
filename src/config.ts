/**
 * Configuration: CLI flags and environment → one validated object.
 *
 * Precedence: CLI flag > environment variable > profiles file default > built-in default.
 * The API key is never a flag value: it comes from JIM_API_KEY, a key file, or the
 * env var / file a profile names. Only a redacted preview (`jim_ak_7f3e…`) is ever shown.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import * as z from "zod";

export type DestructivePolicy = "confirm" | "deny" | "allow";

/** Where a key comes from. The key itself is read only when connecting. */
export type KeySource =
  | { kind: "env"; name: string }
  | { kind: "file"; path: string }
  | { kind: "inline"; value: string; label: string };

export interface ProfileDef {
  name: string;
  url: string;
  key: KeySource;
}

export interface JimTarget {
  /** Profile name, or "env" / "demo" for the unnamed targets. */
  name: string;
  url: string;
  key: KeySource;
}

export interface ServerConfig {
  target: JimTarget | undefined;
  profiles: Record<string, ProfileDef>;
  profilesFile: string | undefined;
  timeoutMs: number;
  destructive: DestructivePolicy;
  readOnly: boolean;
  toolsets: string[];
  tools: string[];
  excludeTools: string[];
  /** How often a wait polls activity progress. JIM's own client uses 2 s. */
  pollIntervalMs: number;
  demo: boolean;
  logLevel: "error" | "warn" | "info" | "debug";
  /** Where responses that carry secrets (new API keys, generated passwords) are saved, never shown. */
  secretsDir: string;
  /** Set when the server runs over Streamable HTTP (`--transport http`). */
  http?: HttpConfig;
}

/** Whether callers may (or must) bring their own JIM key in the `X-JIM-Api-Key` header. */
export type CallerKeyMode = "off" | "allow" | "require";

/** A bearer token an MCP client presents; the name is what logs show. */
export interface AuthToken {
  name: string;
  token: string;
}

export interface HttpConfig {
  host: string;
  port: number;
  /** Empty = no authentication (only allowed on a loopback address). */
  authTokens: AuthToken[];
  callerKeys: CallerKeyMode;
  /** The JIM base URL callers' own keys are used against (the server's target URL, or JIM_URL). */
  jimUrl: string | undefined;
  /** Host header names accepted besides the loopback names and the bind address; `*` = any. */
  allowedHosts: string[];
  /** Origins (`https://app.example.com`) or host names accepted besides loopback ones; `*` = any. */
  allowedOrigins: string[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** How long in-flight calls may run on after SIGINT/SIGTERM before they are cancelled. */
  shutdownGraceMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const KEY_PREFIX = "jim_ak_";

/** `jim_ak_7f3e…` — never more than the prefix and four characters. */
export function redactKey(key: string | undefined): string | null {
  if (!key) return null;
  if (key.startsWith(KEY_PREFIX)) return `${key.slice(0, KEY_PREFIX.length + 4)}…`;
  return `${key.slice(0, 2)}…`;
}

const KEY_PATTERN = /jim_ak_[A-Za-z0-9_-]{5,}/g;

/** Replaces anything that looks like a JIM API key in free text with its preview. */
export function redactSecrets(text: string): string {
  return text.replace(KEY_PATTERN, (m) => redactKey(m) ?? "…");
}

export function expandHome(p: string): string {
  if (p === "~") return homedir();
  if (p.startsWith("~/")) return join(homedir(), p.slice(2));
  return p;
}

/** Reads the key a source points at. Errors name the source, never the key. */
export function readKey(source: KeySource, env: NodeJS.ProcessEnv = process.env): string {
  let value: string | undefined;
  let where: string;
  switch (source.kind) {
    case "env":
      where = `environment variable ${source.name}`;
      value = env[source.name];
      break;
    case "file": {
      where = `key file ${source.path}`;
      try {
        value = readFileSync(expandHome(source.path), "utf8");
      } catch (e) {
        throw new ConfigError(`Cannot read the ${where}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      break;
    }
    case "inline":
      where = source.label;
      value = source.value;
      break;
  }
  value = value?.trim();
  if (!value) throw new ConfigError(`The ${where} is empty; it must hold a JIM API key (jim_ak_…).`);
  if (/\s/.test(value))
    throw new ConfigError(`The ${where} holds more than one word; it must hold only the API key.`);
  if (!value.startsWith(KEY_PREFIX)) {
    throw new ConfigError(
      `The value in the ${where} does not look like a JIM API key: it must start with "${KEY_PREFIX}".`,
    );
  }
  return value;
}

export function describeKeySource(source: KeySource): string {
  switch (source.kind) {
    case "env":
      return `env ${source.name}`;
    case "file":
      return `file ${source.path}`;
    case "inline":
      return source.label;
  }
}

const profileSchema = z
  .object({
    url: z.string().url(),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    apiKeyFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((p) => Boolean(p.apiKeyEnv) !== Boolean(p.apiKeyFile), {
    message: "give exactly one of apiKeyEnv (an environment variable name) or apiKeyFile (a path)",
  });

const profilesFileSchema = z
  .object({
    default: z.string().optional(),
    profiles: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), profileSchema),
  })
  .strict();

export function loadProfiles(file: string): { profiles: Record<string, ProfileDef>; defaultName?: string } {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(
      `Cannot read the profiles file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(`The profiles file ${file} is not valid JSON.`);
  }
  const parsed = profilesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ConfigError(`The profiles file ${file} is not valid: ${issues}`);
  }
  const profiles: Record<string, ProfileDef> = {};
  for (const [name, p] of Object.entries(parsed.data.profiles)) {
    const key: KeySource = p.apiKeyEnv
      ? { kind: "env", name: p.apiKeyEnv }
      : { kind: "file", path: resolveRelative(file, p.apiKeyFile!) };
    profiles[name] = { name, url: p.url, key };
  }
  if (parsed.data.default && !profiles[parsed.data.default]) {
    throw new ConfigError(
      `The profiles file ${file} names default "${parsed.data.default}", which it does not define.`,
    );
  }
  return { profiles, ...(parsed.data.default ? { defaultName: parsed.data.default } : {}) };
}

function resolveRelative(file: string, p: string): string {
  const expanded = expandHome(p);
  return isAbsolute(expanded) ? expanded : resolve(file, "..", expanded);
}

export interface CliValues {
  url?: string | undefined;
  profile?: string | undefined;
  profiles?: string | undefined;
  demo?: boolean | undefined;
  timeout?: string | undefined;
  destructive?: string | undefined;
  readOnly?: boolean | undefined;
  toolsets?: string | undefined;
  tools?: string | undefined;
  excludeTools?: string | undefined;
  logLevel?: string | undefined;
  secretsDir?: string | undefined;
  transport?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
  authTokenFile?: string | undefined;
  callerKeys?: string | undefined;
  allowedHosts?: string | undefined;
  allowedOrigins?: string | undefined;
}

function list(v: string | undefined): string[] {
  return (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

export const DEFAULT_PROFILES_FILE = "~/.config/jim-mcp/profiles.json";
export const DEFAULT_SECRETS_DIR = "~/.config/jim-mcp/secrets";

/** Builds the configuration. Pure apart from reading the profiles file. */
export function buildConfig(cli: CliValues, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const http = buildHttpConfig(cli, env);
  const timeoutRaw = cli.timeout ?? env.JIM_TIMEOUT;
  let timeoutMs = 30_000;
  if (timeoutRaw !== undefined) {
    const seconds = Number(timeoutRaw);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) {
      throw new ConfigError(`--timeout must be a number of seconds from 1 to 600 (got "${timeoutRaw}").`);
    }
    timeoutMs = Math.round(seconds * 1000);
  }

  const destructive = (cli.destructive ?? env.JIM_MCP_DESTRUCTIVE ?? "confirm").trim().toLowerCase();
  if (destructive !== "confirm" && destructive !== "deny" && destructive !== "allow") {
    throw new ConfigError(`--destructive must be confirm, deny or allow (got "${destructive}").`);
  }
  const logLevel = (cli.logLevel ?? env.JIM_MCP_LOG_LEVEL ?? "info").trim().toLowerCase();
  if (!["error", "warn", "info", "debug"].includes(logLevel)) {
    throw new ConfigError(`--log-level must be error, warn, info or debug (got "${logLevel}").`);
  }

  const profilesFileRaw = cli.profiles ?? env.JIM_MCP_PROFILES;
  let profiles: Record<string, ProfileDef> = {};
  let defaultProfile: string | undefined;
  let profilesFile: string | undefined;
  if (profilesFileRaw) {
    profilesFile = resolve(expandHome(profilesFileRaw));
    ({ profiles, defaultName: defaultProfile } = loadProfiles(profilesFile));
  } else {
    const fallback = expandHome(DEFAULT_PROFILES_FILE);
    try {
      readFileSync(fallback);
      profilesFile = fallback;
      ({ profiles, defaultName: defaultProfile } = loadProfiles(fallback));
    } catch (e) {
      if (e instanceof ConfigError) throw e;
    }
  }

  const demo = Boolean(cli.demo) || truthy(env.JIM_MCP_DEMO);
  let target: JimTarget | undefined;
  const profileName = cli.profile ?? env.JIM_PROFILE;
  const url = cli.url ?? env.JIM_URL;
  if (demo) {
    target = undefined; // filled in by the CLI once the simulator is listening
  } else if (profileName) {
    const p = profiles[profileName];
    if (!p) {
      const known = Object.keys(profiles);
      throw new ConfigError(
        `Profile "${profileName}" is not defined${profilesFile ? ` in ${profilesFile}` : " (no profiles file found)"}.` +
          (known.length ? ` Known profiles: ${known.join(", ")}.` : ""),
      );
    }
    target = { name: p.name, url: p.url, key: p.key };
  } else if (url) {
    const key: KeySource | undefined = env.JIM_API_KEY
      ? { kind: "env", name: "JIM_API_KEY" }
      : env.JIM_API_KEY_FILE
        ? { kind: "file", path: env.JIM_API_KEY_FILE }
        : undefined;
    if (!key && http?.callerKeys === "require") {
      // Every caller brings its own key; the server has none of its own.
    } else if (!key) {
      throw new ConfigError(
        "JIM_URL is set but no API key: set JIM_API_KEY, or JIM_API_KEY_FILE to a file holding the key.",
      );
    }
    if (key) target = { name: "env", url, key };
  } else if (defaultProfile) {
    const p = profiles[defaultProfile]!;
    target = { name: p.name, url: p.url, key: p.key };
  }

  if (http) {
    http.jimUrl = target?.url ?? url;
    if (http.callerKeys !== "off" && !http.jimUrl && !demo) {
      throw new ConfigError(
        `--caller-keys ${http.callerKeys} needs to know which JIM the callers' keys belong to: set JIM_URL (or --url), or use --profile.`,
      );
    }
  }

  return {
    ...(http ? { http } : {}),
    target,
    profiles,
    profilesFile,
    timeoutMs,
    destructive,
    readOnly: Boolean(cli.readOnly) || truthy(env.JIM_MCP_READ_ONLY),
    toolsets: list(cli.toolsets ?? env.JIM_MCP_TOOLSETS),
    tools: list(cli.tools ?? env.JIM_MCP_TOOLS),
    excludeTools: list(cli.excludeTools ?? env.JIM_MCP_EXCLUDE_TOOLS),
    pollIntervalMs: 2000,
    demo,
    logLevel: logLevel as ServerConfig["logLevel"],
    secretsDir: resolve(expandHome(cli.secretsDir ?? env.JIM_MCP_SECRETS_DIR ?? DEFAULT_SECRETS_DIR)),
  };
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1"]);

/** Whether a bind address (bare, as listened on: `::1`, not `[::1]`) only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const TOKEN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MIN_TOKEN_LENGTH = 16;

function checkToken(token: string, where: string): void {
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `The auth token in ${where} is too short: use at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32).`,
    );
  }
  if (/[^\x21-\x7e]/.test(token)) {
    throw new ConfigError(
      `The auth token in ${where} holds spaces or non-ASCII characters; use printable ASCII only (e.g. openssl rand -hex 32).`,
    );
  }
}

/**
 * Reads a tokens file: one token a line, optionally preceded by a name (`ci-agent 3f9a…`) that
 * logs use instead of the token. Blank lines and lines starting with # are skipped.
 */
export function loadAuthTokens(file: string): AuthToken[] {
  let raw: string;
  try {
    raw = readFileSync(expandHome(file), "utf8");
  } catch (e) {
    throw new ConfigError(
      `Cannot read the auth token file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  const tokens: AuthToken[] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const parts = trimmed.split(/\s+/);
    const where = `${file} line ${i + 1}`;
    if (parts.length > 2) {
      throw new ConfigError(`${where} has ${parts.length} words; write "<token>" or "<name> <token>".`);
    }
    const [name, token] =
      parts.length === 2 ? [parts[0]!, parts[1]!] : [`token-${tokens.length + 1}`, parts[0]!];
    if (!TOKEN_NAME.test(name)) {
      throw new ConfigError(
        `${where}: the name "${name}" may use only letters, digits, ".", "_" and "-" (1–64).`,
      );
    }
    if (tokens.some((t) => t.name === name))
      throw new ConfigError(`${where}: the name "${name}" is used twice.`);
    checkToken(token, where);
    tokens.push({ name, token });
  });
  if (!tokens.length) throw new ConfigError(`The auth token file ${file} holds no tokens.`);
  return tokens;
}

const HTTP_ONLY_FLAGS: Array<[keyof CliValues, string]> = [
  ["host", "--host"],
  ["port", "--port"],
  ["authTokenFile", "--auth-token-file"],
  ["callerKeys", "--caller-keys"],
  ["allowedHosts", "--allowed-hosts"],
  ["allowedOrigins", "--allowed-origins"],
];

function buildHttpConfig(cli: CliValues, env: NodeJS.ProcessEnv): HttpConfig | undefined {
  const transport = (cli.transport ?? env.JIM_MCP_TRANSPORT ?? "stdio").trim().toLowerCase();
  if (transport !== "stdio" && transport !== "http") {
    throw new ConfigError(`--transport must be stdio or http (got "${transport}").`);
  }
  if (transport === "stdio") {
    for (const [field, flag] of HTTP_ONLY_FLAGS) {
      if (cli[field] !== undefined) throw new ConfigError(`${flag} applies only with --transport http.`);
    }
    return undefined;
  }
  // "[::1]" is how an IPv6 address is written in a URL; listening needs it bare.
  const host = (cli.host ?? env.JIM_MCP_HOST ?? "127.0.0.1").trim().replace(/^\[(.*)\]$/, "$1");
  if (!host || /[\s/]/.test(host)) {
    throw new ConfigError(`--host must be an address or host name such as 127.0.0.1 (got "${host}").`);
  }
  const portRaw = (cli.port ?? env.JIM_MCP_PORT ?? "3000").trim();
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port > 65535) {
    throw new ConfigError(
      `--port must be a whole number from 0 to 65535; 0 picks a free port (got "${portRaw}").`,
    );
  }
  const authTokens: AuthToken[] = [];
  const tokenFile = cli.authTokenFile ?? env.JIM_MCP_AUTH_TOKEN_FILE;
  if (tokenFile) authTokens.push(...loadAuthTokens(tokenFile));
  const envToken = env.JIM_MCP_AUTH_TOKEN?.trim();
  if (envToken) {
    checkToken(envToken, "JIM_MCP_AUTH_TOKEN");
    if (authTokens.some((t) => t.name === "env")) {
      throw new ConfigError(
        'The auth token file already names a token "env", the name JIM_MCP_AUTH_TOKEN uses.',
      );
    }
    authTokens.push({ name: "env", token: envToken });
  }
  const callerKeys = (cli.callerKeys ?? env.JIM_MCP_CALLER_KEYS ?? "off").trim().toLowerCase();
  if (callerKeys !== "off" && callerKeys !== "allow" && callerKeys !== "require") {
    throw new ConfigError(`--caller-keys must be off, allow or require (got "${callerKeys}").`);
  }
  if (!isLoopbackHost(host) && authTokens.length === 0) {
    throw new ConfigError(
      `Refusing to listen on ${host} without authentication: anyone who can reach it could use JIM. ` +
        "Set JIM_MCP_AUTH_TOKEN or --auth-token-file, or listen on 127.0.0.1.",
    );
  }
  const allowedHosts = list(cli.allowedHosts ?? env.JIM_MCP_ALLOWED_HOSTS).map((h) => h.toLowerCase());
  const allowedOrigins = list(cli.allowedOrigins ?? env.JIM_MCP_ALLOWED_ORIGINS).map((o) => o.toLowerCase());
  for (const o of allowedOrigins) {
    if (o !== "*" && o.includes("://")) {
      try {
        new URL(o);
      } catch {
        throw new ConfigError(`--allowed-origins: "${o}" is not an origin such as https://app.example.com.`);
      }
    }
  }
  if ((host === "0.0.0.0" || host === "::") && allowedHosts.length === 0) {
    throw new ConfigError(
      `Listening on ${host} accepts requests addressed to any name, so the Host header cannot be checked. ` +
        "List the names clients use with --allowed-hosts (e.g. mcp.example.com), or --allowed-hosts '*' behind a proxy that checks it.",
    );
  }
  return {
    host,
    port,
    authTokens,
    callerKeys,
    jimUrl: undefined,
    allowedHosts,
    allowedOrigins,
    maxBodyBytes: 1024 * 1024,
    shutdownGraceMs: 10_000,
  };
}

/** What to tell someone whose server has no JIM connection. */
export const NOT_CONFIGURED_HELP =
  "No JIM connection is configured. Set JIM_URL (e.g. https://jim.example.com) and JIM_API_KEY " +
  "(or JIM_API_KEY_FILE) in the MCP server's environment, or start it with --profile <name> from a profiles file, " +
  "or with --demo to use the built-in simulator. Then run connection_status.";
