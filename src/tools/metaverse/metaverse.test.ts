/**
 * Metaverse tools against the simulator's sample Metaverse (300 users, 10 groups,
 * 6 departments, 12 leavers pending deletion): results and the exact requests.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { userMvoId } from "../../simulator/data/metaverse.js";
import { DEMO_ADMIN_KEY } from "../../simulator/index.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const MISSING = "0b0e7d1c-5a4f-4e3b-9c2d-1a2b3c4d5e6f";
const calls = (rig: Rig) => rig.sim.requests.map((q) => [q.method, q.path, q.query]);

describe("metaverse_object_type_list", () => {
  it("lists every type with its deletion rule and a readable grace period", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("metaverse_object_type_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(calls(r)).toEqual([["GET", "/api/v1/metaverse/object-types", { page: "1", pageSize: "100" }]]);
    expect(res.structuredContent).toMatchObject({
      totalCount: 4,
      hasNextPage: false,
      items: [
        { id: 1, name: "User", builtIn: true, attributes: 13, gracePeriod: "30 days" },
        { id: 2, name: "Group", deletionRule: "Manual", gracePeriod: "none" },
        { id: 3, name: "Department", builtIn: false, gracePeriod: "7 days" },
        { id: 4, name: "Contractor", builtIn: false },
      ],
      boundAttributes: [],
    });
    expect(text(res)).toMatch(/when an authoritative source disconnects \| 30 days/);
    expect(text(res)).toMatch(/all 4 shown/);
  });

  it("shows one type with its bound attributes", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("metaverse_object_type_list", { objectTypeId: 2 });
    expect(calls(r)).toEqual([["GET", "/api/v1/metaverse/object-types/2", {}]]);
    const out = res.structuredContent as { boundAttributes: Array<{ name: string; plurality: string }> };
    expect(out.boundAttributes.map((a) => a.name)).toEqual([
      "Display Name",
      "Email",
      "Account Name",
      "Description",
      "Static Members",
    ]);
    expect(out.boundAttributes.find((a) => a.name === "Static Members")?.plurality).toBe("MultiValued");
    expect(text(res)).toMatch(/^Object type "Group" \(id 2, plural "Groups"\), built in/);
  });

  it("unknown type: 404; bad id: refused before sending", async () => {
    r = await rig();
    const res = await r.call("metaverse_object_type_list", { objectTypeId: 99 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    r.sim.clearRequests();
    const bad = await r.call("metaverse_object_type_list", { objectTypeId: 0 });
    expect(bad.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("metaverse_attribute_list", () => {
  it("filters by part of the name and pages the result itself", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("metaverse_attribute_list", { name: "NAME", pageSize: 3 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(calls(r)).toEqual([["GET", "/api/v1/metaverse/attributes", { page: "1", pageSize: "100" }]]);
    expect(res.structuredContent).toMatchObject({
      page: 1,
      pageSize: 3,
      totalCount: 4,
      hasNextPage: true,
      items: [
        { name: "Display Name", objectTypes: ["User", "Group", "Department"] },
        { name: "First Name", type: "Text", plurality: "SingleValued", builtIn: true },
        { name: "Last Name", objectTypes: ["User"] },
      ],
    });
    expect(text(res)).toMatch(/showing 1–3 of 4 — next: page=2/);
    const all = await r.call("metaverse_attribute_list", {});
    expect(text(all)).toMatch(/\| Badge Number \| Text \| single \| no \| Contractor \|/);
  });

  it("refuses a page size over 100 and sends nothing", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("metaverse_attribute_list", { pageSize: 500 });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("metaverse_object_search", () => {
  it("resolves the type by name and asks for the extra attributes", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("metaverse_object_search", {
      objectType: "user",
      search: "okafor",
      attributes: ["Email", "Manager"],
      pageSize: 5,
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(calls(r)).toEqual([
      ["GET", "/api/v1/metaverse/object-types", { page: "1", pageSize: "100" }],
      ["GET", "/api/v1/metaverse/object-types/1", {}],
      [
        "GET",
        "/api/v1/metaverse/objects",
        { page: "1", pageSize: "5", objectTypeId: "1", search: "okafor", attributes: ["Email", "Manager"] },
      ],
    ]);
    const out = res.structuredContent as {
      totalCount: number;
      items: Array<{ id: string; displayName: string; type: string; attributes: Record<string, unknown> }>;
    };
    expect(out.totalCount).toBe(20);
    expect(out.items[0]).toEqual({
      id: userMvoId(0),
      displayName: "Amara Okafor",
      type: "User",
      attributes: { Email: "amara.okafor@example.com" },
    });
    expect(out.items[1]!.attributes.Manager).toBe(userMvoId(0));
    expect(text(res)).toMatch(/^20 Users named like "okafor":/);
    expect(text(res)).toMatch(/\| display name \| type \| Email \| Manager \| id \|/);
  });

  it("filters on an exact attribute value, and counts", async () => {
    r = await rig();
    r.sim.clearRequests();
    const one = await r.call("metaverse_object_search", {
      attributeName: "Employee ID",
      attributeValue: "e010009",
    });
    // The attribute name is checked against the Metaverse's attributes first (one page here).
    expect(calls(r).map(([m, p]) => `${m} ${p}`)).toEqual([
      "GET /api/v1/metaverse/attributes",
      "GET /api/v1/metaverse/objects",
    ]);
    expect(r.sim.requests[1]).toMatchObject({
      path: "/api/v1/metaverse/objects",
      query: { filterAttributeName: "Employee ID", filterAttributeValue: "e010009" },
    });
    expect(one.structuredContent).toMatchObject({ totalCount: 1, items: [{ id: userMvoId(8) }] });
    r.sim.clearRequests();
    const count = await r.call("metaverse_object_search", { objectType: "2", countOnly: true });
    expect(calls(r)).toEqual([
      ["GET", "/api/v1/metaverse/object-types", { page: "1", pageSize: "100" }],
      ["GET", "/api/v1/metaverse/object-types/2", {}],
      ["GET", "/api/v1/metaverse/objects/count", { objectTypeId: "2" }],
    ]);
    expect(count.structuredContent).toMatchObject({ totalCount: 10, items: [] });
    expect(text(count)).toBe("10 Groups.");
    // An integer id is taken as it is, like every other id-or-name field: no list is read.
    r.sim.clearRequests();
    const byNumber = await r.call("metaverse_object_search", { objectType: 2, countOnly: true });
    expect(byNumber.isError, text(byNumber)).toBeFalsy();
    expect(text(byNumber)).toBe("10 Groups.");
    expect(calls(r)).toEqual([
      ["GET", "/api/v1/metaverse/object-types/2", {}],
      ["GET", "/api/v1/metaverse/objects/count", { objectTypeId: "2" }],
    ]);
  });

  it("takes a type by its plural name too, as JIM's object type list spells it", async () => {
    r = await rig();
    const plural = await r.call("metaverse_object_search", { objectType: "groups", countOnly: true });
    expect(plural.isError, text(plural)).toBeFalsy();
    expect(text(plural)).toBe("10 Groups.");
    expect(r.sim.requests.at(-1)).toMatchObject({ query: { objectTypeId: "2" } });
  });

  it("an unknown type names the known ones; half an attribute filter is refused unsent", async () => {
    r = await rig();
    const res = await r.call("metaverse_object_search", { objectType: "Widget" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/objectType: no metaverse object type is named "Widget"/);
    expect(text(res)).toMatch(/Closest: .*User \(id 1\)/);
    const missing = await r.call("metaverse_object_search", { objectType: 99 });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/HTTP 404/);
    r.sim.clearRequests();
    const half = await r.call("metaverse_object_search", { attributeName: "Email" });
    expect(half.isError).toBe(true);
    expect(text(half)).toMatch(/give both or neither/);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("metaverse_object_search attribute names", () => {
  it("refuses an unknown filter attribute with the closest names, and searches nothing", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("metaverse_object_search", { attributeName: "Emial", attributeValue: "x" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/attributeName: the Metaverse has no attribute named "Emial"\. Closest: Email/);
    expect(text(res)).toMatch(/Nothing was searched/);
    expect(calls(r).map(([m, p]) => `${m} ${p}`)).toEqual(["GET /api/v1/metaverse/attributes"]);
  });

  it("checks returned attributes against the type's own, in any case", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("metaverse_object_search", {
      objectType: "Group",
      attributes: ["Nonexistent", "email"],
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/attributes: Group objects have no attribute named "Nonexistent"/);
    expect(text(res)).not.toMatch(/"email"/);
    expect(text(res)).toMatch(/metaverse_object_type_list with objectTypeId 2/);
    expect(r.sim.requests.some((q) => q.path === "/api/v1/metaverse/objects")).toBe(false);
    r.sim.clearRequests();
    const ok = await r.call("metaverse_object_search", {
      objectType: "user",
      search: "okafor",
      attributes: ["*", "email"],
      pageSize: 1,
    });
    expect(ok.isError, text(ok)).toBeFalsy();
    expect(r.sim.requests).toHaveLength(3); // type list, the type, the page: within a small bound
  });
});

describe("metaverse_object_get", () => {
  it("shows values with where they came from, and the connected objects", async () => {
    r = await rig();
    r.sim.clearRequests();
    const id = userMvoId(7); // a leaver still deprovisioning
    const res = await r.call("metaverse_object_get", { objectId: id });
    expect(res.isError, text(res)).toBeFalsy();
    expect(calls(r)).toEqual([["GET", `/api/v1/metaverse/objects/${id}`, {}]]);
    const out = res.structuredContent as {
      attributes: Array<{ name: string; values: string[]; from: string | null }>;
      connectedObjects: Array<{ system: string }>;
      pendingDeletion: string | null;
    };
    expect(out.attributes.find((a) => a.name === "Employee ID")).toEqual({
      name: "Employee ID",
      values: ["E010008"],
      valueCount: 1,
      from: "HR System · HR Person Import",
    });
    expect(out.attributes.find((a) => a.name === "Manager")?.values[0]).toMatch(
      /^Ben Okafor \([0-9a-f-]{36}\)$/,
    );
    expect(out.connectedObjects.map((c) => c.system)).toEqual(["Corporate Directory", "Learning Platform"]);
    expect(out.pendingDeletion).toMatch(/^pending deletion, eligible from /);
    expect(text(res)).toMatch(/- Email: hugo\.okafor@example\.com {2}← Corporate Directory · AD User Join/);
  });

  it("caps long multi-valued attributes and says how many there are", async () => {
    r = await rig();
    const found = await r.call("metaverse_object_search", { objectType: "Group", search: "All Staff" });
    const id = (found.structuredContent as { items: Array<{ id: string }> }).items[0]!.id;
    const res = await r.call("metaverse_object_get", { objectId: id });
    const member = (
      res.structuredContent as { attributes: Array<{ name: string; values: string[]; valueCount: number }> }
    ).attributes.find((a) => a.name === "Static Members")!;
    expect(member.valueCount).toBe(288);
    expect(member.values).toHaveLength(20);
    expect(text(res)).toMatch(/- Static Members \(288 values\): Amara Okafor, Ben Okafor, .* … and 268 more/);
  });

  it("unknown object: 404 with the next step; a non-GUID is refused unsent", async () => {
    r = await rig();
    const res = await r.call("metaverse_object_get", { objectId: MISSING });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(text(res)).toMatch(/Next step: Find the object's id with metaverse_object_search/);
    r.sim.clearRequests();
    const bad = await r.call("metaverse_object_get", { objectId: "hugo" });
    expect(bad.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("pending_deletion_list", () => {
  it("lists pending deletions soonest first with the counts by state", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("pending_deletion_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(calls(r)).toEqual(
      expect.arrayContaining([
        ["GET", "/api/v1/metaverse/pending-deletions", { page: "1", pageSize: "25" }],
        ["GET", "/api/v1/metaverse/pending-deletions/summary", {}],
      ]),
    );
    expect(r.sim.requests).toHaveLength(2);
    const out = res.structuredContent as {
      totalCount: number;
      summary: Record<string, number>;
      items: Array<{ state: string; daysLeft: number | null; connectors: number }>;
    };
    expect(out.totalCount).toBe(12);
    expect(out.summary).toEqual({ deprovisioning: 4, awaitingGracePeriod: 6, ready: 2 });
    expect(out.items.map((i) => i.state)).toEqual([
      ...Array(2).fill("ReadyForDeletion"),
      ...Array(6).fill("AwaitingGracePeriod"),
      ...Array(4).fill("Deprovisioning"),
    ]);
    expect(out.items[0]!.daysLeft).toBeLessThan(0);
    expect(text(res)).toMatch(/^Pending deletion, all types: 12 — 4 deprovisioning/);
    expect(text(res)).toMatch(/\(overdue\)/);
  });

  it("filters by object type; a bad type id is refused unsent", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("pending_deletion_list", { objectTypeId: 2, pageSize: 10 });
    expect(r.sim.requests.find((q) => q.path.endsWith("/pending-deletions"))?.query).toEqual({
      page: "1",
      pageSize: "10",
      objectTypeId: "2",
    });
    expect(res.structuredContent).toMatchObject({ totalCount: 0, items: [] });
    r.sim.clearRequests();
    const bad = await r.call("pending_deletion_list", { objectTypeId: -1 });
    expect(bad.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("simulator metaverse routes", () => {
  const get = async (rig: Rig, path: string) => {
    const res = await fetch(`${rig.sim.url}/api/v1${path}`, { headers: { "X-API-Key": DEMO_ADMIN_KEY } });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it("orders objects by creation time (desc flips it), counts with the same filters, and rejects bad ids", async () => {
    r = await rig();
    const asc = await get(r, "/metaverse/objects?objectTypeId=1&pageSize=2");
    const desc = await get(r, "/metaverse/objects?objectTypeId=1&pageSize=2&sortDirection=desc");
    const ids = (x: { body: unknown }) => (x.body as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(ids(asc)).toEqual([userMvoId(0), userMvoId(1)]);
    expect(ids(desc)).toEqual([userMvoId(299), userMvoId(298)]);
    expect((await get(r, "/metaverse/objects/count?objectTypeId=1")).body).toBe(300);
    expect((await get(r, "/metaverse/pending-deletions/count")).body).toBe(12);
    expect((await get(r, "/metaverse/objects?objectTypeId=abc")).status).toBe(400);
    const all = await get(r, `/metaverse/objects?search=Amara%20Okafor&attributes=*`);
    const attrs = (all.body as { items: Array<{ attributes: Record<string, unknown> }> }).items[0]!
      .attributes;
    expect(attrs["Account Enabled"]).toBe(true);
    expect(attrs).not.toHaveProperty("Display Name");
  });
});
