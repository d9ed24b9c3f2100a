/** Logs go to stderr only: stdout carries the MCP protocol. Every line is scrubbed of API keys. */
import { redactSecrets } from "./config.js";

export type LogLevel = "error" | "warn" | "info" | "debug";
const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const at = ORDER[level];
  const emit = (lvl: LogLevel, msg: string) => {
    if (ORDER[lvl] <= at) write(`jim-mcp ${lvl}: ${redactSecrets(msg)}\n`);
  };
  return {
    error: (m) => emit("error", m),
    warn: (m) => emit("warn", m),
    info: (m) => emit("info", m),
    debug: (m) => emit("debug", m),
  };
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
