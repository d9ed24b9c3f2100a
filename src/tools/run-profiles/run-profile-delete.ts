import * as z from "zod";
import { deleteRunProfile } from "../../jim/connected-systems.js";
import { defineTool } from "../define.js";
import { connectedSystem } from "../params.js";
import { runProfileId } from "./fields.js";
import { findRunProfile } from "./resolve.js";

const input = z.object({ connectedSystemId: connectedSystem, runProfileId });

export const runProfileDelete = defineTool({
  name: "run_profile_delete",
  title: "Delete a run profile",
  description: "Deletes a run profile.",
  toolset: "run_profiles",
  kind: "destructive",
  input,
  output: z.object({
    connectedSystem: z.object({ id: z.number(), name: z.string() }),
    deleted: z.object({ id: z.number(), name: z.string(), runType: z.string() }),
  }),
  async consent(args, ctx) {
    const { system, profile } = await findRunProfile(ctx, args);
    return {
      summary: `Delete run profile "${profile.name}" (id ${profile.id}, ${profile.runType}) on "${system.name}" (id ${system.id})? This cannot be undone.`,
      preview: {
        connectedSystem: `${system.name} (id ${system.id})`,
        runProfile: {
          id: profile.id,
          name: profile.name,
          runType: profile.runType,
          partition: profile.partitionName,
          filePath: profile.filePath,
        },
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { system, profile } = await findRunProfile(ctx, args);
    await deleteRunProfile(jim, system.id, profile.id, ctx.signal);
    const deleted = { id: profile.id, name: profile.name, runType: profile.runType };
    return {
      structured: { connectedSystem: system, deleted },
      text: `Deleted run profile "${profile.name}" (id ${profile.id}, ${profile.runType}) from "${system.name}" (id ${system.id}).`,
    };
  },
});
