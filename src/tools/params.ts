/** Parameter shapes shared by many tools: one definition, one description, one token cost. */
import * as z from "zod";

export const connectedSystemId = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .describe("Connected system id (connected_system_list).");

export const activityId = z
  .string()
  .uuid()
  .describe("Activity id, a GUID (activity_list or run_profile_execute).");

export const page = z.number().int().min(1).max(10_000).default(1).describe("Page number, from 1.");

export const pageSize = (def = 25) =>
  z.number().int().min(1).max(100).default(def).describe(`Items per page, 1–100 (default ${def}).`);

/** Output block every list tool returns. */
export const pagingOutput = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  totalCount: z.number().int(),
  hasNextPage: z.boolean(),
});

export const waitTimeoutSeconds = z
  .number()
  .int()
  .min(1)
  .max(3600)
  .default(50)
  .describe(
    "How long to wait, 1–3600 s (default 50, under the usual 60 s client limit). On timeout the run keeps going: call activity_wait.",
  );

/** Added by the consent gate to tools that may be destructive. */
export const confirmationToken = z
  .string()
  .min(10)
  .max(2000)
  .optional()
  .describe(
    "Only when a previous call returned one: the confirmation token, with otherwise identical arguments.",
  );
