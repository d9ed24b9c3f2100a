/**
 * "Id or name" parameters, end to end through a real MCP client against the simulator: for
 * connected systems, run profiles, metaverse object types, sync rules and schedules — an id
 * costs no lookup, a name is found exactly or ignoring case across every page, an ambiguous or
 * unknown name is refused with the closest candidates and changes nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, type ToolResult, text } from "../../test/harness.js";
import { data as metaverseData } from "../simulator/data/metaverse.js";
import { data as scheduleData } from "../simulator/data/schedules.js";
import { data as syncRuleData } from "../simulator/data/sync-rules.js";
import { asGuid, asIntegerId, closestNames } from "./resolve.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const CS_LIST = "/api/v1/synchronisation/connected-systems";
const MVT_LIST = "/api/v1/metaverse/object-types";
const SR_LIST = "/api/v1/synchronisation/sync-rules";
const SCHEDULE_LIST = "/api/v1/schedules";

const gets = (rg: Rig, path: string) => rg.sim.requests.filter((q) => q.method === "GET" && q.path === path);
const ok = (res: ToolResult) => {
  expect(res.isError, text(res)).toBeFalsy();
  return res;
};

function addObjectType(rg: Rig, id: number, name: string) {
  const d = metaverseData(rg.sim.state);
  const base = d.objectTypes[0]!;
  d.objectTypes.push({ ...base, id, name, pluralName: `${name}s`, builtIn: false });
}

function addSyncRule(rg: Rig, id: number, name: string) {
  const d = syncRuleData(rg.sim.state);
  d.rules.push({ ...structuredClone(d.rules[0]!), id, name });
}

function addSchedule(rg: Rig, n: number, name: string) {
  const d = scheduleData(rg.sim.state);
  const base = d.schedules[0]!;
  const id = `5c0e0000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  d.schedules.push({ ...structuredClone(base), id, name, created: base.created + n, builtIn: false });
  return id;
}

describe("id-or-name helpers", () => {
  it("reads integers and digit strings as ids, anything else as a name", () => {
    expect(asIntegerId(7)).toBe(7);
    expect(asIntegerId(" 42 ")).toBe(42);
    expect(asIntegerId("0")).toBeUndefined();
    expect(asIntegerId("99999999999")).toBeUndefined();
    expect(asIntegerId("HR System")).toBeUndefined();
    expect(asGuid("3B8F2C1E-5D4A-4E21-9F6B-1A2B3C4D5E01")).toBe("3B8F2C1E-5D4A-4E21-9F6B-1A2B3C4D5E01");
    expect(asGuid("Nightly")).toBeUndefined();
  });

  it("ranks prefix matches, then substrings, then edit distance", () => {
    const items = ["Payroll", "HR System", "HR Archive", "Corporate Directory", "Legacy HR", "HR Sytsem"].map(
      (name, i) => ({ id: i + 1, name }),
    );
    expect(closestNames(items, "hr s", 2).map((i) => i.name)).toEqual(["HR System", "HR Sytsem"]);
    expect(closestNames(items, "hr", 3).map((i) => i.name)).toEqual(["HR System", "HR Sytsem", "HR Archive"]);
    expect(closestNames(items, "archive").map((i) => i.name)[0]).toBe("HR Archive");
    expect(closestNames(items, "Payrol").map((i) => i.name)[0]).toBe("Payroll");
    expect(closestNames(items, "zzz", 2)).toHaveLength(2);
    expect(closestNames([], "x")).toEqual([]);
  });
});

describe("connected systems", () => {
  it("a number is used as the id with no lookup; digits are checked against the names once", async () => {
    r = await rig();
    ok(await r.call("connected_system_get", { connectedSystemId: 1 }));
    expect(gets(r, CS_LIST)).toHaveLength(0);
    ok(await r.call("connected_system_get", { connectedSystemId: "1" }));
    expect(gets(r, CS_LIST)).toHaveLength(1);
    expect(gets(r, `${CS_LIST}/1`)).toHaveLength(2);
  });

  it("digits that are both an id and another system's name are refused, naming both", async () => {
    r = await rig();
    const named = r.sim.state.addConnectedSystem({ name: "2" });
    r.sim.clearRequests();
    const res = await r.call("connected_system_clear", { connectedSystemId: "2" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(`could be the id 2 or the name of 2 (id ${named.id})`);
    expect(r.sim.changingRequests()).toHaveLength(0);
    // As a number it is the id, with no doubt.
    const byNumber = await r.call("connected_system_get", { connectedSystemId: 2 });
    expect(byNumber.structuredContent).toMatchObject({ id: 2, name: "Corporate Directory" });
  });

  it("a run profile id alone is searched for on a few systems only; past that, the system is asked for", async () => {
    r = await rig();
    const found = ok(await r.call("run_profile_execute", { runProfileId: 1, wait: false }));
    expect(found.structuredContent).toMatchObject({ connectedSystem: { id: 1 } });
    r.sim.state.addConnectedSystems(30, "Branch");
    r.sim.clearRequests();
    const res = await r.call("run_profile_execute", { runProfileId: 1, wait: false });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Pass connectedSystemId \(id or name\) too/);
    expect(r.sim.requests.filter((q) => q.userAgent === "jim-mcp")).toHaveLength(1);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("finds an exact name, then one that differs only in case", async () => {
    r = await rig();
    const exact = ok(await r.call("connected_system_get", { connectedSystemId: "HR System" }));
    expect(exact.structuredContent).toMatchObject({ id: 1, name: "HR System" });
    const loose = ok(await r.call("run_profile_list", { connectedSystemId: "corporate DIRECTORY" }));
    expect(loose.structuredContent).toMatchObject({
      connectedSystem: { id: 2, name: "Corporate Directory" },
    });
    expect(gets(r, CS_LIST).map((q) => q.query.pageSize)).toEqual(["100", "100"]);
  });

  it("an exact match wins over names that differ only in case", async () => {
    r = await rig();
    const upper = r.sim.state.addConnectedSystem({ name: "HR SYSTEM" });
    const res = ok(await r.call("connected_system_get", { connectedSystemId: "HR SYSTEM" }));
    expect(res.structuredContent).toMatchObject({ id: upper.id });
  });

  it("an ambiguous name is refused with the candidates; nothing is changed", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const a = r.sim.state.addConnectedSystem({ name: "Payroll" });
    const b = r.sim.state.addConnectedSystem({ name: "payroll" });
    const res = await r.call("connected_system_clear", { connectedSystemId: "PAYROLL" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(
      `connectedSystemId: 2 connected systems are named "PAYROLL": Payroll (id ${a.id}), payroll (id ${b.id}). Pass the id instead.`,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("an unknown name lists the closest names with their ids", async () => {
    r = await rig();
    const res = await r.call("partition_list", { connectedSystemId: "HR Sytem" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(
      'connectedSystemId: no connected system is named "HR Sytem". Closest: HR System (id 1)',
    );
    expect(text(res)).toContain("(connected_system_list)");
    expect(r.sim.requests.map((q) => q.path)).toEqual([CS_LIST]);
  });

  it("reads every page to find a name", async () => {
    r = await rig();
    r.sim.state.addConnectedSystems(140);
    const last = r.sim.state.addConnectedSystem({ name: "Payroll Archive" });
    const res = ok(await r.call("pending_export_list", { connectedSystemId: "payroll archive" }));
    expect(res.structuredContent).toMatchObject({ totalCount: 0 });
    expect(gets(r, CS_LIST).map((q) => q.query.page)).toEqual(["1", "2"]);
    expect(gets(r, `${CS_LIST}/${last.id}`)).toHaveLength(1);
  });

  it("optional filters resolve too (sync_rule_list, data_flow_list, deleted_object_list)", async () => {
    r = await rig();
    ok(await r.call("sync_rule_list", { connectedSystemId: "hr system" }));
    expect(gets(r, SR_LIST)[0]?.query.connectedSystemIds).toBe("1");
    ok(await r.call("deleted_object_list", { kind: "cso", connectedSystemId: "Corporate Directory" }));
    const deleted = r.sim.requests.find((q) => q.path.startsWith("/api/v1/history/deleted-objects"));
    expect(deleted?.query.connectedSystemId).toBe("2");
  });

  it("bad values are refused before anything is sent", async () => {
    r = await rig();
    for (const v of [0, -3, 1.5, "", "x".repeat(401), true]) {
      const res = await r.call("connected_system_get", { connectedSystemId: v });
      expect(res.isError, `value ${JSON.stringify(v)}`).toBe(true);
      expect(text(res)).toContain("connectedSystemId");
    }
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("run profiles", () => {
  const profileId = (rg: Rig, csId: number, name: string) =>
    rg.sim.state.getConnectedSystem(csId)!.runProfiles.find((p) => p.name === name)!.id;

  it("ids are used as is: no list read", async () => {
    r = await rig();
    const id = profileId(r, 1, "Full Import");
    ok(await r.call("run_profile_update", { connectedSystemId: 1, runProfileId: id, pageSize: 250 }));
    expect(r.sim.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PUT ${CS_LIST}/1/run-profiles/${id}`,
    ]);
  });

  it("a profile name is found within its system, exactly or ignoring case", async () => {
    r = await rig();
    const id = profileId(r, 2, "Delta Import");
    const res = ok(
      await r.call("run_profile_update", {
        connectedSystemId: "Corporate Directory",
        runProfileId: "delta import",
        pageSize: 250,
      }),
    );
    expect(res.structuredContent).toMatchObject({ runProfile: { id, name: "Delta Import" } });
    expect(r.sim.changingRequests().map((q) => q.path)).toEqual([`${CS_LIST}/2/run-profiles/${id}`]);
    const exec = ok(
      await r.call("run_profile_execute", {
        connectedSystemId: 2,
        runProfileId: "Delta Import",
        wait: false,
      }),
    );
    expect(exec.structuredContent).toMatchObject({ runProfile: { id } });
  });

  it("a name without its system is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("run_profile_execute", { runProfileId: "Full Import", wait: false });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain("needs connectedSystemId");
    expect(r.sim.requests).toHaveLength(0);
  });

  it("an ambiguous name is refused with the candidates; nothing is deleted", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const sys = r.sim.state.getConnectedSystem(1)!;
    const base = sys.runProfiles[0]!;
    sys.runProfiles.push({ ...base, id: 901, name: "Nightly" }, { ...base, id: 902, name: "NIGHTLY" });
    const res = await r.call("run_profile_delete", {
      connectedSystemId: "HR System",
      runProfileId: "nightly",
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(
      'runProfileId: 2 run profiles on HR System (id 1) are named "nightly": Nightly (id 901), NIGHTLY (id 902).',
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("an unknown name lists the system's closest profiles", async () => {
    r = await rig();
    const res = await r.call("run_profile_delete", { connectedSystemId: 1, runProfileId: "Full Sync" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(
      `no run profile on HR System (id 1) is named "Full Sync". Closest: Full Synchronisation (id ${profileId(r, 1, "Full Synchronisation")})`,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("the system of a profile name may sit on a later page", async () => {
    r = await rig();
    r.sim.state.addConnectedSystems(120);
    const sys = r.sim.state.addConnectedSystem({ name: "Far Away" });
    const res = ok(
      await r.call("run_profile_update", {
        connectedSystemId: "far away",
        runProfileId: "full import",
        pageSize: 10,
      }),
    );
    expect(res.structuredContent).toMatchObject({ runProfile: { id: sys.runProfiles[0]!.id } });
    expect(gets(r, CS_LIST).map((q) => q.query.page)).toEqual(["1", "2"]);
  });
});

describe("metaverse object types", () => {
  it("an id costs no lookup; a name is found exactly or ignoring case", async () => {
    r = await rig();
    ok(await r.call("metaverse_object_type_list", { objectTypeId: 1 }));
    expect(gets(r, MVT_LIST)).toHaveLength(0);
    const res = ok(await r.call("metaverse_object_type_list", { objectTypeId: "user" }));
    expect(text(res)).toContain("User");
    expect(gets(r, MVT_LIST)).toHaveLength(1);
    expect(gets(r, `${MVT_LIST}/1`)).toHaveLength(2);
    ok(await r.call("pending_deletion_list", { objectTypeId: "User" }));
  });

  it("an ambiguous name is refused; nothing is deleted", async () => {
    r = await rig({ config: { destructive: "allow" } });
    addObjectType(r, 801, "Contractor");
    addObjectType(r, 802, "contractor");
    const res = await r.call("metaverse_object_type_delete", { objectTypeId: "CONTRACTOR" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain("Contractor (id 801), contractor (id 802)");
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("an unknown name lists the closest; names on later pages are found", async () => {
    r = await rig();
    for (let i = 0; i < 110; i++) addObjectType(r, 1000 + i, `Extra Type ${i}`);
    addObjectType(r, 2000, "Service Account");
    const miss = await r.call("metaverse_object_type_list", { objectTypeId: "Service Acount" });
    expect(text(miss)).toContain(
      'no metaverse object type is named "Service Acount". Closest: Service Account (id 2000)',
    );
    r.sim.clearRequests();
    ok(await r.call("metaverse_object_type_list", { objectTypeId: "service account" }));
    expect(gets(r, MVT_LIST).map((q) => q.query.page)).toEqual(["1", "2"]);
    expect(gets(r, `${MVT_LIST}/2000`)).toHaveLength(1);
  });
});

describe("sync rules", () => {
  it("an id costs no lookup; a name is found exactly or ignoring case", async () => {
    r = await rig();
    const rule = syncRuleData(r.sim.state).rules[0]!;
    ok(await r.call("sync_rule_get", { syncRuleId: rule.id }));
    expect(gets(r, SR_LIST)).toHaveLength(0);
    const res = ok(await r.call("sync_rule_get", { syncRuleId: rule.name.toUpperCase() }));
    expect(res.structuredContent).toMatchObject({ rule: { id: rule.id, name: rule.name } });
    expect(gets(r, SR_LIST)).toHaveLength(1);
  });

  it("an ambiguous name is refused; nothing is changed", async () => {
    r = await rig();
    addSyncRule(r, 701, "Import staff");
    addSyncRule(r, 702, "Import Staff");
    const res = await r.call("sync_rule_update", { syncRuleId: "import STAFF", description: "x" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(
      'syncRuleId: 2 sync rules are named "import STAFF": Import staff (id 701), Import Staff (id 702).',
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("an unknown name lists the closest; names on later pages are found", async () => {
    r = await rig();
    for (let i = 0; i < 105; i++) addSyncRule(r, 1000 + i, `Filler rule ${i}`);
    addSyncRule(r, 3000, "Export mailboxes");
    const miss = await r.call("sync_rule_get", { syncRuleId: "Export mailbox" });
    expect(text(miss)).toContain("Closest: Export mailboxes (id 3000)");
    r.sim.clearRequests();
    const res = ok(
      await r.call("sync_rule_update", { syncRuleId: "export mailboxes", description: "Mailboxes." }),
    );
    expect(gets(r, SR_LIST).map((q) => q.query.page)).toEqual(["1", "2"]);
    expect(r.sim.changingRequests().map((q) => q.path)).toEqual([`${SR_LIST}/3000`]);
    expect(text(res)).toContain("Export mailboxes");
  });
});

describe("schedules", () => {
  it("a GUID costs no lookup; a name is found exactly or ignoring case", async () => {
    r = await rig();
    const s = scheduleData(r.sim.state).schedules[0]!;
    ok(await r.call("schedule_get", { scheduleId: s.id }));
    expect(gets(r, SCHEDULE_LIST)).toHaveLength(0);
    const res = ok(await r.call("schedule_get", { scheduleId: s.name.toLowerCase() }));
    expect(res.structuredContent).toMatchObject({ schedule: { id: s.id, name: s.name } });
    ok(await r.call("schedule_execution_list", { scheduleId: s.name }));
    expect(gets(r, "/api/v1/schedule-executions").at(-1)?.query.scheduleId).toBe(s.id);
  });

  it("an ambiguous name is refused; nothing is deleted", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const a = addSchedule(r, 1, "Month end");
    const b = addSchedule(r, 2, "Month End");
    const res = await r.call("schedule_delete", { scheduleId: "MONTH END" });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(`Month end (id ${a}), Month End (id ${b})`);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("an unknown name lists the closest; names on later pages are found", async () => {
    r = await rig();
    for (let i = 0; i < 100; i++) addSchedule(r, 100 + i, `Filler ${i}`);
    const id = addSchedule(r, 999, "Quarterly audit");
    const miss = await r.call("schedule_set_enabled", { scheduleId: "Quartely audit", enabled: false });
    expect(text(miss)).toContain(`Closest: Quarterly audit (id ${id})`);
    expect(r.sim.changingRequests()).toHaveLength(0);
    r.sim.clearRequests();
    const res = ok(await r.call("schedule_set_enabled", { scheduleId: "quarterly AUDIT", enabled: false }));
    expect(res.structuredContent).toMatchObject({ id, enabled: false });
    expect(gets(r, SCHEDULE_LIST).map((q) => q.query.page)).toEqual(["1", "2"]);
  });
});

describe("consent with a name", () => {
  it("the preview shows the resolved system; the same name with the token runs it", async () => {
    r = await rig();
    const args = { connectedSystemId: "hr system", deleteChangeHistory: false };
    const first = await r.call("connected_system_clear", args);
    expect(first.isError).toBe(true);
    expect(text(first)).toContain("CONFIRMATION REQUIRED");
    expect(text(first)).toContain('"HR System" (id 1)');
    expect(r.sim.changingRequests()).toHaveLength(0);
    const meta = first._meta?.["jim-mcp/confirmation"] as { confirmationToken?: string } | undefined;
    const token = meta?.confirmationToken;
    expect(token).toBeTruthy();
    const second = ok(await r.call("connected_system_clear", { ...args, confirmationToken: token }));
    expect(second.structuredContent).toMatchObject({ connectedSystem: { id: 1, name: "HR System" } });
    expect(r.sim.changingRequests().map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${CS_LIST}/1/clear`]);
  });

  it("a token confirmed for one object does not act on another that took its name meanwhile", async () => {
    r = await rig();
    const args = { connectedSystemId: "HR System" };
    const first = await r.call("connected_system_clear", args);
    const token = (first._meta?.["jim-mcp/confirmation"] as { confirmationToken?: string } | undefined)
      ?.confirmationToken;
    expect(text(first)).toContain('"HR System" (id 1)');
    r.sim.state.getConnectedSystem(1)!.name = "HR System (old)";
    r.sim.state.getConnectedSystem(2)!.name = "HR System";
    const second = await r.call("connected_system_clear", { ...args, confirmationToken: token });
    expect(second.isError).toBe(true);
    expect(text(second)).toMatch(/a name in them now means another object/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("one call reads a name's list once, for the consent plan and the handler", async () => {
    r = await rig({ config: { destructive: "allow" } });
    ok(await r.call("connected_system_clear", { connectedSystemId: "HR System" }));
    expect(gets(r, CS_LIST)).toHaveLength(1);
  });
});
