import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServerConfig } from "../src/config.js";

/** A complete configuration for tests; override what a test needs. */
export function baseConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    target: undefined,
    profiles: {},
    profilesFile: undefined,
    timeoutMs: 10_000,
    destructive: "confirm",
    readOnly: false,
    toolsets: ["all"],
    tools: [],
    excludeTools: [],
    pollIntervalMs: 40,
    demo: false,
    logLevel: "error",
    secretsDir: join(tmpdir(), "jim-mcp-test-secrets"),
    ...overrides,
  };
}
