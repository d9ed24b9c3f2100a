/** Input fields and rendering shared by run_profile_create and run_profile_update. */
import * as z from "zod";
import type { RunProfileDto } from "../../jim/types.js";
import { type ToolContext, ToolInputError } from "../define.js";
import { INT_MAX, idOrName } from "../params.js";
import { type ResolveContext, runProfilesOf } from "../resolve.js";

export const runProfileId = idOrName("Run profile id or name (run_profile_list).");

export const profileFields = {
  pageSize: z.number().int().min(1).max(10_000).optional().describe("Batch size (default 100)."),
  partitionId: z.number().int().min(1).max(INT_MAX).optional().describe("Partition id (partition_list)."),
  filePath: z.string().min(1).max(500).optional().describe("File path (file connectors)."),
  verifyImportContentHashes: z.boolean().optional().describe("FullImport only."),
};

export const runProfileOut = z.object({
  id: z.number(),
  name: z.string(),
  connectedSystemId: z.number(),
  runType: z.string(),
  pageSize: z.number(),
  partition: z.string().nullable(),
  filePath: z.string().nullable(),
  verifyImportContentHashes: z.boolean(),
});

export function profileOut(p: RunProfileDto): z.infer<typeof runProfileOut> {
  return {
    id: p.id,
    name: p.name,
    connectedSystemId: p.connectedSystemId,
    runType: p.runType,
    pageSize: p.pageSize,
    partition: p.partitionName,
    filePath: p.filePath,
    verifyImportContentHashes: p.verifyImportContentHashes,
  };
}

export function describeProfile(p: z.infer<typeof runProfileOut>): string {
  const parts = [`${p.runType}`, `page size ${p.pageSize}`];
  if (p.partition) parts.push(`partition ${p.partition}`);
  if (p.filePath) parts.push(`file ${p.filePath}`);
  if (p.verifyImportContentHashes) parts.push("verifies content hashes");
  return `"${p.name}" (id ${p.id}) on connected system ${p.connectedSystemId}: ${parts.join(", ")}`;
}

/**
 * Refuses a name another run profile of the system already has, ignoring case (as names resolve):
 * two such profiles could no longer be told apart by name. `self` is the profile being renamed.
 */
export async function refuseTakenName(
  ctx: ResolveContext & Pick<ToolContext, "exposes">,
  system: { id: number; name?: string | undefined },
  name: string,
  self?: number,
): Promise<void> {
  const lower = name.trim().toLocaleLowerCase();
  const taken = (await runProfilesOf(ctx, system.id)).find(
    (p) => p.id !== self && p.name.trim().toLocaleLowerCase() === lower,
  );
  if (!taken) return;
  const change = ctx.exposes("run_profile_update")
    ? `, or change that profile with run_profile_update ${JSON.stringify({ connectedSystemId: system.id, runProfileId: taken.id })}`
    : "";
  throw new ToolInputError(
    `name: ${system.name === undefined ? `connected system ${system.id}` : `"${system.name}" (id ${system.id})`} already has a run profile named "${taken.name}" (id ${taken.id}, ${taken.runType}); names are matched ignoring case, so a second one could not be run by name. Choose another name${change}. Nothing was changed.`,
  );
}
