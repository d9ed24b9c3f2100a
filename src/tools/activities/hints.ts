/**
 * "Next:" hints that name only tools this server exposes. A hint offers calls in order of
 * preference; the first exposed one is written as `tool {args}`. When none is exposed the
 * caller describes the step in plain words instead of naming a tool the client cannot call.
 */
import type { ToolContext } from "../define.js";

export type Exposes = Pick<ToolContext, "exposes">;
export type HintCall = readonly [tool: string, args?: Record<string, unknown>];

/** `tool {"a":1}`, or just `tool` without arguments. */
export function callText(tool: string, args?: Record<string, unknown>): string {
  return args ? `${tool} ${JSON.stringify(args)}` : tool;
}

/** The first of `calls` this server exposes, as `tool {args}`; undefined when none is. */
export function firstCall(ctx: Exposes, ...calls: HintCall[]): string | undefined {
  const c = calls.find(([tool]) => ctx.exposes(tool));
  return c ? callText(c[0], c[1]) : undefined;
}

/** Where to read one activity: activity_explain, else activity_get; undefined when neither is exposed. */
export function activityCall(
  ctx: Exposes,
  activityId: string,
  prefer: "explain" | "get" = "explain",
): string | undefined {
  const explain: HintCall = ["activity_explain", { activityId }];
  const get: HintCall = ["activity_get", { activityId }];
  return prefer === "explain" ? firstCall(ctx, explain, get) : firstCall(ctx, get, explain);
}
