import * as z from "zod";
import {
  getSyncRule,
  listMappings,
  listScopingGroups,
  listSyncRuleMatchingRules,
  type ScopingCriterion,
  type ScopingGroup,
  type SyncRuleMapping,
} from "../../jim/sync-rules.js";
import { defineTool } from "../define.js";
import { fields, table } from "../format/text.js";
import { resolveSyncRule } from "../resolve.js";
import { actionOf, syncRuleId, typesOf } from "./shared.js";

/** "cs[\"x\"] + …" or "givenName, mail" — what feeds the target. */
function sourceText(m: SyncRuleMapping): string {
  return [...m.sources]
    .sort((a, b) => a.order - b.order)
    .map((s) =>
      s.expression
        ? `expr: ${s.expression}`
        : (s.connectedSystemAttributeName ?? s.metaverseAttributeName ?? "?"),
    )
    .join(", ");
}

function criterionText(c: ScopingCriterion): string {
  const attr = c.connectedSystemAttributeName ?? c.metaverseAttributeName ?? "?";
  let value: string;
  if (c.valueMode === "Relative") {
    value = `${c.relativeCount ?? "?"} ${c.relativeUnit ?? ""} ${c.relativeDirection === "Ago" ? "ago" : "from now"}`;
  } else if (c.stringValue !== null) value = JSON.stringify(c.stringValue);
  else {
    const v = c.intValue ?? c.longValue ?? c.decimalValue ?? c.dateTimeValue ?? c.boolValue ?? c.guidValue;
    value = v === null || v === undefined ? "(no value)" : String(v);
  }
  return `${attr} ${c.comparisonType} ${value}${c.caseSensitive ? " (case-sensitive)" : ""}`;
}

interface FlatGroup {
  id: number;
  depth: number;
  type: string;
  criteria: string[];
}

function flatten(groups: ScopingGroup[], depth = 0, out: FlatGroup[] = []): FlatGroup[] {
  for (const g of [...groups].sort((a, b) => a.position - b.position)) {
    out.push({ id: g.id, depth, type: g.type, criteria: g.criteria.map(criterionText) });
    flatten(g.childGroups ?? [], depth + 1, out);
  }
  return out;
}

/** The scoping tree as indented "All of:" / "Any of:" lines. */
function scopingText(groups: FlatGroup[]): string {
  if (groups.length === 0) return "Scoping: none (every object of the type is in scope)";
  const lines = ["Scoping (in scope when):"];
  for (const g of groups) {
    const pad = "  ".repeat(g.depth);
    lines.push(`${pad}${g.type === "Any" ? "Any" : "All"} of:`);
    for (const c of g.criteria) lines.push(`${pad}  - ${c}`);
  }
  return lines.join("\n");
}

export const syncRuleGet = defineTool({
  name: "sync_rule_get",
  title: "Get a sync rule",
  description: "Shows one sync rule with its attribute mappings, scoping tree and matching rules.",
  toolset: "sync_rules",
  kind: "read",
  input: z.object({ syncRuleId }),
  output: z.object({
    rule: z.object({
      id: z.number(),
      name: z.string(),
      description: z.string().nullable(),
      system: z.string(),
      direction: z.string(),
      objectTypes: z.string(),
      action: z.string(),
      enabled: z.boolean(),
      enforceState: z.boolean(),
      outboundDeprovisionAction: z.string(),
    }),
    mappings: z.array(
      z.object({
        id: z.number(),
        target: z.string(),
        source: z.string(),
        priority: z.number(),
        enabled: z.boolean(),
      }),
    ),
    scoping: z.array(
      z.object({ id: z.number(), depth: z.number(), type: z.string(), criteria: z.array(z.string()) }),
    ),
    matchingRules: z.array(
      z.object({ id: z.number(), order: z.number(), sources: z.string(), target: z.string() }),
    ),
  }),
  async handler({ syncRuleId: ref }, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveSyncRule(ctx, ref);
    const [r, maps, groups, matching] = await Promise.all([
      getSyncRule(jim, id, ctx.signal),
      listMappings(jim, id, ctx.signal),
      listScopingGroups(jim, id, ctx.signal),
      listSyncRuleMatchingRules(jim, id, ctx.signal),
    ]);
    const rule = {
      id: r.id,
      name: r.name,
      description: r.description,
      system: r.connectedSystemName,
      direction: r.direction,
      objectTypes: typesOf(r),
      action: actionOf(r),
      enabled: r.enabled,
      enforceState: r.enforceState,
      outboundDeprovisionAction: r.outboundDeprovisionAction,
    };
    const mappings = maps.map((m) => ({
      id: m.id,
      target: m.targetMetaverseAttributeName ?? m.targetConnectedSystemAttributeName ?? "?",
      source: sourceText(m),
      priority: m.priority,
      enabled: m.enabled,
      notes: [
        m.initialExportOnly ? "on create only" : "",
        m.nullIsValue ? "null is a value" : "",
        m.enabled ? "" : `disabled${m.disabledReason ? `: ${m.disabledReason}` : ""}`,
      ]
        .filter(Boolean)
        .join("; "),
    }));
    const scoping = flatten(groups);
    const matchingRules = [...matching]
      .sort((a, b) => a.order - b.order)
      .map((m) => ({
        id: m.id,
        order: m.order,
        sources: m.sources.map((s) => s.connectedSystemAttributeName ?? "?").join(" or "),
        target: m.targetMetaverseAttributeName ?? "?",
      }));
    const isExport = r.direction === "Export";
    // Priority only orders import contributions to the same Metaverse attribute.
    const priorityColumn: Array<[string, (m: (typeof mappings)[number]) => unknown]> = isExport
      ? []
      : [["priority", (m) => m.priority]];
    const text = [
      `Sync rule "${r.name}" (id ${r.id}) · ${r.direction} · ${r.connectedSystemName} · ${rule.objectTypes} · ${rule.action} · ${r.enabled ? "enabled" : "DISABLED"}`,
      fields([
        ["description", r.description],
        ["deprovision action", isExport ? r.outboundDeprovisionAction : null],
        ["enforce state", isExport ? (r.enforceState ? "yes" : "no") : null],
      ]),
      `Mappings (${mappings.length}):`,
      table(mappings, [
        ["target", (m) => m.target],
        ["← source", (m) => m.source],
        ...priorityColumn,
        ["notes", (m) => m.notes],
      ]),
      scopingText(scoping),
      matchingRules.length
        ? `Matching rules:\n${matchingRules.map((m, i) => `${i + 1}. ${m.sources} → ${m.target}`).join("\n")}`
        : "Matching rules: none on this rule",
    ]
      .filter(Boolean)
      .join("\n");
    return {
      structured: { rule, mappings: mappings.map(({ notes: _n, ...m }) => m), scoping, matchingRules },
      text,
    };
  },
});
