import * as z from "zod";
import { cleanupHistory } from "../../jim/history.js";
import { listServiceSettings } from "../../jim/settings.js";
import { defineTool } from "../define.js";
import { fmtNumber, parseTimeSpan } from "../format/text.js";
import { fmtDate } from "../security/when.js";

/** "30 days" from "30.00:00:00". */
function days(ts: string | null): string {
  const s = parseTimeSpan(ts);
  return s === null ? (ts ?? "?") : `${fmtNumber(Math.round((s / 86_400) * 10) / 10)} days`;
}

export const historyCleanup = defineTool({
  name: "history_cleanup",
  title: "Run history retention cleanup",
  description:
    "Runs one batch of retention cleanup now: deletes change records and activities older than the History.* settings.",
  toolset: "history",
  kind: "destructive",
  input: z.object({}),
  output: z.object({
    deleted: z.object({
      csoChanges: z.number(),
      mvoChanges: z.number(),
      activities: z.number(),
      configurationChanges: z.number(),
    }),
    cutoffDate: z.string(),
    batchSize: z.number(),
    moreLeft: z.boolean(),
  }),
  async consent(_args, ctx) {
    const settings = (await listServiceSettings(ctx.jim(), ctx.signal)).filter((s) =>
      s.key.toLowerCase().startsWith("history."),
    );
    const get = (suffix: string) => settings.find((s) => s.key.toLowerCase() === `history.${suffix}`);
    const retention = get("retentionperiod");
    const config = get("configurationchangeretentionperiod");
    const batch = get("cleanupbatchsize");
    return {
      summary: `Run history cleanup now? JIM permanently deletes connector-space and Metaverse change records and activities older than ${days(retention?.effectiveValue ?? null)}${config ? ` (configuration changes older than ${days(config.effectiveValue)})` : ""}, up to ${batch?.effectiveValue ?? "the batch size"} of each kind. This cannot be undone.`,
      preview: Object.fromEntries(settings.map((s) => [s.key, s.effectiveValue])),
    };
  },
  async handler(_args, ctx) {
    const r = await cleanupHistory(ctx.jim(), ctx.signal);
    const deleted = {
      csoChanges: r.csoChangesDeleted,
      mvoChanges: r.mvoChangesDeleted,
      activities: r.activitiesDeleted,
      configurationChanges: r.configurationChangeActivitiesDeleted,
    };
    const moreLeft = Object.values(deleted).some((n) => n >= r.batchSize && r.batchSize > 0);
    const text = [
      `Deleted ${fmtNumber(deleted.csoChanges)} connector-space change record(s), ${fmtNumber(deleted.mvoChanges)} Metaverse change record(s), ${fmtNumber(deleted.activities)} activit(ies) and ${fmtNumber(deleted.configurationChanges)} configuration-change record(s).`,
      `Cutoff ${fmtDate(r.cutoffDate)} (retention ${r.retentionPeriodDays} days; configuration changes ${r.configurationChangeRetentionPeriodDays} days); batch size ${fmtNumber(r.batchSize)}.`,
      r.oldestRecordDeleted
        ? `Deleted records dated ${fmtDate(r.oldestRecordDeleted)} to ${fmtDate(r.newestRecordDeleted)}.`
        : "",
      moreLeft
        ? "Some kinds filled the whole batch, so more may be waiting: call history_cleanup again."
        : "Nothing more was due.",
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { deleted, cutoffDate: r.cutoffDate, batchSize: r.batchSize, moreLeft }, text };
  },
});
