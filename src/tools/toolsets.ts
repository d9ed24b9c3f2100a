/**
 * Toolsets: static groups with a one-line description and whether they are on by
 * default. `--toolsets default|all|a,b`, `--tools` and `--exclude-tools` select
 * from them; hidden tools are not registered at all. The order here is the
 * order of `tools/list`.
 */
export const TOOLSETS = [
  { id: "connection", description: "Check, switch and close the JIM connection.", default: true },
  {
    id: "health",
    description: "One-call answers: is sync healthy, and why an activity failed.",
    default: true,
  },
  {
    id: "connected_systems",
    description: "Connected systems, partitions and containers (sync scope).",
    default: true,
  },
  { id: "connector_space", description: "Connector-space objects and pending exports.", default: true },
  {
    id: "run_profiles",
    description: "Run profiles: list, run and wait, create, change, delete.",
    default: true,
  },
  {
    id: "activities",
    description: "Activity history, run outcomes and errors, waits, worker tasks.",
    default: true,
  },
  {
    id: "metaverse",
    description: "Metaverse object types, attributes, objects and pending deletions.",
    default: true,
  },
  {
    id: "api",
    description: "Search JIM's endpoint catalogue and call any endpoint (the long tail).",
    default: true,
  },
  {
    id: "schema",
    description:
      "Connector definitions, schema object types, schema and hierarchy import, clearing a connector space.",
    default: false,
  },
  {
    id: "sync_rules",
    description: "Synchronisation rules, mappings, scoping, matching rules, data flow.",
    default: false,
  },
  { id: "schedules", description: "Schedules and their steps, run now, executions.", default: false },
  { id: "security", description: "API keys and security roles.", default: false },
  {
    id: "certificates",
    description: "Trusted certificates and connected systems' server certificates.",
    default: false,
  },
  { id: "settings", description: "Service settings.", default: false },
  { id: "history", description: "Deleted-object history and retention cleanup.", default: false },
  {
    id: "operations",
    description: "Logs, predefined searches, example data, expression tests, change previews.",
    default: false,
  },
] as const;

export type ToolsetId = (typeof TOOLSETS)[number]["id"];

export const TOOLSET_IDS: readonly string[] = TOOLSETS.map((t) => t.id);
export const DEFAULT_TOOLSETS: readonly string[] = TOOLSETS.filter((t) => t.default).map((t) => t.id);
