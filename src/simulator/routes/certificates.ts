/**
 * Trusted certificates (paged list, detail, validate, delete) and connected systems'
 * server certificates (read, trust). GET and validate answer 404 with a bare ProblemDetails.
 */
import type { SimContext } from "../context.js";
import {
  addFromServer,
  data,
  detailDto,
  headerDto,
  normaliseThumbprint,
  serverCertificateDto,
  validate,
} from "../data/certificates.js";
import {
  apiError,
  notFound,
  paginate,
  problem,
  type RequestContext,
  type Router,
  readPaginationRequest,
  sendEmpty,
  sendJson,
  sortAndFilter,
  validationProblem,
} from "../http.js";

const BASE = "/api/v1/certificates";
const CS = "/api/v1/synchronisation/connected-systems";

export function register(router: Router, sim: SimContext): void {
  const state = sim.state;
  const byId = (ctx: RequestContext) => data(state).certificates.find((c) => c.id === ctx.params.id);

  router.get(BASE, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const headers = data(state).certificates.map((c) => headerDto(c, ctx.now));
    const list = sortAndFilter(headers, req);
    sendJson(ctx.res, 200, paginate(list, req.page, req.pageSize));
  });

  router.get(`${BASE}/enabled`, (ctx) => {
    const list = data(state).certificates.filter((c) => c.isEnabled);
    sendJson(
      ctx.res,
      200,
      list.map((c) => headerDto(c, ctx.now)),
    );
  });

  router.get(`${BASE}/{id:guid}`, (ctx) => {
    const c = byId(ctx);
    if (!c) return problem(ctx.res, 404, "Not Found");
    sendJson(ctx.res, 200, detailDto(c, ctx.now));
  });

  router.get(`${BASE}/{id:guid}/validate`, (ctx) => {
    const c = byId(ctx);
    if (!c) return problem(ctx.res, 404, "Not Found");
    sendJson(ctx.res, 200, validate(state, c, ctx.now));
  });

  router.delete(`${BASE}/{id:guid}`, (ctx) => {
    const c = byId(ctx);
    if (!c) return notFound(ctx.res, `Certificate with ID ${ctx.params.id} not found.`);
    const list = data(state).certificates;
    list.splice(list.indexOf(c), 1);
    sendEmpty(ctx.res, 204);
  });

  // -- server certificates of connected systems ------------------------------------

  /** Resolves the system and its TLS endpoint; sends the error itself and returns null. */
  const server = (ctx: RequestContext, trust: boolean) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = state.getConnectedSystem(id);
    if (!sys) {
      notFound(ctx.res, `Connected System with ID ${id} not found.`);
      return null;
    }
    const presented = data(state).servers.get(id);
    if (!presented) {
      const message = `Connected System '${sys.name}' is not configured for an encrypted connection.`;
      if (trust) sendJson(ctx.res, 400, trustResponse("NotConfiguredForSecureConnection", message));
      else apiError(ctx.res, 400, "BAD_REQUEST", message);
      return null;
    }
    if (data(state).unreachable.has(id)) {
      const message = `Could not connect to ${presented.host}:${presented.port}.`;
      if (trust) sendJson(ctx.res, 502, trustResponse("ServerUnreachable", message));
      else apiError(ctx.res, 502, "BAD_REQUEST", message);
      return null;
    }
    return { sys, presented };
  };

  router.get(`${CS}/{connectedSystemId:int}/server-certificate`, (ctx) => {
    const hit = server(ctx, false);
    if (hit) sendJson(ctx.res, 200, serverCertificateDto(state, hit.presented, ctx.now));
  });

  router.post(
    `${CS}/{connectedSystemId:int}/server-certificate/trust`,
    (ctx) => {
      const b = ctx.body;
      if (typeof b !== "object" || b === null || Array.isArray(b)) {
        return validationProblem(ctx.res, { $: ["The request body must be a JSON object."] });
      }
      const rec = b as Record<string, unknown>;
      if (rec.thumbprint !== undefined && rec.thumbprint !== null && typeof rec.thumbprint !== "string") {
        return validationProblem(ctx.res, { "$.thumbprint": ["The JSON value is not a string."] });
      }
      if (typeof rec.thumbprint !== "string" || rec.thumbprint.trim() === "") {
        return apiError(ctx.res, 400, "VALIDATION_ERROR", "A thumbprint is required.");
      }
      const hit = server(ctx, true);
      if (!hit) return;
      const wanted = normaliseThumbprint(rec.thumbprint);
      const dto = serverCertificateDto(state, hit.presented, ctx.now);
      const candidates = dto.certificate.chain.map((c) => normaliseThumbprint(c.thumbprint));
      if (!candidates.includes(wanted)) {
        return sendJson(ctx.res, 409, {
          ...trustResponse(
            "ThumbprintMismatch",
            `The server at ${hit.presented.host}:${hit.presented.port} does not present a certificate with that thumbprint.`,
          ),
          expectedThumbprint: rec.thumbprint,
          presentedThumbprint: hit.presented.thumbprint,
        });
      }
      const existing = data(state).certificates.find((c) => normaliseThumbprint(c.thumbprint) === wanted);
      if (existing) {
        if (!existing.isEnabled) existing.isEnabled = true;
        return sendJson(ctx.res, 200, {
          ...trustResponse("AlreadyTrusted", `'${existing.name}' is already in the JIM certificate store.`),
          certificate: detailDto(existing, ctx.now),
        });
      }
      const added = addFromServer(state, hit.presented, ctx.principal?.name ?? null);
      sendJson(ctx.res, 201, {
        ...trustResponse("Trusted", `The certificate presented by ${hit.presented.host} is now trusted.`),
        certificate: detailDto(added, ctx.now),
      });
    },
    { body: "json" },
  );
}

function trustResponse(outcome: string, message: string) {
  return { outcome, message, certificate: null, expectedThumbprint: null, presentedThumbprint: null };
}
