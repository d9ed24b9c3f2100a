import * as z from "zod";
import { getServerCertificate } from "../../jim/certificates.js";
import { defineTool } from "../define.js";
import { fields } from "../format/text.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";
import { fmtDate } from "../security/when.js";

export const serverCertificateGet = defineTool({
  name: "server_certificate_get",
  title: "Read a system's server certificate",
  description:
    "Connects to a connected system's server and shows the TLS certificate it presents and whether JIM trusts it; stores nothing.",
  toolset: "certificates",
  kind: "read",
  input: z.object({ connectedSystemId: connectedSystem }),
  output: z.object({
    endpoint: z.string(),
    trusted: z.boolean(),
    failureReason: z.string(),
    certificate: z.object({
      subject: z.string().nullable(),
      issuer: z.string().nullable(),
      thumbprint: z.string().nullable(),
      validTo: z.string().nullable(),
      selfSigned: z.boolean(),
      issuerThumbprint: z.string().nullable(),
      rootThumbprint: z.string().nullable(),
    }),
    readAt: z.string(),
  }),
  async handler(args, ctx) {
    const { id } = await resolveConnectedSystem(ctx, args.connectedSystemId);
    const r = await getServerCertificate(ctx.jim(), id, ctx.signal);
    const d = r.certificate;
    const trusted = d.failureReason === "None";
    const out = {
      endpoint: `${d.host}:${d.port}`,
      trusted,
      failureReason: d.failureReason,
      certificate: {
        subject: d.subject,
        issuer: d.issuer,
        thumbprint: d.thumbprint,
        validTo: d.validTo,
        selfSigned: d.isSelfSigned,
        issuerThumbprint: d.issuerThumbprint,
        rootThumbprint: d.rootThumbprint ?? null,
      },
      readAt: r.readAt,
    };
    const next = trusted
      ? "JIM already trusts this certificate."
      : d.thumbprint
        ? `To trust it, show the user the thumbprint and, if they confirm it is their server's, call server_certificate_trust with connectedSystemId ${id} and thumbprint ${d.isSelfSigned || !d.issuerThumbprint ? d.thumbprint : `${d.issuerThumbprint} (the issuing CA) or ${d.thumbprint} (this certificate only)`}.`
        : "";
    const text = [
      fields([
        ["endpoint", out.endpoint],
        ["status", trusted ? "trusted" : `NOT trusted: ${d.failureReason}`],
        ["subject", d.subject],
        ["issuer", d.isSelfSigned ? "self-signed" : d.issuer],
        ["names", d.subjectAlternativeNames?.join(", ")],
        ["valid", `${fmtDate(d.validFrom)} → ${fmtDate(d.validTo)}`],
        ["thumbprint", d.thumbprint],
        ["issuer thumbprint", d.issuerThumbprint],
        ["missing issuer", d.missingIssuer],
        ["remediation", d.remediation],
        ["read at", fmtDate(r.readAt)],
      ]),
      next,
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: out, text };
  },
});
