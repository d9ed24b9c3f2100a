/**
 * A GUID input that lists cheaply: `z.string().uuid()` lists a long regex (about
 * 100 tokens a field); this refinement checks the same shape without listing it.
 */
import * as z from "zod";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const guid = (description: string) =>
  z
    .string()
    .refine((s) => GUID.test(s), { message: "Expected a GUID such as 3f2b8c1e-0a4d-4c6e-9b7a-5d1e2f3a4b5c." })
    .describe(description);
