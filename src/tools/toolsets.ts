/**
 * Toolsets: static groups with a one-line description and whether they are on by
 * default. `--toolsets default|all|a,b`, `--tools` and `--exclude-tools` select
 * from them; hidden tools are not registered at all.
 */
export const TOOLSETS = [
  { id: "connection", description: "Connection status, switching profiles, disconnecting.", default: true },
  {
    id: "connected_systems",
    description: "Connected systems, partitions and containers, schema.",
    default: true,
  },
  {
    id: "run_profiles",
    description: "List and execute run profiles and wait for their runs.",
    default: true,
  },
  { id: "activities", description: "Activity history, run outcomes, progress and waits.", default: true },
] as const;

export type ToolsetId = (typeof TOOLSETS)[number]["id"];

export const TOOLSET_IDS: readonly string[] = TOOLSETS.map((t) => t.id);
export const DEFAULT_TOOLSETS: readonly string[] = TOOLSETS.filter((t) => t.default).map((t) => t.id);
