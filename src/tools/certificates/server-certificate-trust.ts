import * as z from "zod";
import {
  getServerCertificate,
  normaliseThumbprint,
  type ServerCertificateDiagnostic,
  trustServerCertificate,
} from "../../jim/certificates.js";
import { getConnectedSystem } from "../../jim/connected-systems.js";
import { defineTool } from "../define.js";
import { changeReason, connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";
import { fmtDate } from "../security/when.js";

/** Which certificate in what the server presents a thumbprint names, if any. */
function findInChain(d: ServerCertificateDiagnostic, thumbprint: string) {
  const want = normaliseThumbprint(thumbprint);
  const chain = d.chain?.length
    ? d.chain
    : [{ subject: d.subject, issuer: d.issuer, thumbprint: d.thumbprint, validTo: d.validTo }];
  const hit = chain.find((c) => c.thumbprint && normaliseThumbprint(c.thumbprint) === want);
  if (hit) return hit;
  if (d.issuerThumbprint && normaliseThumbprint(d.issuerThumbprint) === want) {
    return { subject: d.issuer, issuer: null, thumbprint: d.issuerThumbprint, validTo: null };
  }
  return undefined;
}

export const serverCertificateTrust = defineTool({
  name: "server_certificate_trust",
  title: "Trust a server certificate",
  description: "Trusts the certificate a connected system's server presents, or its CA, in JIM's store.",
  toolset: "certificates",
  kind: "destructive",
  input: z.object({
    connectedSystemId: connectedSystem,
    thumbprint: z.string().max(200).describe("Thumbprint the user checked (server_certificate_get)."),
    changeReason,
  }),
  output: z.object({ outcome: z.string(), certificateId: z.string().nullable() }),
  check(args) {
    const hex = args.thumbprint.replace(/[\s:]/g, "");
    return /^[0-9A-Fa-f]{40,128}$/.test(hex)
      ? undefined
      : "thumbprint must be hex (40+ digits; spaces and colons allowed).";
  },
  async consent(args, ctx) {
    const jim = ctx.jim();
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const [cs, r] = await Promise.all([
      getConnectedSystem(jim, id, ctx.signal),
      getServerCertificate(jim, id, ctx.signal),
    ]);
    const d = r.certificate;
    const hit = findInChain(d, args.thumbprint);
    const which =
      hit && hit.thumbprint !== d.thumbprint ? `the CA '${hit.subject}' that issued it` : "this certificate";
    return {
      summary: `Trust ${which} for '${cs.name}'? ${d.host}:${d.port} presents '${d.subject}' (issued by ${d.isSelfSigned ? "itself" : `'${d.issuer}'`}, expires ${fmtDate(d.validTo)}). JIM will then accept TLS connections from any server whose certificate chains to it.`,
      preview: {
        connectedSystem: `${cs.name} (id ${cs.id})`,
        endpoint: `${d.host}:${d.port}`,
        subject: d.subject,
        issuer: d.issuer,
        validTo: fmtDate(d.validTo),
        presentedThumbprint: d.thumbprint,
        trusting: hit ? `${hit.subject} (${hit.thumbprint})` : null,
        currentStatus: d.failureReason === "None" ? "already trusted" : d.failureReason,
      },
      blockedReason: hit
        ? undefined
        : `The thumbprint ${args.thumbprint} matches nothing ${d.host}:${d.port} presents now (its certificate is ${d.thumbprint}${d.issuerThumbprint ? `, issuer ${d.issuerThumbprint}` : ""}). The server's certificate may have changed: read it again with server_certificate_get and have the user check it.`,
    };
  },
  async handler(args, ctx) {
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const { status, data } = await trustServerCertificate(
      ctx.jim(),
      id,
      { thumbprint: args.thumbprint, changeReason: args.changeReason },
      ctx.signal,
    );
    const out = { outcome: data.outcome, certificateId: data.certificate?.id ?? null };
    const text = [
      `${data.outcome}${status === 201 ? " (added to the store)" : ""}: ${data.message ?? ""}`.trim(),
      data.certificate
        ? `Certificate '${data.certificate.name}' (id ${data.certificate.id}, expires ${fmtDate(data.certificate.validTo)}). server_certificate_get shows the result.`
        : "",
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: out, text };
  },
});
