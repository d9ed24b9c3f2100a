import * as z from "zod";
import { defineTool } from "../define.js";

export const connectionSwitch = defineTool({
  name: "connection_switch",
  title: "Switch JIM instance",
  description:
    "Connects to another JIM instance by profile name from the profiles file. Keys are never passed as arguments.",
  toolset: "connection",
  kind: "write",
  idempotent: true,
  offline: true,
  input: z.object({
    profile: z
      .string()
      .min(1)
      .max(64)
      .describe("Profile name from the profiles file (connection_status lists them)."),
  }),
  output: z.object({ profile: z.string(), url: z.string(), keyPreview: z.string().nullable() }),
  async handler({ profile }, ctx) {
    const info = await ctx.connection.switchTo(profile);
    return {
      structured: { profile: info.name, url: info.url, keyPreview: info.keyPreview },
      text: `Now using profile "${info.name}": ${info.url} (key ${info.keyPreview}). Run connection_status to verify the key.`,
    };
  },
});
