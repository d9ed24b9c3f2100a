/**
 * The simulator's sample data agrees with itself: what one area names (object types, sync rules,
 * object ids), another area has. Checked on the data and through the tools a user would chain.
 */
import { afterEach, describe, expect, it } from "vitest";
import { data as historyData } from "../src/simulator/data/history.js";
import { data as metaverseData } from "../src/simulator/data/metaverse.js";
import { data as operationsData } from "../src/simulator/data/operations.js";
import { remoteSchemaPatch } from "../src/simulator/data/schema.js";
import { MV_TYPES, data as syncRulesData } from "../src/simulator/data/sync-rules.js";
import { type Rig, rig, text } from "./harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe("sample data is consistent", () => {
  it("every Metaverse object type named elsewhere exists, with the same id", async () => {
    r = await rig();
    const state = r.sim.state;
    const types = new Map(metaverseData(state).objectTypes.map((t) => [t.id, t.name]));
    for (const t of MV_TYPES) expect(types.get(t.id), `sync rules: ${t.name}`).toBe(t.name);
    for (const d of historyData(state).deletedMvos) {
      expect(types.get(d.objectTypeId ?? -1), `deleted object ${d.displayName}`).toBe(d.objectTypeName);
    }
    for (const s of operationsData(state).searches) {
      expect(types.get(s.metaverseObjectTypeId), `search ${s.name}`).toBe(s.metaverseObjectTypeName);
    }
  });

  it("the sync rules a schema import cites exist", async () => {
    r = await rig();
    const state = r.sim.state;
    const rules = new Set(syncRulesData(state).rules.map((x) => x.name));
    for (const sys of state.connectedSystems) {
      for (const [attribute, users] of Object.entries(remoteSchemaPatch(sys).inUse)) {
        for (const name of users) expect(rules.has(name), `${sys.name} ${attribute}: ${name}`).toBe(true);
      }
    }
  });

  it("the type sync rules and searches name can be searched for", async () => {
    r = await rig();
    const res = await r.call("metaverse_object_search", { objectType: MV_TYPES[0].name, countOnly: true });
    expect(res.isError, text(res)).toBeFalsy();
    expect((res.structuredContent as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  it("objects a predefined search finds open with metaverse_object_get", async () => {
    r = await rig();
    for (const uri of ["all-people", "all-groups", "engineering-staff"]) {
      const list = await r.call("predefined_search_object_list", { uri, pageSize: 3 });
      expect(list.isError, text(list)).toBeFalsy();
      const items = (list.structuredContent as { items: Array<{ id: string; displayName: string }> }).items;
      expect(items.length, uri).toBeGreaterThan(0);
      for (const item of items) {
        const got = await r.call("metaverse_object_get", { objectId: item.id });
        expect(got.isError, `${uri}: ${item.id} ${text(got)}`).toBeFalsy();
        expect(got.structuredContent).toMatchObject({ id: item.id, displayName: item.displayName });
      }
    }
  });
});
