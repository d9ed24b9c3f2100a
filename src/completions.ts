/**
 * Completion for resource-template variables and prompt arguments: connected systems (by id or
 * name), run profiles (of the chosen system, else of the first systems), and recent activities.
 * Each completion request reads JIM once or a bounded few times; the SDK sends at most 100
 * values with `total` and `hasMore`.
 */

import { listActivities, PROBLEM_STATUSES } from "./jim/activities.js";
import { listRunProfiles } from "./jim/connected-systems.js";
import type { ActivityHeader, ConnectedSystemHeader } from "./jim/types.js";
import { findSystem, guarded, readSystems, resolveContextFor, variable } from "./resources/shared.js";
import { fmtWhen, toActivityRow } from "./tools/activities/activity-rows.js";
import type { Runtime } from "./tools/wrap.js";

type Context = { arguments?: Record<string, string> } | undefined;
type Completer = (value: string, context?: Context) => Promise<string[]>;

/** Pages of 100 connected systems a completion reads, so a long list still completes. */
const COMPLETION_PAGES = 5;
/** How many systems a run-profile completion without a chosen system looks into. */
const PROFILE_SCAN_SYSTEMS = 25;
/** How many recent activities a completion offers from. */
const RECENT_ACTIVITIES = 100;

/** Items whose key starts with the typed text first, then those containing it; case-insensitive. */
export function rank<T>(items: readonly T[], typed: string, keys: (item: T) => string[]): T[] {
  const q = typed.trim().toLocaleLowerCase();
  if (!q) return [...items];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const ks = keys(item).map((k) => k.toLocaleLowerCase());
    if (ks.some((k) => k.startsWith(q))) starts.push(item);
    else if (ks.some((k) => k.includes(q))) contains.push(item);
  }
  return [...starts, ...contains];
}

/** `{id}` of a connected-system template: matching ids, by id or by name. */
export function completeSystemId(rt: Runtime): Completer {
  return (value) =>
    guarded("completing a connected system", async () => {
      const systems = await readSystems(rt.connection.jim(), COMPLETION_PAGES);
      return rank(systems, value, (c) => [String(c.id), c.name]).map((c) => String(c.id));
    });
}

/** A prompt argument naming a connected system: matching names. */
export function completeSystemName(rt: Runtime): Completer {
  return (value) =>
    guarded("completing a connected system", async () => {
      const systems = await readSystems(rt.connection.jim(), COMPLETION_PAGES);
      return unique(rank(systems, value, (c) => [c.name]).map((c) => c.name));
    });
}

/** Run-profile names of the system in `connectedSystem`, else of the first systems JIM lists. */
export function completeRunProfileName(rt: Runtime): Completer {
  return (value, context) =>
    guarded("completing a run profile", async () => {
      const jim = rt.connection.jim();
      const chosen = variable(context?.arguments?.connectedSystem);
      let systems: Array<Pick<ConnectedSystemHeader, "id" | "name">>;
      if (chosen) {
        try {
          systems = [await findSystem(resolveContextFor(rt), chosen, "connectedSystem")];
        } catch {
          return []; // the system argument is still being typed or is wrong: nothing to offer yet
        }
      } else {
        systems = (await readSystems(jim)).slice(0, PROFILE_SCAN_SYSTEMS);
      }
      const lists = await Promise.all(systems.map((s) => listRunProfiles(jim, s.id)));
      const names = unique(lists.flat().map((p) => p.name));
      return rank(names, value, (n) => [n]);
    });
}

function activityLabel(a: ActivityHeader): string {
  const row = toActivityRow(a);
  return `${fmtWhen(row.created)} ${row.target} · ${row.operation} · ${row.status}`;
}

async function recent(rt: Runtime, context: Context, problemsOnly: boolean): Promise<ActivityHeader[]> {
  const chosen = variable(context?.arguments?.connectedSystem);
  // JIM filters activities by the system's exact name: an id or a loosely typed name is looked up first.
  let system: string | undefined;
  if (chosen) {
    try {
      system = (await findSystem(resolveContextFor(rt), chosen, "connectedSystem")).name;
    } catch {
      return []; // the system argument is still being typed or is wrong: nothing to offer yet
    }
  }
  const page = await listActivities(
    rt.connection.jim(),
    {
      ...(problemsOnly ? { status: PROBLEM_STATUSES } : {}),
      ...(system ? { connectedSystem: [system] } : {}),
    },
    1,
    RECENT_ACTIVITIES,
  );
  return page.items;
}

/** `{id}` of the activity template: ids of recent activities matching by id or label. */
export function completeActivityId(rt: Runtime): Completer {
  return (value) =>
    guarded("completing an activity", async () => {
      const items = await recent(rt, undefined, false);
      return rank(items, value, (a) => [a.id, activityLabel(a)]).map((a) => a.id);
    });
}

/** The longest value the investigate-failed-run prompt's activity argument takes. */
export const PROBLEM_VALUE_MAX = 300;

/**
 * A prompt argument naming a recent run with problems: "<id> · <when> <target> · <run type> · <status>".
 * The prompt reads the id back from the start of the value.
 */
export function completeProblemActivity(rt: Runtime): Completer {
  return (value, context) =>
    guarded("completing an activity", async () => {
      const items = await recent(rt, context, true);
      return rank(items, value, (a) => [a.id, activityLabel(a)]).map((a) => {
        // The prompt takes at most 300 characters; the id leads, so a shortened label still works.
        const full = `${a.id} · ${activityLabel(a)}`;
        return full.length <= PROBLEM_VALUE_MAX ? full : `${full.slice(0, PROBLEM_VALUE_MAX - 1)}…`;
      });
    });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
