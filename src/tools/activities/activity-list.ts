import * as z from "zod";
import { ACTIVITY_STATUSES, listActivities } from "../../jim/activities.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf } from "../format/text.js";
import { idOrName, page, pageSize, pagingOutput } from "../params.js";
import { connectedSystemNamed } from "../resolve.js";
import { activityRow, activityTable, toActivityRow } from "./activity-rows.js";

const name = (what: string) => z.string().optional().describe(what);
const when = (what: string) => z.string().optional().describe(`${what} (ISO, UTC).`);

/** Reads an ISO date/date-time and returns it as ISO UTC, or undefined when it does not parse. */
function toIsoUtc(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}T[^Z+-]*$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export const activityList = defineTool({
  name: "activity_list",
  title: "List activities",
  description: "Searches the activity log (runs, changes), newest first.",
  toolset: "activities",
  kind: "read",
  input: z.object({
    status: z.array(z.enum(ACTIVITY_STATUSES)).optional().describe("Any of these."),
    connectedSystem: idOrName("System id or name.").optional(),
    runProfile: name("Run profile name, exact."),
    search: name("Text in target, system or initiator."),
    createdFrom: when("From"),
    createdTo: when("To"),
    scheduledOnly: z.boolean().optional().describe("Started by schedules."),
    page,
    pageSize: pageSize(25),
  }),
  output: pagingOutput.extend({ items: z.array(activityRow) }),
  check(args) {
    for (const k of ["createdFrom", "createdTo"] as const) {
      if (args[k] !== undefined && toIsoUtc(args[k]) === undefined) {
        return `${k} "${args[k]}" is not a date; use ISO form such as 2026-05-01 or 2026-05-01T08:00:00Z.`;
      }
    }
    const from = toIsoUtc(args.createdFrom);
    const to = toIsoUtc(args.createdTo);
    if (from && to && from > to) return "createdFrom is later than createdTo.";
    return undefined;
  },
  async handler(args, ctx) {
    // JIM filters by the system's exact name: an id or a loosely typed name is looked up first.
    const system =
      args.connectedSystem === undefined
        ? undefined
        : await connectedSystemNamed(ctx, args.connectedSystem, "connectedSystem");
    const env = await listActivities(
      ctx.jim(),
      {
        status: args.status,
        connectedSystem: system ? [system.name] : undefined,
        runProfile: args.runProfile ? [args.runProfile] : undefined,
        search: args.search,
        createdFrom: toIsoUtc(args.createdFrom),
        createdTo: toIsoUtc(args.createdTo),
        scheduledOnly: args.scheduledOnly,
      },
      args.page,
      args.pageSize,
      ctx.signal,
    );
    const items = env.items.map(toActivityRow);
    const paging = pagingOf(env);
    const text = [
      activityTable(items),
      pageFooter({ ...paging, shown: items.length }),
      items.length ? "Details: activity_get; per-object errors of a run: activity_item_list." : "",
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { ...paging, items }, text };
  },
});
