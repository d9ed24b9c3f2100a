/**
 * Walks every registered tool and checks its shape: names, verbs against the
 * safety class, annotations, schemas without unions, described fields.
 */
import { describe, expect, it } from "vitest";
import { annotationsFor, mayBeDestructive } from "../src/tools/define.js";
import { REGISTRY } from "../src/tools/registry.js";
import { TOOLSET_IDS } from "../src/tools/toolsets.js";
import { listTools } from "./listing.js";

const READ_VERBS = new Set([
  "list",
  "health",
  "explain",
  "get",
  "search",
  "wait",
  "status",
  "count",
  "test",
  "preview",
  "validate",
]);
const DESTRUCTIVE_VERBS = new Set([
  "delete",
  "remove",
  "clear",
  "reset",
  "revoke",
  "cleanup",
  "cancel",
  "unassign",
]);

function verbOf(name: string): string {
  return name.split("_").at(-1) ?? "";
}

/** The one union a listed input may hold: an "id or name" field, as bare integer and string branches. */
const ID_OR_NAME = JSON.stringify([{ type: "integer" }, { type: "string" }]);

function findUnions(node: unknown, path = ""): string[] {
  if (!node || typeof node !== "object") return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    const idOrName = k === "anyOf" && JSON.stringify(v) === ID_OR_NAME && /^\.properties\.\w+$/.test(path);
    if ((k === "anyOf" || k === "oneOf" || k === "allOf") && !idOrName) out.push(`${path}.${k}`);
    if (!idOrName) out.push(...findUnions(v, `${path}.${k}`));
  }
  return out;
}

/** Paging fields say it all through their bounds and defaults. */
const SELF_DESCRIBED = new Set(["page", "pageSize"]);

describe("tool contract", () => {
  it("names are unique snake_case, resource first, within 40 characters", () => {
    const names = REGISTRY.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n, n).toMatch(/^[a-z]+(_[a-z]+)+$/);
    for (const n of names) expect(n.length, n).toBeLessThanOrEqual(40);
  });

  it("every tool belongs to a known toolset", () => {
    for (const t of REGISTRY) expect(TOOLSET_IDS, t.name).toContain(t.toolset);
  });

  it("the verb in the name agrees with the safety class", () => {
    for (const t of REGISTRY) {
      const verb = verbOf(t.name);
      if (READ_VERBS.has(verb)) expect(t.kind, t.name).toBe("read");
      else if (DESTRUCTIVE_VERBS.has(verb)) expect(t.kind, t.name).toBe("destructive");
      else if (!t.offline || t.name !== "connection_status") expect(t.kind, t.name).not.toBe("read");
    }
  });

  it("annotations are derived from the class", () => {
    for (const t of REGISTRY) {
      const a = annotationsFor(t);
      expect(a.readOnlyHint).toBe(t.kind === "read");
      expect(a.destructiveHint).toBe(mayBeDestructive(t));
      if (t.kind === "destructive") expect(t.consent, t.name).toBeTypeOf("function");
    }
  });

  it("listed schemas: no unions but id-or-name, every input field described, destructive tools take a confirmation token", async () => {
    const tools = await listTools({ toolsets: ["all"] });
    expect(tools.map((t) => t.name)).toEqual(REGISTRY.map((t) => t.name));
    for (const tool of tools) {
      const def = REGISTRY.find((d) => d.name === tool.name)!;
      expect(findUnions(tool.inputSchema), tool.name).toEqual([]);
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(tool.description!.length, tool.name).toBeLessThanOrEqual(320);
      const props = (tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [k, p] of Object.entries(props)) {
        if (!SELF_DESCRIBED.has(k)) expect(p.description, `${tool.name}.${k}`).toBeTruthy();
      }
      expect("confirmationToken" in props, tool.name).toBe(mayBeDestructive(def));
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
    }
  });

  it("both protocol eras list the same tools", async () => {
    const modern = await listTools({ toolsets: ["all"] }, "modern");
    const legacy = await listTools({ toolsets: ["all"] }, "legacy");
    expect(legacy.map((t) => t.name)).toEqual(modern.map((t) => t.name));
  });
});
