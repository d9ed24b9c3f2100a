import * as z from "zod";
import { getConnectedSystem, listPartitions } from "../../jim/connected-systems.js";
import type { ContainerDto, PartitionDto } from "../../jim/types.js";
import { defineTool } from "../define.js";
import { fmtNumber } from "../format/text.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";
import { allContainers, type ContainerScope, objectsInScope, scopeOf } from "./scope.js";

export interface FlatContainer {
  id: number;
  name: string;
  externalId: string;
  parentId: number | null;
  depth: number;
  selected: boolean;
  excluded: boolean;
  hidden: boolean;
  scope: string;
  objectCount: number | null;
  subtreeObjectCount: number | null;
}

/** Depth-first, in JIM's order: a tree as a flat list with parent ids and depth. */
export function flattenContainers(
  containers: ContainerDto[],
  parentId: number | null = null,
  depth = 0,
): FlatContainer[] {
  const out: FlatContainer[] = [];
  for (const c of containers) {
    out.push({
      id: c.id,
      name: c.name,
      externalId: c.externalId,
      parentId,
      depth,
      selected: c.selected,
      excluded: c.excluded ?? false,
      hidden: c.hidden,
      scope: c.scope ?? "Subtree",
      objectCount: c.objectCount ?? null,
      subtreeObjectCount: c.subtreeObjectCount ?? null,
    });
    out.push(...flattenContainers(c.childContainers ?? [], c.id, depth + 1));
  }
  return out;
}

function mark(c: { selected: boolean; excluded?: boolean }, inherited = false): string {
  if (c.excluded) return "[-]";
  if (c.selected) return "[x]";
  return inherited ? "[~]" : "[ ]";
}

/** Effective scope, per container, for every partition. */
function scopesOf(partitions: PartitionDto[]): Map<number, ContainerScope> {
  const all = new Map<number, ContainerScope>();
  for (const p of partitions) for (const [id, s] of scopeOf(p.containers ?? [], p.selected)) all.set(id, s);
  return all;
}

export function renderTree(systemName: string, systemId: number, partitions: PartitionDto[]): string {
  const selected = partitions.filter((p) => p.selected).length;
  const scopes = scopesOf(partitions);
  const total = objectsInScope(
    partitions.flatMap((p) => p.containers ?? []),
    scopes,
  );
  const lines = [
    `Partitions of "${systemName}" (id ${systemId}): ${partitions.length} (${selected} selected)${
      partitions.length && total !== null ? `; about ${fmtNumber(total)} objects in sync scope` : ""
    }`,
  ];
  if (partitions.length === 0)
    lines.push("(none — this connector has no partitions; everything it reads is in scope)");
  for (const p of partitions) {
    lines.push(`${mark(p)} ${p.name} (partition ${p.id})`);
    const byId = new Map(allContainers(p.containers ?? []).map((c) => [c.id, c]));
    for (const c of flattenContainers(p.containers)) {
      const s = scopes.get(c.id);
      const inherited = Boolean(s?.via && s.via.id !== c.id);
      const notes = [`container ${c.id}`];
      if (c.selected && !c.excluded) notes.push(c.scope === "OneLevel" ? "one level" : "subtree");
      if (inherited && s?.inScope) notes.push(`in scope via ${s.via?.name} (subtree)`);
      if (c.hidden) notes.push("hidden");
      if (c.excluded) notes.push("excluded");
      else if (s && !s.inScope && s.reason && s.reason !== "not selected") {
        notes.push(
          s.reason === "partition not selected"
            ? "out of scope: partition not selected"
            : `out of scope: ${s.reason}`,
        );
      }
      if (c.subtreeObjectCount !== null) {
        const dto = byId.get(c.id);
        const within = dto ? objectsInScope([dto], scopes) : null;
        const part = within !== null && within > 0 && within !== c.subtreeObjectCount;
        notes.push(
          `${fmtNumber(c.subtreeObjectCount)} objects${part ? `, ${fmtNumber(within)} in scope` : ""}`,
        );
      }
      lines.push(
        `${"    ".repeat(c.depth + 1)}${mark(c, inherited && s?.inScope === true)} ${c.name} (${notes.join(", ")})`,
      );
    }
  }
  lines.push(
    "legend: [x] selected · [~] in scope through a parent's subtree · [ ] not selected · [-] excluded (with everything below) · hidden = hidden by the connector",
  );
  return lines.join("\n");
}

export const partitionList = defineTool({
  name: "partition_list",
  title: "List partitions and containers",
  description:
    "Shows a connected system's partitions with their container (OU) trees and what is selected into sync scope.",
  toolset: "connected_systems",
  kind: "read",
  input: z.object({ connectedSystemId: connectedSystem }),
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    partitions: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        externalId: z.string(),
        selected: z.boolean(),
        containers: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            externalId: z.string(),
            parentId: z.number().nullable(),
            depth: z.number(),
            selected: z.boolean(),
            excluded: z.boolean(),
            hidden: z.boolean(),
            scope: z.string(),
            objectCount: z.number().nullable(),
            subtreeObjectCount: z.number().nullable(),
            inScope: z.boolean(),
            scopeVia: z.number().nullable(),
          }),
        ),
      }),
    ),
  }),
  async handler({ connectedSystemId: ref }, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, ref);
    const [cs, partitions] = await Promise.all([
      getConnectedSystem(jim, id, ctx.signal),
      listPartitions(jim, id, ctx.signal),
    ]);
    const scopes = scopesOf(partitions);
    const out = {
      connectedSystem: { id: cs.id, name: cs.name },
      partitions: partitions.map((p) => ({
        id: p.id,
        name: p.name,
        externalId: p.externalId,
        selected: p.selected,
        containers: flattenContainers(p.containers ?? []).map((c) => {
          const s = scopes.get(c.id);
          return { ...c, inScope: s?.inScope ?? false, scopeVia: s?.inScope ? (s.via?.id ?? null) : null };
        }),
      })),
    };
    return { structured: out, text: renderTree(cs.name, cs.id, partitions) };
  },
});
