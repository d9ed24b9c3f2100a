import * as z from "zod";
import { getConnectedSystem, listRunProfiles } from "../../jim/connected-systems.js";
import { defineTool } from "../define.js";
import { pageFooter, pageLocally, table } from "../format/text.js";
import { connectedSystem, page, pageSize, pagingOutput } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

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
      items.some((p) => p.runType === "Export")
        ? "Export profiles write to the real target system and ask for confirmation."
        : "",
      pageFooter({ ...paging, shown: items.length }),
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { ...paging, connectedSystem: { id: cs.id, name: cs.name }, items }, text };
  },
});
