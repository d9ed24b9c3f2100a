/**
 * Effective sync scope of a partition's container tree, worked out from the flags JIM stores.
 *
 * JIM keeps three flags per container: `selected`, `excluded` and `scope` (Subtree or OneLevel).
 * What is actually read on import follows from the tree, not from one container's flags:
 * - a selected container with Subtree scope brings in its own objects and everything below it;
 * - a selected container with OneLevel scope brings in only the objects directly inside it;
 * - an excluded container keeps itself and everything below it out, whatever is selected above
 *   or below it (JIM discards such entries on import);
 * - nothing in a partition that is not selected is read at all.
 * A container can therefore be in scope without being selected (a parent's subtree covers it).
 */
import type { ContainerDto } from "../../jim/types.js";

export interface ContainerScope {
  /** Whether the objects directly in this container are read on import. */
  inScope: boolean;
  /** The container whose selection brings this one in: itself when selected, a parent otherwise. */
  via: { id: number; name: string } | null;
  /** Why it is out of scope, in a few words ("excluded", "inside excluded Disabled Users"…). */
  reason: string | null;
}

interface Walk {
  subtree?: ContainerDto | undefined;
  excluded?: ContainerDto | undefined;
  oneLevel?: ContainerDto | undefined;
}

/**
 * The effective scope of every container of one partition, by container id. With
 * `partitionSelected` false nothing is in scope; the reasons say so.
 */
export function scopeOf(
  containers: readonly ContainerDto[],
  partitionSelected: boolean,
): Map<number, ContainerScope> {
  const out = new Map<number, ContainerScope>();
  const visit = (list: readonly ContainerDto[], w: Walk) => {
    for (const c of list) {
      let s: ContainerScope;
      if (c.excluded) s = { inScope: false, via: null, reason: "excluded" };
      else if (w.excluded) s = { inScope: false, via: null, reason: `inside excluded ${w.excluded.name}` };
      else if (c.selected) s = { inScope: true, via: { id: c.id, name: c.name }, reason: null };
      else if (w.subtree)
        s = { inScope: true, via: { id: w.subtree.id, name: w.subtree.name }, reason: null };
      else if (w.oneLevel)
        s = { inScope: false, via: null, reason: `${w.oneLevel.name} is selected one level only` };
      else s = { inScope: false, via: null, reason: "not selected" };
      if (s.inScope && !partitionSelected)
        s = { inScope: false, via: s.via, reason: "partition not selected" };
      out.set(c.id, s);
      const active = c.selected && !c.excluded;
      visit(c.childContainers ?? [], {
        excluded: c.excluded ? c : w.excluded,
        subtree: active && c.scope !== "OneLevel" ? c : w.subtree,
        oneLevel: active && c.scope === "OneLevel" ? c : undefined,
      });
    }
  };
  visit(containers, {});
  return out;
}

/** Objects directly in a container: JIM's count, else its subtree count less its children's. */
export function ownObjects(c: ContainerDto): number | null {
  if (c.objectCount !== null && c.objectCount !== undefined) return c.objectCount;
  if (c.subtreeObjectCount === null || c.subtreeObjectCount === undefined) return null;
  let rest = c.subtreeObjectCount;
  for (const child of c.childContainers ?? []) {
    if (child.subtreeObjectCount === null || child.subtreeObjectCount === undefined) return null;
    rest -= child.subtreeObjectCount;
  }
  return Math.max(0, rest);
}

/** The objects directly in each of these containers, added up; null when one count is unknown. */
function ownObjectsOf(list: readonly ContainerDto[]): number | null {
  return list.reduce<number | null>((n, c) => {
    const own = ownObjects(c);
    return n === null || own === null ? null : n + own;
  }, 0);
}

/** Every container of a tree, depth first. */
export function allContainers(containers: readonly ContainerDto[]): ContainerDto[] {
  const out: ContainerDto[] = [];
  const visit = (list: readonly ContainerDto[]) => {
    for (const c of list) {
      out.push(c);
      visit(c.childContainers ?? []);
    }
  };
  visit(containers);
  return out;
}

/** Objects in scope in these containers and below them; null when a count needed is unknown. */
export function objectsInScope(
  containers: readonly ContainerDto[],
  scopes: Map<number, ContainerScope>,
): number | null {
  return ownObjectsOf(allContainers(containers).filter((x) => scopes.get(x.id)?.inScope));
}

/** A deep copy of the tree with one container's flags changed. */
export function withChange(
  containers: readonly ContainerDto[],
  id: number,
  change: {
    selected?: boolean | undefined;
    excluded?: boolean | undefined;
    scope?: ContainerDto["scope"] | undefined;
  },
): ContainerDto[] {
  return containers.map((c) => ({
    ...c,
    ...(c.id === id
      ? {
          selected: change.selected ?? c.selected,
          excluded: change.excluded ?? c.excluded ?? false,
          scope: change.scope ?? c.scope,
        }
      : {}),
    childContainers: withChange(c.childContainers ?? [], id, change),
  }));
}

export interface ScopeChange {
  /** Containers whose own objects leave or enter scope, depth first. */
  leaving: ContainerDto[];
  entering: ContainerDto[];
  /** Their objects; null when a count is unknown. */
  objectsLeaving: number | null;
  objectsEntering: number | null;
  after: Map<number, ContainerScope>;
}

/**
 * What a change to one container's flags does to effective scope. Worked out as if the partition
 * were selected: a change in a deselected partition takes effect once it is selected.
 */
export function scopeChange(
  containers: readonly ContainerDto[],
  id: number,
  change: Parameters<typeof withChange>[2],
): ScopeChange {
  const before = scopeOf(containers, true);
  const changed = withChange(containers, id, change);
  const after = scopeOf(changed, true);
  const all = allContainers(containers);
  const leaving = all.filter((c) => before.get(c.id)?.inScope && !after.get(c.id)?.inScope);
  const entering = all.filter((c) => !before.get(c.id)?.inScope && after.get(c.id)?.inScope);
  return {
    leaving,
    entering,
    objectsLeaving: ownObjectsOf(leaving),
    objectsEntering: ownObjectsOf(entering),
    after,
  };
}

/** "Sales, EMEA" or "Sales and 4 more" */
export function containerNames(list: ContainerDto[], max = 3): string {
  const names = list.slice(0, max).map((c) => c.name);
  return list.length > max ? `${names.join(", ")} and ${list.length - max} more` : names.join(", ");
}
