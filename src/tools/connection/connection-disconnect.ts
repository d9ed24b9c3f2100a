import * as z from "zod";
import { defineTool } from "../define.js";

export const connectionDisconnect = defineTool({
  name: "connection_disconnect",
  title: "Disconnect from JIM",
  description: "Closes the JIM connection; JIM tools then refuse until connection_switch is called.",
  toolset: "connection",
  kind: "write",
  idempotent: true,
  offline: true,
  input: z.object({}),
  output: z.object({ disconnected: z.boolean(), previous: z.string().nullable() }),
  async handler(_args, ctx) {
    const prev = await ctx.connection.disconnect();
    return {
      structured: { disconnected: true, previous: prev ? `${prev.name} (${prev.url})` : null },
      text: prev
        ? `Disconnected from ${prev.url} (${prev.name}).${ctx.exposes("connection_switch") ? ` Reconnect with connection_switch {"profile":"${prev.name}"}.` : ""}`
        : "There was no connection to close.",
    };
  },
});
