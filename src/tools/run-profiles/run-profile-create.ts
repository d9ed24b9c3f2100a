import * as z from "zod";
import { createRunProfile } from "../../jim/connected-systems.js";
import { defineTool } from "../define.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";
import { describeProfile, profileFields, profileOut, refuseTakenName, runProfileOut } from "./fields.js";

const RUN_TYPE_NAMES = [
  "FullImport",
  "DeltaImport",
  "FullSynchronisation",
  "DeltaSynchronisation",
  "Export",
] as const;

export const runProfileCreate = defineTool({
  name: "run_profile_create",
  title: "Create a run profile",
  description: "Creates a run profile on a connected system.",
  toolset: "run_profiles",
  kind: "write",
  input: z.object({
    connectedSystemId: connectedSystem,
    name: z.string().min(1).max(200).describe("Name."),
    runType: z.enum(RUN_TYPE_NAMES).describe("Fixed once created."),
    ...profileFields,
  }),
  output: z.object({ runProfile: runProfileOut }),
  check(a) {
    if (a.verifyImportContentHashes && a.runType !== "FullImport") {
      return "verifyImportContentHashes is only allowed with runType FullImport.";
    }
    return undefined;
  },
  async handler({ connectedSystemId: csRef, ...fields }, ctx) {
    const system = await resolveConnectedSystem(ctx, csRef);
    await refuseTakenName(ctx, system, fields.name);
    const created = await createRunProfile(ctx.jim(), system.id, fields, ctx.signal);
    const runProfile = profileOut(created);
    const run = ctx.exposes("run_profile_execute")
      ? ` Run it with run_profile_execute ${JSON.stringify({ connectedSystemId: system.id, runProfileId: runProfile.id })}.`
      : "";
    return {
      structured: { runProfile },
      text: `Created run profile ${describeProfile(runProfile)}.${run}`,
    };
  },
});
