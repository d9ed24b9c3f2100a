/** Anonymous health probes (never rate-limited) and the anonymous auth bootstrap. */
import type { SimContext } from "../context.js";
import { type Router, sendJson } from "../http.js";

export function register(router: Router, sim: SimContext): void {
  const open = { auth: "anonymous", rateLimited: false } as const;
  router.get(
    "/api/v1/health",
    (ctx) => sendJson(ctx.res, 200, { status: "healthy", timestamp: iso() }),
    open,
  );
  router.get(
    "/api/v1/health/ready",
    (ctx) => sendJson(ctx.res, 200, { status: "ready", timestamp: iso() }),
    open,
  );
  router.get(
    "/api/v1/health/live",
    (ctx) => sendJson(ctx.res, 200, { status: "alive", timestamp: iso() }),
    open,
  );
  router.get(
    "/api/v1/health/version",
    (ctx) => sendJson(ctx.res, 200, { product: "JIM", version: sim.state.version }),
    open,
  );
  // The simulator has no identity provider: JIM answers 503 when SSO is not configured.
  router.get(
    "/api/v1/auth/config",
    (ctx) =>
      sendJson(ctx.res, 503, {
        error: "sso_not_configured",
        message: "Single sign-on is not configured on this JIM instance. Use an API key.",
        timestamp: iso(),
      }),
    { auth: "anonymous" },
  );
}

function iso(): string {
  return new Date().toISOString();
}
