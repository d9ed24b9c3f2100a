/**
 * A GUID input that lists cheaply: `z.string().uuid()` puts a long regex into
 * tools/list (about 100 tokens per field); a refinement validates the same
 * shape without being listed.
 */
import * as z from "zod";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const guid = (description: string) =>
  z
    .string()
    .refine((s) => GUID.test(s), { message: "Expected a GUID such as 3f2b8c1e-0a4d-4c6e-9b7a-5d1e2f3a4b5c." })
    .describe(description);

/**
 * Same meaning and description as `activityId` in ../params.ts, about 100 tokens
 * cheaper in tools/list (that one lists zod's uuid regex). Used by this area's
 * newer tools; params.ts could adopt it for every tool.
 */
export const activityIdInput = guid("Activity id, a GUID (activity_list or run_profile_execute).");
