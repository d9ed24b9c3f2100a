/**
 * Effective sync scope: the partition tree shows what a parent's subtree brings in, and selection
 * changes are worded by what actually enters or leaves scope. Sample directory (Corporate
 * Directory, id 2): Users (1, subtree, 150 own) › Engineering (2, 2,100), Sales (3, 1,050) › EMEA
 * (4, 650), Disabled Users (5, excluded, 420); Groups (6, selected, 1,050); Service Accounts (7,
 * hidden, 75); a deselected second partition with Sites (8) and Services (9, OneLevel).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import type { ContainerDto } from "../../jim/types.js";
import { objectsInScope, scopeChange, scopeOf } from "./scope.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

interface Row {
  id: number;
  name: string;
  selected: boolean;
  inScope: boolean;
  scopeVia: number | null;
}

async function rows(rig: Rig): Promise<Row[]> {
  const res = await rig.call("partition_list", { connectedSystemId: 2 });
  return (res.structuredContent as { partitions: Array<{ containers: Row[] }> }).partitions.flatMap(
    (p) => p.containers,
  );
}

const select = (rig: Rig, args: Record<string, unknown>) =>
  rig.call("container_set_selection", { connectedSystemId: 2, ...args });

describe("partition_list shows effective scope", () => {
  it("marks containers a parent's subtree brings in, and what exclusion keeps out", async () => {
    r = await rig();
    const res = await r.call("partition_list", { connectedSystemId: 2 });
    const t = text(res);
    expect(t).toMatch(
      /^Partitions of "Corporate Directory" \(id 2\): 2 \(1 selected\); about 5,000 objects in sync scope/,
    );
    expect(t).toMatch(/\[x\] Users \(container 1, subtree, 4,370 objects, 3,950 in scope\)/);
    expect(t).toMatch(/\[~\] Sales \(container 3, in scope via Users \(subtree\), 1,700 objects\)/);
    expect(t).toMatch(/\[~\] EMEA \(container 4, in scope via Users \(subtree\), 650 objects\)/);
    expect(t).toMatch(/\[-\] Disabled Users \(container 5, excluded, 420 objects\)/);
    expect(t).toMatch(/\[ \] Service Accounts \(container 7, hidden, 75 objects\)/);
    expect(t).toMatch(/\[~\] in scope through a parent's subtree/);
    const byName = new Map((await rows(r)).map((c) => [c.name, c]));
    expect(byName.get("Sales")).toMatchObject({ selected: false, inScope: true, scopeVia: 1 });
    expect(byName.get("Users")).toMatchObject({ selected: true, inScope: true, scopeVia: 1 });
    expect(byName.get("Disabled Users")).toMatchObject({ inScope: false, scopeVia: null });
    expect(byName.get("Service Accounts")).toMatchObject({ inScope: false });
    expect(byName.get("Sites")).toMatchObject({ inScope: false });
  });

  it("a selected container in a deselected partition is marked out of scope", async () => {
    r = await rig({ config: { destructive: "allow" } });
    await select(r, { containerId: 9, selected: true, scope: "OneLevel" });
    const t = text(await r.call("partition_list", { connectedSystemId: 2 }));
    expect(t).toMatch(
      /\[x\] Services \(container 9, one level, out of scope: partition not selected, 48 objects\)/,
    );
  });
});

describe("container_set_selection speaks in effective scope", () => {
  it("excluding an inherited container asks about exactly what leaves", async () => {
    r = await rig();
    const res = await select(r, { containerId: 3, excluded: true });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /Exclude container "Users › Sales" \(id 3\) on "Corporate Directory"\? About 1,700 objects leave sync scope \(Sales, EMEA\)/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("lifting an exclusion says the container came back into scope through its parent", async () => {
    r = await rig();
    const res = await select(r, { containerId: 5, excluded: false });
    expect(res.isError, text(res)).toBeFalsy();
    expect(text(res)).toMatch(
      /Container "Users › Disabled Users" \(id 5\) on "Corporate Directory" is now not selected and in sync scope via Users \(subtree\)\. About 420 objects come into sync scope \(Disabled Users\)\./,
    );
    expect(text(res)).not.toMatch(/out of sync scope/);
    expect(res.structuredContent).toMatchObject({
      changed: true,
      container: { id: 5, excluded: false, inScope: true },
      objectsEnteringScope: 420,
      objectsLeavingScope: 0,
    });
    expect((await rows(r)).find((c) => c.id === 5)).toMatchObject({ inScope: true, scopeVia: 1 });
  });

  it("selecting or deselecting a container its parent already covers changes nothing in scope and asks nobody", async () => {
    r = await rig({ elicit: "decline" });
    const on = await select(r, { containerId: 4, selected: true });
    expect(on.isError, text(on)).toBeFalsy();
    expect(text(on)).toMatch(/What is in sync scope is unchanged/);
    const off = await select(r, { containerId: 4, selected: false });
    expect(off.isError, text(off)).toBeFalsy();
    expect(r.elicitations).toHaveLength(0);
    expect(text(off)).toMatch(
      /is now not selected and in sync scope via Users \(subtree\)\. What is in sync scope is unchanged/,
    );
  });

  it("deselecting a parent counts what its subtree really held (not the excluded part)", async () => {
    r = await rig();
    const res = await select(r, { containerId: 1, selected: false });
    expect(text(res)).toMatch(
      /About 3,950 objects leave sync scope \(Users, Engineering, Sales and 1 more\)/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("deselecting a partition counts only what is in scope", async () => {
    r = await rig();
    const res = await r.call("partition_set_selection", {
      connectedSystemId: 2,
      partitionId: 1,
      selected: false,
    });
    expect(text(res)).toMatch(/About 5,000 objects in 2 selected container\(s\) leave sync scope/);
  });
});

describe("scopeOf", () => {
  const c = (id: number, over: Partial<ContainerDto> = {}, children: ContainerDto[] = []): ContainerDto => ({
    id,
    name: `C${id}`,
    externalId: `OU=C${id}`,
    description: null,
    hidden: false,
    selected: false,
    excluded: false,
    scope: "Subtree",
    objectCount: 10,
    subtreeObjectCount: null,
    partitionId: 1,
    connectedSystemId: 1,
    childContainers: children,
    ...over,
  });

  it("one level covers the container's own objects only; exclusion wins over selections below it", () => {
    const tree = [
      c(1, { selected: true, scope: "OneLevel" }, [c(2)]),
      c(3, { selected: true }, [c(4, { excluded: true }, [c(5, { selected: true })]), c(6)]),
    ];
    const s = scopeOf(tree, true);
    expect(s.get(1)).toMatchObject({ inScope: true });
    expect(s.get(2)).toMatchObject({ inScope: false, reason: "C1 is selected one level only" });
    expect(s.get(4)).toMatchObject({ inScope: false, reason: "excluded" });
    expect(s.get(5)).toMatchObject({ inScope: false, reason: "inside excluded C4" });
    expect(s.get(6)).toMatchObject({ inScope: true, via: { id: 3, name: "C3" } });
    expect(objectsInScope([tree[1]!], s)).toBe(20);
    expect([...scopeOf(tree, false).values()].some((x) => x.inScope)).toBe(false);
    const narrow = scopeChange(tree, 3, { scope: "OneLevel" });
    expect(narrow.leaving.map((x) => x.id)).toEqual([6]);
    expect(narrow.objectsLeaving).toBe(10);
  });
});
