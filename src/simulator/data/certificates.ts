/**
 * Certificate sample data: JIM's trusted store (one healthy CA, one expiring soon,
 * one expired and disabled) and what each connected system's server presents.
 */
import { randomUUID } from "node:crypto";
import type { SimState } from "../state.js";

export interface SimCertificate {
  id: string;
  name: string;
  thumbprint: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  sourceType: "Uploaded" | "FilePath";
  filePath: string | null;
  isEnabled: boolean;
  createdAt: string;
  createdBy: string | null;
  notes: string | null;
}

/** The certificate a system's server presents over TLS. */
export interface SimServerCertificate {
  host: string;
  port: number;
  subject: string;
  issuer: string;
  subjectAlternativeNames: string[];
  validFrom: string;
  validTo: string;
  thumbprint: string;
  serialNumber: string;
  isSelfSigned: boolean;
  /** Trusted-store thumbprint of the issuing CA when JIM has it, else null. */
  issuerThumbprint: string | null;
}

export interface CertificatesData {
  certificates: SimCertificate[];
  /** By connected system id; systems missing here are not configured for TLS. */
  servers: Map<number, SimServerCertificate>;
  /** Systems whose server does not answer (502). */
  unreachable: Set<number>;
}

export const ROOT_CA_ID = "1c6e0f3a-2b4d-4a8e-9f1b-7d3c5e2a4b60";
export const ISSUING_CA_ID = "2d7f1a4b-3c5e-4b9f-8a2c-8e4d6f3b5c71";
export const LEGACY_CA_ID = "3e8a2b5c-4d6f-4caf-9b3d-9f5e7a4c6d82";
export const DC_THUMBPRINT = "4F2A9C1D7E3B5A8F0C6D2E9B1A7F3C5D8E0B4A6C";

const DAY = 86_400_000;
const EXPIRING_SOON_DAYS = 30;

function build(): CertificatesData {
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY).toISOString();
  const certificates: SimCertificate[] = [
    {
      id: ROOT_CA_ID,
      name: "Corporate Root CA",
      thumbprint: "A1B2C3D4E5F60718293A4B5C6D7E8F9011223344",
      subject: "CN=Corporate Root CA, O=Example Corp, C=GB",
      issuer: "CN=Corporate Root CA, O=Example Corp, C=GB",
      serialNumber: "1A2B3C4D5E6F",
      validFrom: at(-3 * 365),
      validTo: at(7 * 365),
      sourceType: "Uploaded",
      filePath: null,
      isEnabled: true,
      createdAt: at(-400),
      createdBy: "Alex Morgan",
      notes: "Root of the internal PKI.",
    },
    {
      id: ISSUING_CA_ID,
      name: "Corporate Issuing CA 2024",
      thumbprint: "B2C3D4E5F60718293A4B5C6D7E8F901122334455",
      subject: "CN=Corporate Issuing CA 2024, O=Example Corp, C=GB",
      issuer: "CN=Corporate Root CA, O=Example Corp, C=GB",
      serialNumber: "2B3C4D5E6F70",
      validFrom: at(-700),
      validTo: at(20),
      sourceType: "Uploaded",
      filePath: null,
      isEnabled: true,
      createdAt: at(-380),
      createdBy: "Alex Morgan",
      notes: "Renewal due: the 2026 issuing CA replaces it.",
    },
    {
      id: LEGACY_CA_ID,
      name: "Legacy Partner CA",
      thumbprint: "C3D4E5F60718293A4B5C6D7E8F90112233445566",
      subject: "CN=Partner Services CA, O=Partner Ltd",
      issuer: "CN=Partner Services CA, O=Partner Ltd",
      serialNumber: "00FF11EE22DD",
      validFrom: at(-1500),
      validTo: at(-10),
      sourceType: "FilePath",
      filePath: "certificates/legacy-partner-ca.cer",
      isEnabled: false,
      createdAt: at(-1400),
      createdBy: null,
      notes: null,
    },
  ];
  const servers = new Map<number, SimServerCertificate>([
    [
      2,
      {
        host: "dc01.corp.example.com",
        port: 636,
        subject: "CN=dc01.corp.example.com",
        issuer: "CN=dc01.corp.example.com",
        subjectAlternativeNames: ["dc01.corp.example.com", "corp.example.com"],
        validFrom: at(-100),
        validTo: at(265),
        thumbprint: DC_THUMBPRINT,
        serialNumber: "5C0FFEE0DC01",
        isSelfSigned: true,
        issuerThumbprint: null,
      },
    ],
    [
      3,
      {
        host: "learning.example.com",
        port: 443,
        subject: "CN=learning.example.com",
        issuer: "CN=Corporate Issuing CA 2024, O=Example Corp, C=GB",
        subjectAlternativeNames: ["learning.example.com"],
        validFrom: at(-200),
        validTo: at(15),
        thumbprint: "D4E5F60718293A4B5C6D7E8F9011223344556677",
        serialNumber: "7E57AB1E0003",
        isSelfSigned: false,
        issuerThumbprint: "B2C3D4E5F60718293A4B5C6D7E8F901122334455",
      },
    ],
  ]);
  return { certificates, servers, unreachable: new Set() };
}

export function data(state: SimState): CertificatesData {
  if (!state.ext.certificates) state.ext.certificates = build();
  return state.ext.certificates as CertificatesData;
}

/** Upper-case hex without spaces or colons. */
export function normaliseThumbprint(t: string): string {
  return t.replace(/[\s:]/g, "").toUpperCase();
}

function expiry(validTo: string, now: number) {
  const days = Math.floor((Date.parse(validTo) - now) / DAY);
  const isExpired = Date.parse(validTo) < now;
  return { isExpired, isExpiringSoon: !isExpired && days <= EXPIRING_SOON_DAYS, daysUntilExpiry: days };
}

export function headerDto(c: SimCertificate, now = Date.now()) {
  return {
    id: c.id,
    name: c.name,
    thumbprint: c.thumbprint,
    subject: c.subject,
    issuer: c.issuer,
    validFrom: c.validFrom,
    validTo: c.validTo,
    sourceType: c.sourceType,
    isEnabled: c.isEnabled,
    ...expiry(c.validTo, now),
  };
}

export function detailDto(c: SimCertificate, now = Date.now()) {
  const { isExpired, isExpiringSoon, daysUntilExpiry } = expiry(c.validTo, now);
  return {
    id: c.id,
    name: c.name,
    thumbprint: c.thumbprint,
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    validFrom: c.validFrom,
    validTo: c.validTo,
    sourceType: c.sourceType,
    filePath: c.filePath,
    isEnabled: c.isEnabled,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    notes: c.notes,
    isExpired,
    isExpiringSoon,
    daysUntilExpiry,
  };
}

/** The validation result: expiry and chain checks as errors and warnings. */
export function validate(state: SimState, c: SimCertificate, now = Date.now()) {
  const { isExpired, isExpiringSoon, daysUntilExpiry } = expiry(c.validTo, now);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (isExpired) errors.push(`The certificate expired on ${c.validTo.slice(0, 10)}.`);
  if (Date.parse(c.validFrom) > now)
    errors.push(`The certificate is not valid before ${c.validFrom.slice(0, 10)}.`);
  if (isExpiringSoon) warnings.push(`The certificate expires in ${daysUntilExpiry} days.`);
  if (!c.isEnabled) warnings.push("The certificate is disabled, so JIM does not use it.");
  const selfSigned = c.subject === c.issuer;
  if (!selfSigned && !data(state).certificates.some((x) => x.subject === c.issuer && x.isEnabled)) {
    warnings.push(`The issuer '${c.issuer}' is not in the trusted store.`);
  }
  return { isValid: errors.length === 0, errors, warnings };
}

/** What the server presents, judged against the current store (ServerCertificateResponse). */
export function serverCertificateDto(state: SimState, server: SimServerCertificate, now = Date.now()) {
  const store = data(state).certificates.filter((c) => c.isEnabled);
  const trusted = store.some(
    (c) =>
      normaliseThumbprint(c.thumbprint) === normaliseThumbprint(server.thumbprint) ||
      (server.issuerThumbprint !== null &&
        normaliseThumbprint(c.thumbprint) === normaliseThumbprint(server.issuerThumbprint)),
  );
  const expired = Date.parse(server.validTo) < now;
  const failureReason = expired ? "Expired" : trusted ? "None" : "UntrustedIssuer";
  const chain = [
    {
      subject: server.subject,
      issuer: server.issuer,
      thumbprint: server.thumbprint,
      validTo: server.validTo,
      isSelfSigned: server.isSelfSigned,
    },
  ];
  if (server.issuerThumbprint) {
    const ca = data(state).certificates.find((c) => c.thumbprint === server.issuerThumbprint);
    if (ca) {
      chain.push({
        subject: ca.subject,
        issuer: ca.issuer,
        thumbprint: ca.thumbprint,
        validTo: ca.validTo,
        isSelfSigned: ca.subject === ca.issuer,
      });
    }
  }
  const root = chain.at(-1)!;
  return {
    certificate: {
      host: server.host,
      port: server.port,
      failureReason,
      subject: server.subject,
      issuer: server.issuer,
      subjectAlternativeNames: server.subjectAlternativeNames,
      validFrom: server.validFrom,
      validTo: server.validTo,
      thumbprint: server.thumbprint,
      signatureAlgorithm: "sha256RSA",
      isSelfSigned: server.isSelfSigned,
      issuerThumbprint: server.issuerThumbprint,
      isIssuerCertificateAvailable: server.issuerThumbprint !== null,
      chain,
      isChainComplete: root.isSelfSigned,
      missingIssuer: root.isSelfSigned ? null : root.issuer,
      rootThumbprint: root.isSelfSigned ? root.thumbprint : null,
      rootSubject: root.isSelfSigned ? root.subject : null,
      remediation:
        failureReason === "UntrustedIssuer"
          ? "Add this certificate, or the authority that issued it, to the JIM certificate store."
          : failureReason === "Expired"
            ? "Ask the server's owner to renew its certificate."
            : null,
      isExpired: expired,
      isNotYetValid: Date.parse(server.validFrom) > now,
    },
    readAt: new Date(now).toISOString(),
  };
}

/** Adds a presented certificate to the store (used by the trust route). */
export function addFromServer(
  state: SimState,
  server: SimServerCertificate,
  by: string | null,
): SimCertificate {
  const cert: SimCertificate = {
    id: randomUUID(),
    name: server.host,
    thumbprint: server.thumbprint,
    subject: server.subject,
    issuer: server.issuer,
    serialNumber: server.serialNumber,
    validFrom: server.validFrom,
    validTo: server.validTo,
    sourceType: "Uploaded",
    filePath: null,
    isEnabled: true,
    createdAt: new Date().toISOString(),
    createdBy: by,
    notes: `Trusted from the server at ${server.host}:${server.port}.`,
  };
  data(state).certificates.push(cert);
  return cert;
}
