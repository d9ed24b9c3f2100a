/** tools/list as a client sees it, for a given configuration, without a JIM. */
import { Client } from "@modelcontextprotocol/client";
import { InMemoryTransport, type Tool } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import type { ServerConfig } from "../src/config.js";
import { silentLogger } from "../src/log.js";
import { createRuntime, createServerFactory } from "../src/server.js";
import { baseConfig } from "./fixtures.js";

export async function listTools(
  overrides: Partial<ServerConfig> = {},
  era: "modern" | "legacy" = "modern",
): Promise<Tool[]> {
  const rt = createRuntime(baseConfig(overrides), silentLogger);
  const [c, s] = InMemoryTransport.createLinkedPair();
  const handle = serveStdio(createServerFactory(rt), { transport: s });
  const client = new Client(
    { name: "listing", version: "1" },
    { versionNegotiation: { mode: era === "modern" ? { pin: "2026-07-28" } : "legacy" } },
  );
  await client.connect(c);
  const { tools } = await client.listTools();
  await client.close();
  await handle.close();
  return tools as Tool[];
}
