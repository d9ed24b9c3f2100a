/**
 * The full tool definitions, for the code that runs a tool. Here they are a static import;
 * the start-up bundle (scripts/bundle.mjs) swaps this module for one that evaluates the tool
 * modules on first use, so a server that has only listed its tools has built none of their
 * schemas. Anything that needs a definition goes through `loadTools`, never the registry.
 */
import type { AnyToolDef } from "./define.js";
import { REGISTRY } from "./registry.js";

export function loadTools(): readonly AnyToolDef[] {
  return REGISTRY;
}
