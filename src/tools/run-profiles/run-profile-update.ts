import * as z from "zod";
import { updateRunProfile } from "../../jim/connected-systems.js";
import { defineTool } from "../define.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem, resolveRunProfile } from "../resolve.js";
import {
  describeProfile,
  profileFields,
  profileOut,
  refuseTakenName,
  runProfileId,
  runProfileOut,
} from "./fields.js";

export const runProfileUpdate = defineTool({
  name: "run_profile_update",
  title: "Change a run profile",
  description: "Changes a run profile; only the fields given change.",
  toolset: "run_profiles",
  kind: "write",
  idempotent: true,
  input: z.object({
    connectedSystemId: connectedSystem,
    runProfileId,
    name: z.string().min(1).max(200).optional().describe("New name."),
    ...profileFields,
  }),
  output: z.object({ runProfile: runProfileOut }),
  check(a) {
    const given = ["name", "pageSize", "partitionId", "filePath", "verifyImportContentHashes"].filter(
      (k) => (a as Record<string, unknown>)[k] !== undefined,
    );
    if (given.length === 0) {
      return "No changes given: pass at least one of name, pageSize, partitionId, filePath, verifyImportContentHashes.";
    }
    return undefined;
  },
  async handler({ connectedSystemId: csRef, runProfileId: rpRef, ...fields }, ctx) {
    const system = await resolveConnectedSystem(ctx, csRef);
    const rp = await resolveRunProfile(ctx, system, rpRef);
    if (fields.name !== undefined) await refuseTakenName(ctx, system, fields.name, rp.id);
    const updated = await updateRunProfile(ctx.jim(), system.id, rp.id, fields, ctx.signal);
    const runProfile = profileOut(updated);
    return { structured: { runProfile }, text: `Updated run profile ${describeProfile(runProfile)}.` };
  },
});
