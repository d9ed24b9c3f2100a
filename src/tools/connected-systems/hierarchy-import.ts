import * as z from "zod";
import { getConnectedSystem } from "../../jim/connected-systems.js";
import { JimApiError } from "../../jim/errors.js";
import { type HierarchyRefreshResult, importHierarchy } from "../../jim/schema.js";
import { defineTool } from "../define.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

function changeLines(r: HierarchyRefreshResult): string[] {
  const kind = (t: string | undefined, fallback: string) => (t ?? fallback).toLowerCase();
  return [
    ...(r.addedPartitions ?? []).map((p) => `+ partition ${p.name} (${p.externalId})`),
    ...(r.addedContainers ?? []).map((c) => `+ ${kind(c.itemType, "container")} ${c.name} (${c.externalId})`),
    ...(r.removedPartitions ?? []).map(
      (p) => `- partition ${p.name} (${p.externalId})${p.wasSelected ? " — was selected" : ""}`,
    ),
    ...(r.removedContainers ?? []).map(
      (c) => `- container ${c.name} (${c.externalId})${c.wasSelected ? " — was selected" : ""}`,
    ),
    ...(r.renamedPartitions ?? []).map((p) => `~ partition ${p.oldName} → ${p.newName}`),
    ...(r.renamedContainers ?? []).map((c) => `~ container ${c.oldName} → ${c.newName}`),
    ...(r.movedContainers ?? []).map(
      (c) =>
        `~ container ${c.name} moved from ${c.oldParentExternalId ?? "the partition root"} to ${c.newParentExternalId ?? "the partition root"}`,
    ),
  ];
}

export const hierarchyImport = defineTool({
  name: "hierarchy_import",
  title: "Refresh partitions and containers",
  description:
    "Re-reads a connected system's partitions and containers (OUs) and merges them into JIM, keeping selections where it can.",
  toolset: "schema",
  kind: "write",
  idempotent: true,
  input: z.object({ connectedSystemId: connectedSystem }),
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    partitions: z.number(),
    containers: z.number(),
    changes: z.array(z.string()),
    selectedItemsRemoved: z.boolean(),
  }),
  async handler({ connectedSystemId: ref }, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, ref);
    const cs = await getConnectedSystem(jim, id, ctx.signal);
    const r = await importHierarchy(jim, cs.id, ctx.signal);
    if (r.success === false) {
      throw new JimApiError({
        kind: "http",
        message: `JIM could not read the hierarchy of "${cs.name}": ${r.errorMessage ?? "no reason given"}`,
        method: "POST",
        path: `/synchronisation/connected-systems/${cs.id}/import-hierarchy`,
        nextStep: "Check the system's connector settings and that JIM can reach it, then try again.",
      });
    }
    const changes = changeLines(r);
    const out = {
      connectedSystem: { id: cs.id, name: cs.name },
      partitions: r.totalPartitions ?? 0,
      containers: r.totalContainers ?? 0,
      changes,
      selectedItemsRemoved: r.hasSelectedItemsRemoved ?? false,
    };
    const text = [
      `Hierarchy of "${cs.name}" (id ${cs.id}) refreshed: ${out.partitions} partition(s), ${out.containers} container(s).`,
      changes.length ? changes.join("\n") : "No changes.",
      out.selectedItemsRemoved ? "Warning: selected items were removed; their objects leave sync scope." : "",
      changes.length ? "New items arrive unselected; review scope with partition_list." : "",
    ].filter(Boolean);
    return { structured: out, text: text.join("\n") };
  },
});
