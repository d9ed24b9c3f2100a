import * as z from "zod";
import { clearConnectorSpace, getConnectedSystem } from "../../jim/connected-systems.js";
import { countConnectorSpace } from "../../jim/connector-space.js";
import { defineTool } from "../define.js";
import { fmtNumber } from "../format/text.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

const input = z.object({
  connectedSystemId: connectedSystem,
  deleteChangeHistory: z.boolean().default(true).describe("Also delete their change history."),
});

export const connectedSystemClear = defineTool({
  name: "connected_system_clear",
  title: "Clear a connector space",
  description: "Deletes all connector-space objects of a connected system.",
  toolset: "schema",
  kind: "destructive",
  input,
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    objectsDeleted: z.number(),
    objectsLeft: z.number(),
  }),
  async consent(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const [cs, objects] = await Promise.all([
      getConnectedSystem(jim, id, ctx.signal),
      countConnectorSpace(jim, id, {}, ctx.signal),
    ]);
    const what = args.deleteChangeHistory
      ? "their joins and change history"
      : "their joins (change history kept)";
    return {
      summary: `Delete all ${fmtNumber(objects)} connector-space objects of "${cs.name}" (id ${cs.id}), with ${what}? The system has ${fmtNumber(cs.pendingExportCount)} pending export(s). Only a full import brings the objects back; this cannot be undone.`,
      preview: {
        connectedSystem: `${cs.name} (id ${cs.id})`,
        connectorSpaceObjects: objects,
        pendingExports: cs.pendingExportCount,
        deleteChangeHistory: args.deleteChangeHistory,
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const [cs, before] = await Promise.all([
      getConnectedSystem(jim, id, ctx.signal),
      countConnectorSpace(jim, id, {}, ctx.signal),
    ]);
    await clearConnectorSpace(jim, cs.id, args.deleteChangeHistory, ctx.signal);
    const after = await countConnectorSpace(jim, cs.id, {}, ctx.signal);
    const out = {
      connectedSystem: { id: cs.id, name: cs.name },
      objectsDeleted: before - after,
      objectsLeft: after,
    };
    const text = [
      `Cleared the connector space of "${cs.name}" (id ${cs.id}): ${fmtNumber(before - after)} objects deleted, ${fmtNumber(after)} left${args.deleteChangeHistory ? ", change history deleted" : ", change history kept"}.`,
      "Next: run a full import, then a full synchronisation, to rebuild it (run_profile_list shows the profiles).",
    ].join("\n");
    return { structured: out, text };
  },
});
