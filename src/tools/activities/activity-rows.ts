/** The compact activity row shared by activity_list and activity_child_list. */
import * as z from "zod";
import type { ActivityHeader } from "../../jim/types.js";
import { table } from "../format/text.js";

export const activityRow = z.object({
  id: z.string(),
  created: z.string(),
  target: z.string(),
  operation: z.string(),
  status: z.string(),
  errors: z.number(),
});
export type ActivityRow = z.infer<typeof activityRow>;

/** What an activity acted on, by name: "Full Import on HR System" ("" when JIM names nothing). */
export function targetNamed(a: { targetName?: string | null; targetContext?: string | null }): string {
  return [a.targetName, a.targetContext].filter(Boolean).join(" on ");
}

/** Runs read "Full Import on HR System · FullImport"; other activities "ConnectedSystem: HR System · Update". */
export function toActivityRow(a: ActivityHeader): ActivityRow {
  const isRun = a.targetType === "ConnectedSystemRunProfile";
  const named = targetNamed(a);
  return {
    id: a.id,
    created: a.created,
    target: isRun ? named || a.targetType : named ? `${a.targetType}: ${named}` : a.targetType,
    operation: isRun && a.connectedSystemRunType ? a.connectedSystemRunType : a.targetOperationType,
    status: a.status,
    errors: a.totalErrors ?? 0,
  };
}

/** "2026-11-20T05:29:31.123Z" → "2026-11-20 05:29Z". */
export function fmtWhen(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")}Z`;
}

export function activityTable(rows: readonly ActivityRow[]): string {
  return table(rows, [
    ["when (UTC)", (r) => fmtWhen(r.created)],
    ["target", (r) => r.target],
    ["operation", (r) => r.operation],
    ["status", (r) => r.status],
    ["errors", (r) => r.errors],
    ["activity id", (r) => r.id],
  ]);
}
