/**
 * One resolver for every "id or name" parameter: connected systems, run profiles (within a
 * connected system), metaverse object types, sync rules and schedules.
 *
 * - A number (or a GUID, for schedules) is the id: no request. A string of digits is the id too,
 *   once the list shows nothing else is named exactly that.
 * - A name is looked up in every page of the matching list: exact match first, then ignoring case;
 *   a metaverse object type also by its plural name ("Users") when no type is named that.
 * - No match, or several: a ToolInputError naming the parameter and the value, with the closest
 *   names as `name (id N)`. Nothing but the list reads is sent to JIM.
 *
 * Lists are read through `ctx.memo`, so a consent plan and its handler look a name up once.
 */
import { getConnectedSystem, listRunProfiles } from "../jim/connected-systems.js";
import { collectPages, MAX_PAGE_SIZE } from "../jim/paging.js";
import type { RunProfileDto } from "../jim/types.js";
import { type ToolContext, ToolInputError } from "./define.js";
import { GUID, INT_MAX } from "./params.js";

/** What the resolver needs from a tool call (a ToolContext fits). */
export type ResolveContext = Pick<ToolContext, "jim" | "signal" | "memo" | "resolved"> &
  Partial<Pick<ToolContext, "exposes">>;

export type ResolvableKind =
  | "connectedSystem"
  | "runProfile"
  | "metaverseObjectType"
  | "syncRule"
  | "schedule";

export interface NamedItem<I extends number | string = number | string> {
  id: I;
  name: string;
}

export interface Resolved<I extends number | string = number> {
  id: I;
  /** The name, when the value was a name; undefined when an id was given (nothing was read). */
  name: string | undefined;
}

interface KindInfo {
  what: string;
  plural: string;
  lister: string;
  path?: string;
}

const KINDS: Record<ResolvableKind, KindInfo> = {
  connectedSystem: {
    what: "connected system",
    plural: "connected systems",
    lister: "connected_system_list",
    path: "/synchronisation/connected-systems",
  },
  runProfile: { what: "run profile", plural: "run profiles", lister: "run_profile_list" },
  metaverseObjectType: {
    what: "metaverse object type",
    plural: "metaverse object types",
    lister: "metaverse_object_type_list",
    path: "/metaverse/object-types",
  },
  syncRule: {
    what: "sync rule",
    plural: "sync rules",
    lister: "sync_rule_list",
    path: "/synchronisation/sync-rules",
  },
  schedule: { what: "schedule", plural: "schedules", lister: "schedule_list", path: "/schedules" },
};

const DIGITS = /^\d{1,10}$/;
/** Lists longer than this many pages of 100 are not searched further (the error says so). */
const MAX_PAGES = 200;

/** The integer id a value stands for, or undefined when it is a name. */
export function asIntegerId(value: number | string): number | undefined {
  if (typeof value === "number") return value;
  const t = value.trim();
  if (!DIGITS.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= INT_MAX ? n : undefined;
}

/** The GUID a value stands for, or undefined when it is a name. */
export function asGuid(value: string): string | undefined {
  const t = value.trim();
  return GUID.test(t) ? t : undefined;
}

interface Listing {
  items: NamedItem[];
  /** True when the list had more pages than were read. */
  partial: boolean;
  /** Other names the items go by (object types: their plural name), tried when no name matches. */
  aliases?: NamedItem[];
}

/** A connected system's run profiles (one unpaged list), read once per call. */
export function runProfilesOf(ctx: ResolveContext, connectedSystemId: number): Promise<RunProfileDto[]> {
  return ctx.memo(`resolve:runProfile:${connectedSystemId}`, () =>
    listRunProfiles(ctx.jim(), connectedSystemId, ctx.signal),
  );
}

async function readList(
  ctx: ResolveContext,
  kind: ResolvableKind,
  connectedSystemId?: number,
): Promise<Listing> {
  if (kind === "runProfile") {
    const profiles = await runProfilesOf(ctx, connectedSystemId as number);
    return { items: profiles.map((p) => ({ id: p.id, name: p.name })), partial: false };
  }
  const info = KINDS[kind];
  return ctx.memo(`resolve:${kind}`, async () => {
    const all = await collectPages<NamedItem>(ctx.jim(), info.path as string, {
      pageSize: MAX_PAGE_SIZE,
      maxPages: MAX_PAGES,
      signal: ctx.signal,
    });
    const items = all.items.map((i) => ({ id: i.id, name: i.name }));
    if (kind !== "metaverseObjectType") return { items, partial: all.stoppedEarly };
    const aliases = (all.items as Array<NamedItem & { pluralName?: string | null }>)
      .filter((i) => i.pluralName)
      .map((i) => ({ id: i.id, name: i.pluralName as string }));
    return { items, partial: all.stoppedEarly, aliases };
  });
}

/**
 * Every item of a kind as `{ id, name }`, all pages, read once per call (for completions and
 * lookups elsewhere). Run profiles need their connected system's id.
 */
export async function knownItems(
  ctx: ResolveContext,
  kind: ResolvableKind,
  connectedSystemId?: number,
): Promise<NamedItem[]> {
  return (await readList(ctx, kind, connectedSystemId)).items;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * The items whose names come closest to `value`, best first: names starting with it (ignoring
 * case), then names containing it, then the rest; ties by edit distance, then by name.
 */
export function closestNames<T extends { name: string }>(items: readonly T[], value: string, limit = 5): T[] {
  const v = value.trim().toLocaleLowerCase();
  const ranked = items.map((item) => {
    const n = item.name.toLocaleLowerCase();
    const tier = n.startsWith(v) ? 0 : n.includes(v) || (n.length > 0 && v.includes(n)) ? 1 : 2;
    // Distances over the first 64 characters: enough to rank, and bounded however long the input.
    return { item, tier, distance: levenshtein(v.slice(0, 64), n.slice(0, 64)) };
  });
  ranked.sort((a, b) => a.tier - b.tier || a.distance - b.distance || a.item.name.localeCompare(b.item.name));
  return ranked.slice(0, Math.max(0, limit)).map((r) => r.item);
}

const label = (i: NamedItem) => `${i.name} (id ${i.id})`;

/** A digit string that is both an id and another object's exact name is refused, naming both. */
export function refuseDigitNameClash(
  items: readonly NamedItem<number>[],
  value: string,
  id: number,
  field: string,
): void {
  const others = items.filter((i) => i.name === value.trim() && i.id !== id);
  if (others.length === 0) return;
  throw new ToolInputError(
    `${field}: "${value}" could be the id ${id} or the name of ${others.map(label).join(", ")}. Pass the number ${id} (not a string) for the id, or the other's id. Nothing was changed.`,
  );
}

/** The items named `value`: those with exactly that name, else those equal ignoring case and outer spaces. */
export function sameNamed<T extends { name: string }>(items: readonly T[], value: string): T[] {
  const exact = items.filter((i) => i.name === value);
  if (exact.length) return exact;
  const lower = value.trim().toLocaleLowerCase();
  return items.filter((i) => i.name.toLocaleLowerCase() === lower);
}

/** Exact name first, then ignoring case; exactly one match or a ToolInputError. */
export function pickByName<I extends number | string>(
  items: readonly NamedItem<I>[],
  value: string,
  field: string,
  kind: ResolvableKind,
  opts: { scope?: string; partial?: boolean; exposes?: ((tool: string) => boolean) | undefined } = {},
): NamedItem<I> {
  const info = KINDS[kind];
  const matches = sameNamed(items, value);
  if (matches.length === 1) return matches[0] as NamedItem<I>;
  const where = opts.scope ? ` on ${opts.scope}` : "";
  if (matches.length > 1) {
    throw new ToolInputError(
      `${field}: ${matches.length} ${info.plural}${where} are named "${value}": ${matches
        .slice(0, 10)
        .map(label)
        .join(", ")}. Pass the id instead. Nothing was changed.`,
    );
  }
  const close = closestNames(items, value);
  const hint = close.length
    ? `Closest: ${close.map(label).join(", ")}.`
    : `There are no ${info.plural}${where}.`;
  const partial = opts.partial ? ` Only the first ${items.length} ${info.plural} were searched.` : "";
  throw new ToolInputError(
    `${field}: no ${info.what}${where} is named "${value}". ${hint}${partial} Pass an id or an exact name${!opts.exposes || opts.exposes(info.lister) ? ` (${info.lister})` : ""}. Nothing was changed.`,
  );
}

async function resolveInt(
  ctx: ResolveContext,
  kind: ResolvableKind,
  value: number | string,
  field: string,
  connectedSystemId?: number,
  scope?: string,
): Promise<Resolved<number>> {
  if (typeof value === "number") return { id: value, name: undefined };
  const id = asIntegerId(value);
  const list = await readList(ctx, kind, connectedSystemId);
  if (id !== undefined) {
    // A string of digits is an id, unless something else is named exactly that.
    refuseDigitNameClash(list.items as NamedItem<number>[], value, id, field);
    // Sealed as the number: "8", 8 and the name of object 8 are the same confirmation.
    ctx.resolved?.set(field, id);
    return { id, name: undefined };
  }
  // An object type also goes by its plural name ("Users"), when nothing has that as its name.
  const alias =
    list.aliases && sameNamed(list.items, String(value)).length === 0
      ? sameNamed(list.aliases, String(value))
      : [];
  const hit =
    alias.length === 1
      ? (list.items.find((i) => i.id === alias[0]?.id) as NamedItem<number>)
      : pickByName(list.items as NamedItem<number>[], String(value), field, kind, {
          scope,
          partial: list.partial,
          exposes: ctx.exposes,
        });
  ctx.resolved?.set(field, hit.id);
  return { id: hit.id, name: hit.name };
}

/** A connected system id, or its name looked up in every page of connected systems. */
export function resolveConnectedSystem(
  ctx: ResolveContext,
  value: number | string,
  field = "connectedSystemId",
): Promise<Resolved<number>> {
  return resolveInt(ctx, "connectedSystem", value, field);
}

/** A connected system by id or name, with its name (an id costs one read of the system). */
export async function connectedSystemNamed(
  ctx: ResolveContext,
  value: number | string,
  field = "connectedSystemId",
): Promise<{ id: number; name: string }> {
  const hit = await resolveConnectedSystem(ctx, value, field);
  if (hit.name !== undefined) return { id: hit.id, name: hit.name };
  const cs = await ctx.memo(`system:${hit.id}`, () => getConnectedSystem(ctx.jim(), hit.id, ctx.signal));
  return { id: cs.id, name: cs.name };
}

/**
 * A run profile id, or its name among the run profiles of one connected system (names repeat
 * across systems). Pass the resolved system to name it in errors.
 */
export function resolveRunProfile(
  ctx: ResolveContext,
  connectedSystem: number | Resolved<number>,
  value: number | string,
  field = "runProfileId",
): Promise<Resolved<number>> {
  const cs = typeof connectedSystem === "number" ? { id: connectedSystem, name: undefined } : connectedSystem;
  const scope = cs.name === undefined ? `connected system ${cs.id}` : `${cs.name} (id ${cs.id})`;
  return resolveInt(ctx, "runProfile", value, field, cs.id, scope);
}

/** A metaverse object type id, or its name looked up in every page of object types. */
export function resolveMetaverseObjectType(
  ctx: ResolveContext,
  value: number | string,
  field = "objectTypeId",
): Promise<Resolved<number>> {
  return resolveInt(ctx, "metaverseObjectType", value, field);
}

/** A sync rule id, or its name looked up in every page of sync rules. */
export function resolveSyncRule(
  ctx: ResolveContext,
  value: number | string,
  field = "syncRuleId",
): Promise<Resolved<number>> {
  return resolveInt(ctx, "syncRule", value, field);
}

/** A schedule GUID, or its name looked up in every page of schedules. */
export async function resolveSchedule(
  ctx: ResolveContext,
  value: string,
  field = "scheduleId",
): Promise<Resolved<string>> {
  const id = asGuid(value);
  if (id !== undefined) {
    // Sealed in one spelling, whatever case the GUID came in.
    ctx.resolved?.set(field, id.toLowerCase());
    return { id, name: undefined };
  }
  const list = await readList(ctx, "schedule");
  const hit = pickByName(list.items as NamedItem<string>[], value, field, "schedule", {
    partial: list.partial,
    exposes: ctx.exposes,
  });
  ctx.resolved?.set(field, hit.id);
  return { id: hit.id, name: hit.name };
}

/** Resolves an optional value: undefined stays undefined. */
export async function optional<V, R>(
  value: V | undefined,
  resolve: (v: V) => Promise<R>,
): Promise<R | undefined> {
  return value === undefined ? undefined : resolve(value);
}
