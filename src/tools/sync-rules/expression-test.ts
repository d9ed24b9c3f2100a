import * as z from "zod";
import { testExpression } from "../../jim/sync-rules.js";
import { defineTool } from "../define.js";

const valuesField = (side: string, example: string) =>
  z.string().max(20_000).optional().describe(`${side} sample values, JSON object text: ${example}`);

/** Parses a sample-values field: a JSON object of attribute name → scalar or array. */
function parseValues(
  name: string,
  text: string | undefined,
): { value?: Record<string, unknown>; problem?: string } {
  if (text === undefined || text.trim() === "") return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { problem: `${name} is not valid JSON (${(e as Error).message}).` };
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return {
      problem: `${name} must be a JSON object of attribute name to value, e.g. {"First Name":"Ada"}.`,
    };
  }
  for (const [k, val] of Object.entries(v)) {
    const scalar = (x: unknown) => x === null || ["string", "number", "boolean"].includes(typeof x);
    if (!(scalar(val) || (Array.isArray(val) && val.every(scalar)))) {
      return {
        problem: `${name}: the value of "${k}" must be text, a number, true/false, null or a list of those.`,
      };
    }
  }
  return { value: v as Record<string, unknown> };
}

export const expressionTest = defineTool({
  name: "expression_test",
  title: "Test an expression",
  description: "Evaluates a mapping expression against sample attribute values; changes nothing.",
  toolset: "sync_rules",
  kind: "read",
  input: z.object({
    expression: z.string().trim().min(1).max(4000).describe('e.g. Lower(mv["First Name"]) + cs["sn"]'),
    mvValues: valuesField("Metaverse", '{"First Name":"Ada"}'),
    csValues: valuesField("Connected system", '{"sn":"Lee"}'),
  }),
  output: z.object({
    isValid: z.boolean(),
    result: z.unknown(),
    resultType: z.string().nullable(),
    errorMessage: z.string().nullable(),
    errorPosition: z.number().nullable(),
  }),
  check(args) {
    return parseValues("mvValues", args.mvValues).problem ?? parseValues("csValues", args.csValues).problem;
  },
  async handler(args, ctx) {
    const r = await testExpression(
      ctx.jim(),
      {
        expression: args.expression,
        mvAttributes: parseValues("mvValues", args.mvValues).value,
        csAttributes: parseValues("csValues", args.csValues).value,
      },
      ctx.signal,
    );
    const out = {
      isValid: r.isValid,
      result: r.result ?? null,
      resultType: r.resultType ?? null,
      errorMessage: r.errorMessage ?? null,
      errorPosition: r.errorPosition ?? null,
    };
    let text: string;
    if (r.isValid) {
      text = `Valid. Result: ${out.result === null ? "null (no value)" : JSON.stringify(out.result)}${out.resultType ? ` (${out.resultType})` : ""}`;
    } else {
      const at = out.errorPosition ?? null;
      const pointer =
        at !== null && at >= 0 && at <= args.expression.length && args.expression.length <= 200
          ? `\n${args.expression}\n${" ".repeat(at)}^`
          : "";
      text = `Invalid${at !== null ? ` at position ${at}` : ""}: ${out.errorMessage ?? "JIM gave no reason"}${pointer}`;
    }
    return { structured: out, text };
  },
});
