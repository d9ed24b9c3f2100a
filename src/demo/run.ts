/**
 * `npm run demo`: starts the built server in demo mode (the built-in JIM
 * simulator — not a real JIM) and drives it with a real MCP client over stdio,
 * printing a readable transcript.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const here = dirname(fileURLToPath(import.meta.url));
// This file runs from dist/lib/demo/; the server is the bundle's launcher, dist/cli.js.
const cli = join(here, "..", "..", "cli.js");

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

function say(s = "") {
  process.stdout.write(`${s}\n`);
}

function textOf(result: { content?: Array<{ type: string; text?: string }> }): string {
  return (result.content ?? [])
    .filter((c) => c.type === "text")
    .map((c) => c.text ?? "")
    .join("\n");
}

interface Container {
  id: number;
  name: string;
  selected: boolean;
  excluded?: boolean;
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

async function main() {
  say(bold("jim-mcp demo"));
  say(
    dim(
      "The server runs with --demo: it talks to a built-in JIM simulator with sample data, not a real JIM.",
    ),
  );
  say();

  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, "--demo", "--log-level", "warn"],
    stderr: "pipe",
  });
  const client = new Client(
    { name: "jim-mcp-demo", version: "1.0.0" },
    { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: "2026-07-28" } } },
  );
  // The "human" in this demo declines the one destructive change it is asked about.
  client.setRequestHandler("elicitation/create", async (req) => {
    const msg = (req.params as { message?: string }).message ?? "";
    say(indent(`${bold("? The server asks the user:")} ${msg.split("\n")[0]}`));
    say(indent(dim("(the demo user answers: no)")));
    return { action: "decline" };
  });
  await client.connect(transport);
  const { tools } = await client.listTools();
  say(
    `${bold("Connected")} over stdio, protocol ${client.getProtocolEra?.() === "modern" ? "2026-07-28" : "2025-11-25"}; ${tools.length} tools offered.`,
  );
  say();

  const step = async (
    title: string,
    name: string,
    args: Record<string, unknown>,
    opts: { progress?: boolean } = {},
  ) => {
    say(bold(`▶ ${title}`));
    say(dim(`  ${name} ${JSON.stringify(args)}`));
    const result = await client.callTool(
      { name, arguments: args },
      opts.progress
        ? {
            onprogress: (p) =>
              say(indent(dim(`… ${p.message ?? ""}${p.total ? ` (${Math.round(p.progress)}%)` : ""}`))),
            resetTimeoutOnProgress: true,
          }
        : {},
    );
    say(indent(textOf(result as never)));
    say();
    return result;
  };

  await step("Is the connection healthy?", "connection_status", {});
  const health = await step("Is synchronisation healthy? (one call)", "sync_health", {});
  const worst = (
    (health.structuredContent ?? {}) as { problems?: Array<{ activityId: string | null }> }
  ).problems?.find((p) => p.activityId);
  if (worst?.activityId) {
    await step("Why did the worst run go wrong?", "activity_explain", { activityId: worst.activityId });
  }
  await step("Which systems does JIM synchronise?", "connected_system_list", {});
  const tree = await step("What is in scope on the directory?", "partition_list", { connectedSystemId: 2 });
  const containers =
    (
      (tree.structuredContent ?? {}) as {
        partitions?: Array<{ containers: Array<Container> }>;
      }
    ).partitions?.flatMap((p) => p.containers) ?? [];
  const pick = (want: (c: Container) => boolean) => containers.find(want);
  // An OU left out of a selected subtree: including it again brings its objects into scope.
  const toInclude = pick((c) => c.excluded === true);
  const toDrop = pick((c) => c.selected && c.name === "Users") ?? pick((c) => c.selected);
  if (toInclude) {
    await step(`Bring the excluded ${toInclude.name} OU back into scope`, "container_set_selection", {
      connectedSystemId: 2,
      containerId: toInclude.id,
      excluded: false,
    });
  }
  if (toDrop) {
    await step(
      `Try to take the whole ${toDrop.name} OU out of scope (destructive: the user is asked)`,
      "container_set_selection",
      {
        connectedSystemId: 2,
        containerId: toDrop.id,
        selected: false,
      },
    );
  }
  await step(
    "Run a full import of the directory and wait for it",
    "run_profile_execute",
    { connectedSystemId: "Corporate Directory", runProfileId: "Full Import", timeoutSeconds: 50 },
    { progress: true },
  );
  await client.close();
  say(dim("Demo finished. Point an MCP client at `jim-mcp --demo` (see mcp.json) to explore further."));
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
