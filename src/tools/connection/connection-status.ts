import * as z from "zod";
import { isJimApiError } from "../../jim/errors.js";
import { checkKey, getVersion } from "../../jim/health.js";
import { defineTool } from "../define.js";
import { fields } from "../format/text.js";

export const connectionStatus = defineTool({
  name: "connection_status",
  title: "Connection status",
  description:
    "Checks the JIM connection for real: reachable, server version, whether the API key is accepted and holds the Administrator role. Run this first.",
  toolset: "connection",
  kind: "read",
  offline: true,
  input: z.object({}),
  output: z.object({
    configured: z.boolean(),
    profile: z.string().nullable(),
    url: z.string().nullable(),
    keyPreview: z.string().nullable(),
    reachable: z.boolean(),
    serverVersion: z.string().nullable(),
    keyAccepted: z.boolean().nullable(),
    administrator: z.boolean().nullable(),
    latencyMs: z.number().nullable(),
    profiles: z.array(z.string()),
    problem: z.string().nullable(),
    nextStep: z.string().nullable(),
  }),
  async handler(_args, ctx) {
    const profiles = ctx.connection.profiles;
    if (!ctx.connection.configured) {
      const out = {
        configured: false,
        profile: null,
        url: null,
        keyPreview: null,
        reachable: false,
        serverVersion: null,
        keyAccepted: null,
        administrator: null,
        latencyMs: null,
        profiles,
        problem: "No JIM connection is configured.",
        nextStep: ctx.connection.locked
          ? ctx.connection.locked.nextStep
          : profiles.length
            ? `Call connection_switch with one of: ${profiles.join(", ")}; or set JIM_URL and JIM_API_KEY and restart.`
            : "Set JIM_URL and JIM_API_KEY (or JIM_API_KEY_FILE) in the server's environment, or start it with --demo.",
      };
      return { structured: out, text: `Not connected.\n${out.nextStep}` };
    }
    const jim = ctx.jim();
    const info = ctx.connection.describe()!;
    let reachable = false;
    let serverVersion: string | null = null;
    let problem: string | null = null;
    let nextStep: string | null = null;
    const t0 = Date.now();
    let latencyMs: number | null = null;
    try {
      const v = await getVersion(jim, ctx.signal);
      reachable = true;
      latencyMs = Date.now() - t0;
      serverVersion = v.version ?? null;
    } catch (e) {
      problem = isJimApiError(e) ? e.message : String(e);
      nextStep = isJimApiError(e) && e.nextStep ? e.nextStep : "Check JIM_URL and that JIM is running.";
    }
    let keyAccepted: boolean | null = null;
    let administrator: boolean | null = null;
    if (reachable) {
      const { verdict, error } = await checkKey(jim, ctx.signal);
      keyAccepted =
        verdict === "administrator" || verdict === "not_administrator"
          ? true
          : verdict === "rejected"
            ? false
            : null;
      administrator = verdict === "administrator" ? true : verdict === "unknown" ? null : false;
      if (verdict === "rejected") {
        problem = "JIM rejected the API key (401): it is invalid, disabled or expired.";
        nextStep = "Create or re-enable a key in JIM and point JIM_API_KEY / JIM_API_KEY_FILE at it.";
      } else if (verdict === "not_administrator") {
        problem =
          "The API key is accepted but lacks the Administrator role, which almost every JIM endpoint needs.";
        nextStep = "Use a key created with the Administrator role's id in roleIds.";
      } else if (verdict === "unknown") {
        problem = isJimApiError(error) ? error.message : String(error);
        nextStep = isJimApiError(error) ? (error.nextStep ?? null) : null;
      }
    }
    const out = {
      configured: true,
      profile: info.name,
      url: info.url,
      keyPreview: info.keyPreview,
      reachable,
      serverVersion,
      keyAccepted,
      administrator,
      latencyMs,
      profiles,
      problem,
      nextStep,
    };
    const yesNo = (b: boolean | null) => (b === null ? "unknown" : b ? "yes" : "no");
    const text = [
      problem ? `Connection problem: ${problem}` : "Connected and ready.",
      fields([
        ["JIM", info.url],
        ["profile", info.name],
        ["key", info.keyPreview],
        ["reachable", yesNo(reachable)],
        ["server version", serverVersion],
        ["key accepted", yesNo(keyAccepted)],
        ["administrator", yesNo(administrator)],
        ["latency", latencyMs !== null ? `${latencyMs} ms` : null],
        ["profiles", profiles.join(", ")],
        ["next step", nextStep],
      ]),
    ].join("\n");
    return { structured: out, text };
  },
});
