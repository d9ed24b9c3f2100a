/** Partitions and containers: list with nested trees, select/deselect partitions, update containers. */
import type { SimContext } from "../context.js";
import { connectorDefinitionFor } from "../data/connector-definitions.js";
import { missingContainers } from "../data/schema.js";
import { toContainer, toPartition } from "../dto.js";
import { bindJsonEnum, CONTAINER_SCOPE } from "../enums.js";
import { apiError, badRequest, notFound, type Router, sendJson, validationProblem } from "../http.js";
import { flattenContainers } from "../state.js";
import { CS_BASE } from "./connected-systems.js";

/** Case-insensitive property lookup, as System.Text.Json binds incoming names. */
export function prop(body: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(body)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads an optional boolean; records a validation error for anything else. */
function optionalBool(body: Record<string, unknown>, name: string, errors: Record<string, string[]>) {
  const v = prop(body, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  errors[`$.${name}`] = [
    `The JSON value could not be converted to System.Nullable\`1[System.Boolean]. Path: $.${name}.`,
  ];
  return undefined;
}

export function register(router: Router, sim: SimContext): void {
  router.get(`${CS_BASE}/{connectedSystemId:int}/partitions`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    sendJson(
      ctx.res,
      200,
      sys.partitions.map((p) => toPartition(sys, p)),
    );
  });

  router.put(`${CS_BASE}/{connectedSystemId:int}/partitions/{partitionId:int}`, (ctx) => {
    const body = ctx.body;
    if (!isObject(body)) {
      return validationProblem(ctx.res, {
        $: ["The JSON value could not be converted to UpdateConnectedSystemPartitionRequest."],
      });
    }
    const errors: Record<string, string[]> = {};
    const selected = optionalBool(body, "selected", errors);
    if (Object.keys(errors).length > 0) return validationProblem(ctx.res, errors);
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const pid = Number(ctx.params.partitionId);
    const partition = sys.partitions.find((p) => p.id === pid);
    if (!partition) return notFound(ctx.res, `Partition with ID ${pid} not found in Connected System ${id}.`);
    if (selected !== undefined) partition.selected = selected;
    sendJson(ctx.res, 200, toPartition(sys, partition));
  });

  router.put(`${CS_BASE}/{connectedSystemId:int}/containers/{containerId:int}`, (ctx) => {
    const body = ctx.body;
    if (!isObject(body)) {
      return validationProblem(ctx.res, {
        $: ["The JSON value could not be converted to UpdateConnectedSystemContainerRequest."],
      });
    }
    const errors: Record<string, string[]> = {};
    const selected = optionalBool(body, "selected", errors);
    const excluded = optionalBool(body, "excluded", errors);
    const rawScope = prop(body, "scope");
    let scope: (typeof CONTAINER_SCOPE)[number] | undefined;
    if (rawScope !== undefined && rawScope !== null) {
      const bound = bindJsonEnum(CONTAINER_SCOPE, rawScope);
      if (bound === null) {
        errors["$.scope"] = [
          `The JSON value could not be converted to ConnectedSystemContainerScope (expected one of: ${CONTAINER_SCOPE.join(", ")}). Path: $.scope.`,
        ];
      } else scope = bound;
    }
    if (Object.keys(errors).length > 0) return validationProblem(ctx.res, errors);

    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const cid = Number(ctx.params.containerId);
    const hit = sim.state.findContainer(id, cid);
    if (!hit) return notFound(ctx.res, `Container with ID ${cid} not found in Connected System ${id}.`);
    const c = hit.container;
    const nextSelected = selected ?? c.selected;
    const nextExcluded = excluded ?? c.excluded;
    if (nextSelected && nextExcluded) {
      return apiError(
        ctx.res,
        400,
        "BAD_REQUEST",
        `Container '${c.name}' cannot be both selected and excluded. Clear one of the two flags.`,
      );
    }
    c.selected = nextSelected;
    c.excluded = nextExcluded;
    if (scope !== undefined) c.scope = scope;
    sendJson(ctx.res, 200, toContainer(sys, hit.partition, c));
  });

  router.post(`${CS_BASE}/{connectedSystemId:int}/import-hierarchy`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const def = connectorDefinitionFor(sim.state, sys.connectorId);
    if (!def?.supports.includes("Partitions")) {
      return badRequest(
        ctx.res,
        `The connector of Connected System '${sys.name}' does not support partitions.`,
      );
    }
    const added = missingContainers(sys);
    for (const m of added) {
      m.parent.children.push({
        id: sim.state.nextId("container"),
        name: m.name,
        externalId: m.externalId,
        description: null,
        hidden: false,
        selected: false,
        excluded: false,
        scope: "Subtree",
        objectCount: m.objectCount,
        children: [],
      });
    }
    if (added.length > 0) sys.lastUpdated = new Date(ctx.now).toISOString();
    sim.state.addActivity({
      created: ctx.now,
      executed: ctx.now,
      ended: ctx.now,
      targetType: "ConnectedSystem",
      targetOperationType: "ImportHierarchy",
      targetName: sys.name,
      connectedSystemId: sys.id,
      message: added.length
        ? `Hierarchy refreshed: ${added.length} added.`
        : "Hierarchy refreshed: no changes.",
      ...(ctx.principal
        ? {
            initiatedByType: "ApiKey" as const,
            initiatedByName: ctx.principal.name,
            initiatedById: ctx.principal.id,
          }
        : {}),
    });
    const totalContainers = sys.partitions.reduce((n, p) => n + flattenContainers(p.containers).length, 0);
    sendJson(ctx.res, 200, {
      success: true,
      errorMessage: null,
      totalPartitions: sys.partitions.length,
      totalContainers,
      summary: added.length ? `${added.length} added` : "No changes",
      hasChanges: added.length > 0,
      hasSelectedItemsRemoved: false,
      addedPartitions: [],
      removedPartitions: [],
      renamedPartitions: [],
      addedContainers: added.map((m) => ({
        externalId: m.externalId,
        name: m.name,
        wasSelected: false,
        itemType: "Container",
      })),
      removedContainers: [],
      renamedContainers: [],
      movedContainers: [],
    });
  });
}
