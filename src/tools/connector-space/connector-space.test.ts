/**
 * connector_space_search/get and pending_export_list/get against the simulator's
 * generated connector spaces (5,000 objects and 37 pending exports on the
 * Corporate Directory, 1,200 objects on the HR System).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

const CS = "/api/v1/synchronisation/connected-systems";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

interface CsoRow {
  id: string;
  displayName: string | null;
  type: string;
  status: string;
  joinType: string;
  pendingExportId: string | null;
}

async function search(rig: Rig, args: Record<string, unknown>) {
  const res = await rig.call("connector_space_search", args);
  expect(res.isError, text(res)).toBeFalsy();
  return res.structuredContent as { totalCount: number; hasNextPage: boolean; page: number; items: CsoRow[] };
}

describe("connector_space_search", () => {
  it("sends JIM's own paging and the filters by their exact names; reports the page honestly", async () => {
    r = await rig();
    const out = await search(r, {
      connectedSystemId: 2,
      joinType: "NotJoined",
      objectTypeId: 3,
      sortBy: "displayname",
      sortDescending: false,
      page: 2,
      pageSize: 20,
    });
    expect(out).toMatchObject({ page: 2, totalCount: 120, hasNextPage: true });
    expect(out.items).toHaveLength(20);
    expect(out.items.every((c) => c.type === "group" && c.joinType === "NotJoined")).toBe(true);
    const names = out.items.map((c) => c.displayName ?? "");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(r.sim.requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: `${CS}/2/connector-space`,
        query: {
          joinType: "NotJoined",
          objectTypeId: "3",
          sortBy: "displayname",
          sortDescending: "false",
          page: "2",
          pageSize: "20",
        },
      }),
    ]);
    const res = await r.call("connector_space_search", {
      connectedSystemId: 2,
      joinType: "NotJoined",
      page: 1,
    });
    expect(text(res)).toMatch(/showing 1–50 of 370 — next: page=2/);
  });

  it("default order is newest first: the objects being provisioned, each with its pending export", async () => {
    r = await rig();
    const out = await search(r, { connectedSystemId: 2, status: "PendingProvisioning" });
    expect(out.totalCount).toBe(8);
    expect(out.items.every((c) => c.joinType === "Provisioned" && c.pendingExportId !== null)).toBe(true);
    expect(out.items.every((c) => c.displayName)).toBe(true);
    expect(r.sim.requests[0]?.query).toEqual({
      status: "PendingProvisioning",
      sortDescending: "true",
      page: "1",
      pageSize: "50",
    });
  });

  it("search matches names and external ids, ignoring case", async () => {
    r = await rig();
    const byName = await search(r, { connectedSystemId: 1, search: "e100042" });
    expect(byName.totalCount).toBe(1);
    expect(byName.items[0]?.type).toBe("person");
  });

  it("an unknown system is JIM's 404 with a next step", async () => {
    r = await rig();
    const res = await r.call("connector_space_search", { connectedSystemId: 31 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/connected system 31/i);
    expect(text(res)).toMatch(/Next step/);
  });

  it("a filter outside JIM's enum is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("connector_space_search", { connectedSystemId: 2, joinType: "Connected" });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("connector_space_get", () => {
  it("groups values by attribute, caps long lists and says how to page the rest", async () => {
    r = await rig();
    const groups = await search(r, {
      connectedSystemId: 2,
      objectTypeId: 3,
      sortBy: "displayname",
      sortDescending: false,
      pageSize: 1,
    });
    const id = groups.items[0]!.id;
    const res = await r.call("connector_space_get", { connectedSystemId: 2, id });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as {
      type: string;
      metaverseObject: { id: string } | null;
      attributes: Array<{ name: string; values: string[]; totalCount: number }>;
    };
    expect(out.type).toBe("group");
    const member = out.attributes.find((a) => a.name === "member")!;
    expect(member.values).toHaveLength(10);
    expect(member.totalCount).toBeGreaterThan(10);
    expect(member.values[0]).toMatch(/^→ [0-9a-f-]{36}$/);
    expect(out.attributes.find((a) => a.name === "groupType")?.values).toEqual(["-2147483646"]);
    expect(text(res)).toMatch(new RegExp(`member \\| .* … \\(10 of ${member.totalCount}\\)`));
    expect(text(res)).toContain(
      `api_get path=/synchronisation/connected-systems/2/connector-space/${id}/attributes/{name}/values`,
    );
    expect(r.sim.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `${CS}/2/connector-space/${id}`,
      query: {},
    });
  });

  it("shows the join to the metaverse", async () => {
    r = await rig();
    const hr = await search(r, { connectedSystemId: 1, joinType: "Projected", pageSize: 1 });
    const res = await r.call("connector_space_get", { connectedSystemId: 1, id: hr.items[0]!.id });
    expect(res.structuredContent).toMatchObject({
      joinType: "Projected",
      metaverseObject: { id: expect.any(String) },
    });
    expect(text(res)).toMatch(/join: Projected to metaverse object/);
  });

  it("an id that is no GUID is refused before anything is sent; an unknown one is a 404", async () => {
    r = await rig();
    const bad = await r.call("connector_space_get", { connectedSystemId: 2, id: "42" });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/GUID/);
    expect(r.sim.requests).toHaveLength(0);
    const missing = await r.call("connector_space_get", {
      connectedSystemId: 2,
      id: "00000000-0000-4000-8000-000000000001",
    });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/HTTP 404/);
  });
});

describe("pending_export_list", () => {
  it("a page of pending exports with counts by change type and failures", async () => {
    r = await rig();
    const res = await r.call("pending_export_list", { connectedSystemId: 2, pageSize: 10 });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as {
      totalCount: number;
      hasNextPage: boolean;
      summary: Record<string, number>;
      items: Array<{ changeType: string; status: string; lastError: string | null }>;
    };
    expect(out.totalCount).toBe(37);
    expect(out.hasNextPage).toBe(true);
    expect(out.summary).toEqual({ create: 8, update: 26, delete: 3, failed: 3 });
    expect(out.items).toHaveLength(10);
    expect(text(res)).toMatch(/37 — 8 create, 26 update, 3 delete; 3 failed\./);
    expect(text(res)).toMatch(/showing 1–10 of 37 — next: page=2/);
    const sent = r.sim.requests.map(
      (q) => `${q.method} ${q.path}?${new URLSearchParams(q.query as Record<string, string>)}`,
    );
    expect(sent.sort()).toEqual(
      [
        `GET ${CS}/2?`,
        `GET ${CS}/2/pending-exports?page=1&pageSize=10`,
        `GET ${CS}/2/pending-exports/count?changeType=Create`,
        `GET ${CS}/2/pending-exports/count?changeType=Update`,
        `GET ${CS}/2/pending-exports/count?changeType=Delete`,
        `GET ${CS}/2/pending-exports/count?status=Failed`,
      ].sort(),
    );
  });

  it("search narrows the page (the summary still counts them all)", async () => {
    r = await rig();
    const res = await r.call("pending_export_list", { connectedSystemId: 2, search: "SG-" });
    const out = res.structuredContent as { totalCount: number; summary: { update: number } };
    expect(out.totalCount).toBe(2);
    expect(out.summary.update).toBe(26);
    expect(r.sim.requests.find((q) => q.path === `${CS}/2/pending-exports`)?.query).toEqual({
      search: "SG-",
      page: "1",
      pageSize: "50",
    });
  });

  it("an unknown system is a 404 (JIM's pending-export list alone would just be empty)", async () => {
    r = await rig();
    const res = await r.call("pending_export_list", { connectedSystemId: 404 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/connected system 404/i);
  });
});

describe("pending_export_get", () => {
  async function exportIds(rig: Rig) {
    const res = await rig.call("pending_export_list", { connectedSystemId: 2, pageSize: 100 });
    return (
      res.structuredContent as {
        items: Array<{ id: string; changeType: string; status: string; attributeChanges: number }>;
      }
    ).items;
  }

  it("a failed update: error, retries, target and the change", async () => {
    r = await rig();
    const failed = (await exportIds(r)).find((p) => p.status === "Failed" && p.changeType === "Update")!;
    const res = await r.call("pending_export_get", { id: failed.id });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toMatchObject({
      id: failed.id,
      connectedSystem: { id: 2, name: "Corporate Directory" },
      changeType: "Update",
      status: "Failed",
      lastError: expect.stringMatching(/^LDAP error 50/),
    });
    expect(text(res)).toMatch(/status: Failed, \d of 5 tries failed/);
    expect(r.sim.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `/api/v1/synchronisation/pending-exports/${failed.id}`,
    });
  });

  it("many value changes to one attribute collapse into one row with the total", async () => {
    r = await rig();
    const big = (await exportIds(r)).find((p) => p.attributeChanges > 100)!;
    const res = await r.call("pending_export_get", { id: big.id });
    const out = res.structuredContent as {
      changes: Array<{ attribute: string; change: string; count: number; values: string[] }>;
    };
    expect(out.changes).toEqual([
      { attribute: "member", change: "Add", count: 120, values: expect.any(Array) },
    ]);
    expect(out.changes[0]?.values).toHaveLength(5);
    expect(text(res)).toMatch(/… \(5 of 120\)/);
    expect(text(res)).toMatch(
      /api_get path=\/synchronisation\/pending-exports\/.*\/attribute-changes\/\{attributeName\}\/values/,
    );
  });

  it("a create lists its unresolved manager reference", async () => {
    r = await rig();
    const create = (await exportIds(r)).find((p) => p.changeType === "Create")!;
    const res = await r.call("pending_export_get", { id: create.id });
    const out = res.structuredContent as { unresolvedReferences: string[] };
    expect(out.unresolvedReferences).toEqual([
      expect.stringMatching(/^manager → .+: (AwaitingAnchor|Resolvable)$/),
    ]);
  });

  it("an unknown id is JIM's 404", async () => {
    r = await rig();
    const res = await r.call("pending_export_get", { id: "00000000-0000-4000-8000-000000000002" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/pending export 00000000-0000-4000-8000-000000000002/i);
    expect(text(res)).toMatch(/HTTP 404 NOT_FOUND/);
  });
});
