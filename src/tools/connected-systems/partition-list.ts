import * as z from "zod";
import { getConnectedSystem, listPartitions } from "../../jim/connected-systems.js";
import type { ContainerDto, PartitionDto } from "../../jim/types.js";
import { defineTool } from "../define.js";
import { fmtNumber } from "../format/text.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

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

function mark(c: { selected: boolean; excluded?: boolean }): string {
  if (c.excluded) return "[-]";
  return c.selected ? "[x]" : "[ ]";
}

export function renderTree(systemName: string, systemId: number, partitions: PartitionDto[]): string {
  const selected = partitions.filter((p) => p.selected).length;
  const lines = [
    `Partitions of "${systemName}" (id ${systemId}): ${partitions.length} (${selected} selected)`,
  ];
  if (partitions.length === 0)
    lines.push("(none — this connector has no partitions; everything it reads is in scope)");
  for (const p of partitions) {
    lines.push(`${mark(p)} ${p.name} (partition ${p.id})`);
    for (const c of flattenContainers(p.containers)) {
      const notes = [`container ${c.id}`];
      if (c.selected && !c.excluded) notes.push(c.scope === "OneLevel" ? "one level" : "subtree");
      if (c.hidden) notes.push("hidden");
      if (c.excluded) notes.push("excluded");
      if (c.subtreeObjectCount !== null) notes.push(`${fmtNumber(c.subtreeObjectCount)} objects`);
      lines.push(`${"    ".repeat(c.depth + 1)}${mark(c)} ${c.name} (${notes.join(", ")})`);
    }
  }
  lines.push("legend: [x] selected · [ ] not selected · [-] excluded · hidden = hidden by the connector");
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
    const out = {
      connectedSystem: { id: cs.id, name: cs.name },
      partitions: partitions.map((p) => ({
        id: p.id,
        name: p.name,
        externalId: p.externalId,
        selected: p.selected,
        containers: flattenContainers(p.containers ?? []),
      })),
    };
    return { structured: out, text: renderTree(cs.name, cs.id, partitions) };
  },
});
