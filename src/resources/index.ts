/**
 * MCP resources: read-only views of JIM for clients that attach context instead of calling
 * tools. Each view is the text of the read tool that shows the same thing (one renderer), as
 * Markdown; the endpoint catalogue is JSON because it is reference data a client may filter.
 *
 *   jim://connected-systems                     every connected system (connected_system_list)
 *   jim://connected-systems/{id}                one system (connected_system_get)
 *   jim://connected-systems/{id}/partitions     its partitions and containers (partition_list)
 *   jim://connected-systems/{id}/run-profiles   its run profiles (run_profile_list)
 *   jim://activities/{id}                       one activity (activity_get)
 *   jim://metaverse/object-types                metaverse object types (metaverse_object_type_list)
 *   jim://api/endpoints                         JIM's REST endpoint catalogue
 *
 * `{id}` of a connected system is its number or its exact name (percent-encoded).
 */
import {
  type ListResourcesResult,
  type McpServer,
  type ReadResourceResult,
  ResourceNotFoundError,
  ResourceTemplate,
  type ServerContext,
  type Variables,
} from "@modelcontextprotocol/server";
import { completeActivityId, completeSystemId } from "../completions.js";
import { redactSecrets } from "../config.js";
import { listActivities } from "../jim/activities.js";
import { isJimApiError } from "../jim/errors.js";
import type { ActivityHeader, ConnectedSystemHeader } from "../jim/types.js";
import { toActivityRow } from "../tools/activities/activity-rows.js";
import type { ToolContext } from "../tools/define.js";
import { asIntegerId } from "../tools/resolve.js";
import type { Runtime } from "../tools/wrap.js";
import { endpointCatalogueJson } from "./endpoints.js";
import {
  activityIdOf,
  activityUri,
  findSystem,
  protocolError,
  readSystems,
  systemLookupError,
  systemUri,
  toolContextFor,
  toolText,
  variable,
} from "./shared.js";

const MD = "text/markdown";
const JSON_TYPE = "application/json";
/** How many recent activities resources/list names. */
const LISTED_ACTIVITIES = 10;

function markdown(uri: string, text: string): ReadResourceResult {
  return { contents: [{ uri, mimeType: MD, text }] };
}

/** Lists read once per resources/list request, shared by the templates' list callbacks. */
const perRequest = new WeakMap<object, Map<string, Promise<unknown>>>();
function once<T>(ctx: ServerContext, key: string, read: () => Promise<T>): Promise<T> {
  let reads = perRequest.get(ctx);
  if (!reads) {
    reads = new Map();
    perRequest.set(ctx, reads);
  }
  let p = reads.get(key);
  if (!p) {
    p = read();
    reads.set(key, p);
  }
  return p as Promise<T>;
}

/**
 * resources/list names one entry per connected system (and its parts) and the latest
 * activities. Without a JIM connection, or while JIM is unreachable, these entries are left out
 * (the fixed resources are still listed); reading a resource then says what is wrong.
 */
function listing(
  rt: Runtime,
  ctx: ServerContext,
  key: "systems" | "activities",
): Promise<ConnectedSystemHeader[] | ActivityHeader[]> {
  return once(ctx, key, async () => {
    if (!rt.connection.configured) return [];
    try {
      const jim = rt.connection.jim();
      return key === "systems"
        ? await readSystems(jim, 1, ctx.mcpReq.signal)
        : (await listActivities(jim, {}, 1, LISTED_ACTIVITIES, ctx.mcpReq.signal)).items;
    } catch (e) {
      const why = isJimApiError(e) || e instanceof Error ? e.message : String(e);
      rt.log.warn(redactSecrets(`resources/list: ${key} left out: ${why}`));
      return [];
    }
  });
}

function systemEntries(
  rt: Runtime,
  part: string,
  describe: (c: ConnectedSystemHeader) => { name: string; title: string },
) {
  return async (ctx: ServerContext): Promise<ListResourcesResult> => {
    const systems = (await listing(rt, ctx, "systems")) as ConnectedSystemHeader[];
    return {
      resources: systems.map((c) => ({ uri: systemUri(c.id, part), mimeType: MD, ...describe(c) })),
    };
  };
}

async function readSystemPart(
  rt: Runtime,
  uri: URL,
  vars: Variables,
  ctx: ServerContext,
  render: (id: number, tctx: ReturnType<typeof toolContextFor>) => Promise<string>,
): Promise<ReadResourceResult> {
  const tctx = toolContextFor(rt, ctx);
  const ref = variable(vars.id);
  const label = `reading ${uri.href}`;
  try {
    tctx.jim();
  } catch (e) {
    throw protocolError(e, label);
  }
  // A number goes straight to the tool (one request); a name is looked up first.
  const id = asIntegerId(ref) ?? (await findSystem(tctx, ref, "id", uri.href)).id;
  try {
    return markdown(uri.href, await render(id, tctx));
  } catch (e) {
    throw await systemLookupError(tctx, ref, e, label, uri.href);
  }
}

/** "Recent activities: <id> (<label>), …" — or why they could not be read. */
async function recentIds(rt: Runtime, signal: AbortSignal): Promise<string> {
  try {
    const page = await listActivities(rt.connection.jim(), {}, 1, LISTED_ACTIVITIES, signal);
    if (page.items.length === 0) return "JIM has no activities yet.";
    const rows = page.items.map((a) => {
      const row = toActivityRow(a);
      return `${a.id} (${row.target} · ${row.operation} · ${row.status})`;
    });
    return `Recent activities: ${rows.join("; ")}. Find others with activity_list.`;
  } catch {
    return "Find activity ids with activity_list.";
  }
}

export function registerResources(server: McpServer, rt: Runtime): void {
  server.registerResource(
    "connected-systems",
    "jim://connected-systems",
    {
      title: "Connected systems",
      description: "Every connected system with connector, status, object and pending-export counts.",
      mimeType: MD,
    },
    async (uri, ctx) => {
      try {
        const tctx = toolContextFor(rt, ctx);
        const text = await toolText("connected_system_list", { page: 1, pageSize: 100 }, tctx);
        return markdown(uri.href, `${text}\nOne system: jim://connected-systems/{id} (id or exact name).`);
      } catch (e) {
        throw protocolError(e, `reading ${uri.href}`);
      }
    },
  );

  // One connected system, and two views of it: each a template over the system's id or name.
  const systemViews = [
    {
      name: "connected-system",
      suffix: "",
      entry: (c: ConnectedSystemHeader) => ({ name: c.name, title: `Connected system ${c.name}` }),
      title: "Connected system",
      description:
        "One connected system (id or exact name): connector, status, counts, object types, configuration drift.",
      read: (id: number, tctx: ToolContext) =>
        toolText("connected_system_get", { connectedSystemId: id }, tctx),
    },
    {
      name: "connected-system-partitions",
      suffix: "/partitions",
      entry: (c: ConnectedSystemHeader) => ({
        name: `${c.name} partitions`,
        title: `Partitions of ${c.name}`,
      }),
      title: "Partitions and containers",
      description: "A connected system's partitions with their container trees and what is in sync scope.",
      read: (id: number, tctx: ToolContext) => toolText("partition_list", { connectedSystemId: id }, tctx),
    },
    {
      name: "connected-system-run-profiles",
      suffix: "/run-profiles",
      entry: (c: ConnectedSystemHeader) => ({
        name: `${c.name} run profiles`,
        title: `Run profiles of ${c.name}`,
      }),
      title: "Run profiles",
      description:
        "A connected system's run profiles (imports, synchronisations, exports) with ids and run types.",
      read: (id: number, tctx: ToolContext) =>
        toolText("run_profile_list", { connectedSystemId: id, page: 1, pageSize: 100 }, tctx),
    },
  ];
  for (const view of systemViews) {
    server.registerResource(
      view.name,
      new ResourceTemplate(`jim://connected-systems/{id}${view.suffix}`, {
        list: systemEntries(rt, view.suffix, view.entry),
        complete: { id: completeSystemId(rt) },
      }),
      { title: view.title, description: view.description, mimeType: MD },
      (uri, vars, ctx) => readSystemPart(rt, uri, vars, ctx, view.read),
    );
  }

  server.registerResource(
    "activity",
    new ResourceTemplate("jim://activities/{id}", {
      list: async (ctx) => {
        const items = (await listing(rt, ctx, "activities")) as ActivityHeader[];
        return {
          resources: items.map((a) => {
            const row = toActivityRow(a);
            return {
              uri: activityUri(a.id),
              name: `${row.target} · ${row.operation} · ${row.status}`,
              description: `Activity created ${row.created}`,
              mimeType: MD,
            };
          }),
        };
      },
      complete: { id: completeActivityId(rt) },
    }),
    {
      title: "Activity",
      description: "One activity (GUID): target, status and outcome, timing, messages and run statistics.",
      mimeType: MD,
    },
    async (uri, vars, ctx) => {
      const raw = variable(vars.id);
      const id = activityIdOf(raw);
      const tctx = toolContextFor(rt, ctx);
      if (!id || id.length !== raw.length) {
        throw new ResourceNotFoundError(
          redactSecrets(uri.href),
          redactSecrets(
            `"${raw}" is not an activity id; activity ids are GUIDs. ${await recentIds(rt, tctx.signal)}`,
          ),
        );
      }
      try {
        return markdown(uri.href, await toolText("activity_get", { activityId: id }, tctx));
      } catch (e) {
        if (isJimApiError(e) && e.status === 404) {
          throw protocolError(e, "activity", {
            uri: uri.href,
            message: `No activity has id ${id}. ${await recentIds(rt, tctx.signal)}`,
          });
        }
        throw protocolError(e, `reading ${uri.href}`);
      }
    },
  );

  server.registerResource(
    "metaverse-object-types",
    "jim://metaverse/object-types",
    {
      title: "Metaverse object types",
      description: "Metaverse object types with attribute counts and deletion rules.",
      mimeType: MD,
    },
    async (uri, ctx) => {
      try {
        return markdown(uri.href, await toolText("metaverse_object_type_list", {}, toolContextFor(rt, ctx)));
      } catch (e) {
        throw protocolError(e, `reading ${uri.href}`);
      }
    },
  );

  server.registerResource(
    "api-endpoints",
    "jim://api/endpoints",
    {
      title: "JIM REST endpoints",
      description:
        "The built-in catalogue of JIM's REST endpoints: method, path, summary, safety class, query and body field names.",
      mimeType: JSON_TYPE,
      // The same for every caller and fixed for the life of the server.
      cacheHint: { ttlMs: 3_600_000, cacheScope: "public" },
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: await endpointCatalogueJson() }],
    }),
  );
}
