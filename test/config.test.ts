import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfig, ConfigError, readKey, redactKey, redactSecrets } from "../src/config.js";
import { selectTools } from "../src/server.js";
import { REGISTRY } from "../src/tools/registry.js";

const KEY = "jim_ak_test_7f3e0000000000000000";
const noProfiles = { JIM_MCP_PROFILES: undefined, HOME: "/nonexistent-home" } as NodeJS.ProcessEnv;

describe("configuration", () => {
  it("JIM_URL with JIM_API_KEY, defaults", () => {
    const c = buildConfig({}, { ...noProfiles, JIM_URL: "https://jim.example.com", JIM_API_KEY: KEY });
    expect(c.target).toEqual({
      name: "env",
      url: "https://jim.example.com",
      key: { kind: "env", name: "JIM_API_KEY" },
    });
    expect(c).toMatchObject({ timeoutMs: 30000, destructive: "confirm", readOnly: false });
  });

  it("JIM_URL without a key is a clear error", () => {
    expect(() => buildConfig({}, { ...noProfiles, JIM_URL: "https://j" })).toThrow(/JIM_API_KEY/);
  });

  it("flags beat the environment; bad values are refused with what is allowed", () => {
    const env = { ...noProfiles, JIM_MCP_DESTRUCTIVE: "allow" };
    expect(buildConfig({ destructive: "deny" }, env).destructive).toBe("deny");
    expect(() => buildConfig({ destructive: "maybe" }, noProfiles)).toThrow(/confirm, deny or allow/);
    expect(() => buildConfig({ timeout: "0" }, noProfiles)).toThrow(/1 to 600/);
    expect(buildConfig({}, { ...noProfiles, JIM_MCP_READ_ONLY: "1" }).readOnly).toBe(true);
  });

  it("profiles: env-var and file keys, default profile, unknown names listed", () => {
    const dir = mkdtempSync(join(tmpdir(), "jim-mcp-"));
    writeFileSync(join(dir, "test.key"), `${KEY}\n`);
    const file = join(dir, "profiles.json");
    writeFileSync(
      file,
      JSON.stringify({
        default: "test",
        profiles: {
          prod: { url: "https://prod.example", apiKeyEnv: "JIM_PROD_KEY" },
          test: { url: "https://test.example", apiKeyFile: "test.key" },
        },
      }),
    );
    const c = buildConfig({ profiles: file }, noProfiles);
    expect(c.target?.name).toBe("test");
    expect(readKey(c.target!.key, {})).toBe(KEY);
    expect(buildConfig({ profiles: file, profile: "prod" }, noProfiles).target?.key).toEqual({
      kind: "env",
      name: "JIM_PROD_KEY",
    });
    expect(() => buildConfig({ profiles: file, profile: "nope" }, noProfiles)).toThrow(
      /Known profiles: prod, test/,
    );
    writeFileSync(
      file,
      JSON.stringify({ profiles: { x: { url: "https://x", apiKeyEnv: "A", apiKeyFile: "b" } } }),
    );
    expect(() => buildConfig({ profiles: file }, noProfiles)).toThrow(ConfigError);
  });

  it("keys: must look like JIM keys; errors name the source, never the value", () => {
    expect(() => readKey({ kind: "env", name: "K" }, { K: "" })).toThrow(/environment variable K is empty/);
    try {
      readKey({ kind: "env", name: "K" }, { K: "sk-secret-value" });
    } catch (e) {
      expect(String(e)).not.toContain("sk-secret-value");
      expect(String(e)).toMatch(/jim_ak_/);
    }
  });

  it("redaction shows at most jim_ak_ and four characters", () => {
    expect(redactKey(KEY)).toBe("jim_ak_test…");
    expect(redactSecrets(`key ${KEY} used`)).toBe("key jim_ak_test… used");
  });
});

describe("tool selection", () => {
  const base = {
    toolsets: [] as string[],
    tools: [] as string[],
    excludeTools: [] as string[],
    readOnly: false,
    destructive: "confirm" as const,
  };

  it("keeps registry order and filters by toolset, tools and exclusions", () => {
    const all = selectTools({ ...base, toolsets: ["all"] }).map((t) => t.name);
    expect(all).toEqual(REGISTRY.map((t) => t.name));
    const some = selectTools({
      ...base,
      toolsets: ["connection"],
      tools: ["activity_get"],
      excludeTools: ["connection_disconnect"],
    });
    expect(some.map((t) => t.name)).toEqual(["connection_status", "connection_switch", "activity_get"]);
  });

  it("read-only lists only read tools; unknown names are errors", () => {
    expect(selectTools({ ...base, readOnly: true }).every((t) => t.kind === "read")).toBe(true);
    expect(() => selectTools({ ...base, toolsets: ["nope"] })).toThrow(/Known toolsets/);
    expect(() => selectTools({ ...base, tools: ["nope"] })).toThrow(/Known tools/);
  });
});
