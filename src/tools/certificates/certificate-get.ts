import * as z from "zod";
import { getCertificate, validateCertificate } from "../../jim/certificates.js";
import { defineTool } from "../define.js";
import { fields } from "../format/text.js";
import { fmtDate } from "../security/when.js";
import { certificateId, expiryNote } from "./shared.js";

export const certificateGet = defineTool({
  name: "certificate_get",
  title: "Get a trusted certificate",
  description: "Shows one trusted certificate with JIM's validation result (expiry, chain, enabled state).",
  toolset: "certificates",
  kind: "read",
  input: z.object({ id: certificateId }),
  output: z.object({
    certificate: z.object({
      id: z.string(),
      name: z.string(),
      subject: z.string(),
      issuer: z.string(),
      thumbprint: z.string(),
      serialNumber: z.string(),
      validFrom: z.string(),
      validTo: z.string(),
      daysUntilExpiry: z.number(),
      enabled: z.boolean(),
      source: z.string(),
      notes: z.string().nullable(),
    }),
    validation: z.object({
      isValid: z.boolean(),
      errors: z.array(z.string()),
      warnings: z.array(z.string()),
    }),
  }),
  async handler(args, ctx) {
    const jim = ctx.jim();
    const [c, v] = await Promise.all([
      getCertificate(jim, args.id, ctx.signal),
      validateCertificate(jim, args.id, ctx.signal),
    ]);
    const validation = {
      isValid: v.isValid ?? !(v.errors ?? []).length,
      errors: v.errors ?? [],
      warnings: v.warnings ?? [],
    };
    const certificate = {
      id: c.id,
      name: c.name,
      subject: c.subject,
      issuer: c.issuer,
      thumbprint: c.thumbprint,
      serialNumber: c.serialNumber,
      validFrom: c.validFrom,
      validTo: c.validTo,
      daysUntilExpiry: c.daysUntilExpiry,
      enabled: c.isEnabled,
      source: c.sourceType === "FilePath" ? `file ${c.filePath ?? "?"}` : c.sourceType,
      notes: c.notes,
    };
    const text = [
      fields([
        ["certificate", `${c.name} (id ${c.id})`],
        ["subject", c.subject],
        ["issuer", c.issuer === c.subject ? "self-signed" : c.issuer],
        ["thumbprint", c.thumbprint],
        ["valid", `${fmtDate(c.validFrom)} → ${fmtDate(c.validTo)} — ${expiryNote(c)}`],
        ["enabled", c.isEnabled ? "yes" : "no (JIM ignores it)"],
        ["source", certificate.source],
        ["added", `${fmtDate(c.createdAt)}${c.createdBy ? ` by ${c.createdBy}` : ""}`],
        ["notes", c.notes],
      ]),
      `validation: ${validation.isValid ? "valid" : "NOT valid"}`,
      ...validation.errors.map((e) => `- error: ${e}`),
      ...validation.warnings.map((w) => `- warning: ${w}`),
    ].join("\n");
    return { structured: { certificate, validation }, text };
  },
});
