/**
 * Connected-system tools added beside the skeleton ones: connector definitions,
 * schema (object types, schema refresh), hierarchy refresh and connector-space
 * clearing, through a real MCP client against the simulator.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

const CS = "/api/v1/synchronisation/connected-systems";
const DEFS = "/api/v1/synchronisation/connector-definitions";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

function sent(rig: Rig) {
  return rig.sim.requests.map((q) => ({ method: q.method, path: q.path, query: q.query, body: q.body }));
}

describe("connector_definition_list", () => {
  it("lists every definition with in-use flags from one bare-list request", async () => {
    r = await rig();
    const res = await r.call("connector_definition_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as { totalCount: number; items: Array<Record<string, unknown>> };
    expect(out.totalCount).toBe(4);
    expect(out.items).toContainEqual({ id: 2, name: "LDAP", builtIn: true, inUse: true, version: "2.3.1" });
    expect(out.items).toContainEqual(
      expect.objectContaining({ name: "SQL Table", builtIn: false, inUse: false }),
    );
    expect(text(res)).toMatch(/\| 2 \| LDAP \| yes \| yes \| 2\.3\.1 \|/);
    expect(text(res)).toMatch(/all 4 shown/);
    expect(sent(r)).toEqual([{ method: "GET", path: DEFS, query: {}, body: undefined }]);
  });
});

describe("connector_definition_get", () => {
  it("by id: capabilities and value-taking settings with ids, leaving layout entries out", async () => {
    r = await rig();
    const res = await r.call("connector_definition_get", { id: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as {
      capabilities: string[];
      settings: Array<{
        name: string;
        type: string;
        required: string;
        default: string | null;
        choices: string[] | null;
      }>;
    };
    expect(out.capabilities).toEqual(expect.arrayContaining(["FullImport", "DeltaImport", "Partitions"]));
    expect(out.capabilities).not.toContain("FilePaths");
    expect(out.settings.some((s) => s.type === "Heading" || s.type === "Divider")).toBe(false);
    expect(out.settings).toContainEqual(
      expect.objectContaining({ name: "Port", type: "Integer", required: "yes", default: "636" }),
    );
    expect(out.settings).toContainEqual(
      expect.objectContaining({ name: "Authentication", choices: ["Simple", "Negotiate", "Kerberos"] }),
    );
    expect(text(res)).toMatch(/settings \(\d+; set values by these ids\)/);
    expect(sent(r)).toEqual([{ method: "GET", path: `${DEFS}/2`, query: {}, body: undefined }]);
  });

  it("by name: the name is percent-encoded in the path; conditional requirements are spelled out", async () => {
    r = await rig();
    const res = await r.call("connector_definition_get", { name: "SCIM 2.0" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(text(res)).toMatch(/Bearer token \| StringEncrypted \| if Authentication method = Bearer token/);
    expect(sent(r)).toEqual([
      { method: "GET", path: `${DEFS}/by-name/SCIM%202.0`, query: {}, body: undefined },
    ]);
  });

  it("an unknown name lists the known connectors, closest first; nothing else is read", async () => {
    r = await rig();
    r.sim.clearRequests();
    const res = await r.call("connector_definition_get", { name: "SCIM" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /name: JIM has no connector definition named "SCIM"\. Known connectors, closest first: SCIM 2\.0 \(id \d+\), /,
    );
    expect(text(res)).toMatch(/LDAP \(id 2\)/);
    expect(text(res)).toMatch(/connector_definition_list/);
    expect(sent(r).map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${DEFS}/by-name/SCIM`, `GET ${DEFS}`]);
  });

  it("a name that differs only in case finds the connector", async () => {
    r = await rig();
    const res = await r.call("connector_definition_get", { name: "ldap" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ id: 2, name: "LDAP" });
  });

  it("needs exactly one of id or name; nothing is sent otherwise", async () => {
    r = await rig();
    for (const args of [{}, { id: 1, name: "LDAP" }]) {
      const res = await r.call("connector_definition_get", args);
      expect(res.isError).toBe(true);
      expect(text(res)).toMatch(/exactly one of id or name/);
    }
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("object_type_list", () => {
  it("shows attributes for selected types only and counts for the others", async () => {
    r = await rig();
    const res = await r.call("object_type_list", { connectedSystemId: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as {
      objectTypes: Array<{
        name: string;
        selected: boolean;
        attributeCount: number;
        attributes: unknown[] | null;
      }>;
    };
    const byName = Object.fromEntries(out.objectTypes.map((t) => [t.name, t]));
    expect(byName.user?.attributes).toHaveLength(13);
    expect(byName.user?.attributes).toContainEqual(
      expect.objectContaining({ name: "objectGUID", type: "Guid", isExternalId: true, selected: true }),
    );
    expect(byName.group?.attributes).toContainEqual(
      expect.objectContaining({ name: "member", type: "Reference → user", multiValued: true }),
    );
    expect(byName.organizationalUnit).toMatchObject({ selected: false, attributeCount: 2, attributes: null });
    expect(text(res)).toMatch(/user \(id 2\) — selected, 13 attributes \(13 selected\)/);
    expect(text(res)).toMatch(/pass objectTypeId to see them/);
    expect(sent(r)).toEqual([
      { method: "GET", path: `${CS}/2`, query: {}, body: undefined },
      { method: "GET", path: `${CS}/2/object-types`, query: {}, body: undefined },
    ]);
  });

  it("one type by id, with all its attributes; internal types stay hidden unless asked for", async () => {
    r = await rig();
    const sys = r.sim.state.getConnectedSystem(2)!;
    sys.objectTypes.push({ ...sys.objectTypes[2]!, id: 99, name: "top", isInternal: true, selected: false });
    const one = await r.call("object_type_list", { connectedSystemId: 2, objectTypeId: 4 });
    expect(one.structuredContent).toMatchObject({
      objectTypes: [
        { id: 4, name: "organizationalUnit", attributes: [{ name: "objectGUID" }, { name: "ou" }] },
      ],
    });
    expect(r.sim.requests.at(-1)).toMatchObject({ method: "GET", path: `${CS}/2/object-types/4` });
    const hidden = await r.call("object_type_list", { connectedSystemId: 2 });
    expect(hidden.structuredContent).toMatchObject({ hiddenInternal: 1 });
    expect(text(hidden)).toMatch(/1 internal type\(s\) hidden/);
    const shown = await r.call("object_type_list", { connectedSystemId: 2, includeInternal: true });
    expect((shown.structuredContent as { objectTypes: unknown[] }).objectTypes).toHaveLength(4);
  });

  it("an unknown system is a 404 naming it", async () => {
    r = await rig();
    const res = await r.call("object_type_list", { connectedSystemId: 404 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/connected system 404/i);
  });
});

describe("schema_import", () => {
  it("previews by default: additions, removals with the rules using them, redefinitions; nothing saved", async () => {
    r = await rig();
    const res = await r.call("schema_import", { connectedSystemId: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as { applied: boolean; changes: string[] };
    expect(out.applied).toBe(false);
    expect(out.changes).toEqual([
      "+ object type contact",
      "+ user.mobile",
      "+ user.physicalDeliveryOfficeName",
      "+ user.proxyAddresses",
      "- user.employeeID (used by AD User Join, AD User Provisioning)",
      "~ user.userAccountControl: DataType Number → LongNumber",
    ]);
    expect(text(res)).toMatch(/nothing was saved/);
    expect(sent(r)).toEqual([
      { method: "GET", path: `${CS}/2`, query: {}, body: undefined },
      { method: "POST", path: `${CS}/2/import-schema/preview`, query: {}, body: undefined },
    ]);
    expect(r.sim.state.getConnectedSystem(2)!.objectTypes).toHaveLength(3);
  });

  it("applies with preview=false: new type and attributes arrive, unselected; removals stay", async () => {
    r = await rig();
    const res = await r.call("schema_import", {
      connectedSystemId: 2,
      preview: false,
      dependents: "disable",
    });
    expect(res.isError, text(res)).toBeFalsy();
    const out = res.structuredContent as {
      applied: boolean;
      changes: string[];
    };
    expect(out.applied).toBe(true);
    expect(out.changes).toEqual([
      "~ user: 13 → 16 attributes",
      expect.stringMatching(/^\+ object type contact \(id \d+, 6 attributes, not selected\)$/),
    ]);
    expect(r.sim.requests.at(-1)).toMatchObject({
      method: "POST",
      path: `${CS}/2/import-schema`,
      body: { disableDependents: true },
    });
    // The next preview only still reports the retained removal.
    const again = await r.call("schema_import", { connectedSystemId: 2 });
    expect((again.structuredContent as { changes: string[] }).changes).toEqual([
      expect.stringMatching(/^- user\.employeeID/),
    ]);
  });

  it("dependents=remove asks first, showing what JIM's preview says would be removed", async () => {
    r = await rig();
    const res = await r.call("schema_import", { connectedSystemId: 2, preview: false, dependents: "remove" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(
      /deleting user\.employeeID \(no longer reported by the system\) and all their imported values\? 2 synchronisation rule\(s\) still use them\./,
    );
    // Only JIM's preview was asked (it changes no configuration); nothing was applied.
    expect(r.sim.requests.filter((q) => q.method === "POST").map((q) => q.path)).toEqual([
      `${CS}/2/import-schema/preview`,
    ]);
    expect(r.sim.changingRequests()).toEqual([]);
  });

  it("dependents=remove runs under --destructive allow and removes the attribute", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("schema_import", { connectedSystemId: 2, preview: false, dependents: "remove" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.requests.at(-1)).toMatchObject({
      path: `${CS}/2/import-schema`,
      body: { removeDependents: true },
    });
    const user = r.sim.state.getConnectedSystem(2)!.objectTypes.find((t) => t.name === "user")!;
    expect(user.attributes.some((a) => a.name === "employeeID")).toBe(false);
  });

  it("dependents without preview=false is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("schema_import", { connectedSystemId: 2, dependents: "disable" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/only with preview=false/);
    expect(r.sim.requests).toHaveLength(0);
  });

  it("a system with nothing new previews as 'no changes'", async () => {
    r = await rig();
    const res = await r.call("schema_import", { connectedSystemId: 3 });
    expect(res.structuredContent).toMatchObject({ changes: [] });
    expect(text(res)).toMatch(/No changes/);
  });
});

describe("hierarchy_import", () => {
  it("merges new containers and reports the totals after", async () => {
    r = await rig();
    const res = await r.call("hierarchy_import", { connectedSystemId: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toEqual({
      connectedSystem: { id: 2, name: "Corporate Directory" },
      partitions: 2,
      containers: 11,
      changes: [
        "+ container Contractors (OU=Contractors,OU=Users,DC=corp,DC=example,DC=com)",
        "+ container APAC (OU=APAC,OU=Sales,OU=Users,DC=corp,DC=example,DC=com)",
      ],
      selectedItemsRemoved: false,
    });
    expect(sent(r)).toEqual([
      { method: "GET", path: `${CS}/2`, query: {}, body: undefined },
      { method: "POST", path: `${CS}/2/import-hierarchy`, query: {}, body: undefined },
    ]);
    const again = await r.call("hierarchy_import", { connectedSystemId: 2 });
    expect(again.structuredContent).toMatchObject({ containers: 11, changes: [] });
  });

  it("a connector without partitions is JIM's 400, rendered as an error", async () => {
    r = await rig();
    const res = await r.call("hierarchy_import", { connectedSystemId: 1 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/does not support partitions/);
  });
});

describe("connected_system_clear", () => {
  it("asks first by default, naming the system and the object count; nothing changes", async () => {
    r = await rig();
    const res = await r.call("connected_system_clear", { connectedSystemId: 2 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /CONFIRMATION REQUIRED — nothing was changed\. Delete all 5,000 connector-space objects of "Corporate Directory" \(id 2\), with their joins and change history\? The system has 37 pending export\(s\)\./,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("under --destructive allow it clears, keeping history when asked", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("connected_system_clear", { connectedSystemId: 1, deleteChangeHistory: false });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toEqual({
      connectedSystem: { id: 1, name: "HR System" },
      objectsDeleted: 1200,
      objectsLeft: 0,
    });
    expect(r.sim.changingRequests().map((q) => ({ method: q.method, path: q.path, query: q.query }))).toEqual(
      [{ method: "POST", path: `${CS}/1/clear`, query: { deleteChangeHistory: "false" } }],
    );
    expect(r.sim.state.getConnectedSystem(1)!.objectCount).toBe(0);
    expect(text(res)).toMatch(/1,200 objects deleted, 0 left, change history kept/);
  });

  it("an unknown system fails in the consent read; nothing is sent that changes JIM", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("connected_system_clear", { connectedSystemId: 77 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/connected system 77/i);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});
