import * as z from "zod";
import type { JimClient } from "../../jim/client.js";
import {
  getSyncRule,
  type PreviewImpactCount,
  type PreviewStartResponse,
  pollPreview,
  type SyncRuleHeader,
  startBehaviourPreview,
  startDestructiveTogglesPreview,
  updateSyncRule,
} from "../../jim/sync-rules.js";
import { type ConsentPlan, defineTool, type ToolContext, ToolInputError } from "../define.js";
import { asSentence, fmtNumber } from "../format/text.js";
import { resolveSyncRule } from "../resolve.js";
import { changeReason, syncRuleId } from "./shared.js";

const CHANGE_FIELDS = [
  "name",
  "description",
  "enabled",
  "projectToMetaverse",
  "provisionToConnectedSystem",
  "enforceState",
  "inboundOutOfScopeAction",
  "outboundDeprovisionAction",
] as const;

const input = z.object({
  syncRuleId,
  name: z.string().trim().min(1).max(200).optional().describe("New name."),
  description: z.string().max(1000).optional().describe("Empty clears it."),
  enabled: z.boolean().optional().describe("On or off."),
  projectToMetaverse: z.boolean().optional().describe("Import rules."),
  provisionToConnectedSystem: z.boolean().optional().describe("Export rules."),
  enforceState: z.boolean().optional().describe("Export rules: fix drift."),
  inboundOutOfScopeAction: z.enum(["RemainJoined", "Disconnect"]).optional().describe("Import rules."),
  outboundDeprovisionAction: z.enum(["Disconnect", "Delete"]).optional().describe("Export rules."),
  changeReason,
});
type Args = z.infer<typeof input>;

/** The preview each call ran, handed from the consent step to the handler of the same call. */
const previewOfCall = new WeakMap<AbortSignal, string>();

function countsText(counts: PreviewImpactCount[]): string {
  return counts.map((c) => `${c.transitionType} ${fmtNumber(c.objectCount)}`).join(", ");
}

/** The behaviour toggles JIM's behaviour preview evaluates, as this call sets them. */
type BehaviourChange = Pick<
  Args,
  "enabled" | "projectToMetaverse" | "provisionToConnectedSystem" | "enforceState"
>;

/**
 * What the call's behaviour toggles stop, one plain phrase each: the changes JIM's behaviour preview
 * reports an impact for (stopping provisioning, drift correction, importing or projecting). Empty when
 * the call stops nothing (turning things on, or setting values the rule already has).
 */
function behaviourImpacts(
  r: SyncRuleHeader,
  args: BehaviourChange & Pick<Args, "outboundDeprovisionAction">,
): string[] {
  const out: string[] = [];
  const disabling = args.enabled === false && r.enabled;
  const cs = `"${r.connectedSystemName}"`;
  if (r.direction === "Export") {
    if (
      r.enabled &&
      r.provisionToConnectedSystem &&
      (disabling || args.provisionToConnectedSystem === false)
    ) {
      const how =
        (args.outboundDeprovisionAction ?? r.outboundDeprovisionAction) === "Delete"
          ? "deleted"
          : "deprovisioned";
      out.push(`it stops provisioning to ${cs}, so objects it manages may be ${how}`);
    }
    if (r.enforceState && (disabling || args.enforceState === false)) {
      out.push(`it stops correcting drift in ${cs}`);
    }
  } else if (r.direction === "Import") {
    if (disabling) {
      out.push(
        `it stops importing from ${cs}, and values it contributed may be withdrawn from Metaverse objects`,
      );
    }
    if (r.projectToMetaverse && args.projectToMetaverse === false) {
      out.push(`it stops projecting new Metaverse objects from ${cs}`);
    }
  }
  return out;
}

/** A toggle turned on that the rule's direction does not have: JIM refuses it, so say so first. */
function wrongDirection(r: SyncRuleHeader, args: BehaviourChange): string | undefined {
  const what = `"${r.name}" (id ${r.id}) is an ${r.direction} rule`;
  if (args.projectToMetaverse === true && r.direction !== "Import") {
    return `projectToMetaverse applies to Import rules only; ${what}. Nothing was sent to JIM.`;
  }
  if (args.provisionToConnectedSystem === true && r.direction !== "Export") {
    return `provisionToConnectedSystem applies to Export rules only; ${what}. Nothing was sent to JIM.`;
  }
  if (args.enforceState === true && r.direction !== "Export") {
    return `enforceState (drift correction) applies to Export rules only; ${what}. Nothing was sent to JIM.`;
  }
  return undefined;
}

/** The behaviour fields this call sets, as the body of JIM's behaviour preview. */
function behaviourBody(args: BehaviourChange): BehaviourChange {
  const body: BehaviourChange = {};
  for (const f of ["enabled", "projectToMetaverse", "provisionToConnectedSystem", "enforceState"] as const) {
    if (args[f] !== undefined) body[f] = args[f];
  }
  return body;
}

/** Runs JIM's impact preview(s) for the destructive parts of a change and polls them briefly. */
async function runPreviews(
  jim: JimClient,
  r: SyncRuleHeader,
  args: Args,
  behaviour: boolean,
  ctx: ToolContext,
) {
  const starts: PreviewStartResponse[] = [];
  const toggles: Parameters<typeof startDestructiveTogglesPreview>[2] = {};
  if (args.outboundDeprovisionAction) toggles.outboundDeprovisionAction = args.outboundDeprovisionAction;
  if (args.inboundOutOfScopeAction) toggles.inboundOutOfScopeAction = args.inboundOutOfScopeAction;
  if (Object.keys(toggles).length)
    starts.push(await startDestructiveTogglesPreview(jim, r.id, toggles, ctx.signal));
  if (behaviour) starts.push(await startBehaviourPreview(jim, r.id, behaviourBody(args), ctx.signal));
  const blocking = starts.flatMap((s) => s.validationFindings.filter((f) => f.severity === "Blocking"));
  const counts: PreviewImpactCount[] = [];
  let pending = 0;
  for (const s of starts) {
    if (s.isBlocked || s.failed) continue;
    // At the configured interval (2 s by default): JIM asks pollers to wait 2–5 s between looks.
    const p = await pollPreview(jim, s.activityId, {
      polls: 5,
      intervalMs: ctx.config.pollIntervalMs,
      signal: ctx.signal,
    });
    if (p.isComplete) counts.push(...p.impactCounts);
    else pending += 1;
  }
  return { starts, blocking, counts, pending };
}

export const syncRuleUpdate = defineTool({
  name: "sync_rule_update",
  title: "Update a sync rule",
  description: "Changes a sync rule's name or flags; risky changes show JIM's impact preview first.",
  toolset: "sync_rules",
  kind: "write",
  idempotent: true,
  input,
  output: z.object({
    rule: z.object({
      id: z.number(),
      name: z.string(),
      enabled: z.boolean(),
      projectToMetaverse: z.boolean().nullable(),
      provisionToConnectedSystem: z.boolean().nullable(),
      enforceState: z.boolean(),
      outboundDeprovisionAction: z.string(),
    }),
    changes: z.array(z.string()),
    previewActivityId: z.string().nullable(),
  }),
  check(args) {
    if (!CHANGE_FIELDS.some((f) => args[f] !== undefined)) {
      return `Nothing to change: give at least one of ${CHANGE_FIELDS.join(", ")}.`;
    }
    return undefined;
  },
  async destructiveWhen(args, ctx): Promise<ConsentPlan | undefined> {
    const jim = ctx.jim();
    const { id } = await resolveSyncRule(ctx, args.syncRuleId);
    const r = await getSyncRule(jim, id, ctx.signal);
    const wrong = wrongDirection(r, args);
    if (wrong) throw new ToolInputError(wrong);
    const impacts: string[] = [];
    if (args.outboundDeprovisionAction === "Delete" && r.outboundDeprovisionAction !== "Delete") {
      impacts.push(
        `objects it deprovisions will be DELETED from "${r.connectedSystemName}" instead of disconnected`,
      );
    }
    if (args.inboundOutOfScopeAction === "Disconnect") {
      impacts.push("objects that leave its scope will be disconnected from their Metaverse objects");
    }
    const stops = behaviourImpacts(r, args);
    impacts.push(...stops);
    if (impacts.length === 0) return undefined;
    const p = await runPreviews(jim, r, args, stops.length > 0, ctx);
    const first = p.starts.find((s) => !s.isBlocked && !s.failed);
    const findings = p.starts.flatMap((s) => s.validationFindings.map((f) => `${f.severity}: ${f.message}`));
    if (first) previewOfCall.set(ctx.signal, first.activityId);
    const impactText = p.counts.length
      ? ` JIM's preview: ${countsText(p.counts)}.`
      : p.pending
        ? " JIM's impact preview had not finished; the counts are unknown."
        : "";
    return {
      summary: `Change sync rule "${r.name}" (id ${r.id}) on "${r.connectedSystemName}"? ${asSentence(impacts.join("; "))}${impactText}`,
      preview: {
        rule: {
          id: r.id,
          name: r.name,
          direction: r.direction,
          enabled: r.enabled,
          projectToMetaverse: r.projectToMetaverse,
          provisionToConnectedSystem: r.provisionToConnectedSystem,
          enforceState: r.enforceState,
          outboundDeprovisionAction: r.outboundDeprovisionAction,
        },
        impactCounts: p.counts.map((c) => ({ transition: c.transitionType, objects: c.objectCount })),
        previewActivityIds: p.starts.map((s) => s.activityId),
        findings: findings.length ? findings : undefined,
      },
      blockedReason: p.blocking.length ? p.blocking.map((f) => f.message).join(" ") : undefined,
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveSyncRule(ctx, args.syncRuleId);
    const before = await getSyncRule(jim, id, ctx.signal);
    const wrong = wrongDirection(before, args);
    if (wrong) throw new ToolInputError(wrong);
    const previewActivityId = previewOfCall.get(ctx.signal);
    const after = await updateSyncRule(
      jim,
      id,
      {
        name: args.name,
        description: args.description,
        enabled: args.enabled,
        projectToMetaverse: args.projectToMetaverse,
        provisionToConnectedSystem: args.provisionToConnectedSystem,
        enforceState: args.enforceState,
        inboundOutOfScopeAction: args.inboundOutOfScopeAction,
        outboundDeprovisionAction: args.outboundDeprovisionAction,
        changeReason: args.changeReason,
        previewActivityId,
      },
      ctx.signal,
    );
    const changes: string[] = [];
    for (const f of CHANGE_FIELDS) {
      if (args[f] === undefined) continue;
      if (f === "inboundOutOfScopeAction") {
        changes.push(`inboundOutOfScopeAction set to ${args[f]} (JIM does not report it back)`);
        continue;
      }
      const was = before[f] ?? null;
      const now = after[f] ?? null;
      if (was !== now) changes.push(`${f}: ${JSON.stringify(was)} → ${JSON.stringify(now)}`);
    }
    const rule = {
      id: after.id,
      name: after.name,
      enabled: after.enabled,
      projectToMetaverse: after.projectToMetaverse,
      provisionToConnectedSystem: after.provisionToConnectedSystem,
      enforceState: after.enforceState,
      outboundDeprovisionAction: after.outboundDeprovisionAction,
    };
    const text = [
      changes.length
        ? `Updated sync rule "${after.name}" (id ${after.id}):\n${changes.map((c) => `- ${c}`).join("\n")}`
        : `Sync rule "${after.name}" (id ${after.id}) already had these values; nothing changed.`,
      previewActivityId ? `Linked to impact preview ${previewActivityId}.` : "",
      "Changes take effect at the next synchronisation run.",
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { rule, changes, previewActivityId: previewActivityId ?? null }, text };
  },
});
