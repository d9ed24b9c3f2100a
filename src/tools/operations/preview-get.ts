import * as z from "zod";
import { getPreview } from "../../jim/operations.js";
import { defineTool } from "../define.js";
import { fields, fmtNumber, table } from "../format/text.js";
import { guid } from "../params.js";

const TERMINAL = new Set([
  "Complete",
  "CompleteWithWarning",
  "CompleteWithError",
  "FailedWithError",
  "Cancelled",
]);

export const previewGet = defineTool({
  name: "preview_get",
  title: "Get a change preview",
  description:
    "Reads a configuration-change preview: stage statuses, validation findings and how many objects each outcome would affect.",
  toolset: "operations",
  kind: "read",
  input: z.object({
    activityId: guid("The preview's activity id (returned when the preview was started)."),
  }),
  output: z.object({
    activityId: z.string(),
    surface: z.string(),
    state: z.enum(["running", "complete", "failed", "stopped"]),
    stages: z.record(z.string(), z.string()),
    findings: z.array(z.object({ severity: z.string(), message: z.string() })),
    impact: z.array(z.object({ outcome: z.string(), objects: z.number() })),
    groups: z.array(
      z.object({ id: z.string(), outcome: z.string(), objects: z.number(), detail: z.string().nullable() }),
    ),
  }),
  async handler(args, ctx) {
    const p = await getPreview(ctx.jim(), args.activityId, ctx.signal);
    const state: "running" | "complete" | "failed" | "stopped" = p.hasFailed
      ? "failed"
      : p.isComplete
        ? "complete"
        : TERMINAL.has(p.activityStatus)
          ? "stopped"
          : "running";
    const stages = {
      validation: p.validationStatus,
      impactCounts: p.impactCountsStatus,
      summary: p.summaryStatus,
      deltas: p.deltasStatus,
    };
    const findings = (p.validationFindings ?? []).map((f) => ({ severity: f.severity, message: f.message }));
    const impact = (p.impactCounts ?? []).map((c) => ({
      outcome: c.transitionType,
      objects: c.objectCount ?? 0,
    }));
    const groups = (p.groups ?? []).map((g) => ({
      id: g.id,
      outcome: g.transitionType,
      objects: g.objectCount ?? 0,
      detail:
        [
          g.metaverseObjectTypeName,
          g.connectedSystemName,
          g.attributeName ? `${g.attributeName}: ${g.oldValue ?? "–"} → ${g.newValue ?? "–"}` : null,
        ]
          .filter(Boolean)
          .join(" · ") || null,
    }));
    const next =
      state === "running"
        ? `Still running (${fmtNumber(p.objectsProcessed)} of ${fmtNumber(p.objectsToProcess)} objects); call preview_get again in a few seconds.`
        : state === "stopped"
          ? `The preview stopped (${p.activityStatus}) before finishing; results so far are shown.`
          : state === "failed"
            ? `The preview failed: ${p.errorMessage ?? p.message ?? "no reason given"}.`
            : "";
    const text = [
      fields([
        ["preview", `${p.activityId} (${p.surface})`],
        ["state", `${state} — activity ${p.activityStatus}`],
        [
          "stages",
          `validation ${stages.validation}, impact ${stages.impactCounts}, summary ${stages.summary}, deltas ${stages.deltas}`,
        ],
        ["estimated objects", p.estimatedAffectedObjects],
      ]),
      findings.length
        ? `findings:\n${findings.map((f) => `- ${f.severity}: ${f.message}`).join("\n")}`
        : "findings: none",
      impact.length
        ? `impact:\n${impact.map((c) => `- ${c.outcome}: ${fmtNumber(c.objects)}`).join("\n")}`
        : "",
      groups.length
        ? table(groups, [
            ["outcome", (g) => g.outcome],
            ["objects", (g) => g.objects],
            ["detail", (g) => g.detail],
            ["group id", (g) => g.id],
          ])
        : "",
      next,
    ]
      .filter(Boolean)
      .join("\n");
    return {
      structured: { activityId: p.activityId, surface: p.surface, state, stages, findings, impact, groups },
      text,
    };
  },
});
