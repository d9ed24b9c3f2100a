import * as z from "zod";
import { getConnectedSystem } from "../../jim/connected-systems.js";
import { JimApiError } from "../../jim/errors.js";
import { importSchema, previewSchemaImport, type SchemaRefreshResult } from "../../jim/schema.js";
import { defineTool } from "../define.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

function pairs(map: Record<string, string[]> | undefined): string[] {
  return Object.entries(map ?? {}).flatMap(([type, names]) => names.map((n) => `${type}.${n}`));
}

/** The refresh result as one line per change: + added, - no longer reported, ~ redefined. */
export function changeLines(r: SchemaRefreshResult): string[] {
  const inUse = r.attributesInUse ?? {};
  const lines = [
    ...(r.addedObjectTypes ?? []).map((t) => `+ object type ${t}`),
    ...pairs(r.addedAttributes).map((a) => `+ ${a}`),
    ...(r.removedObjectTypes ?? []).map((t) => `- object type ${t}`),
    ...pairs(r.removedAttributes).map((a) => {
      const rules = inUse[a.slice(a.indexOf(".") + 1)];
      return `- ${a}${rules?.length ? ` (used by ${rules.join(", ")})` : ""}`;
    }),
  ];
  for (const [type, changes] of Object.entries(r.changedAttributes ?? {})) {
    for (const c of changes)
      lines.push(`~ ${type}.${c.attributeName}: ${c.aspect} ${c.oldValue} → ${c.newValue}`);
  }
  return lines;
}

function failIfUnread(r: SchemaRefreshResult, name: string, path: string): void {
  if (r.success !== false) return;
  throw new JimApiError({
    kind: "http",
    message: `JIM could not read the schema of "${name}": ${r.errorMessage ?? "no reason given"}`,
    method: "POST",
    path,
    nextStep: "Check the system's connector settings and that JIM can reach it, then try again.",
  });
}

export const schemaImport = defineTool({
  name: "schema_import",
  title: "Refresh a system's schema",
  description: "Reads a connected system's schema and previews the changes (default) or applies them.",
  toolset: "schema",
  kind: "write",
  input: z.object({
    connectedSystemId: connectedSystem,
    preview: z.boolean().default(true).describe("false applies the changes."),
    dependents: z
      .enum(["none", "disable", "remove"])
      .default("none")
      .describe("Rules on removed attributes: keep, disable, or remove with data."),
  }),
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    applied: z.boolean(),
    changes: z.array(z.string()),
  }),
  check(a) {
    if (a.preview && a.dependents !== "none") return "dependents applies only with preview=false.";
    return undefined;
  },
  async destructiveWhen(args, ctx) {
    if (args.preview || args.dependents !== "remove") return undefined;
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const cs = await getConnectedSystem(jim, id, ctx.signal);
    const r = await previewSchemaImport(jim, cs.id, ctx.signal);
    failIfUnread(r, cs.name, `/synchronisation/connected-systems/${cs.id}/import-schema/preview`);
    const removed = [
      ...(r.removedObjectTypes ?? []).map((t) => `object type ${t}`),
      ...pairs(r.removedAttributes),
    ];
    if (removed.length === 0) return undefined;
    const rules = [...new Set(Object.values(r.attributesInUse ?? {}).flat())];
    return {
      summary: `Apply the schema refresh of "${cs.name}" (id ${cs.id}), deleting ${removed.join(", ")} (no longer reported by the system) and all their imported values?${rules.length ? ` ${rules.length} synchronisation rule(s) still use them.` : ""} This cannot be undone.`,
      preview: {
        connectedSystem: `${cs.name} (id ${cs.id})`,
        removed,
        usedByRules: rules,
        allChanges: changeLines(r),
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const cs = await getConnectedSystem(jim, id, ctx.signal);
    const system = { id: cs.id, name: cs.name };
    if (args.preview) {
      const r = await previewSchemaImport(jim, cs.id, ctx.signal);
      failIfUnread(r, cs.name, `/synchronisation/connected-systems/${cs.id}/import-schema/preview`);
      const changes = [...changeLines(r), ...(r.discoveryWarnings ?? []).map((w) => `! ${w}`)];
      const removals = changes.some((c) => c.startsWith("-"));
      const text = [
        `Schema refresh preview for "${cs.name}" (id ${cs.id}); nothing was saved.`,
        changes.length ? changes.join("\n") : "No changes: JIM's schema matches the system.",
        changes.length
          ? `Apply with preview=false.${removals ? " Removed items stay in JIM unless dependents=remove; dependents=disable disables rules that use them." : ""} New object types and attributes arrive unselected.`
          : "",
      ].filter(Boolean);
      return {
        structured: { connectedSystem: system, applied: false, changes },
        text: text.join("\n"),
      };
    }
    const before = new Map(cs.objectTypes.map((t) => [t.id, t]));
    const after = await importSchema(jim, cs.id, args.dependents, ctx.signal);
    const changes: string[] = [];
    for (const t of after.objectTypes) {
      const was = before.get(t.id);
      if (!was)
        changes.push(`+ object type ${t.name} (id ${t.id}, ${t.attributeCount} attributes, not selected)`);
      else if (was.attributeCount !== t.attributeCount) {
        changes.push(`~ ${t.name}: ${was.attributeCount} → ${t.attributeCount} attributes`);
      }
    }
    const text = [
      `Schema of "${cs.name}" (id ${cs.id}) refreshed${args.dependents === "none" ? "" : ` (dependents: ${args.dependents})`}.`,
      changes.length ? changes.join("\n") : "Object types and attribute counts are unchanged.",
      "New items arrive unselected; see them with object_type_list.",
    ].join("\n");
    return {
      structured: { connectedSystem: system, applied: true, changes },
      text,
    };
  },
});
