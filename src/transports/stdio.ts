/** MCP over stdio: both protocol eras, one pinned server instance per connection. Logs go to stderr. */
import type { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import type { Logger } from "../log.js";

export function startStdio(factory: () => McpServer, log: Logger): { close(): Promise<void> } {
  return serveStdio(factory, { onerror: (e) => log.warn(`stdio transport: ${e.message}`) });
}
