/**
 * MCP resources and resource templates through a real MCP client against the simulator, in
 * both protocol eras: listing, reading every URI, completing every template variable, and the
 * failures (unknown ids, bad ids, JIM faults, no configuration).
 */
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterEach, describe, expect, it } from "vitest";
import { JimApiError } from "../src/jim/errors.js";
import { protocolError } from "../src/resources/shared.js";
import { ToolInputError } from "../src/tools/define.js";
import { type Era, type Rig, rig, text } from "./harness.js";

const CS = "/api/v1/synchronisation/connected-systems";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

type Contents = Array<{ uri: string; mimeType?: string; text?: string }>;

async function read(rg: Rig, uri: string): Promise<{ mimeType?: string; text: string }> {
  const res = await rg.client.readResource({ uri });
  const contents = res.contents as Contents;
  expect(contents).toHaveLength(1);
  expect(contents[0]!.uri).toBe(uri);
  return { mimeType: contents[0]!.mimeType, text: contents[0]!.text ?? "" };
}

async function failure(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: number; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error("expected the request to fail");
}

function gets(rg: Rig, path: string) {
  return rg.sim.requests.filter((q) => q.method === "GET" && q.path === path);
}

/** The newest activity with this status, from the simulator's own data. */
function activityWith(rg: Rig, status: string) {
  const a = [...rg.sim.state.activities].reverse().find((x) => x.status === status);
  if (!a) throw new Error(`no ${status} activity in the sample data`);
  return a;
}

describe.each<Era>(["modern", "legacy"])("resources (%s era)", (era) => {
  it("resources/list names the fixed resources, every system's three views and recent activities, reading each list once", async () => {
    r = await rig({ era });
    const { resources } = await r.client.listResources();
    const uris = resources.map((x) => x.uri);
    expect(uris.slice(0, 3)).toEqual([
      "jim://connected-systems",
      "jim://metaverse/object-types",
      "jim://api/endpoints",
    ]);
    for (const id of [1, 2, 3]) {
      expect(uris).toContain(`jim://connected-systems/${id}`);
      expect(uris).toContain(`jim://connected-systems/${id}/partitions`);
      expect(uris).toContain(`jim://connected-systems/${id}/run-profiles`);
    }
    expect(resources.find((x) => x.uri === "jim://connected-systems/2")).toMatchObject({
      name: "Corporate Directory",
      mimeType: "text/markdown",
    });
    const activities = resources.filter((x) => x.uri.startsWith("jim://activities/"));
    expect(activities.length).toBeGreaterThan(0);
    expect(activities.length).toBeLessThanOrEqual(10);
    expect(activities.map((x) => x.name).join("\n")).toMatch(
      /Export on Corporate Directory · Export · FailedWithError/,
    );
    // Three templates list systems from one read; the activity template from one more.
    expect(gets(r, CS)).toHaveLength(1);
    expect(gets(r, "/api/v1/activities")).toHaveLength(1);
  });

  it("resources/templates/list: the four templates with their media types", async () => {
    r = await rig({ era });
    const { resourceTemplates } = await r.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => [t.name, t.uriTemplate, t.mimeType])).toEqual([
      ["connected-system", "jim://connected-systems/{id}", "text/markdown"],
      ["connected-system-partitions", "jim://connected-systems/{id}/partitions", "text/markdown"],
      ["connected-system-run-profiles", "jim://connected-systems/{id}/run-profiles", "text/markdown"],
      ["activity", "jim://activities/{id}", "text/markdown"],
    ]);
  });

  it("jim://connected-systems is the connected_system_list table", async () => {
    r = await rig({ era });
    const res = await read(r, "jim://connected-systems");
    expect(res.mimeType).toBe("text/markdown");
    expect(res.text).toMatch(/\| 2 \| Corporate Directory \| LDAP \| Active \| 5,000 \| 37 \|/);
    expect(res.text).toMatch(/all 3 shown/);
    expect(res.text).toMatch(/jim:\/\/connected-systems\/\{id\}/);
  });

  it("jim://connected-systems/{id} shows exactly what connected_system_get shows, by id or by name", async () => {
    r = await rig({ era });
    const byId = await read(r, "jim://connected-systems/2");
    expect(gets(r, `${CS}/2`)).toHaveLength(1); // an id goes straight to the tool's one request
    const tool = await r.call("connected_system_get", { connectedSystemId: 2 });
    expect(byId.text).toBe(text(tool));
    expect(byId.text).toMatch(/connected system: Corporate Directory \(id 2\)/);
    const byName = await read(r, "jim://connected-systems/Corporate%20Directory");
    expect(byName.text).toBe(byId.text);
    const anyCase = await read(r, "jim://connected-systems/corporate%20directory");
    expect(anyCase.text).toBe(byId.text);
  });

  it("jim://connected-systems/{id}/partitions is partition_list's tree", async () => {
    r = await rig({ era });
    const res = await read(r, "jim://connected-systems/2/partitions");
    expect(res.text).toBe(text(await r.call("partition_list", { connectedSystemId: 2 })));
    expect(res.text).toMatch(/Partitions of "Corporate Directory" \(id 2\)/);
    expect(res.text).toMatch(/\[x\] DC=corp,DC=example,DC=com/);
  });

  it("jim://connected-systems/{id}/run-profiles is run_profile_list's table, every profile on one page", async () => {
    r = await rig({ era });
    const res = await read(r, "jim://connected-systems/HR%20System/run-profiles");
    expect(res.text).toMatch(/Run profiles of "HR System" \(id 1\):/);
    expect(res.text).toMatch(/\| \d+ \| Full Import \| FullImport \|/);
    expect(res.text).toMatch(/all \d+ shown/);
    const runProfileGets = gets(r, `${CS}/1/run-profiles`);
    expect(runProfileGets).toHaveLength(1);
  });

  it("jim://activities/{id} is activity_get's view of the run", async () => {
    r = await rig({ era });
    const failed = activityWith(r, "FailedWithError");
    const res = await read(r, `jim://activities/${failed.id}`);
    expect(res.text).toBe(text(await r.call("activity_get", { activityId: failed.id })));
    expect(res.text).toMatch(/^Failed/);
    expect(res.text).toMatch(new RegExp(`activity: ${failed.id}`));
  });

  it("jim://metaverse/object-types is metaverse_object_type_list's table", async () => {
    r = await rig({ era });
    const res = await read(r, "jim://metaverse/object-types");
    expect(res.text).toBe(text(await r.call("metaverse_object_type_list", {})));
    expect(res.text).toMatch(/\| 1 \| User \| yes \|/);
  });

  it("jim://api/endpoints is the whole catalogue as JSON within ~25k tokens, without asking JIM", async () => {
    r = await rig({ era });
    const res = await read(r, "jim://api/endpoints");
    expect(res.mimeType).toBe("application/json");
    expect(encode(res.text).length).toBeLessThanOrEqual(25_000);
    const doc = JSON.parse(res.text) as {
      count: number;
      endpoints: Array<{ op: string; method: string; path: string; safety: string; body: string[] | null }>;
    };
    expect(doc.count).toBe(doc.endpoints.length);
    expect(doc.count).toBeGreaterThan(200);
    expect(doc.endpoints).toContainEqual(
      expect.objectContaining({
        op: "GetConnectedSystem",
        method: "GET",
        path: "/synchronisation/connected-systems/{connectedSystemId}",
        safety: "read",
      }),
    );
    const update = doc.endpoints.find(
      (e) => e.method === "PUT" && e.path.endsWith("/partitions/{partitionId}"),
    );
    expect(update?.body).toContain("selected");
    expect(r.sim.requests.filter((q) => q.userAgent === "jim-mcp")).toEqual([]);
  });

  it("completes {id} of every connected-system template from names and ids", async () => {
    r = await rig({ era });
    for (const uri of [
      "jim://connected-systems/{id}",
      "jim://connected-systems/{id}/partitions",
      "jim://connected-systems/{id}/run-profiles",
    ]) {
      const byName = await r.client.complete({
        ref: { type: "ref/resource", uri },
        argument: { name: "id", value: "corp" },
      });
      expect(byName.completion.values).toEqual(["2"]);
      const inside = await r.client.complete({
        ref: { type: "ref/resource", uri },
        argument: { name: "id", value: "platform" },
      });
      expect(inside.completion.values).toEqual(["3"]);
    }
    const all = await r.client.complete({
      ref: { type: "ref/resource", uri: "jim://connected-systems/{id}" },
      argument: { name: "id", value: "" },
    });
    expect(all.completion).toMatchObject({ values: ["1", "2", "3"], hasMore: false });
    const byId = await r.client.complete({
      ref: { type: "ref/resource", uri: "jim://connected-systems/{id}" },
      argument: { name: "id", value: "3" },
    });
    expect(byId.completion.values).toEqual(["3"]);
  });

  it("completes {id} of the activity template from recent activities", async () => {
    r = await rig({ era });
    const failed = activityWith(r, "FailedWithError");
    const byLabel = await r.client.complete({
      ref: { type: "ref/resource", uri: "jim://activities/{id}" },
      argument: { name: "id", value: "failedwith" },
    });
    expect(byLabel.completion.values).toContain(failed.id);
    const byPrefix = await r.client.complete({
      ref: { type: "ref/resource", uri: "jim://activities/{id}" },
      argument: { name: "id", value: failed.id.slice(0, 8) },
    });
    expect(byPrefix.completion.values[0]).toBe(failed.id);
    const q = gets(r, "/api/v1/activities").at(-1)!;
    expect(q.query).toMatchObject({ page: "1", pageSize: "100", sortDirection: "desc" });
  });

  it("completion is bounded: at most 100 values, with the total and hasMore", async () => {
    r = await rig({ era });
    r.sim.state.addConnectedSystems(150, "Bulk System");
    const res = await r.client.complete({
      ref: { type: "ref/resource", uri: "jim://connected-systems/{id}" },
      argument: { name: "id", value: "bulk" },
    });
    expect(res.completion.values).toHaveLength(100);
    expect(res.completion.total).toBe(150);
    expect(res.completion.hasMore).toBe(true);
  });

  it("an unknown system id or name is not found (-32602) and names the systems JIM knows or the closest", async () => {
    r = await rig({ era });
    const byId = await failure(r.client.readResource({ uri: "jim://connected-systems/99" }));
    expect(byId.code).toBe(-32602);
    expect(byId.message).toBe(
      'No connected system has id 99. Known connected systems: "HR System" (id 1), "Corporate Directory" (id 2), "Learning Platform" (id 3). Use an id or an exact name.',
    );
    // A name goes through the resolver every tool uses: its message, with the closest names.
    const byName = await failure(
      r.client.readResource({ uri: "jim://connected-systems/Corporate%20Dir/run-profiles" }),
    );
    expect(byName.code).toBe(-32602);
    expect(byName.message).toMatch(
      /^id: no connected system is named "Corporate Dir"\. Closest: Corporate Directory \(id 2\)/,
    );
    expect(byName.message).not.toMatch(/Nothing was changed/);
  });

  it("ids out of range are names that match nothing, and a key typed into a URI is never echoed", async () => {
    r = await rig({ era });
    for (const ref of ["0", "9999999999"]) {
      const err = await failure(r.client.readResource({ uri: `jim://connected-systems/${ref}` }));
      expect(err.code, ref).toBe(-32602);
      expect(err.message).toMatch(new RegExp(`no connected system is named "${ref}"`));
    }
    for (const uri of [
      `jim://connected-systems/${r.key}`,
      `jim://connected-systems/${r.key}/partitions`,
      `jim://activities/${r.key}`,
    ]) {
      const err = await failure(r.client.readResource({ uri }));
      expect(err.code, uri).toBe(-32602);
      expect(JSON.stringify(err)).not.toContain(r.key);
    }
  });

  it("a malformed or unknown activity id is not found and lists recent activities", async () => {
    r = await rig({ era });
    const bad = await failure(r.client.readResource({ uri: "jim://activities/not-a-guid" }));
    expect(bad.code).toBe(-32602);
    expect(bad.message).toMatch(/"not-a-guid" is not an activity id; activity ids are GUIDs/);
    expect(bad.message).toMatch(/Recent activities: [0-9a-f-]{36} \(/);
    const unknown = await failure(
      r.client.readResource({ uri: "jim://activities/00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknown.code).toBe(-32602);
    expect(unknown.message).toMatch(/No activity has id 00000000-0000-4000-8000-000000000000/);
  });

  it("a URI outside the server's resources is not found", async () => {
    r = await rig({ era });
    const err = await failure(r.client.readResource({ uri: "jim://schedules" }));
    expect(err.code).toBe(-32602);
  });

  it("a JIM fault is a clear error, and resources/list still names the fixed resources", async () => {
    r = await rig({ era });
    r.sim.hooks.fault({ method: "GET", path: `${CS}/2`, kind: "status", status: 500, times: 1 });
    const err = await failure(r.client.readResource({ uri: "jim://connected-systems/2" }));
    expect(err.code).toBe(-32603);
    expect(err.message).toMatch(/HTTP 500/);
    expect(err.message).toMatch(/Next step: /);
    r.sim.hooks.fault({ method: "GET", path: CS, kind: "status", status: 500, times: 1 });
    const { resources } = await r.client.listResources();
    expect(resources.map((x) => x.uri)).toContain("jim://api/endpoints");
    expect(resources.map((x) => x.uri)).not.toContain("jim://connected-systems/2");
  });

  it("key-like text in JIM's data is redacted in resources and completions", async () => {
    r = await rig({ era });
    r.sim.state.addConnectedSystem({ name: "Leaky jim_ak_test_abcdef0123456789" });
    const res = await read(r, "jim://connected-systems");
    expect(res.text).toMatch(/Leaky jim_ak_test…/);
    expect(res.text).not.toMatch(/jim_ak_test_abcdef/);
    expect(res.text).not.toContain(r.key);
  });
});

describe.each<Era>(["modern", "legacy"])("resources without a JIM connection (%s era)", (era) => {
  it("lists the fixed resources only, serves the catalogue, and says how to configure for the rest", async () => {
    r = await rig({ era, unconfigured: true });
    const { resources } = await r.client.listResources();
    expect(resources.map((x) => x.uri)).toEqual([
      "jim://connected-systems",
      "jim://metaverse/object-types",
      "jim://api/endpoints",
    ]);
    expect(JSON.parse((await read(r, "jim://api/endpoints")).text).count).toBeGreaterThan(200);
    for (const uri of [
      "jim://connected-systems",
      "jim://connected-systems/2",
      "jim://metaverse/object-types",
    ]) {
      const err = await failure(r.client.readResource({ uri }));
      expect(err.code).toBe(-32603);
      expect(err.message).toMatch(/No JIM connection is configured\. Set JIM_URL/);
    }
    const completion = await failure(
      r.client.complete({
        ref: { type: "ref/resource", uri: "jim://connected-systems/{id}" },
        argument: { name: "id", value: "" },
      }),
    );
    expect(completion.message).toMatch(/No JIM connection is configured/);
  });
});

describe("cache hints (2026-07-28)", () => {
  it("the catalogue may be cached by anyone for an hour; JIM's live data is not cached", async () => {
    r = await rig({ era: "modern" });
    const endpoints = (await r.client.readResource({ uri: "jim://api/endpoints" })) as Record<
      string,
      unknown
    >;
    expect(endpoints).toMatchObject({ ttlMs: 3_600_000, cacheScope: "public" });
    const live = (await r.client.readResource({ uri: "jim://connected-systems/1" })) as Record<
      string,
      unknown
    >;
    expect(live).toMatchObject({ ttlMs: 0, cacheScope: "private" });
    const templates = (await r.client.listResourceTemplates()) as Record<string, unknown>;
    expect(templates).toMatchObject({ ttlMs: 300_000, cacheScope: "private" });
  });
});

describe("protocolError", () => {
  it("maps bad input to -32602 and faults to -32603, always redacting keys", () => {
    const input = protocolError(new ToolInputError("bad value jim_ak_test_abcdef0123456789"), "reading x");
    expect(input.code).toBe(-32602);
    expect(input.message).toBe("bad value jim_ak_test…");
    const bug = protocolError(new Error("boom"), "reading x");
    expect(bug.code).toBe(-32603);
    expect(bug.message).toMatch(/^reading x failed inside jim-mcp: boom\./);
    const jim = protocolError(new JimApiError({ kind: "http", status: 404, message: "gone" }), "reading x", {
      uri: "jim://x",
      message: "No x. Known: a, b.",
    });
    expect(jim.code).toBe(-32602);
    expect(jim.message).toBe("No x. Known: a, b.");
  });
});
