/**
 * Sync-rule tools through the MCP rig against the simulator: the result and the
 * exact requests JIM received, for each tool's happy path and main failure.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { behaviourPlan, data } from "../../simulator/data/sync-rules.js";

let r: Rig | undefined;
afterEach(async () => {
  // rig.close() also checks every request against the catalogue.
  await r?.close();
  r = undefined;
});

const SR = "/api/v1/synchronisation/sync-rules";
const calls = (rg: Rig) => rg.sim.requests.map((q) => `${q.method} ${q.path}`);

describe("sync_rule_list", () => {
  it("sends facets as JIM's repeatable parameters and renders a table", async () => {
    r = await rig();
    const res = await r.call("sync_rule_list", { direction: "Export", enabled: true, connectedSystemId: 2 });
    expect(res.isError).toBeFalsy();
    expect(r.sim.requests).toHaveLength(1);
    expect(r.sim.requests[0]).toMatchObject({
      method: "GET",
      path: SR,
      query: {
        page: "1",
        pageSize: "25",
        connectedSystemIds: "2",
        directions: "Export",
        statuses: "Enabled",
      },
    });
    const s = res.structuredContent as { items: Array<{ name: string; action: string }>; totalCount: number };
    expect(s.totalCount).toBe(1);
    expect(s.items[0]).toMatchObject({ name: "AD User Provisioning", action: "Provisions" });
    expect(text(res)).toMatch(
      /\| 3 \| AD User Provisioning \| Corporate Directory \| Export \| User → user \|/,
    );
    expect(text(res)).toMatch(/all 1 shown/);
  });

  it("pages and says what comes next", async () => {
    r = await rig();
    const res = await r.call("sync_rule_list", { pageSize: 2 });
    expect(res.structuredContent).toMatchObject({ page: 1, pageSize: 2, totalCount: 5, hasNextPage: true });
    expect(text(res)).toMatch(/showing 1–2 of 5 — next: page=2/);
  });

  it("refuses a bad page size before calling JIM", async () => {
    r = await rig();
    const res = await r.call("sync_rule_list", { pageSize: 0 });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("sync_rule_get", () => {
  it("combines the rule, mappings, scoping tree and matching rules", async () => {
    r = await rig();
    const res = await r.call("sync_rule_get", { syncRuleId: 1 });
    expect(res.isError).toBeFalsy();
    expect(calls(r).sort()).toEqual(
      [
        `GET ${SR}/1`,
        `GET ${SR}/1/mappings`,
        `GET ${SR}/1/matching-rules`,
        `GET ${SR}/1/scoping-criteria`,
      ].sort(),
    );
    const t = text(res);
    expect(t).toMatch(
      /Sync rule "HR Person Import" \(id 1\) · Import · HR System · person → User · Projects/,
    );
    expect(t).toMatch(/\| Display Name \| expr: cs\["firstName"\] \+ " " \+ cs\["lastName"\] \|/);
    expect(t).toMatch(
      /^All of:\n {2}- employeeId NotEquals ""\n {2}Any of:\n {4}- department NotEquals "Test Accounts"/m,
    );
    expect(t).toMatch(/startDate LessThanOrEquals 30 Days from now/);
    expect(t).toMatch(/1\. employeeId → Employee ID/);
    const s = res.structuredContent as {
      mappings: unknown[];
      scoping: Array<{ depth: number; type: string }>;
    };
    expect(s.mappings).toHaveLength(10);
    expect(s.scoping.map((g) => [g.depth, g.type])).toEqual([
      [0, "All"],
      [1, "Any"],
    ]);
  });

  it("says when the rule does not exist", async () => {
    r = await rig();
    const res = await r.call("sync_rule_get", { syncRuleId: 99 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Synchronisation rule with ID 99 not found/);
    expect(text(res)).toMatch(/HTTP 404 NOT_FOUND/);
    expect(text(res)).toMatch(/Next step: Check that sync rule 99 exists/);
  });
});

describe("sync_rule_update", () => {
  it("sends only the fields given, with the change reason in the body", async () => {
    r = await rig();
    const res = await r.call("sync_rule_update", {
      syncRuleId: 1,
      description: "Employees and contractors",
      enforceState: false,
      changeReason: "CHG-42",
    });
    expect(res.isError).toBeFalsy();
    expect(r.sim.changingRequests()).toHaveLength(1);
    expect(r.sim.changingRequests()[0]).toMatchObject({
      method: "PUT",
      path: `${SR}/1`,
      body: { description: "Employees and contractors", enforceState: false, changeReason: "CHG-42" },
    });
    expect(Object.keys(r.sim.changingRequests()[0]!.body as object).sort()).toEqual([
      "changeReason",
      "description",
      "enforceState",
    ]);
    expect(res.structuredContent).toMatchObject({ previewActivityId: null });
    expect(text(res)).toMatch(/description: "Projects every employee.*" → "Employees and contractors"/);
  });

  it("asks before switching deprovisioning to Delete, with JIM's impact counts", async () => {
    r = await rig();
    const res = await r.call("sync_rule_update", { syncRuleId: 3, outboundDeprovisionAction: "Delete" });
    expect(res.isError).toBe(true);
    const t = text(res);
    expect(t).toMatch(/CONFIRMATION REQUIRED/);
    expect(t).toMatch(/"AD User Provisioning" \(id 3\).*DELETED from "Corporate Directory"/);
    expect(t).toMatch(/WouldStageDeleteExport 19/);
    // Only the impact preview was started; the rule itself was not touched.
    expect(r.sim.requests.filter((q) => q.method !== "GET").map((q) => `${q.method} ${q.path}`)).toEqual([
      `POST ${SR}/3/destructive-toggles/preview`,
    ]);
    expect(r.sim.changingRequests()).toEqual([]);
    expect(r.sim.requests.find((q) => q.method === "POST")!.body).toEqual({
      outboundDeprovisionAction: "Delete",
    });
  });

  it("links the change to its preview when allowed", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("sync_rule_update", { syncRuleId: 3, outboundDeprovisionAction: "Delete" });
    expect(res.isError).toBeFalsy();
    const start = r.sim.requests.find((q) => q.path.endsWith("/destructive-toggles/preview"))!;
    const put = r.sim.changingRequests().find((q) => q.method === "PUT")!;
    const previewId = (res.structuredContent as { previewActivityId: string }).previewActivityId;
    expect(previewId).toMatch(/^[0-9a-f-]{36}$/);
    expect(put).toMatchObject({
      path: `${SR}/3`,
      body: { outboundDeprovisionAction: "Delete", previewActivityId: previewId },
    });
    expect(start.status).toBe(202);
    expect(r.sim.requests.some((q) => q.path === `/api/v1/previews/${previewId}`)).toBe(true);
    expect(text(res)).toMatch(/outboundDeprovisionAction: "Disconnect" → "Delete"/);
  });

  it("treats disabling a provisioning rule as destructive and previews the behaviour change", async () => {
    r = await rig();
    const res = await r.call("sync_rule_update", { syncRuleId: 3, enabled: false });
    expect(text(res)).toMatch(/CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(/stops provisioning/);
    expect(text(res)).toMatch(/WouldStopProvisioning 4,630/);
    expect(r.sim.requests.filter((q) => q.method !== "GET").map((q) => q.path)).toEqual([
      `${SR}/3/behaviour/preview`,
    ]);
    expect(r.sim.changingRequests()).toEqual([]);
  });

  it("treats turning provisioning off on a provisioning Export rule as destructive, with the behaviour preview", async () => {
    r = await rig();
    const args = { syncRuleId: 3, provisionToConnectedSystem: false };
    const first = await r.call("sync_rule_update", args);
    expect(first.isError).toBe(true);
    const t = text(first);
    expect(t).toMatch(/^CONFIRMATION REQUIRED/);
    expect(t).toMatch(/"AD User Provisioning" \(id 3\).*stops provisioning to "Corporate Directory"/);
    expect(t).toMatch(/WouldStopProvisioning 4,630, DeprovisionQueued 4,630/);
    const preview = r.sim.requests.filter((q) => q.method !== "GET");
    expect(preview.map((q) => q.path)).toEqual([`${SR}/3/behaviour/preview`]);
    expect(preview[0]!.body).toEqual({ provisionToConnectedSystem: false });
    expect(r.sim.changingRequests()).toEqual([]);

    const meta = first._meta?.["jim-mcp/confirmation"] as { confirmationToken: string };
    const second = await r.call("sync_rule_update", { ...args, confirmationToken: meta.confirmationToken });
    expect(second.isError, text(second)).toBeFalsy();
    const put = r.sim.changingRequests();
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({ method: "PUT", path: `${SR}/3` });
    expect(put[0]!.body).toMatchObject({ provisionToConnectedSystem: false });
    expect(text(second)).toMatch(/provisionToConnectedSystem: true → false/);
  });

  it("says deprovisioned objects are deleted when the rule's action is Delete", async () => {
    r = await rig();
    const res = await r.call("sync_rule_update", { syncRuleId: 4, provisionToConnectedSystem: false });
    expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
    expect(text(res)).toMatch(/objects it manages may be deleted/);
    expect(text(res)).toMatch(/WouldStageDeleteExport/);
    expect(r.sim.changingRequests()).toEqual([]);
  });

  // Every single behaviour toggle on every sample rule: the tool asks exactly when JIM's behaviour
  // preview reports an impact for the change, and then nothing is changed.
  const toggles = ["enabled", "projectToMetaverse", "provisionToConnectedSystem", "enforceState"] as const;
  const combos = [1, 2, 3, 4, 5].flatMap((id) =>
    toggles.flatMap((field) => [true, false].map((value) => ({ id, field, value }))),
  );
  it.each(combos)(
    "rule $id, $field: $value asks exactly when JIM's preview reports an impact",
    async ({ id, field, value }) => {
      r = await rig();
      const rule = data(r.sim.state).rules.find((x) => x.id === id)!;
      const expected = behaviourPlan(r.sim.state, rule, { [field]: value }).impactCounts;
      const res = await r.call("sync_rule_update", { syncRuleId: id, [field]: value });
      if (expected.length > 0) {
        expect(text(res)).toMatch(/^CONFIRMATION REQUIRED/);
        for (const c of expected) expect(text(res)).toContain(c.transitionType);
        expect(r.sim.changingRequests()).toEqual([]);
      } else {
        // Not asked about; a toggle turned on that the rule's direction lacks is refused before
        // anything is sent (JIM would answer 400), the rest apply.
        expect(text(res)).not.toMatch(/CONFIRMATION REQUIRED/);
        expect(r.sim.requests.some((q) => q.path.endsWith("/preview"))).toBe(false);
        const otherDirection =
          value === true &&
          ((field === "projectToMetaverse" && rule.direction !== "Import") ||
            (field === "provisionToConnectedSystem" && rule.direction !== "Export") ||
            (field === "enforceState" && rule.direction !== "Export"));
        if (otherDirection) {
          expect(text(res)).toMatch(/applies to (Import|Export) rules only/);
          expect(r.sim.changingRequests()).toEqual([]);
        } else {
          expect(res.isError, text(res)).toBeFalsy();
          expect(r.sim.changingRequests().map((q) => `${q.method} ${q.path}`)).toEqual([`PUT ${SR}/${id}`]);
        }
      }
    },
  );

  it.each(["", "   "])("refuses the name %j before sending anything", async (name) => {
    r = await rig();
    const res = await r.call("sync_rule_update", { syncRuleId: 1, name });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/name/);
    expect(r.sim.requests).toHaveLength(0);
  });

  it("trims a new name before sending it", async () => {
    r = await rig();
    const res = await r.call("sync_rule_update", { syncRuleId: 1, name: "  HR People Import " });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests()[0]!.body).toMatchObject({ name: "HR People Import" });
  });

  it("refuses without asking when JIM's preview says the change is blocked", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("sync_rule_update", { syncRuleId: 1, outboundDeprovisionAction: "Delete" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/blocked: The outbound deprovision action only applies to export rules/);
    expect(r.sim.changingRequests().filter((q) => q.method === "PUT")).toHaveLength(0);
  });

  it("refuses a toggle the rule's direction does not have, before asking anyone or sending anything", async () => {
    r = await rig();
    r.sim.clearRequests();
    const imp = await r.call("sync_rule_update", { syncRuleId: 1, provisionToConnectedSystem: true });
    expect(imp.isError).toBe(true);
    expect(text(imp)).toMatch(/provisionToConnectedSystem applies to Export rules only; .*Import rule/);
    const exp = await r.call("sync_rule_update", { syncRuleId: 3, projectToMetaverse: true });
    expect(exp.isError).toBe(true);
    expect(text(exp)).toMatch(/projectToMetaverse applies to Import rules only; .*Export rule/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });

  it("refuses an empty change before calling JIM", async () => {
    r = await rig();
    const res = await r.call("sync_rule_update", { syncRuleId: 1 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/Nothing to change/);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("data_flow_list", () => {
  it("filters flows and shows source → target per rule", async () => {
    r = await rig();
    const res = await r.call("data_flow_list", { connectedSystemId: 2, direction: "Export" });
    expect(res.isError).toBeFalsy();
    expect(r.sim.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/v1/synchronisation/data-flows",
      query: { page: "1", pageSize: "25", connectedSystemId: "2", direction: "Export" },
    });
    const s = res.structuredContent as {
      totalCount: number;
      items: Array<{ source: string; target: string }>;
    };
    expect(s.totalCount).toBe(10);
    expect(s.items).toContainEqual(expect.objectContaining({ source: "First Name", target: "givenName" }));
    expect(text(res)).toMatch(
      /\| Corporate Directory \| Export \| User → user \| First Name → givenName \| AD User Provisioning \(id 3\) \|/,
    );
  });

  it("finds targets with several contributors", async () => {
    r = await rig();
    const res = await r.call("data_flow_list", { multipleContributorsOnly: true });
    expect(r.sim.requests[0]!.query).toMatchObject({ multipleContributorsOnly: "true" });
    expect(text(res)).toMatch(/email → Email \(2 contributors\)/);
    expect(text(res)).toMatch(/mail → Email \(2 contributors\)/);
  });

  it("refuses a bad connected system id before calling JIM", async () => {
    r = await rig();
    const res = await r.call("data_flow_list", { connectedSystemId: 0 });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("expression_test", () => {
  it("sends the expression with sample values and shows the result", async () => {
    r = await rig();
    const expression = 'Lower(mv["First Name"]) + "." + cs["sn"]';
    const res = await r.call("expression_test", {
      expression,
      mvValues: '{"First Name":"Ada"}',
      csValues: '{"sn":"Lee"}',
    });
    expect(res.isError).toBeFalsy();
    expect(r.sim.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/synchronisation/test-expression",
      body: { expression, mvAttributes: { "First Name": "Ada" }, csAttributes: { sn: "Lee" } },
    });
    expect(res.structuredContent).toMatchObject({ isValid: true, result: "ada.Lee", resultType: "String" });
    expect(text(res)).toBe('Valid. Result: "ada.Lee" (String)');
  });

  it("reports an invalid expression with its position (not a tool error)", async () => {
    r = await rig();
    const res = await r.call("expression_test", { expression: 'Proper(mv["First Name"])' });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ isValid: false, errorPosition: 0 });
    expect(text(res)).toMatch(/^Invalid at position 0: Unknown function 'Proper'/);
    expect(r.sim.requests[0]!.body).toEqual({ expression: 'Proper(mv["First Name"])' });
  });

  it("refuses sample values that are not a JSON object, before calling JIM", async () => {
    r = await rig();
    const res = await r.call("expression_test", { expression: 'mv["x"]', mvValues: '["a"]' });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/mvValues must be a JSON object/);
    expect(r.sim.requests).toHaveLength(0);
  });
});
