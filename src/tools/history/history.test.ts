/** history toolset: deleted-object records and retention cleanup. */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe("deleted_object_list", () => {
  it("lists deleted Metaverse objects by default and works out hasNextPage itself", async () => {
    r = await rig();
    const res = await r.call("deleted_object_list", { pageSize: 10 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.requests.map((q) => ({ method: q.method, path: q.path, query: q.query }))).toEqual([
      { method: "GET", path: "/api/v1/history/deleted-objects/mvo", query: { page: "1", pageSize: "10" } },
    ]);
    expect(res.structuredContent).toMatchObject({ page: 1, pageSize: 10, totalCount: 40, hasNextPage: true });
    expect(text(res)).toMatch(/showing 1–10 of 40 — next: page=2/);
    expect(text(res)).toMatch(/\| Priya Shah \|/);
  });

  it("connector-space records with system and search filters", async () => {
    r = await rig();
    const res = await r.call("deleted_object_list", {
      kind: "cso",
      connectedSystemId: 2,
      search: "leavers",
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.requests[0]!.path).toBe("/api/v1/history/deleted-objects/cso");
    expect(r.sim.requests[0]!.query).toEqual({
      page: "1",
      pageSize: "50",
      connectedSystemId: "2",
      externalIdSearch: "leavers",
    });
    expect(res.structuredContent).toMatchObject({ totalCount: 20, hasNextPage: false });
    expect(text(res)).toMatch(/\| Corporate Directory \| CN=.*,OU=Leavers,DC=corp \|/);
    expect(text(res)).toMatch(/all 20 shown/);
  });

  it("a filter that does not fit the kind is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("deleted_object_list", { kind: "mvo", connectedSystemId: 2 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/connectedSystemId needs kind cso/);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("history_cleanup", () => {
  it("asks first, showing the retention settings", async () => {
    r = await rig();
    const res = await r.call("history_cleanup", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /^CONFIRMATION REQUIRED — nothing was changed\. Run history cleanup now\? JIM permanently deletes .* older than 30 days \(configuration changes older than 365 days\), up to 1000 of each kind\./,
    );
    expect(text(res)).toMatch(/History.RetentionPeriod: 30.00:00:00/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("allow policy: one batch, and says when more is waiting", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("history_cleanup", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests().map((q) => ({ method: q.method, path: q.path, body: q.body }))).toEqual([
      { method: "POST", path: "/api/v1/history/cleanup", body: undefined },
    ]);
    expect(res.structuredContent).toMatchObject({
      deleted: { csoChanges: 1000, mvoChanges: 740, activities: 130, configurationChanges: 4 },
      batchSize: 1000,
      moreLeft: true,
    });
    expect(text(res)).toMatch(/call history_cleanup again/);
    await r.call("history_cleanup", {});
    const third = await r.call("history_cleanup", {});
    expect(third.structuredContent).toMatchObject({ moreLeft: false, deleted: { csoChanges: 350 } });
  });

  it("a JIM failure is reported as an error", async () => {
    r = await rig({ config: { destructive: "allow" } });
    r.sim.hooks.fault({ method: "POST", path: "/api/v1/history/cleanup", kind: "status", status: 500 });
    const res = await r.call("history_cleanup", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 500 INTERNAL_ERROR/);
  });
});
