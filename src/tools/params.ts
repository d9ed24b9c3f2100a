/** Parameter shapes shared by many tools: one definition, one description, one token cost. */
import * as z from "zod";
import { MAX_PAGE } from "./format/text.js";

/** The largest id JIM's int columns hold. */
export const INT_MAX = 2_147_483_647;

/**
 * An integer id or a name, resolved by `src/tools/resolve.ts`. Validation checks both shapes;
 * tools/list shows it compactly as `{"anyOf":[{"type":"integer"},{"type":"string"}]}` (see schema.ts).
 */
export const idOrName = (description: string) =>
  z
    .union([z.number().int().min(1).max(INT_MAX), z.string().trim().min(1).max(400)], {
      error: "Expected a positive integer id or a name (1–400 characters).",
    })
    .describe(description);

/** A GUID or a name (schedules), resolved by `src/tools/resolve.ts`. Bounds by refinement: not listed. */
export const guidOrName = (description: string) =>
  z
    .string({ error: "Expected a GUID or a name." })
    .refine((s) => s.trim().length > 0 && s.length <= 400, {
      message: "Expected a GUID or a name (1–400 characters).",
    })
    .describe(description);

/** Connected system id or name; the field keeps its name `connectedSystemId`. */
export const connectedSystem = idOrName("Connected system id or name (connected_system_list).");

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * A GUID input. A refinement rather than `.uuid()`, whose regex would be listed
 * in tools/list (about 100 tokens a field); the check is the same.
 */
export const guid = (description: string) =>
  z
    .string()
    .refine((s) => GUID.test(s), { message: "Expected a GUID such as 3f2b8c1e-0a4d-4c6e-9b7a-5d1e2f3a4b5c." })
    .describe(description);

export const activityId = guid("Activity id, a GUID (activity_list or run_profile_execute).");

/** Paging needs no words: the name, bounds and default say it all (and save ~10 tokens a list tool). */
export const page = z.number().int().min(1).max(MAX_PAGE).default(1);

export const pageSize = (def = 25) => z.number().int().min(1).max(100).default(def);

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
  .describe("Seconds to wait; past it the run goes on (activity_wait).");

/** Added by the consent gate to tools that may be destructive. */
export const confirmationToken = z
  .string()
  .max(2000)
  .optional()
  .describe("Only the token a CONFIRMATION REQUIRED result gave, with the same arguments.");

export const changeReason = z.string().max(1000).optional().describe("Why, for JIM's change history.");
