/** settings toolset: service settings against the simulator. */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const req = (rig: Rig) =>
  rig.sim.requests.map((q) => ({ method: q.method, path: q.path, query: q.query, body: q.body }));

describe("service_setting_list", () => {
  it("lists every setting with default, override and effective value", async () => {
    r = await rig();
    const res = await r.call("service_setting_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([{ method: "GET", path: "/api/v1/service-settings", query: {}, body: undefined }]);
    const t = text(res);
    expect(t).toMatch(
      /\| History.RetentionPeriod \| TimeSpan \| 90.00:00:00 \| 30.00:00:00 \| 30.00:00:00 \| no \|/,
    );
    expect(t).toMatch(/\| SSO.Authority \| String \| .* \| yes \|/);
    expect(t).toMatch(/all 17 shown/);
  });

  it("filters by category and overrides", async () => {
    r = await rig();
    const res = await r.call("service_setting_list", { category: "History", overriddenOnly: true });
    expect(res.structuredContent).toEqual({
      page: 1,
      pageSize: 50,
      totalCount: 1,
      hasNextPage: false,
      items: [
        {
          key: "History.RetentionPeriod",
          category: "History",
          type: "TimeSpan",
          default: "90.00:00:00",
          override: "30.00:00:00",
          effective: "30.00:00:00",
          readOnly: false,
        },
      ],
    });
    expect(text(res)).toMatch(/all 1 shown \(filtered from 17 settings\)/);
  });

  it("an unknown category is refused by the schema", async () => {
    r = await rig();
    const res = await r.call("service_setting_list", { category: "Nope" });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("service_setting_set", () => {
  it("reads the setting, checks the value and sends it as a string with the change reason", async () => {
    r = await rig();
    const res = await r.call("service_setting_set", {
      key: "Sync.PageSize",
      value: " 750 ",
      changeReason: "faster",
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([
      { method: "GET", path: "/api/v1/service-settings/Sync.PageSize", query: {}, body: undefined },
      {
        method: "PUT",
        path: "/api/v1/service-settings/Sync.PageSize",
        query: {},
        body: { value: "750", changeReason: "faster" },
      },
    ]);
    expect(res.structuredContent).toEqual({
      key: "Sync.PageSize",
      previous: "500",
      effective: "750",
    });
    expect(text(res)).toMatch(/'Sync.PageSize' is now 750 \(was 500; default 500\)/);
  });

  it("keeps the partition validation mode in step with the run-profile behaviour", async () => {
    r = await rig();
    const res = await r.call("service_setting_set", {
      key: "Sync.PartitionValidationMode",
      value: "Warning",
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.state.partitionValidationMode).toBe("Warning");
  });

  it("a value of the wrong type is refused after reading the setting; nothing is written", async () => {
    r = await rig();
    const res = await r.call("service_setting_set", { key: "History.RetentionPeriod", value: "90 days" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/'90 days' is not a valid TimeSpan value .* use d.hh:mm:ss/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("a read-only setting gives a clear error; nothing is written", async () => {
    r = await rig();
    const res = await r.call("service_setting_set", { key: "SSO.Authority", value: "https://other" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/'SSO.Authority' is read-only/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("unknown key: JIM's 404 (empty code) with a next step", async () => {
    r = await rig();
    const res = await r.call("service_setting_set", { key: "Sync.Nope", value: "1" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Service setting 'Sync.Nope' not found/);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(text(res)).toMatch(/Next step: Check that service setting 'Sync.Nope' exists/);
  });

  it("turning off rate limiting asks first (confirm policy); nothing is written", async () => {
    r = await rig();
    const res = await r.call("service_setting_set", { key: "Security.RateLimiting.Enabled", value: "FALSE" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(/from true to false\? This turns off JIM's protection against request floods/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("a security setting goes through under the allow policy", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("service_setting_set", { key: "Security.RateLimiting.Enabled", value: "false" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests()[0]).toMatchObject({ method: "PUT", body: { value: "false" } });
  });

  it("setting the value it already has sends nothing", async () => {
    r = await rig();
    const res = await r.call("service_setting_set", { key: "Instance.Name", value: "JIM (simulator)" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(text(res)).toMatch(/already overridden to JIM \(simulator\); nothing changed/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("service_setting_reset", () => {
  it("asks first, naming the override and the default", async () => {
    r = await rig();
    const res = await r.call("service_setting_reset", { key: "History.RetentionPeriod" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /^CONFIRMATION REQUIRED — nothing was changed\. Reset 'History.RetentionPeriod' from its override 30.00:00:00 to the default 90.00:00:00\?/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("allow policy: DELETE with the change reason in the query", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("service_setting_reset", {
      key: "History.RetentionPeriod",
      changeReason: "default",
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests().map((q) => ({ method: q.method, path: q.path, query: q.query }))).toEqual(
      [
        {
          method: "DELETE",
          path: "/api/v1/service-settings/History.RetentionPeriod",
          query: { changeReason: "default" },
        },
      ],
    );
    expect(res.structuredContent).toEqual({
      key: "History.RetentionPeriod",
      previous: "30.00:00:00",
      effective: "90.00:00:00",
    });
  });

  it("a read-only setting is blocked before anything is sent", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("service_setting_reset", { key: "Instance.Id" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/blocked: 'Instance.Id' is read-only/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("a setting without an override is answered at once: no question, nothing sent", async () => {
    for (const destructive of ["confirm", "allow"] as const) {
      r = await rig({ config: { destructive } });
      r.sim.clearRequests();
      const res = await r.call("service_setting_reset", { key: "Sync.PageSize" });
      expect(res.isError).toBe(true);
      expect(text(res)).not.toMatch(/CONFIRMATION REQUIRED|confirmationToken/);
      expect(text(res)).toMatch(/'Sync.PageSize' has no override: it already uses its default 500/);
      expect(text(res)).toMatch(/nothing to reset/);
      expect(r.sim.changingRequests()).toHaveLength(0);
      await r.close();
      r = undefined;
    }
  });

  it("unknown key: 404", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("service_setting_reset", { key: "Nope.Nope" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});

describe("service_setting_list paging", () => {
  it("pages the list JIM returns whole, and says what the next call is", async () => {
    r = await rig();
    const first = await r.call("service_setting_list", { pageSize: 5 });
    expect(first.structuredContent).toMatchObject({
      page: 1,
      pageSize: 5,
      totalCount: 17,
      hasNextPage: true,
    });
    expect((first.structuredContent as { items: unknown[] }).items).toHaveLength(5);
    expect(text(first)).toMatch(/showing 1–5 of 17 — next: page=2/);
    const last = await r.call("service_setting_list", { pageSize: 5, page: 4 });
    expect(last.structuredContent).toMatchObject({ page: 4, totalCount: 17, hasNextPage: false });
    expect((last.structuredContent as { items: unknown[] }).items).toHaveLength(2);
  });
});
