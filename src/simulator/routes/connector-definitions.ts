/** Connector definitions: list (bare array), detail by id and by name (both 404 when unknown). */
import type { SimContext } from "../context.js";
import {
  ALL_CAPABILITIES,
  connectorDefinitions,
  type SimConnectorDefinition,
} from "../data/connector-definitions.js";
import { notFound, type Router, sendJson } from "../http.js";
import type { SimState } from "../state.js";

export const DEFS_BASE = "/api/v1/synchronisation/connector-definitions";

function inUse(state: SimState, d: SimConnectorDefinition): boolean {
  return state.connectedSystems.some((s) => s.connectorId === d.id);
}

function toHeader(state: SimState, d: SimConnectorDefinition) {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    builtIn: d.builtIn,
    created: d.created,
    lastUpdated: d.lastUpdated,
    files: d.files.length,
    versions: d.version,
    inUse: inUse(state, d),
  };
}

function toDetail(d: SimConnectorDefinition) {
  const capabilities: Record<string, boolean> = {};
  for (const c of ALL_CAPABILITIES) capabilities[`supports${c}`] = d.supports.includes(c);
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    url: d.url,
    builtIn: d.builtIn,
    created: d.created,
    createdByName: d.builtIn ? "JIM" : "Alex Morgan",
    lastUpdated: d.lastUpdated,
    lastUpdatedByName: d.lastUpdated ? "JIM" : null,
    settings: d.settings,
    files: d.files.map((filename, i) => ({
      id: d.id * 10 + i,
      filename,
      version: d.version,
      fileSizeBytes: 180_000 + i * 52_000,
      implementsIConnector: i === 0,
      implementsICapabilities: i === 0,
      implementsISchema: i === 0,
      implementsISettings: i === 0,
      implementsIExportUsingCalls: i === 0 && d.supports.includes("Export") && d.id !== 1,
      implementsIExportUsingFiles: i === 0 && d.id === 1,
      implementsIImportUsingCalls: i === 0 && d.id !== 1,
      implementsIImportUsingFiles: i === 0 && d.id === 1,
    })),
    ...capabilities,
    schemaStandard: d.schemaStandard,
  };
}

export function register(router: Router, sim: SimContext): void {
  router.get(DEFS_BASE, (ctx) => {
    sendJson(
      ctx.res,
      200,
      connectorDefinitions(sim.state).map((d) => toHeader(sim.state, d)),
    );
  });

  router.get(`${DEFS_BASE}/{id:int}`, (ctx) => {
    const id = Number(ctx.params.id);
    const d = connectorDefinitions(sim.state).find((x) => x.id === id);
    if (!d) return notFound(ctx.res, `Connector definition with ID ${id} not found.`);
    sendJson(ctx.res, 200, toDetail(d));
  });

  router.get(`${DEFS_BASE}/by-name/{name}`, (ctx) => {
    const name = ctx.params.name ?? "";
    const d = connectorDefinitions(sim.state).find((x) => x.name === name);
    if (!d) return notFound(ctx.res, `Connector definition '${name}' not found.`);
    sendJson(ctx.res, 200, toDetail(d));
  });
}
