/**
 * Security roles and API keys. Keys are managed on `state.apiKeys`, the same list
 * the auth layer checks. The API keys controller sends errors with an empty code.
 */
import { randomUUID } from "node:crypto";
import type { SimContext } from "../context.js";
import { apiKeyDto, data, metaOf, newKeyValue, roleDto } from "../data/security.js";
import {
  apiError,
  notFound,
  type RequestContext,
  type Router,
  sendEmpty,
  sendJson,
  validationProblem,
} from "../http.js";

const KEYS = "/api/v1/apikeys";
const ROLES = "/api/v1/security/roles";

interface KeyBody {
  name: string;
  description: string | null;
  roleIds: number[];
  expiresAt: string | null;
  isEnabled: boolean;
}

/** Binds an ApiKeyCreate/UpdateRequestDto; sends the 400 itself and returns null on failure. */
function readKeyBody(ctx: RequestContext, withEnabled: boolean): KeyBody | null {
  const b = ctx.body;
  if (typeof b !== "object" || b === null || Array.isArray(b)) {
    validationProblem(ctx.res, { $: ["The request body must be a JSON object."] });
    return null;
  }
  const rec = b as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  const str = (k: string) => (rec[k] === undefined || rec[k] === null ? null : rec[k]);
  const name = str("name");
  if (name !== null && typeof name !== "string") errors["$.name"] = ["The JSON value is not a string."];
  const description = str("description");
  if (description !== null && typeof description !== "string") {
    errors["$.description"] = ["The JSON value is not a string."];
  }
  const roleIds = rec.roleIds ?? [];
  if (!Array.isArray(roleIds) || roleIds.some((x) => typeof x !== "number" || !Number.isInteger(x))) {
    errors["$.roleIds"] = ["The JSON value could not be converted to a list of integers."];
  }
  const expiresAt = str("expiresAt");
  if (expiresAt !== null && (typeof expiresAt !== "string" || Number.isNaN(Date.parse(expiresAt)))) {
    errors["$.expiresAt"] = ["The JSON value is not a valid date and time."];
  }
  const enabled = rec.isEnabled;
  if (withEnabled && enabled !== undefined && typeof enabled !== "boolean") {
    errors["$.isEnabled"] = ["The JSON value is not a boolean."];
  }
  const reason = str("changeReason");
  if (reason !== null && (typeof reason !== "string" || reason.length > 1000)) {
    errors.ChangeReason = ["ChangeReason must be a string of at most 1000 characters."];
  }
  if (Object.keys(errors).length > 0) {
    validationProblem(ctx.res, errors);
    return null;
  }
  if (typeof name !== "string" || name.trim() === "") {
    apiError(ctx.res, 400, "", "API key name is required");
    return null;
  }
  return {
    name,
    description: description as string | null,
    roleIds: roleIds as number[],
    expiresAt: expiresAt === null ? null : new Date(expiresAt as string).toISOString(),
    // Full replacement: an omitted isEnabled disables the key (a JIM quirk kept on purpose).
    isEnabled: withEnabled ? enabled === true : true,
  };
}

export function register(router: Router, sim: SimContext): void {
  const state = sim.state;

  /** JIM records when and from where a key was last used. */
  const touch = (ctx: RequestContext) => {
    const key = state.apiKeys.find((k) => k.id === ctx.principal?.id);
    if (!key) return;
    const m = metaOf(state, key);
    m.lastUsedAt = new Date(ctx.now).toISOString();
    m.lastUsedFromIp = "127.0.0.1";
  };

  const roleNames = (ctx: RequestContext, ids: number[]): string[] | null => {
    const roles = data(state).roles;
    const found = ids.map((id) => roles.find((r) => r.id === id));
    if (found.some((r) => r === undefined)) {
      apiError(ctx.res, 400, "", "One or more role IDs are invalid");
      return null;
    }
    return [...new Set(found.map((r) => r!.name))];
  };

  const findKey = (ctx: RequestContext) => {
    const key = state.apiKeys.find((k) => k.id.toLowerCase() === ctx.params.id);
    if (!key) apiError(ctx.res, 404, "", `API key not found: ${ctx.params.id}`);
    return key;
  };

  // -- roles -------------------------------------------------------------------

  router.get(ROLES, (ctx) => {
    touch(ctx);
    sendJson(
      ctx.res,
      200,
      data(state).roles.map((r) => roleDto(state, r)),
    );
  });

  router.get(`${ROLES}/{roleId:int}`, (ctx) => {
    const role = data(state).roles.find((r) => r.id === Number(ctx.params.roleId));
    if (!role) return notFound(ctx.res, `Role with ID ${ctx.params.roleId} not found.`);
    sendJson(ctx.res, 200, roleDto(state, role));
  });

  router.get(`${ROLES}/{roleId:int}/members`, (ctx) => {
    const id = Number(ctx.params.roleId);
    if (!data(state).roles.some((r) => r.id === id)) {
      return notFound(ctx.res, `Role with ID ${ctx.params.roleId} not found.`);
    }
    const members = data(state)
      .members.filter((m) => m.roleIds.includes(id))
      .map((m) => ({ id: m.id, displayName: m.displayName, type: m.type }));
    sendJson(ctx.res, 200, members);
  });

  // -- API keys ----------------------------------------------------------------

  router.get(KEYS, (ctx) => {
    data(state);
    touch(ctx);
    sendJson(
      ctx.res,
      200,
      state.apiKeys.map((k) => apiKeyDto(state, k)),
    );
  });

  router.get(`${KEYS}/{id:guid}`, (ctx) => {
    data(state);
    touch(ctx);
    const key = findKey(ctx);
    if (key) sendJson(ctx.res, 200, apiKeyDto(state, key));
  });

  router.post(
    KEYS,
    (ctx) => {
      data(state);
      touch(ctx);
      const body = readKeyBody(ctx, false);
      if (!body) return;
      const roles = roleNames(ctx, body.roleIds);
      if (!roles) return;
      const value = newKeyValue();
      const key = {
        id: randomUUID(),
        key: value,
        name: body.name,
        roles,
        enabled: true,
        expiresAt: body.expiresAt,
      };
      state.apiKeys.push(key);
      const m = metaOf(state, key);
      m.description = body.description;
      m.createdAt = new Date(ctx.now).toISOString();
      sendJson(ctx.res, 201, { ...apiKeyDto(state, key), key: value }, { location: `${KEYS}/${key.id}` });
    },
    { body: "json" },
  );

  router.put(`${KEYS}/{id:guid}`, (ctx) => {
    data(state);
    touch(ctx);
    const body = readKeyBody(ctx, true);
    if (!body) return;
    const key = findKey(ctx);
    if (!key) return;
    const roles = roleNames(ctx, body.roleIds);
    if (!roles) return;
    key.name = body.name;
    key.roles = roles;
    key.enabled = body.isEnabled;
    key.expiresAt = body.expiresAt;
    metaOf(state, key).description = body.description;
    sendJson(ctx.res, 200, apiKeyDto(state, key));
  });

  router.delete(`${KEYS}/{id:guid}`, (ctx) => {
    data(state);
    touch(ctx);
    const key = findKey(ctx);
    if (!key) return;
    state.apiKeys.splice(state.apiKeys.indexOf(key), 1);
    data(state).meta.delete(key.id);
    sendEmpty(ctx.res, 204);
  });
}
