import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const MV = "/api/v1/metaverse";

describe("metaverse deletions honour JIM's impact preview", () => {
  it("a built-in type is refused without asking anyone; nothing is sent", async () => {
    r = await rig({ elicit: "accept" });
    const res = await r.call("metaverse_object_type_delete", { objectTypeId: 1 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/blocked: "User" is a built-in object type/);
    expect(r.elicitations).toHaveLength(0);
    expect(r.sim.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET ${MV}/object-types/1/delete-preview`,
    ]);
  });

  it("a type that still has objects is refused, naming the block", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("metaverse_object_type_delete", { objectTypeId: 3 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/metaverse object\(s\) of this type exist/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("after the user agrees, the delete carries the exact confirmation name JIM requires", async () => {
    r = await rig({ elicit: "accept" });
    const res = await r.call("metaverse_object_type_delete", { objectTypeId: 4, changeReason: "unused" });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.elicitations[0]!.message).toMatch(
      /Delete metaverse object type "Contractor" \(id 4\)\? It also removes 1 configuration reference/,
    );
    const del = r.sim.changingRequests();
    expect(del).toHaveLength(1);
    expect(del[0]).toMatchObject({
      method: "DELETE",
      path: `${MV}/object-types/4`,
      query: { confirmationName: "Contractor", changeReason: "unused" },
    });
    expect(res.structuredContent).toMatchObject({ deleted: true, name: "Contractor" });
    const gone = await r.call("metaverse_object_type_delete", { objectTypeId: 4 });
    expect(text(gone)).toMatch(/object type with ID 4 not found/i);
  });

  it("attributes: values block; an unused custom attribute is deleted with its name as confirmation", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const list = await r.call("metaverse_attribute_list", { name: "Badge" });
    const badge = (list.structuredContent as { items: Array<{ id: number; name: string }> }).items.find(
      (a) => a.name === "Badge Number",
    )!;
    const blocked = await r.call("metaverse_attribute_delete", { attributeId: 1 });
    expect(blocked.isError).toBe(true);
    expect(text(blocked)).toMatch(/built-in attribute/);
    const res = await r.call("metaverse_attribute_delete", { attributeId: badge.id });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests()[0]).toMatchObject({
      method: "DELETE",
      query: { confirmationName: "Badge Number" },
    });
  });
});
