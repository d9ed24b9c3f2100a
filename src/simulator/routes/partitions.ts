/** Partitions and containers: list with nested trees, select/deselect partitions, update containers. */
import type { SimContext } from "../context.js";
import { toContainer, toPartition } from "../dto.js";
import { bindJsonEnum, CONTAINER_SCOPE } from "../enums.js";
import { apiError, notFound, type Router, sendJson, validationProblem } from "../http.js";
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
}
