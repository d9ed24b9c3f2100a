/**
 * Connected-system schema: object types with attributes, schema refresh preview
 * (nothing saved) and schema import (applied; synchronous, 200 with the system).
 */
import type { ConnectedSystemObjectType } from "../../jim/types.js";
import type { SimContext } from "../context.js";
import { applySchema, diffHasChanges, remoteSchemaPatch, schemaDiff } from "../data/schema.js";
import { toSystemDetail } from "../dto.js";
import { badRequest, notFound, type Router, sendJson, validationProblem } from "../http.js";
import type { SimConnectedSystem, SimObjectType } from "../state.js";
import { CS_BASE } from "./connected-systems.js";
import { isObject, prop } from "./partitions.js";

export function toObjectType(t: SimObjectType): ConnectedSystemObjectType {
  return {
    id: t.id,
    name: t.name,
    created: t.created,
    selected: t.selected,
    removeContributedAttributesOnObsoletion: t.removeContributedAttributesOnObsoletion,
    attributeCount: t.attributes.length,
    tags: [],
    isInternal: t.isInternal,
    attributes: t.attributes.map((a) => ({ ...a })),
  };
}

function refreshResult(sys: SimConnectedSystem) {
  const diff = schemaDiff(sys);
  const removedTotal = Object.values(diff.removedAttributes).flat().length;
  const changedTotal = Object.values(diff.changedAttributes).flat().length;
  const patch = remoteSchemaPatch(sys);
  const addedTypeAttrs = patch.addTypes
    .filter((t) => diff.addedObjectTypes.includes(t.name))
    .reduce((n, t) => n + t.attributes.length, 0);
  return {
    success: true,
    errorMessage: null,
    totalObjectTypes: sys.objectTypes.length + diff.addedObjectTypes.length,
    totalAttributes:
      sys.objectTypes.reduce((n, t) => n + t.attributes.length, 0) +
      Object.values(diff.addedAttributes).flat().length +
      addedTypeAttrs,
    addedObjectTypes: diff.addedObjectTypes,
    removedObjectTypes: [] as string[],
    updatedObjectTypes: diff.updatedObjectTypes,
    addedAttributes: diff.addedAttributes,
    removedAttributes: diff.removedAttributes,
    changedAttributes: diff.changedAttributes,
    attributesInUse: diff.attributesInUse,
    blockedCredentialAttributes: {} as Record<string, string[]>,
    discoveryWarnings: diff.warnings,
    passwordPolicyDiscovered: sys.connectorId === 2,
    hasChanges: diffHasChanges(diff),
    hasRemovalsOrDefinitionChanges: removedTotal + changedTotal > 0,
  };
}

function refuseUnreadable(sys: SimConnectedSystem): string | null {
  if (!sys.settingValuesValid) {
    return `Cannot read the schema of Connected System '${sys.name}': its connector settings are not valid.`;
  }
  return null;
}

export function register(router: Router, sim: SimContext): void {
  router.get(`${CS_BASE}/{connectedSystemId:int}/object-types`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    sendJson(ctx.res, 200, sys.objectTypes.map(toObjectType));
  });

  router.get(`${CS_BASE}/{connectedSystemId:int}/object-types/{objectTypeId:int}`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const otId = Number(ctx.params.objectTypeId);
    const t = sys.objectTypes.find((x) => x.id === otId);
    if (!t) return notFound(ctx.res, `Object type with ID ${otId} not found in Connected System ${id}.`);
    sendJson(ctx.res, 200, toObjectType(t));
  });

  router.post(`${CS_BASE}/{connectedSystemId:int}/import-schema/preview`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const refused = refuseUnreadable(sys);
    if (refused) return badRequest(ctx.res, refused);
    sendJson(ctx.res, 200, refreshResult(sys));
  });

  router.post(
    `${CS_BASE}/{connectedSystemId:int}/import-schema`,
    (ctx) => {
      const body = ctx.body;
      let disable = false;
      let remove = false;
      if (body !== undefined && body !== null) {
        if (!isObject(body)) {
          return validationProblem(ctx.res, {
            $: ["The JSON value could not be converted to ImportConnectedSystemSchemaRequest."],
          });
        }
        const errors: Record<string, string[]> = {};
        for (const name of ["disableDependents", "removeDependents"]) {
          const v = prop(body, name);
          if (v === undefined || v === null) continue;
          if (typeof v !== "boolean") {
            errors[`$.${name}`] = [
              `The JSON value could not be converted to System.Boolean. Path: $.${name}.`,
            ];
          } else if (name === "disableDependents") disable = v;
          else remove = v;
        }
        if (Object.keys(errors).length > 0) return validationProblem(ctx.res, errors);
      }
      const id = Number(ctx.params.connectedSystemId);
      const sys = sim.state.getConnectedSystem(id);
      if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
      if (disable && remove) {
        return badRequest(ctx.res, "disableDependents and removeDependents cannot both be set; choose one.");
      }
      const refused = refuseUnreadable(sys);
      if (refused) return badRequest(ctx.res, refused);
      const diff = applySchema(sim.state, sys, remove, ctx.now);
      const removed = Object.entries(diff.removedAttributes).flatMap(([t, names]) =>
        names.map((n) => `${t}.${n}`),
      );
      const by = ctx.principal
        ? {
            initiatedByType: "ApiKey" as const,
            initiatedByName: ctx.principal.name,
            initiatedById: ctx.principal.id,
          }
        : {};
      sim.state.addActivity({
        created: ctx.now,
        executed: ctx.now,
        ended: ctx.now,
        targetType: "ConnectedSystem",
        targetOperationType: "ImportSchema",
        targetName: sys.name,
        connectedSystemId: sys.id,
        message: diffHasChanges(diff)
          ? `Schema refreshed: ${diff.addedObjectTypes.length} object type(s) added, ${diff.updatedObjectTypes.length} updated.${disable && Object.keys(diff.attributesInUse).length ? " Dependent synchronisation rules were disabled." : ""}`
          : "Schema refreshed: no changes.",
        ...by,
      });
      if (remove && removed.length > 0) {
        sim.state.addActivity({
          created: ctx.now,
          executed: ctx.now,
          ended: ctx.now,
          targetType: "ConnectedSystem",
          targetOperationType: "SchemaRefreshRemoval",
          targetName: sys.name,
          connectedSystemId: sys.id,
          message: `Removed ${removed.length} attribute(s) no longer reported by the system, with their values: ${removed.join(", ")}.`,
          ...by,
        });
      }
      sendJson(ctx.res, 200, toSystemDetail(sys));
    },
    { body: "optional-json" },
  );
}
