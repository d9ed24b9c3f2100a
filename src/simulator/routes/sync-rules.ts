/**
 * Synchronisation rules: list with facets, get, partial PUT, mappings, scoping
 * groups, sync-rule matching rules, data flows, the expression tester and the two
 * rule previews. Previews go into the shared store (`state.ext.previews`) that the
 * operations area serves at `GET /previews/{activityId}`.
 */
import type { SimContext } from "../context.js";
import {
  actionTypeOf,
  behaviourPlan,
  data,
  dataFlows,
  destructiveTogglesPlan,
  evaluateExpression,
  type SimSyncRule,
  startPreview,
  toMapping,
  toMatchingRule,
  toScopingGroup,
  toSyncRuleHeader,
} from "../data/sync-rules.js";
import { bindJsonEnum, bindQueryEnum } from "../enums.js";
import {
  apiError,
  badRequest,
  notFound,
  paginate,
  parseGuid,
  queryBool,
  queryEnumSet,
  queryInt,
  queryValue,
  queryValues,
  type RequestContext,
  type Router,
  readPaginationRequest,
  sendJson,
  sortAndFilter,
  validationProblem,
} from "../http.js";

const SR = "/api/v1/synchronisation/sync-rules";
const DIRECTIONS = ["NotSet", "Import", "Export"] as const;
const ACTION_TYPES = ["FlowOnly", "Projects", "Provisions"] as const;
const STATUSES = ["Disabled", "Enabled"] as const;
const OUT_OF_SCOPE = ["RemainJoined", "Disconnect"] as const;
const DEPROVISION = ["Disconnect", "Delete"] as const;
const PERSISTENCE = ["Full", "Capped"] as const;

function intFacet(ctx: RequestContext, name: string, errors: Record<string, string[]>): Set<number> | null {
  const raw = queryValues(ctx.query, name).filter((v) => v !== "");
  if (raw.length === 0) return null;
  const out = new Set<number>();
  for (const v of raw) {
    if (/^\d+$/.test(v.trim())) out.add(Number(v));
    else errors[name] = [...(errors[name] ?? []), `The value '${v}' is not valid for ${name}.`];
  }
  return out;
}

function ruleOr404(ctx: RequestContext, sim: SimContext, param: string): SimSyncRule | undefined {
  const id = Number(ctx.params[param]);
  const rule = data(sim.state).rules.find((r) => r.id === id);
  if (!rule) notFound(ctx.res, `Synchronisation rule with ID ${id} not found.`);
  return rule;
}

function record(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === "object" && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** Reads an optional nullable enum from a JSON body; records a validation error for bad values. */
function jsonEnum<T extends string>(
  b: Record<string, unknown>,
  name: string,
  members: readonly T[],
  errors: Record<string, string[]>,
): T | null | undefined {
  const key = Object.keys(b).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined || b[key] === null) return undefined;
  const v = bindJsonEnum(members, b[key]);
  if (v === null) errors[`$.${name}`] = [`The JSON value could not be converted to ${name}.`];
  return v;
}

function jsonBool(
  b: Record<string, unknown>,
  name: string,
  errors: Record<string, string[]>,
): boolean | undefined {
  const key = Object.keys(b).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined || b[key] === null) return undefined;
  if (typeof b[key] !== "boolean") {
    errors[`$.${name}`] = ["The JSON value could not be converted to System.Boolean."];
    return undefined;
  }
  return b[key] as boolean;
}

function jsonString(
  b: Record<string, unknown>,
  name: string,
  errors: Record<string, string[]>,
): string | undefined {
  const key = Object.keys(b).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined || b[key] === null) return undefined;
  if (typeof b[key] !== "string") {
    errors[`$.${name}`] = ["The JSON value could not be converted to System.String."];
    return undefined;
  }
  return b[key] as string;
}

export function register(router: Router, sim: SimContext): void {
  router.get(SR, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const errors: Record<string, string[]> = {};
    const systems = intFacet(ctx, "connectedSystemIds", errors);
    const directions = queryEnumSet(ctx, "directions", DIRECTIONS, errors);
    const actions = queryEnumSet(ctx, "actionTypes", ACTION_TYPES, errors);
    const statuses = queryEnumSet(ctx, "statuses", STATUSES, errors);
    if (Object.keys(errors).length) return validationProblem(ctx.res, errors);
    const search = queryValue(ctx.query, "search")?.toLowerCase();
    const rules = data(sim.state).rules.filter(
      (r) =>
        (!systems || systems.has(r.connectedSystemId)) &&
        (!directions || directions.has(r.direction)) &&
        (!actions || actions.has(actionTypeOf(r))) &&
        (!statuses || statuses.has(r.enabled ? "Enabled" : "Disabled")) &&
        (!search || `${r.name} ${r.description ?? ""}`.toLowerCase().includes(search)),
    );
    const dtos = sortAndFilter(
      rules.map((r) => toSyncRuleHeader(sim.state, r)),
      req,
    );
    sendJson(ctx.res, 200, paginate(dtos, req.page, req.pageSize));
  });

  router.get(`${SR}/{id:int}`, (ctx) => {
    const rule = ruleOr404(ctx, sim, "id");
    if (rule) sendJson(ctx.res, 200, toSyncRuleHeader(sim.state, rule));
  });

  router.put(`${SR}/{id:int}`, (ctx) => {
    const rule = ruleOr404(ctx, sim, "id");
    if (!rule) return;
    const b = record(ctx.body);
    const errors: Record<string, string[]> = {};
    const name = jsonString(b, "name", errors);
    const description = jsonString(b, "description", errors);
    const changeReason = jsonString(b, "changeReason", errors);
    const previewActivityId = jsonString(b, "previewActivityId", errors);
    const enabled = jsonBool(b, "enabled", errors);
    const project = jsonBool(b, "projectToMetaverse", errors);
    const provision = jsonBool(b, "provisionToConnectedSystem", errors);
    const enforce = jsonBool(b, "enforceState", errors);
    const outOfScope = jsonEnum(b, "inboundOutOfScopeAction", OUT_OF_SCOPE, errors);
    const deprovision = jsonEnum(b, "outboundDeprovisionAction", DEPROVISION, errors);
    if (name !== undefined && (name.length < 1 || name.length > 200)) {
      errors.Name = [
        "The field Name must be a string with a minimum length of 1 and a maximum length of 200.",
      ];
    }
    if (description !== undefined && description.length > 1000) {
      errors.Description = ["The field Description must be a string with a maximum length of 1000."];
    }
    if (changeReason !== undefined && changeReason.length > 2000) {
      errors.ChangeReason = ["The field ChangeReason must be a string with a maximum length of 2000."];
    }
    if (previewActivityId !== undefined && !parseGuid(previewActivityId)) {
      errors["$.previewActivityId"] = ["The JSON value could not be converted to System.Guid."];
    }
    if (Object.keys(errors).length) return validationProblem(ctx.res, errors);
    if (project === true && rule.direction !== "Import") {
      return badRequest(ctx.res, "Only import synchronisation rules can project to the Metaverse.");
    }
    if (provision === true && rule.direction !== "Export") {
      return badRequest(ctx.res, "Only export synchronisation rules can provision to a Connected System.");
    }
    if (name !== undefined) {
      const clash = data(sim.state).rules.find(
        (r) => r.id !== rule.id && r.name.toLowerCase() === name.toLowerCase(),
      );
      if (clash) return badRequest(ctx.res, `A synchronisation rule named '${name}' already exists.`);
      rule.name = name;
    }
    if (description !== undefined) rule.description = description.trim() === "" ? null : description;
    if (enabled !== undefined) rule.enabled = enabled;
    if (project !== undefined && rule.direction === "Import") rule.projectToMetaverse = project;
    if (provision !== undefined && rule.direction === "Export") rule.provisionToConnectedSystem = provision;
    if (enforce !== undefined) rule.enforceState = enforce;
    if (outOfScope) rule.inboundOutOfScopeAction = outOfScope;
    if (deprovision) rule.outboundDeprovisionAction = deprovision;
    sim.state.addActivity({
      targetType: "SynchronisationRule",
      targetOperationType: "Update",
      targetName: rule.name,
      message: changeReason
        ? `Synchronisation rule updated: ${changeReason}`
        : "Synchronisation rule updated.",
      initiatedByType: "ApiKey",
      initiatedById: ctx.principal?.id ?? null,
      initiatedByName: ctx.principal?.name ?? null,
    });
    sendJson(ctx.res, 200, toSyncRuleHeader(sim.state, rule));
  });

  const startPreviewRoute = (kind: "destructive-toggles" | "behaviour") => (ctx: RequestContext) => {
    const rule = ruleOr404(ctx, sim, "syncRuleId");
    if (!rule) return;
    const b = record(ctx.body);
    const errors: Record<string, string[]> = {};
    jsonEnum(b, "deltaPersistence", PERSISTENCE, errors);
    let plan: ReturnType<typeof destructiveTogglesPlan>;
    if (kind === "destructive-toggles") {
      const outboundDeprovisionAction = jsonEnum(b, "outboundDeprovisionAction", DEPROVISION, errors);
      const inboundOutOfScopeAction = jsonEnum(b, "inboundOutOfScopeAction", OUT_OF_SCOPE, errors);
      if (Object.keys(errors).length) return validationProblem(ctx.res, errors);
      plan = destructiveTogglesPlan(sim.state, rule, { outboundDeprovisionAction, inboundOutOfScopeAction });
    } else {
      jsonEnum(b, "direction", DIRECTIONS, errors);
      const body = {
        enabled: jsonBool(b, "enabled", errors),
        projectToMetaverse: jsonBool(b, "projectToMetaverse", errors),
        provisionToConnectedSystem: jsonBool(b, "provisionToConnectedSystem", errors),
        enforceState: jsonBool(b, "enforceState", errors),
      };
      if (Object.keys(errors).length) return validationProblem(ctx.res, errors);
      plan = behaviourPlan(sim.state, rule, body);
    }
    const start = startPreview(sim.state, rule, plan, ctx.now);
    sendJson(ctx.res, 202, start, { location: `/api/v1/previews/${start.activityId}` });
  };
  router.post(
    `${SR}/{syncRuleId:int}/destructive-toggles/preview`,
    startPreviewRoute("destructive-toggles"),
    {
      body: "json",
    },
  );
  router.post(`${SR}/{syncRuleId:int}/behaviour/preview`, startPreviewRoute("behaviour"), { body: "json" });

  router.get(`${SR}/{syncRuleId:int}/mappings`, (ctx) => {
    const rule = ruleOr404(ctx, sim, "syncRuleId");
    if (rule)
      sendJson(
        ctx.res,
        200,
        rule.mappings.map((m) => toMapping(sim.state, rule, m)),
      );
  });

  router.get(`${SR}/{syncRuleId:int}/scoping-criteria`, (ctx) => {
    const rule = ruleOr404(ctx, sim, "syncRuleId");
    if (rule)
      sendJson(
        ctx.res,
        200,
        [...rule.scoping]
          .sort((a, b) => a.position - b.position)
          .map((g) => toScopingGroup(sim.state, rule, g)),
      );
  });

  router.get(`${SR}/{syncRuleId:int}/matching-rules`, (ctx) => {
    const rule = ruleOr404(ctx, sim, "syncRuleId");
    if (rule)
      sendJson(
        ctx.res,
        200,
        [...rule.matchingRules]
          .sort((a, b) => a.order - b.order)
          .map((m) => toMatchingRule(sim.state, rule, m)),
      );
  });

  router.get("/api/v1/synchronisation/data-flows", (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const errors: Record<string, string[]> = {};
    const rawDirection = queryValue(ctx.query, "direction");
    const direction = rawDirection === undefined ? undefined : bindQueryEnum(DIRECTIONS, rawDirection);
    if (direction === null) errors.direction = [`The value '${rawDirection}' is not valid for Direction.`];
    const ints: Record<string, number | undefined> = {};
    for (const name of [
      "connectedSystemId",
      "connectedSystemObjectTypeId",
      "metaverseObjectTypeId",
      "connectedSystemAttributeId",
      "metaverseAttributeId",
    ]) {
      const v = queryInt(ctx.query, name);
      if (v === null) errors[name] = [`The value '${queryValue(ctx.query, name)}' is not valid for ${name}.`];
      else ints[name] = v;
    }
    const multiple = queryBool(ctx.query, "multipleContributorsOnly");
    if (multiple === null)
      errors.multipleContributorsOnly = ["The value is not valid for MultipleContributorsOnly."];
    if (Object.keys(errors).length) return validationProblem(ctx.res, errors);
    const search = queryValue(ctx.query, "search")?.toLowerCase();
    const flows = dataFlows(sim.state).filter((f) => {
      if (direction && f.direction !== direction) return false;
      if (ints.connectedSystemId !== undefined && f.connectedSystemId !== ints.connectedSystemId)
        return false;
      if (
        ints.connectedSystemObjectTypeId !== undefined &&
        f.connectedSystemObjectTypeId !== ints.connectedSystemObjectTypeId
      )
        return false;
      if (ints.metaverseObjectTypeId !== undefined && f.metaverseObjectTypeId !== ints.metaverseObjectTypeId)
        return false;
      const csAttr = ints.connectedSystemAttributeId;
      if (
        csAttr !== undefined &&
        f.targetConnectedSystemAttributeId !== csAttr &&
        !f.sources.some((s) => s.connectedSystemAttributeId === csAttr)
      )
        return false;
      const mvAttr = ints.metaverseAttributeId;
      if (
        mvAttr !== undefined &&
        f.targetMetaverseAttributeId !== mvAttr &&
        !f.sources.some((s) => s.metaverseAttributeId === mvAttr)
      )
        return false;
      if (multiple && !f.hasMultipleContributors) return false;
      if (search) {
        const text = [
          f.syncRuleName,
          f.connectedSystemName,
          f.targetMetaverseAttributeName,
          f.targetConnectedSystemAttributeName,
          ...f.sources.map((s) => s.displayName),
        ]
          .join(" ")
          .toLowerCase();
        if (!text.includes(search)) return false;
      }
      return true;
    });
    sendJson(ctx.res, 200, paginate(sortAndFilter(flows, req), req.page, req.pageSize));
  });

  router.post(
    "/api/v1/synchronisation/test-expression",
    (ctx) => {
      const b = record(ctx.body);
      const errors: Record<string, string[]> = {};
      const expression = jsonString(b, "expression", errors);
      const bag = (name: string): Record<string, unknown> => {
        const key = Object.keys(b).find((k) => k.toLowerCase() === name.toLowerCase());
        const v = key === undefined ? null : b[key];
        if (v === null || v === undefined) return {};
        if (typeof v !== "object" || Array.isArray(v)) {
          errors[`$.${name}`] = ["The JSON value could not be converted to a dictionary."];
          return {};
        }
        return v as Record<string, unknown>;
      };
      const mv = bag("mvAttributes");
      const cs = bag("csAttributes");
      if (Object.keys(errors).length) return validationProblem(ctx.res, errors);
      if (expression === undefined || expression.trim() === "") {
        return apiError(ctx.res, 400, "BAD_REQUEST", "Expression is required.");
      }
      sendJson(ctx.res, 200, evaluateExpression(expression, mv, cs));
    },
    { body: "json" },
  );
}
