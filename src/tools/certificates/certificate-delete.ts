import * as z from "zod";
import { deleteCertificate, getCertificate } from "../../jim/certificates.js";
import { defineTool } from "../define.js";
import { changeReason } from "../params.js";
import { fmtDate } from "../security/when.js";
import { certificateId, expiryNote } from "./shared.js";

export const certificateDelete = defineTool({
  name: "certificate_delete",
  title: "Remove a trusted certificate",
  description: "Removes a certificate from JIM's trusted store.",
  toolset: "certificates",
  kind: "destructive",
  input: z.object({ id: certificateId, changeReason }),
  output: z.object({ id: z.string(), name: z.string() }),
  async consent(args, ctx) {
    const c = await getCertificate(ctx.jim(), args.id, ctx.signal);
    return {
      summary: `Remove trusted certificate '${c.name}' (${c.subject}, ${expiryNote(c)}) from JIM's store? TLS connections to servers whose certificates chain to it will fail from the next run; this cannot be undone (it can be added again from its file).`,
      preview: {
        name: c.name,
        subject: c.subject,
        issuer: c.issuer,
        thumbprint: c.thumbprint,
        validTo: fmtDate(c.validTo),
        enabled: c.isEnabled,
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const c = await getCertificate(jim, args.id, ctx.signal);
    await deleteCertificate(jim, args.id, args.changeReason, ctx.signal);
    return {
      structured: { id: c.id, name: c.name },
      text: `Removed '${c.name}' (thumbprint ${c.thumbprint}) from JIM's trusted certificates.`,
    };
  },
});
