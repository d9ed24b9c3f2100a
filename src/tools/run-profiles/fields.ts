/** Input fields and rendering shared by run_profile_create and run_profile_update. */
import * as z from "zod";
import type { RunProfileDto } from "../../jim/types.js";
import { idOrName } from "../params.js";

export const runProfileId = idOrName("Run profile id or name (run_profile_list).");

export const profileFields = {
  pageSize: z.number().int().min(1).max(10_000).optional().describe("Batch size (default 100)."),
  partitionId: z
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .describe("Partition id (partition_list)."),
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
