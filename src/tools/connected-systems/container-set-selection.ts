import * as z from "zod";
import {
  findContainer,
  getConnectedSystem,
  listPartitions,
  updateContainer,
} from "../../jim/connected-systems.js";
import { JimApiError } from "../../jim/errors.js";
import { defineTool, type ToolContext } from "../define.js";
import { fmtNumber } from "../format/text.js";
import { connectedSystem, INT_MAX } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";
import { containerNames, scopeChange } from "./scope.js";

const input = z.object({
  connectedSystemId: connectedSystem,
  containerId: z.number().int().min(1).max(INT_MAX).describe("Container id (partition_list)."),
  selected: z
    .boolean()
    .optional()
    .describe("true selects the container into sync scope; false deselects it."),
  excluded: z
    .boolean()
    .optional()
    .describe("true excludes it (and what is under it) from a selected parent; false lifts that."),
  scope: z
    .enum(["Subtree", "OneLevel"])
    .optional()
    .describe("Subtree: the container and everything below; OneLevel: direct children only."),
});
type Args = z.infer<typeof input>;

async function readContainer(args: Args, ctx: ToolContext) {
  const jim = ctx.jim();
  const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
  const [cs, partitions] = await Promise.all([
    getConnectedSystem(jim, id, ctx.signal),
    listPartitions(jim, id, ctx.signal),
  ]);
  const found = findContainer(partitions, args.containerId);
  if (!found) {
    throw new JimApiError({
      kind: "http",
      status: 404,
      message: `Connected system "${cs.name}" (id ${cs.id}) has no container ${args.containerId}.`,
      nextStep: `Run partition_list with connectedSystemId ${cs.id} to see its container ids.`,
    });
  }
  return { cs, ...found };
}

export const containerSetSelection = defineTool({
  name: "container_set_selection",
  title: "Select, exclude or scope a container",
  description:
    "Changes a container's (OU's) place in sync scope: select, deselect, exclude, or Subtree/OneLevel scope. Narrowing scope is destructive and asks for confirmation.",
  toolset: "connected_systems",
  kind: "write",
  idempotent: true,
  input,
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    container: z.object({
      id: z.number(),
      name: z.string(),
      path: z.string(),
      selected: z.boolean(),
      excluded: z.boolean(),
      scope: z.string(),
    }),
    changed: z.boolean(),
  }),
  check(a) {
    if (a.selected === undefined && a.excluded === undefined && a.scope === undefined) {
      return "Give at least one of selected, excluded or scope.";
    }
    if (a.selected === true && a.excluded === true) {
      return "A container cannot be both selected and excluded: send selected=true or excluded=true, not both.";
    }
    return undefined;
  },
  async destructiveWhen(args, ctx) {
    const { cs, partition, container, path } = await ctx.memo("container", () => readContainer(args, ctx));
    const effects: string[] = [];
    if (args.selected === false && container.selected) effects.push("deselect");
    if (args.excluded === true && !container.excluded) effects.push("exclude");
    if (args.scope === "OneLevel" && container.scope !== "OneLevel" && container.selected) {
      effects.push("narrow to one level");
    }
    if (effects.length === 0) return undefined;
    // What leaves is what the tree loses, not the container's own count: a parent's subtree may
    // still cover it, and parts of it may already be excluded.
    const change = scopeChange(partition.containers ?? [], container.id, args);
    if (change.leaving.length === 0) return undefined;
    const where = change.leaving.length === 1 ? "" : ` (${containerNames(change.leaving)})`;
    const later = partition.selected
      ? ""
      : ` Partition "${partition.name}" is not selected now, so this takes effect once it is.`;
    return {
      summary: `${effects.join(" and ").replace(/^./, (c) => c.toUpperCase())} container "${path.join(" › ")}" (id ${container.id}) on "${cs.name}"? About ${fmtNumber(change.objectsLeaving)} objects leave sync scope${where}; the next synchronisation may disconnect or delete what they feed.${later}`,
      preview: {
        connectedSystem: `${cs.name} (id ${cs.id})`,
        container: {
          id: container.id,
          path: path.join(" › "),
          externalId: container.externalId,
          selected: container.selected,
          excluded: container.excluded,
          scope: container.scope,
          objectCount: container.objectCount,
          subtreeObjectCount: container.subtreeObjectCount,
        },
        containersLeavingScope: change.leaving.map((c) => `${c.name} (container ${c.id})`),
        objectsLeavingScope: change.objectsLeaving,
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { cs, partition, container, path } = await ctx.memo("container", () => readContainer(args, ctx));
    const changed =
      (args.selected !== undefined && args.selected !== container.selected) ||
      (args.excluded !== undefined && args.excluded !== (container.excluded ?? false)) ||
      (args.scope !== undefined && args.scope !== container.scope);
    const updated = changed
      ? await updateContainer(jim, cs.id, args.containerId, args, ctx.signal)
      : container;
    const effect = scopeChange(partition.containers ?? [], container.id, {
      selected: updated.selected,
      excluded: updated.excluded ?? false,
      scope: updated.scope,
    });
    const now = effect.after.get(container.id);
    const inScope = Boolean(now?.inScope) && partition.selected;
    const out = {
      connectedSystem: { id: cs.id, name: cs.name },
      container: {
        id: updated.id,
        name: updated.name,
        path: path.join(" › "),
        selected: updated.selected,
        excluded: updated.excluded ?? false,
        scope: updated.scope ?? "Subtree",
        inScope,
      },
      changed,
      objectsEnteringScope: effect.objectsEntering,
      objectsLeavingScope: effect.objectsLeaving,
    };
    const flags = out.container.excluded
      ? "excluded"
      : out.container.selected
        ? `selected (${out.container.scope})`
        : "not selected";
    const via = now?.via && now.via.id !== container.id ? ` via ${now.via.name} (subtree)` : "";
    const where = !partition.selected
      ? `out of sync scope while partition "${partition.name}" is not selected`
      : now?.inScope
        ? `in sync scope${via}`
        : now?.reason && now.reason !== "not selected"
          ? `out of sync scope (${now.reason})`
          : "out of sync scope";
    // In a deselected partition nothing is read yet: say what the change means once it is.
    const verb = (now: string, later: string) => (partition.selected ? now : later);
    const moves: string[] = [];
    if (effect.entering.length) {
      moves.push(
        `About ${fmtNumber(effect.objectsEntering)} objects ${verb("come into sync scope", "will be in sync scope once the partition is selected")} (${containerNames(effect.entering)}).`,
      );
    }
    if (effect.leaving.length) {
      moves.push(
        `About ${fmtNumber(effect.objectsLeaving)} objects ${verb("leave sync scope", "will no longer be in sync scope once the partition is selected")} (${containerNames(effect.leaving)}).`,
      );
    }
    if (moves.length === 0) moves.push("What is in sync scope is unchanged.");
    const text = changed
      ? `Container "${out.container.path}" (id ${updated.id}) on "${cs.name}" is now ${flags} and ${where}. ${moves.join(" ")} Changes apply from the next import.`
      : `Container "${out.container.path}" (id ${updated.id}) was already ${flags} and ${where}; nothing changed.`;
    return { structured: out, text };
  },
});
