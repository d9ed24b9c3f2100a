/** operations toolset: logs, predefined searches, example data, previews. */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import { data as operationsData, PREVIEW_ID, RUNNING_PREVIEW_ID } from "../../simulator/data/operations.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const req = (rig: Rig) => rig.sim.requests.map((q) => ({ method: q.method, path: q.path, query: q.query }));

describe("log_list", () => {
  it("sends the filters (levels repeated from the minimum up) and asks for one extra to see if more follow", async () => {
    r = await rig();
    const res = await r.call("log_list", { service: "worker", minLevel: "Error", limit: 3 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([
      {
        method: "GET",
        path: "/api/v1/logs",
        query: { service: "worker", levels: ["Error", "Fatal"], limit: "4", offset: "0" },
      },
    ]);
    expect(res.structuredContent).toMatchObject({ nextOffset: 3 });
    expect((res.structuredContent as { items: unknown[] }).items).toHaveLength(3);
    const t = text(res);
    expect(t).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ ERR worker: Export to 'Learning Platform' failed/);
    expect(t).toMatch(/ {4}↳ System.InvalidOperationException/);
    expect(t).toMatch(/showing 1–3 \(newest first\) — next: offset=3$/);
  });

  it("says when there are no more entries", async () => {
    r = await rig();
    const res = await r.call("log_list", { search: "database connection lost", offset: 0 });
    expect(res.structuredContent).toMatchObject({ nextOffset: null });
    expect(text(res)).toMatch(/FTL \w+: Worker stopped/);
    expect(text(res)).toMatch(/showing 1–1 \(newest first\) — no more entries$/);
  });

  it("a malformed date is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("log_list", { date: "22/11/2026" });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("predefined searches", () => {
  it("predefined_search_list lists the saved searches", async () => {
    r = await rig();
    const res = await r.call("predefined_search_list", {});
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([{ method: "GET", path: "/api/v1/predefined-searches", query: {} }]);
    expect(text(res)).toMatch(/\| all-people \| All People \| User \| yes \| yes \| 1 \|/);
    expect(text(res)).toMatch(/\| leavers \| Leavers \| User \| no \| no \| 4 \|/);
  });

  it("predefined_search_list: a JIM failure is an error with a next step", async () => {
    r = await rig();
    r.sim.hooks.fault({ method: "GET", path: "/api/v1/predefined-searches", kind: "status", status: 500 });
    const res = await r.call("predefined_search_list", {});
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 500 INTERNAL_ERROR/);
    expect(text(res)).toMatch(/Next step: /);
  });

  it("predefined_search_object_list runs one, with its columns and paging", async () => {
    r = await rig();
    const res = await r.call("predefined_search_object_list", {
      uri: "all-people",
      search: "a",
      pageSize: 5,
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([
      {
        method: "GET",
        path: "/api/v1/metaverse/objects/search/all-people",
        query: { page: "1", pageSize: "5", search: "a" },
      },
    ]);
    const people = operationsData(r.sim.state).objects.filter(
      (o) => o.type.name === "User" && o.displayName.toLowerCase().includes("a"),
    );
    expect(people.length).toBeGreaterThan(5);
    expect(res.structuredContent).toMatchObject({ totalCount: people.length, hasNextPage: true });
    const t = text(res);
    expect(t).toMatch(/^\| Display Name \| Email \| Department \| Job Title \|/);
    expect(t).toMatch(new RegExp(`showing 1–5 of ${people.length} — next: page=2`));
  });

  it("a disabled or unknown search: 404 with a next step", async () => {
    r = await rig();
    const res = await r.call("predefined_search_object_list", { uri: "leavers" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404 NOT_FOUND/);
    expect(text(res)).toMatch(/Next step: Check that enabled predefined search 'leavers' exists/);
  });
});

describe("example data", () => {
  it("example_data_template_list pages the templates", async () => {
    r = await rig();
    const res = await r.call("example_data_template_list", { pageSize: 2 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([
      { method: "GET", path: "/api/v1/example-data/templates", query: { page: "1", pageSize: "2" } },
    ]);
    expect(text(res)).toMatch(/\| 1 \| Demo Users \| yes \| 2 \|/);
    expect(text(res)).toMatch(/showing 1–2 of 3 — next: page=2/);
  });

  it("example_data_template_list: page 0 is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("example_data_template_list", { page: 0 });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });

  it("example_data_execute queues generation and the activity can be waited on", async () => {
    r = await rig();
    const res = await r.call("example_data_execute", { templateId: 1 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(r.sim.changingRequests().map((q) => ({ method: q.method, path: q.path, body: q.body }))).toEqual([
      { method: "POST", path: "/api/v1/example-data/templates/1/execute", body: undefined },
    ]);
    const { activityId } = res.structuredContent as { activityId: string };
    expect(text(res)).toMatch(new RegExp(`follow it with activity_wait \\(activityId ${activityId}\\)`));
    const waited = await r.call("activity_wait", { activityId, timeoutSeconds: 10 });
    expect(waited.isError, text(waited)).toBeFalsy();
    expect(waited.structuredContent).toMatchObject({ status: "Complete" });
  });

  it("unknown template: 404", async () => {
    r = await rig();
    const res = await r.call("example_data_execute", { templateId: 99 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404 NOT_FOUND/);
    expect(text(res)).toMatch(/example data template 99/);
  });
});

describe("preview_get", () => {
  it("reads a finished preview: stages, findings, impact and groups", async () => {
    r = await rig();
    operationsData(r.sim.state);
    const res = await r.call("preview_get", { activityId: PREVIEW_ID });
    expect(res.isError, text(res)).toBeFalsy();
    expect(req(r)).toEqual([{ method: "GET", path: `/api/v1/previews/${PREVIEW_ID}`, query: {} }]);
    expect(res.structuredContent).toMatchObject({
      state: "complete",
      surface: "SynchronisationRuleScope",
      impact: [
        { outcome: "WouldFallOutOfScope", objects: 37 },
        { outcome: "AttributeFlow", objects: 12 },
      ],
    });
    const t = text(res);
    expect(t).toMatch(/findings:\n- Warning: Objects leaving scope will be disconnected/);
    expect(t).toMatch(
      /\| AttributeFlow \| 12 \| User · Corporate Directory · department: Sales → Commercial \|/,
    );
  });

  it("a running preview says to look again", async () => {
    r = await rig();
    operationsData(r.sim.state);
    const res = await r.call("preview_get", { activityId: RUNNING_PREVIEW_ID });
    expect(res.structuredContent).toMatchObject({ state: "running" });
    expect(text(res)).toMatch(/Still running \(400 of 2,900 objects\); call preview_get again/);
  });

  it("unknown preview: ProblemDetails 404 with a next step", async () => {
    r = await rig();
    const res = await r.call("preview_get", { activityId: "0f0f0f0f-1111-4222-8333-444455556666" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 404/);
    expect(text(res)).toMatch(/Next step: Check that preview 0f0f0f0f-1111-4222-8333-444455556666 exists/);
  });
});
