/** GET /userinfo — any authenticated caller. API keys have no Metaverse identity, so JIM reports authorised:false. */
import type { SimContext } from "../context.js";
import { type Router, sendJson } from "../http.js";

export function register(router: Router, _sim: SimContext): void {
  router.get(
    "/api/v1/userinfo",
    (ctx) => {
      const p = ctx.principal;
      sendJson(ctx.res, 200, {
        authorised: false,
        isAdministrator: false,
        name: p?.name ?? null,
        authMethod: "api_key",
        metaverseObjectId: null,
        roles: [...(p?.roles ?? []), "User"],
        message:
          "API keys are not linked to a Metaverse identity, so this endpoint cannot report their rights; the key's roles decide what it may do.",
      });
    },
    { auth: "authenticated" },
  );
}
