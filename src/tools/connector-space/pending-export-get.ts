import * as z from "zod";
import { getPendingExport, valueText } from "../../jim/connector-space.js";
import { defineTool } from "../define.js";
import { fields, table } from "../format/text.js";
import { guid } from "../params.js";

/** Values listed per attribute change; the rest are counted and can be paged through api_get. */
const SHOWN = 5;

export const pendingExportGet = defineTool({
  name: "pending_export_get",
  title: "Get a pending export",
  description: "Shows one pending export: target, status, errors and attribute changes.",
  toolset: "connector_space",
  kind: "read",
  input: z.object({ id: guid("Pending export id (pending_export_list).") }),
  output: z.object({
    id: z.string(),
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    changeType: z.string(),
    status: z.string(),
    target: z.string().nullable(),
    lastError: z.string().nullable(),
    changes: z.array(
      z.object({ attribute: z.string(), change: z.string(), count: z.number(), values: z.array(z.string()) }),
    ),
    unresolvedReferences: z.array(z.string()),
  }),
  async handler(args, ctx) {
    const pe = await getPendingExport(ctx.jim(), args.id, ctx.signal);
    // One row per attribute and kind of change; JIM itself caps many-valued changes (summaries give totals).
    const totals = new Map((pe.attributeChangeSummaries ?? []).map((s) => [s.attributeName, s.totalCount]));
    const groups = new Map<string, { attribute: string; change: string; count: number; values: string[] }>();
    for (const c of pe.attributeChanges ?? []) {
      const key = `${c.attributeName}\u0000${c.changeType}`;
      const g = groups.get(key) ?? { attribute: c.attributeName, change: c.changeType, count: 0, values: [] };
      g.count += 1;
      if (g.values.length < SHOWN) {
        g.values.push(
          c.unresolvedReferenceValue ? `(unresolved: ${c.unresolvedReferenceValue})` : valueText(c),
        );
      }
      groups.set(key, g);
    }
    const changes = [...groups.values()].map((g) => {
      const sameAttr = [...groups.values()].filter((x) => x.attribute === g.attribute).length;
      const total = totals.get(g.attribute);
      return { ...g, count: total !== undefined && sameAttr === 1 ? Math.max(total, g.count) : g.count };
    });
    const unresolvedReferences = (pe.unresolvedReferences ?? []).map(
      (u) =>
        `${u.attributeName} → ${u.referencedMetaverseObjectDisplayName ?? u.referencedMetaverseObjectId ?? "?"}: ${u.reason}`,
    );
    const target = pe.connectedSystemObjectDisplayName
      ? `${pe.connectedSystemObjectDisplayName} (${pe.connectedSystemObjectTypeName ?? "object"}, ${pe.connectedSystemObjectId})`
      : (pe.connectedSystemObjectId ?? null);
    const source = pe.sourceMetaverseObjectId
      ? `${pe.sourceMetaverseObjectDisplayName ?? ""} (${pe.sourceMetaverseObjectTypeName ?? "metaverse object"}, ${pe.sourceMetaverseObjectId})`.trim()
      : null;
    const out = {
      id: pe.id,
      connectedSystem: { id: pe.connectedSystemId, name: pe.connectedSystemName },
      changeType: pe.changeType,
      status: pe.status,
      target,
      lastError: pe.lastErrorMessage,
      changes,
      unresolvedReferences,
    };
    const truncated = changes.filter((c) => c.count > c.values.length);
    const valuesPath = `/synchronisation/pending-exports/${pe.id}/attribute-changes/{attributeName}/values`;
    const text = [
      fields([
        ["pending export", `${pe.changeType} (id ${pe.id})`],
        ["connected system", `${pe.connectedSystemName} (id ${pe.connectedSystemId})`],
        [
          "status",
          `${pe.status}${pe.errorCount ? `, ${pe.errorCount} of ${pe.maxRetries} tries failed` : ""}`,
        ],
        ["last error", pe.lastErrorMessage],
        ["next retry", pe.nextRetryAt],
        ["target", target],
        ["source", source],
      ]),
      changes.length
        ? table(changes, [
            ["attribute", (c) => c.attribute],
            ["change", (c) => c.change],
            [
              "value(s)",
              (c) =>
                `${c.values.join("; ")}${c.count > c.values.length ? ` … (${c.values.length} of ${c.count})` : ""}`,
            ],
          ])
        : pe.changeType === "Delete"
          ? "No attribute changes: the export deletes the object."
          : "No attribute changes.",
      unresolvedReferences.length
        ? `unresolved references:\n${unresolvedReferences.map((u) => `- ${u}`).join("\n")}`
        : "",
      truncated.length ? `Page all values of an attribute with api_get path=${valuesPath}.` : "",
    ].filter(Boolean);
    return { structured: out, text: text.join("\n") };
  },
});
