/** Trusted certificates and connected systems' server certificates. */
import { type JimClient, jimPath } from "./client.js";

export type CertificateSourceType = "Uploaded" | "FilePath";

export interface TrustedCertificateHeader {
  id: string;
  name: string;
  thumbprint: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  sourceType: CertificateSourceType;
  isEnabled: boolean;
  isExpired: boolean;
  isExpiringSoon: boolean;
  daysUntilExpiry: number;
}

export interface TrustedCertificateDetail extends TrustedCertificateHeader {
  serialNumber: string;
  filePath: string | null;
  createdAt: string;
  createdBy: string | null;
  notes: string | null;
}

/** Result of `GET /certificates/{id}/validate` (read defensively: only these fields are used). */
export interface CertificateValidation {
  isValid?: boolean;
  errors?: string[];
  warnings?: string[];
}

export interface ServerCertificateChainElement {
  subject?: string | null;
  issuer?: string | null;
  thumbprint?: string | null;
  validTo?: string | null;
}

/** What a connected system's server presents (ServerCertificateDiagnostic). */
export interface ServerCertificateDiagnostic {
  host: string;
  port: number;
  failureReason: string;
  subject: string | null;
  issuer: string | null;
  subjectAlternativeNames?: string[];
  validFrom: string | null;
  validTo: string | null;
  thumbprint: string | null;
  isSelfSigned: boolean;
  issuerThumbprint: string | null;
  chain?: ServerCertificateChainElement[];
  rootThumbprint?: string | null;
  missingIssuer?: string | null;
  remediation: string | null;
}

export interface ServerCertificateResponse {
  certificate: ServerCertificateDiagnostic;
  readAt: string;
}

export interface TrustServerCertificateResponse {
  outcome: string;
  message: string | null;
  certificate: TrustedCertificateDetail | null;
  expectedThumbprint: string | null;
  presentedThumbprint: string | null;
}

const CS = "/synchronisation/connected-systems";
const what = (id: string) => `certificate ${id}`;

export function getCertificate(
  jim: JimClient,
  id: string,
  signal?: AbortSignal,
): Promise<TrustedCertificateDetail> {
  return jim.get(jimPath`/certificates/${id}`, { signal, what: what(id) });
}

export function validateCertificate(
  jim: JimClient,
  id: string,
  signal?: AbortSignal,
): Promise<CertificateValidation> {
  return jim.get(jimPath`/certificates/${id}/validate`, { signal, what: what(id) });
}

export async function deleteCertificate(
  jim: JimClient,
  id: string,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  await jim.request({
    method: "DELETE",
    path: jimPath`/certificates/${id}`,
    query: { changeReason },
    signal,
    what: what(id),
  });
}

export function getServerCertificate(
  jim: JimClient,
  connectedSystemId: number,
  signal?: AbortSignal,
): Promise<ServerCertificateResponse> {
  return jim.get(`${CS}/${connectedSystemId}/server-certificate`, {
    signal,
    what: `connected system ${connectedSystemId}`,
  });
}

export async function trustServerCertificate(
  jim: JimClient,
  connectedSystemId: number,
  body: { thumbprint: string; changeReason?: string | undefined },
  signal?: AbortSignal,
): Promise<{ status: number; data: TrustServerCertificateResponse }> {
  const r = await jim.request<TrustServerCertificateResponse>({
    method: "POST",
    path: `${CS}/${connectedSystemId}/server-certificate/trust`,
    body,
    signal,
    what: `connected system ${connectedSystemId}`,
  });
  return { status: r.status, data: r.data };
}

/** Upper-case hex with spaces and colons removed, as JIM compares thumbprints. */
export function normaliseThumbprint(t: string): string {
  return t.replace(/[\s:]/g, "").toUpperCase();
}
