import * as z from "zod";
import { ACTIVITY_STATUSES, listActivities, listActivitiesOrdered } from "../../jim/activities.js";
import { MAX_PAGE_SIZE } from "../../jim/paging.js";
import { defineTool, type ToolContext, ToolInputError } from "../define.js";
import { pageFooter, pagingOf } from "../format/text.js";
import { idOrName, page, pageSize, pagingOutput } from "../params.js";
import { closestNames, connectedSystemNamed, runProfilesOf, sameNamed } from "../resolve.js";
import { activityRow, activityTable, toActivityRow } from "./activity-rows.js";

const name = (what: string) => z.string().optional().describe(what);
const when = (what: string) => z.string().optional().describe(`${what} (ISO, UTC).`);

/** Reads an ISO date/date-time and returns it as ISO UTC, or undefined when it does not parse. */
function toIsoUtc(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}T[^Z+-]*$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const RUN = "ConnectedSystemRunProfile";

/** The names equal to `value`: the exact one when present, else every one equal ignoring case. */
function sameName(names: readonly string[], value: string): string[] {
  return [
    ...new Set(
      sameNamed(
        names.map((name) => ({ name })),
        value,
      ).map((n) => n.name),
    ),
  ];
}

const quoteNames = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** Distinct run-profile names among the newest 100 runs (whose name, system or initiator contains `search`). */
async function recentRunNames(ctx: ToolContext, search: string | undefined): Promise<string[]> {
  const pg = await listActivitiesOrdered(
    ctx.jim(),
    { targetType: [RUN], search },
    { page: 1, pageSize: MAX_PAGE_SIZE, direction: "desc" },
    ctx.signal,
  );
  return [...new Set(pg.items.map((a) => a.targetName ?? "").filter(Boolean))];
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
    runProfile: name("Run profile name (ignoring case)."),
    search: name("Text in target, system or initiator."),
    createdFrom: when("From"),
    createdTo: when("To"),
    scheduledOnly: z.boolean().optional().describe("Started by schedules."),
    page,
    pageSize: pageSize(25),
  }),
  output: pagingOutput.extend({
    runProfiles: z
      .array(z.string())
      .optional()
      .describe("The run profile names sent to JIM, as JIM spells them."),
    items: z.array(activityRow),
  }),
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
    const query = (runProfile: readonly string[] | undefined) =>
      listActivities(
        ctx.jim(),
        {
          status: args.status,
          connectedSystem: system ? [system.name] : undefined,
          runProfile,
          search: args.search,
          createdFrom: toIsoUtc(args.createdFrom),
          createdTo: toIsoUtc(args.createdTo),
          scheduledOnly: args.scheduledOnly,
        },
        args.page,
        args.pageSize,
        ctx.signal,
      );
    const given = args.runProfile;
    let env: Awaited<ReturnType<typeof query>>;
    let runProfiles: string[] | undefined;
    let note = "";
    if (given === undefined) env = await query(undefined);
    else if (system) {
      // JIM filters by the exact name: the system's run profiles say how it is spelt.
      const profiles = await runProfilesOf(ctx, system.id);
      const names = sameName(
        profiles.map((p) => p.name),
        given,
      );
      runProfiles = names.length ? names : [given];
      env = await query(runProfiles);
      if (names.length === 0) {
        const closest = quoteNames(closestNames(profiles, given, 5).map((p) => p.name));
        if (env.totalCount === 0) {
          throw new ToolInputError(
            `runProfile: ${system.name} (id ${system.id}) has no run profile named "${given}" (names match ignoring case). ${closest ? `Closest: ${closest}.` : "It has no run profiles."}`,
          );
        }
        note = `${system.name} has no run profile named "${given}" now; these runs are from before it was renamed or deleted.`;
      }
    } else {
      // No system: ask with the name as given; if nothing has that exact name, look for how runs spell it.
      runProfiles = [given];
      env = await query(runProfiles);
      if (env.totalCount === 0) {
        const found = await recentRunNames(ctx, given.trim());
        const names = sameName(found, given);
        if (names.length > 0 && !names.includes(given)) {
          runProfiles = names;
          env = await query(runProfiles);
        } else if (names.length === 0) {
          const recent = await recentRunNames(ctx, undefined);
          const closest = quoteNames(
            closestNames(
              recent.map((name) => ({ name })),
              given,
              5,
            ).map((x) => x.name),
          );
          note = `No run of a profile named "${given}" was found (names match ignoring case).${closest ? ` Closest names among recent runs: ${closest}.` : ""} A profile that never ran has no activities; with connectedSystem the name is checked against that system's run profiles.`;
        }
      }
    }
    if (given !== undefined && runProfiles && !runProfiles.includes(given)) {
      note = `runProfile "${given}" matched ${quoteNames(runProfiles)} (names match ignoring case).`;
    }
    const items = env.items.map(toActivityRow);
    const paging = pagingOf(env);
    const more = [
      ctx.exposes("activity_get") && "details: activity_get",
      ctx.exposes("activity_explain") && "why a run failed: activity_explain",
      ctx.exposes("activity_item_list") && "per-object errors of a run: activity_item_list",
    ].filter(Boolean);
    const text = [
      note,
      activityTable(items),
      pageFooter({ ...paging, shown: items.length }),
      items.length && more.length ? `Next: ${more.join("; ")}.` : "",
    ]
      .filter(Boolean)
      .join("\n");
    return {
      structured: { ...paging, ...(runProfiles ? { runProfiles } : {}), items },
      text,
    };
  },
});
