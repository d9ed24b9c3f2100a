/** Parameters and texts shared by the certificate tools. */
import type { TrustedCertificateHeader } from "../../jim/certificates.js";
import { guid } from "../params.js";

export const certificateId = guid("Certificate id (certificate_list).");

/** "expired 10 d ago" | "expires in 20 d" | "ok (300 d left)". */
export function expiryNote(
  c: Pick<TrustedCertificateHeader, "isExpired" | "isExpiringSoon" | "daysUntilExpiry">,
) {
  if (c.isExpired) return `EXPIRED ${Math.abs(c.daysUntilExpiry)} d ago`;
  if (c.isExpiringSoon) return `expires in ${c.daysUntilExpiry} d`;
  return `ok (${c.daysUntilExpiry} d left)`;
}
