/**
 * Service settings: list, get, override (PUT), revert (DELETE). The controller sends
 * its 400/404 errors with an empty code.
 */
import type { SimContext } from "../context.js";
import { data, findSetting, normalise, setOverride, settingDto } from "../data/settings.js";
import { apiError, type RequestContext, type Router, sendJson, validationProblem } from "../http.js";

const BASE = "/api/v1/service-settings";

export function register(router: Router, sim: SimContext): void {
  const state = sim.state;

  const find = (ctx: RequestContext) => {
    const setting = findSetting(state, ctx.params.key as string);
    if (!setting) apiError(ctx.res, 404, "", `Service setting '${ctx.params.key}' not found.`);
    return setting;
  };

  router.get(BASE, (ctx) => {
    sendJson(ctx.res, 200, data(state).settings.map(settingDto));
  });

  router.get(`${BASE}/{key}`, (ctx) => {
    const setting = find(ctx);
    if (setting) sendJson(ctx.res, 200, settingDto(setting));
  });

  router.put(`${BASE}/{key}`, (ctx) => {
    const b = ctx.body;
    if (typeof b !== "object" || b === null || Array.isArray(b)) {
      return validationProblem(ctx.res, { $: ["The request body must be a JSON object."] });
    }
    const rec = b as Record<string, unknown>;
    const errors: Record<string, string[]> = {};
    if (rec.value !== undefined && rec.value !== null && typeof rec.value !== "string") {
      errors["$.value"] = ["The JSON value could not be converted to System.String."];
    }
    const reason = rec.changeReason;
    if (reason !== undefined && reason !== null && (typeof reason !== "string" || reason.length > 1000)) {
      errors.ChangeReason = ["ChangeReason must be a string of at most 1000 characters."];
    }
    if (Object.keys(errors).length > 0) return validationProblem(ctx.res, errors);
    const setting = find(ctx);
    if (!setting) return;
    if (setting.isReadOnly) {
      return apiError(ctx.res, 400, "", `Service setting '${setting.key}' is read-only.`);
    }
    if (typeof rec.value !== "string") {
      return apiError(
        ctx.res,
        400,
        "",
        "A value is required. To go back to the default, revert the setting.",
      );
    }
    const n = normalise(setting, rec.value);
    if ("error" in n) return apiError(ctx.res, 400, "", n.error);
    setOverride(state, setting, n.value);
    sendJson(ctx.res, 200, settingDto(setting));
  });

  router.delete(`${BASE}/{key}`, (ctx) => {
    const setting = find(ctx);
    if (!setting) return;
    if (setting.isReadOnly) {
      return apiError(ctx.res, 400, "", `Service setting '${setting.key}' is read-only.`);
    }
    setOverride(state, setting, null);
    sendJson(ctx.res, 200, settingDto(setting));
  });
}
