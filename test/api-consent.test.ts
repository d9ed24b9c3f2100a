/**
 * api_request is at least as strict as the curated tools. For every curated tool that can be
 * destructive, its destructive sample call (test/calls.ts) is run through the consent gate and the
 * requests that changed JIM are recorded. Each of those requests is then replayed through
 * api_request on a fresh simulator: without a confirmation token it must be refused and send
 * nothing that changes JIM; after the two-call confirmation it must go through.
 */
import { describe, expect, it } from "vitest";
import { matchEndpoint } from "../src/jim/catalogue/index.js";
import type { RecordedRequest } from "../src/simulator/http.js";
import { mayBeDestructive } from "../src/tools/define.js";
import { REGISTRY } from "../src/tools/registry.js";
import { DESTRUCTIVE_CALLS, resolveCall } from "./calls.js";
import { type Rig, rig, type ToolResult, text } from "./harness.js";

const curatedGated = REGISTRY.filter((t) => mayBeDestructive(t) && t.name !== "api_request").map(
  (t) => t.name,
);

function tokenOf(res: ToolResult): string {
  const meta = res._meta?.["jim-mcp/confirmation"] as { confirmationToken?: string } | undefined;
  expect(meta?.confirmationToken, text(res)).toBeTruthy();
  return meta!.confirmationToken!;
}

/** Runs a gated call through the token flow and returns the requests that changed JIM. */
async function confirmedChanges(r: Rig, tool: string, args: Record<string, unknown>) {
  r.sim.clearRequests();
  const first = await r.call(tool, args);
  expect(text(first), tool).toMatch(/^CONFIRMATION REQUIRED — nothing was changed\./);
  expect(r.sim.changingRequests()).toHaveLength(0);
  const second = await r.call(tool, { ...args, confirmationToken: tokenOf(first) });
  expect(second.isError, text(second)).toBeFalsy();
  return r.sim.changingRequests().filter((q) => q.userAgent === "jim-mcp");
}

/** The api_request arguments that send the same request; values the setup made are swapped for the new ones. */
function asApiRequest(q: RecordedRequest, swap: Map<string, string>): Record<string, unknown> {
  const sub = (s: string) => {
    let out = s;
    for (const [from, to] of swap) out = out.split(from).join(to);
    return out;
  };
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(q.query ?? {}))
    for (const one of Array.isArray(v) ? v : [v]) query.append(k, sub(String(one)));
  return {
    method: q.method,
    path: sub(q.path),
    ...(query.size ? { query: query.toString() } : {}),
    ...(q.body !== undefined && q.body !== null ? { body: sub(JSON.stringify(q.body)) } : {}),
  };
}

/** Pairs of string argument values that differ between two runs of a setup (e.g. a new task id). */
function swaps(before: Record<string, unknown>, after: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(before)) {
    const w = after[k];
    if (typeof v === "string" && typeof w === "string" && v !== w) out.set(v, w);
  }
  return out;
}

describe("api_request gates what the curated tools gate", () => {
  it("every curated tool that can be destructive has a destructive sample call", () => {
    expect(curatedGated.length).toBeGreaterThan(10);
    for (const t of curatedGated) expect(DESTRUCTIVE_CALLS[t], t).toBeDefined();
  });

  it.each(curatedGated)("%s: the same change through api_request asks first", async (tool) => {
    const seen = await rig();
    let recorded: RecordedRequest[];
    let firstArgs: Record<string, unknown>;
    try {
      firstArgs = await resolveCall(DESTRUCTIVE_CALLS[tool]!, seen);
      recorded = await confirmedChanges(seen, tool, firstArgs);
    } finally {
      await seen.close();
    }
    expect(recorded.length, `${tool} changed nothing`).toBeGreaterThan(0);

    const r = await rig();
    try {
      const swap = swaps(firstArgs, await resolveCall(DESTRUCTIVE_CALLS[tool]!, r));
      for (const q of recorded) {
        const endpoint = matchEndpoint(q.method as "POST", q.path)?.endpoint;
        expect(endpoint, `${q.method} ${q.path}`).toBeDefined();

        const args = asApiRequest(q, swap);
        r.sim.clearRequests();
        const first = await r.call("api_request", args);
        expect(first.isError, `${endpoint!.op}: ${text(first)}`).toBe(true);
        expect(text(first)).toMatch(/^CONFIRMATION REQUIRED — nothing was changed\./);
        expect(r.sim.changingRequests()).toHaveLength(0);

        const noToken = await r.call("api_request", args);
        expect(noToken.isError).toBe(true);
        expect(r.sim.changingRequests()).toHaveLength(0);

        const second = await r.call("api_request", { ...args, confirmationToken: tokenOf(first) });
        expect(second.isError, `${endpoint!.op}: ${text(second)}`).toBeFalsy();
        const sent = r.sim.changingRequests();
        expect(sent.map((x) => `${x.method} ${x.path.toLowerCase()}`)).toContain(
          `${q.method} ${String(args.path).toLowerCase()}`,
        );
        expect(sent.every((x) => x.status < 400)).toBe(true);
        // The gate keys off the catalogue, so the endpoint is classed destructive there too.
        expect(endpoint!.safety, `${endpoint!.op} (changed by ${tool})`).toBe("destructive");
      }
    } finally {
      await r.close();
    }
  });
});
