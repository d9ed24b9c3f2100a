/** certificates toolset: the trusted store and connected systems' server certificates. */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { DC_THUMBPRINT, ISSUING_CA_ID, LEGACY_CA_ID } from "../../simulator/data/certificates.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const UNKNOWN = "0f0f0f0f-1111-4222-8333-444455556666";
const req = (rig: Rig) => rig.sim.requests.map((q) => ({ method: q.method, path: q.path, query: q.query }));

describe("certificate_list", () => {
  it("pages the store and flags expired and soon-expiring certificates", async () => {
    r = await rig();
    const res = await r.call("certificate_list", { pageSize: 10 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([
      { method: "GET", path: "/api/v1/certificates", query: { page: "1", pageSize: "10" } },
    ]);
    expect(res.structuredContent).toMatchObject({ page: 1, pageSize: 10, totalCount: 3, hasNextPage: false });
    const t = text(res);
    expect(t).toMatch(/Corporate Issuing CA 2024 .* expires in \d+ d/);
    expect(t).toMatch(/Legacy Partner CA .* EXPIRED \d+ d ago .* no/);
    expect(t).toMatch(/all 3 shown/);
    expect(t).toMatch(/Warning: 0 enabled certificate\(s\) expired, 1 expiring soon/);
  });

  it("says where the next page is", async () => {
    r = await rig();
    const res = await r.call("certificate_list", { pageSize: 2 });
    expect(text(res)).toMatch(/showing 1–2 of 3 — next: page=2/);
    expect(text(res)).toMatch(/Warning \(this page\)/);
  });

  it("an out-of-range page size is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("certificate_list", { pageSize: 0 });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("certificate_get", () => {
  it("shows the detail with the validation result", async () => {
    r = await rig();
    const res = await r.call("certificate_get", { id: LEGACY_CA_ID });
    expect(res.isError, text(res)).toBeFalsy();
    expect(
      req(r)
        .map((q) => q.path)
        .sort(),
    ).toEqual([`/api/v1/certificates/${LEGACY_CA_ID}`, `/api/v1/certificates/${LEGACY_CA_ID}/validate`]);
    expect(res.structuredContent).toMatchObject({
      certificate: {
        name: "Legacy Partner CA",
        enabled: false,
        source: "file certificates/legacy-partner-ca.cer",
      },
      validation: { isValid: false },
    });
    expect(text(res)).toMatch(/validation: NOT valid\n- error: The certificate expired on/);
    expect(text(res)).toMatch(/- warning: The certificate is disabled/);
  });

  it("unknown id: JIM's bare ProblemDetails 404 becomes a readable error", async () => {
    r = await rig();
    const res = await r.call("certificate_get", { id: UNKNOWN });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404 · GET \/certificates\/0f0f0f0f-1111-4222-8333-444455556666/);
    expect(text(res)).toMatch(
      /Next step: Check that certificate 0f0f0f0f-1111-4222-8333-444455556666 exists/,
    );
  });

  it("a malformed id is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("certificate_get", { id: "not-a-guid" });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("certificate_delete", () => {
  it("asks first, naming the certificate and the impact", async () => {
    r = await rig();
    const res = await r.call("certificate_delete", { id: ISSUING_CA_ID });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /Remove trusted certificate 'Corporate Issuing CA 2024' \(CN=Corporate Issuing CA 2024/,
    );
    expect(text(res)).toMatch(/TLS connections to servers whose certificates chain to it will fail/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("allow policy: deletes with the change reason as a query parameter", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("certificate_delete", { id: LEGACY_CA_ID, changeReason: "expired" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests().map((q) => ({ method: q.method, path: q.path, query: q.query }))).toEqual(
      [
        {
          method: "DELETE",
          path: `/api/v1/certificates/${LEGACY_CA_ID}`,
          query: { changeReason: "expired" },
        },
      ],
    );
    const list = await r.call("certificate_list", {});
    expect(list.structuredContent).toMatchObject({ totalCount: 2 });
  });

  it("unknown id: 404, nothing deleted", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("certificate_delete", { id: UNKNOWN });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("server_certificate_get", () => {
  it("shows what the server presents and how to trust it", async () => {
    r = await rig();
    const res = await r.call("server_certificate_get", { connectedSystemId: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([
      { method: "GET", path: "/api/v1/synchronisation/connected-systems/2/server-certificate", query: {} },
    ]);
    expect(res.structuredContent).toMatchObject({
      endpoint: "dc01.corp.example.com:636",
      trusted: false,
      failureReason: "UntrustedIssuer",
      certificate: { thumbprint: DC_THUMBPRINT, selfSigned: true },
    });
    expect(text(res)).toMatch(/status: NOT trusted: UntrustedIssuer/);
    expect(text(res)).toMatch(
      new RegExp(`server_certificate_trust with connectedSystemId 2 and thumbprint ${DC_THUMBPRINT}`),
    );
  });

  it("a system without TLS: JIM's 400 explains", async () => {
    r = await rig();
    const res = await r.call("server_certificate_get", { connectedSystemId: 1 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/not configured for an encrypted connection/);
    expect(text(res)).toMatch(/HTTP 400 BAD_REQUEST/);
  });

  it("unknown system: 404", async () => {
    r = await rig();
    const res = await r.call("server_certificate_get", { connectedSystemId: 99 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404 NOT_FOUND/);
  });
});

describe("server_certificate_trust", () => {
  it("asks first, showing subject, issuer and expiry", async () => {
    r = await rig();
    const res = await r.call("server_certificate_trust", { connectedSystemId: 2, thumbprint: DC_THUMBPRINT });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /Trust this certificate for 'Corporate Directory'\? dc01.corp.example.com:636 presents 'CN=dc01.corp.example.com' \(issued by itself, expires /,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("allow policy: trusts it (colon-separated thumbprint accepted), then JIM trusts the server", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const spaced = DC_THUMBPRINT.match(/../g)!.join(":").toLowerCase();
    const res = await r.call("server_certificate_trust", {
      connectedSystemId: 2,
      thumbprint: spaced,
      changeReason: "checked with the AD team",
    });
    expect(res.isError, text(res)).toBeFalsy();
    const post = r.sim.changingRequests();
    expect(post.map((q) => ({ method: q.method, path: q.path, body: q.body }))).toEqual([
      {
        method: "POST",
        path: "/api/v1/synchronisation/connected-systems/2/server-certificate/trust",
        body: { thumbprint: spaced, changeReason: "checked with the AD team" },
      },
    ]);
    expect(res.structuredContent).toMatchObject({ outcome: "Trusted", certificateId: expect.any(String) });
    expect(text(res)).toMatch(/^Trusted \(added to the store\)/);
    const after = await r.call("server_certificate_get", { connectedSystemId: 2 });
    expect(after.structuredContent).toMatchObject({ trusted: true, failureReason: "None" });
  });

  it("a thumbprint the server does not present is blocked before anything is sent", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("server_certificate_trust", {
      connectedSystemId: 2,
      thumbprint: "AB".repeat(20),
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/matches nothing dc01.corp.example.com:636 presents now/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("bad thumbprint text is refused by the schema", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("server_certificate_trust", { connectedSystemId: 2, thumbprint: "xyz" });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });

  it("the issuing CA's thumbprint of an already trusted chain reports AlreadyTrusted", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("server_certificate_trust", {
      connectedSystemId: 3,
      thumbprint: "B2C3D4E5F60718293A4B5C6D7E8F901122334455",
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ outcome: "AlreadyTrusted" });
  });
});
