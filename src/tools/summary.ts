/**
 * What the server needs to know about a tool before anyone calls it: enough to select, list
 * and annotate it. In the bundle these come from the manifest the build wrote (the launcher
 * hands it over), so start-up evaluates no tool module; elsewhere they are read off the
 * definitions. `toolDef` gives the full definition when a tool is actually used.
 */
import { type AnyToolDef, mayBeDestructive, type ToolKind } from "./define.js";
import { loadTools } from "./load.js";
import type { ToolsetId } from "./toolsets.js";

export interface ToolSummary {
  name: string;
  title: string;
  description: string;
  toolset: ToolsetId;
  kind: ToolKind;
  idempotent?: boolean | undefined;
  offline?: boolean | undefined;
  /** Some of its calls pass the consent gate: a destructive tool, or a write tool with `destructiveWhen`. */
  gated: boolean;
  /** Its argument names, in schema order. */
  args: string[];
}

/** Set by the launcher to the build's manifest: every tool's summary, in registry order. */
export const MANIFEST_GLOBAL = "__jimMcpToolManifest";

export function summarise(def: AnyToolDef): ToolSummary {
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    toolset: def.toolset,
    kind: def.kind,
    idempotent: def.idempotent,
    offline: def.offline,
    gated: mayBeDestructive(def),
    args: Object.keys(def.input.shape),
  };
}

function fromManifest(): ToolSummary[] | undefined {
  const m = (globalThis as Record<string, unknown>)[MANIFEST_GLOBAL];
  return Array.isArray(m) && m.length > 0 ? (m as ToolSummary[]) : undefined;
}

let byName: Map<string, AnyToolDef> | undefined;
let onLoaded: ((ms: number, first: string) => void) | undefined;

/** Told once, when the definitions are first needed: how long loading them took and for what. */
export function whenToolsLoad(listener: (ms: number, first: string) => void): void {
  onLoaded = listener;
}

function definitions(neededBy: string): Map<string, AnyToolDef> {
  if (!byName) {
    const started = performance.now();
    byName = new Map(loadTools().map((d) => [d.name, d]));
    onLoaded?.(performance.now() - started, neededBy);
  }
  return byName;
}

let summaries: readonly ToolSummary[] | undefined;

/** Every tool's summary, in registry order. */
export function toolSummaries(): readonly ToolSummary[] {
  summaries ??= fromManifest() ?? [...definitions("the tool list").values()].map(summarise);
  return summaries;
}

/** The full definition of a tool (evaluating the tool modules the first time, in the bundle). */
export function toolDef(name: string): AnyToolDef {
  const def = definitions(name).get(name);
  if (!def) throw new Error(`No tool named ${name} is defined.`);
  return def;
}
