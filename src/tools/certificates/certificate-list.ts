import * as z from "zod";
import type { TrustedCertificateHeader } from "../../jim/certificates.js";
import { asPage } from "../../jim/paging.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";
import { fmtDate } from "../security/when.js";
import { expiryNote } from "./shared.js";

export const certificateList = defineTool({
  name: "certificate_list",
  title: "List trusted certificates",
  description:
    "Lists the certificates JIM trusts for TLS (CAs and servers), flagging expired and soon-expiring ones.",
  toolset: "certificates",
  kind: "read",
  input: z.object({ page, pageSize: pageSize(25) }),
  output: pagingOutput.extend({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        subject: z.string(),
        validTo: z.string(),
        daysUntilExpiry: z.number(),
        enabled: z.boolean(),
        expiry: z.string(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const data = await ctx.jim().get<unknown>("/certificates", {
      query: { page: args.page, pageSize: args.pageSize },
      signal: ctx.signal,
    });
    const env = asPage<TrustedCertificateHeader>(data, args.page, args.pageSize);
    const items = env.items.map((c) => ({
      id: c.id,
      name: c.name,
      subject: c.subject,
      validTo: c.validTo,
      daysUntilExpiry: c.daysUntilExpiry,
      enabled: c.isEnabled,
      expiry: expiryNote(c),
    }));
    const paging = pagingOf(env);
    const expired = env.items.filter((c) => c.isExpired && c.isEnabled).length;
    const soon = env.items.filter((c) => c.isExpiringSoon && c.isEnabled).length;
    const warn =
      expired || soon
        ? `Warning${env.hasNextPage ? " (this page)" : ""}: ${expired} enabled certificate(s) expired, ${soon} expiring soon. Systems whose servers chain to them will fail TLS checks; certificate_get shows details.`
        : "";
    const text = [
      table(items, [
        ["name", (c) => c.name],
        ["subject", (c) => c.subject],
        ["valid to", (c) => fmtDate(c.validTo)],
        ["expiry", (c) => c.expiry],
        ["enabled", (c) => (c.enabled ? "yes" : "no")],
        ["id", (c) => c.id],
      ]),
      pageFooter({ ...paging, shown: items.length }),
      warn,
    ]
      .filter(Boolean)
      .join("\n");
    return { structured: { ...paging, items }, text };
  },
});
