import * as z from "zod";
import { getConnectedSystem, listRunProfiles } from "../../jim/connected-systems.js";
import { defineTool, type ToolContext } from "../define.js";
import { pageFooter, pageLocally, table } from "../format/text.js";
import { connectedSystem, page, pageSize, pagingOutput } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

/** What running an Export profile means on this server, by its mode. */
export function exportNote(ctx: Pick<ToolContext, "config" | "exposes">): string {
  const writes = "Export profiles write to the real target system";
  if (ctx.config.readOnly) return `${writes}; this server is read-only (--read-only), so it cannot run them.`;
  if (!ctx.exposes("run_profile_execute")) return `${writes}; this server does not run profiles.`;
  switch (ctx.config.destructive) {
    case "deny":
      return `${writes}; this server refuses to run them (--destructive deny). Imports and synchronisations run as usual.`;
    case "allow":
      return `${writes}, and this server runs them without asking (--destructive allow).`;
    default:
      return `${writes}; running one asks for confirmation first.`;
  }
}

export const runProfileList = defineTool({
  name: "run_profile_list",
  title: "List run profiles",
  description:
    "Lists a connected system's run profiles (imports, synchronisations, exports) with their ids and run types.",
  toolset: "run_profiles",
  kind: "read",
  input: z.object({ connectedSystemId: connectedSystem, page, pageSize: pageSize(50) }),
  output: pagingOutput.extend({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        runType: z.string(),
        partition: z.string().nullable(),
        targetsDeselectedPartition: z.boolean(),
        pageSize: z.number(),
        filePath: z.string().nullable(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const jim = ctx.jim();
    const [cs, profiles] = await Promise.all([
      getConnectedSystem(jim, id, ctx.signal),
      listRunProfiles(jim, id, ctx.signal),
    ]);
    const { items, paging } = pageLocally(
      profiles.map((p) => ({
        id: p.id,
        name: p.name,
        runType: p.runType,
        partition: p.partitionName,
        targetsDeselectedPartition: p.targetsDeselectedPartition,
        pageSize: p.pageSize,
        filePath: p.filePath,
      })),
      args.page,
      args.pageSize,
    );
    const text = [
      `Run profiles of "${cs.name}" (id ${cs.id}):`,
      table(items, [
        ["id", (p) => p.id],
        ["name", (p) => p.name],
        ["run type", (p) => p.runType],
        ["partition", (p) => (p.targetsDeselectedPartition ? `${p.partition} (deselected!)` : p.partition)],
      ]),
      items.some((p) => p.runType === "Export") ? exportNote(ctx) : "",
      pageFooter({ ...paging, shown: items.length }),
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { ...paging, connectedSystem: { id: cs.id, name: cs.name }, items }, text };
  },
});
