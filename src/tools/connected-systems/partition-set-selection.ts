import * as z from "zod";
import { getConnectedSystem, listPartitions, setPartitionSelection } from "../../jim/connected-systems.js";
import { JimApiError } from "../../jim/errors.js";
import { defineTool, type ToolContext } from "../define.js";
import { fmtNumber } from "../format/text.js";
import { connectedSystem, INT_MAX } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";
import { flattenContainers } from "./partition-list.js";
import { objectsInScope, scopeOf } from "./scope.js";

const input = z.object({
  connectedSystemId: connectedSystem,
  partitionId: z.number().int().min(1).max(INT_MAX).describe("Partition id (partition_list)."),
  selected: z
    .boolean()
    .describe("true brings the partition into sync scope; false takes it out (its objects leave scope)."),
});

async function readPartition(args: z.infer<typeof input>, ctx: ToolContext) {
  const jim = ctx.jim();
  const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
  const [cs, partitions] = await Promise.all([
    getConnectedSystem(jim, id, ctx.signal),
    listPartitions(jim, id, ctx.signal),
  ]);
  const partition = partitions.find((p) => p.id === args.partitionId);
  if (!partition) {
    throw new JimApiError({
      kind: "http",
      status: 404,
      message: `Connected system "${cs.name}" (id ${cs.id}) has no partition ${args.partitionId}.`,
      nextStep: partitions.length
        ? `Its partitions: ${partitions.map((p) => `${p.name} (id ${p.id})`).join(", ")}.`
        : "It has no partitions.",
    });
  }
  return { cs, partition };
}

export const partitionSetSelection = defineTool({
  name: "partition_set_selection",
  title: "Select or deselect a partition",
  description:
    "Brings a partition into sync scope or takes it out. Deselecting is destructive and asks for confirmation.",
  toolset: "connected_systems",
  kind: "write",
  idempotent: true,
  input,
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    partition: z.object({ id: z.number(), name: z.string(), selected: z.boolean() }),
    changed: z.boolean(),
  }),
  async destructiveWhen(args, ctx) {
    if (args.selected) return undefined;
    const { cs, partition } = await ctx.memo("partition", () => readPartition(args, ctx));
    if (!partition.selected) return undefined; // already out of scope: nothing leaves
    // What is in scope now: selected containers, what their subtrees cover, less what is excluded.
    const scopes = scopeOf(partition.containers ?? [], true);
    const inScope = flattenContainers(partition.containers ?? []).filter(
      (c) => c.selected && !c.excluded && scopes.get(c.id)?.inScope,
    );
    const objects = objectsInScope(partition.containers ?? [], scopes);
    return {
      summary: `Deselect partition "${partition.name}" (id ${partition.id}) on "${cs.name}"? About ${fmtNumber(objects)} objects in ${inScope.length} selected container(s) leave sync scope; the next synchronisation may disconnect or delete what they feed.`,
      preview: {
        connectedSystem: `${cs.name} (id ${cs.id})`,
        partition: {
          id: partition.id,
          name: partition.name,
          externalId: partition.externalId,
          selected: partition.selected,
        },
        selectedContainers: inScope.map((c) => `${c.name} (${fmtNumber(c.subtreeObjectCount)} objects)`),
        objectsLeavingScope: objects,
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { cs, partition } = await ctx.memo("partition", () => readPartition(args, ctx));
    const changed = partition.selected !== args.selected;
    const updated = changed
      ? await setPartitionSelection(jim, cs.id, args.partitionId, args.selected, ctx.signal)
      : partition;
    const out = {
      connectedSystem: { id: cs.id, name: cs.name },
      partition: { id: updated.id, name: updated.name, selected: updated.selected },
      changed,
    };
    const verb = args.selected ? "selected" : "deselected";
    const text = changed
      ? `Partition "${updated.name}" (id ${updated.id}) on "${cs.name}" is now ${verb}. Run partition_list to review containers; changes apply from the next import.`
      : `Partition "${partition.name}" (id ${partition.id}) was already ${verb}; nothing changed.`;
    return { structured: out, text };
  },
});
