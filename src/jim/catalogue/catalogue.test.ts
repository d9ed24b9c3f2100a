import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CATALOGUE,
  type CatalogueEndpoint,
  checkRequest,
  endpointByOp,
  fillPath,
  matchEndpoint,
  searchEndpoints,
} from "./index.js";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SOURCE = fileURLToPath(new URL("../../../../shared/jim-api/endpoints.json", import.meta.url));
const HAVE_SOURCE = existsSync(SOURCE);

const GUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const CS = "/synchronisation/connected-systems";

interface SourceEntry {
  method: string;
  path: string;
  operationName?: string;
  pathParams: Array<{ name: string; constraint: string | null }>;
}

function byRoute(method: string, path: string): CatalogueEndpoint {
  const ep = CATALOGUE.find((e) => e.method === method && e.path === path);
  if (!ep) throw new Error(`test setup: no ${method} ${path}`);
  return ep;
}

/** Sample values for a route: ints "7", GUIDs, and free text that needs encoding. */
function samples(ep: CatalogueEndpoint, text: string): Record<string, string> {
  return Object.fromEntries(
    ep.pathParams.map((p) => [p.name, p.type === "int" ? "7" : p.type === "guid" ? GUID : text]),
  );
}

function problemsOf(req: Parameters<typeof checkRequest>[0]): string {
  return checkRequest(req).problems.join("\n");
}

describe("catalogue contents", () => {
  it("holds exactly 249 endpoints with unique routes and operation names", () => {
    expect(CATALOGUE).toHaveLength(249);
    const routes = new Set(CATALOGUE.map((e) => `${e.method} ${e.path.replace(/\{[^}]+\}/g, "{}")}`));
    expect(routes.size).toBe(249);
    const ops = new Set(CATALOGUE.map((e) => e.op.toLowerCase()));
    expect(ops.size).toBe(249);
  });

  it("fills in the members the generated file leaves out", () => {
    for (const e of CATALOGUE) {
      expect(Array.isArray(e.pathParams)).toBe(true);
      expect(Array.isArray(e.query)).toBe(true);
      expect(e.body === null || typeof e.body === "object").toBe(true);
      expect(typeof e.async).toBe("boolean");
      expect(typeof e.anonymous).toBe("boolean");
      expect(e.path.startsWith("/api/")).toBe(false);
    }
    expect(CATALOGUE.filter((e) => e.anonymous).map((e) => e.path)).toEqual([
      "/auth/config",
      "/health",
      "/health/ready",
      "/health/live",
      "/health/version",
    ]);
    expect(CATALOGUE.filter((e) => e.async)).toHaveLength(12);
  });

  it("names the three file-system endpoints that have no operation name in the source", () => {
    expect(endpointByOp("ListFileSystemDirectory")?.path).toBe("/filesystem/list");
    expect(endpointByOp("GetFileSystemRoots")?.path).toBe("/filesystem/roots");
    expect(endpointByOp("validatefilesystempath")?.path).toBe("/filesystem/validate");
    expect(endpointByOp("NoSuchOperation")).toBeUndefined();
  });

  it("keeps body details a request check needs", () => {
    const schedule = byRoute("PUT", "/schedules/{id}");
    expect(schedule.body?.required).toBe(true);
    const steps = schedule.body?.fields.find((f) => f.name === "steps");
    expect(steps?.type).toBe("object[]");
    expect(steps?.fields?.find((f) => f.name === "stepType")?.enum).toContain("RunProfile");
    expect(byRoute("POST", "/system/reset").body?.required).toBe(false);
    expect(byRoute("GET", "/activities").query.find((q) => q.name === "status")?.type).toBe("enum[]");
  });
});

describe.skipIf(!HAVE_SOURCE)("agreement with endpoints.json", () => {
  const source: SourceEntry[] = HAVE_SOURCE ? JSON.parse(readFileSync(SOURCE, "utf8")) : [];

  it("has one catalogue entry per source entry, with the same operation name", () => {
    expect(CATALOGUE).toHaveLength(source.length);
    for (const s of source) {
      const ep = byRoute(s.method, s.path.replace(/^\/api\/v1/, ""));
      if (s.operationName) expect(ep.op).toBe(s.operationName);
      expect(ep.pathParams.map((p) => p.name)).toEqual(s.pathParams.map((p) => p.name));
    }
  });

  it("matches every source route filled with sample values back to itself", () => {
    for (const s of source) {
      const ep = byRoute(s.method, s.path.replace(/^\/api\/v1/, ""));
      for (const text of ["Sync.PageSize", "a b"]) {
        const values = samples(ep, text);
        const concrete = fillPath(ep.path, values);
        for (const candidate of [concrete, `/api/v1${concrete}`, `${concrete}?page=2`]) {
          const hit = matchEndpoint(s.method.toLowerCase(), candidate);
          expect(hit?.endpoint, `${s.method} ${candidate}`).toBe(ep);
          expect(hit?.params).toEqual(values);
        }
      }
    }
  });
});

describe("matchEndpoint", () => {
  it("prefers literal segments over parameters", () => {
    expect(matchEndpoint("POST", `${CS}/generate-password`)?.endpoint.op).toBe("GeneratePasswordForSystems");
    expect(matchEndpoint("POST", `${CS}/7/generate-password`)?.endpoint.op).toBe(
      "GenerateConnectedSystemPassword",
    );
    expect(matchEndpoint("GET", "/schedule-executions/active")?.endpoint.op).toBe(
      "GetActiveScheduleExecutions",
    );
    expect(matchEndpoint("GET", `/schedule-executions/${GUID}`)?.endpoint.op).toBe("GetScheduleExecution");
    expect(matchEndpoint("GET", "/metaverse/objects/count")?.endpoint.op).toBe("GetObjectsCount");
    expect(matchEndpoint("GET", "/certificates/enabled")?.endpoint.op).toBe("GetEnabledCertificates");
    expect(matchEndpoint("GET", "/metaverse/object-types/name-availability")?.endpoint.op).toBe(
      "GetObjectTypeNameAvailability",
    );
    expect(matchEndpoint("GET", "/service-settings/Sync.PageSize/change-history/compare")?.endpoint.op).toBe(
      "CompareServiceSettingChanges",
    );
    expect(matchEndpoint("GET", "/service-settings/Sync.PageSize/change-history/3")?.endpoint.op).toBe(
      "GetServiceSettingChange",
    );
    expect(matchEndpoint("GET", `${CS}/7/connector-space/count`)?.endpoint.op).toBe("GetConnectorSpaceCount");
    expect(matchEndpoint("GET", `${CS}/7/connector-space/${GUID}`)?.endpoint.op).toBe(
      "GetConnectedSystemObject",
    );
  });

  it("matches case-insensitively and tolerates prefixes, URLs, trailing slashes and query strings", () => {
    const hit = matchEndpoint("get", "/API/V1/Synchronisation/Connected-Systems/42/");
    expect(hit?.endpoint.op).toBe("GetConnectedSystem");
    expect(hit?.params).toEqual({ connectedSystemId: "42" });
    expect(
      matchEndpoint("GET", "https://jim.example/api/v1/activities?status=InProgress#x")?.endpoint.op,
    ).toBe("GetActivities");
    expect(matchEndpoint("GET", "activities")?.endpoint.op).toBe("GetActivities");
    expect(matchEndpoint("GET", `/activities/${GUID.toUpperCase()}`)?.endpoint.op).toBe("GetActivity");
  });

  it("decodes parameter values", () => {
    const hit = matchEndpoint("GET", "/metaverse/objects/search/all%20people");
    expect(hit?.params).toEqual({ predefinedSearchUri: "all people" });
    expect(matchEndpoint("GET", "/service-settings/Security.RateLimiting.Enabled")?.params).toEqual({
      key: "Security.RateLimiting.Enabled",
    });
  });

  it("does not match ids of the wrong shape, unknown paths or the wrong method", () => {
    expect(matchEndpoint("GET", `${CS}/abc`)).toBeUndefined();
    expect(matchEndpoint("GET", `${CS}/-1`)).toBeUndefined();
    expect(matchEndpoint("GET", `${CS}/99999999999`)).toBeUndefined();
    expect(matchEndpoint("GET", "/activities/123")).toBeUndefined();
    expect(matchEndpoint("GET", "/schedules/not-a-guid")).toBeUndefined();
    expect(matchEndpoint("GET", `${CS}/7/connector-space/7`)).toBeUndefined();
    expect(matchEndpoint("GET", "/no/such/thing")).toBeUndefined();
    expect(matchEndpoint("POST", "/activities")).toBeUndefined();
    expect(matchEndpoint("GET", `${CS}/7//run-profiles`)).toBeUndefined();
    expect(matchEndpoint("GET", "/service-settings/%E0%A4%A")).toBeUndefined();
  });
});

describe("fillPath", () => {
  it("percent-encodes values", () => {
    expect(fillPath("/service-settings/{key}", { key: "a b/c" })).toBe("/service-settings/a%20b%2Fc");
    expect(
      fillPath(`${CS}/{connectedSystemId}/run-profiles/{runProfileId}/execute`, {
        connectedSystemId: 3,
        runProfileId: 9,
      }),
    ).toBe(`${CS}/3/run-profiles/9/execute`);
  });

  it("names a missing parameter", () => {
    expect(() =>
      fillPath(`${CS}/{connectedSystemId}/run-profiles/{runProfileId}`, { connectedSystemId: 3 }),
    ).toThrow(/runProfileId/);
    expect(() => fillPath("/schedules/{id}", { id: "" })).toThrow(/"id"/);
  });
});

describe("safety classes", () => {
  it("classes every GET read and every DELETE destructive", () => {
    for (const e of CATALOGUE) {
      if (e.method === "GET") expect(e.safety, e.path).toBe("read");
      if (e.method === "DELETE") expect(e.safety, e.path).toBe("destructive");
      if (e.method !== "GET") expect(e.safety, e.path).not.toBe("read");
      if (e.safety === "destructive") expect(e.risk, e.path).toBeTruthy();
    }
  });

  it("classes the known dangerous POST/PUT/PATCH endpoints destructive", () => {
    const destructive: Array<[string, string]> = [
      ["POST", `${CS}/{connectedSystemId}/clear`],
      ["POST", "/system/reset"],
      ["POST", "/history/cleanup"],
      ["POST", `${CS}/{connectedSystemId}/run-profiles/{runProfileId}/execute`],
      ["POST", "/schedules/{id}/run"],
      ["PUT", "/apikeys/{id}"],
      ["PUT", `${CS}/{connectedSystemId}/container-scope-text`],
      ["PUT", `${CS}/{connectedSystemId}/partitions/{partitionId}`],
      ["PUT", `${CS}/{connectedSystemId}/containers/{containerId}`],
      ["PUT", "/schedules/{id}"],
      ["POST", `${CS}/{connectedSystemId}/import-schema`],
      ["POST", `${CS}/{connectedSystemId}/matching-mode`],
      ["POST", "/metaverse/objects/{id}/password"],
      ["POST", `${CS}/{connectedSystemId}/connector-space/{csoId}/password`],
      ["POST", `${CS}/{connectedSystemId}/server-certificate/trust`],
      ["PUT", "/metaverse/attributes/{metaverseAttributeId}/priorities/{metaverseObjectTypeId}"],
      ["PATCH", "/metaverse/attributes/{id}/schema"],
      ["POST", "/worker-tasks/{id}/cancel"],
      ["POST", "/schedule-executions/{id}/cancel"],
    ];
    for (const [method, path] of destructive)
      expect(byRoute(method, path).safety, `${method} ${path}`).toBe("destructive");
  });

  it("classes previews and ordinary updates as write", () => {
    const previews = CATALOGUE.filter((e) => e.method === "POST" && e.path.endsWith("/preview"));
    expect(previews).toHaveLength(9);
    for (const p of previews) expect(p.safety, p.path).toBe("write");
    expect(
      byRoute(
        "PUT",
        "/metaverse/attributes/{metaverseAttributeId}/priorities/{metaverseObjectTypeId}/mappings/{mappingId}",
      ).safety,
    ).toBe("write");
    expect(byRoute("POST", "/schedules").safety).toBe("write");
    expect(byRoute("PUT", `${CS}/{connectedSystemId}`).safety).toBe("write");
  });

  it("flags the responses that carry secrets", () => {
    const secret = CATALOGUE.filter((e) => e.secret).map((e) => `${e.method} ${e.path}`);
    expect(secret.sort()).toEqual(
      [
        "POST /apikeys",
        `POST ${CS}/{connectedSystemId}/generate-password`,
        `POST ${CS}/generate-password`,
      ].sort(),
    );
  });
});

describe("searchEndpoints", () => {
  it("finds the partition endpoints first", () => {
    const top = searchEndpoints("partition")
      .slice(0, 2)
      .map((r) => `${r.endpoint.method} ${r.endpoint.path}`);
    expect(top).toEqual([
      `GET ${CS}/{connectedSystemId}/partitions`,
      `PUT ${CS}/{connectedSystemId}/partitions/{partitionId}`,
    ]);
    expect(searchEndpoints("Partitions")[0]?.endpoint.path).toBe(`${CS}/{connectedSystemId}/partitions`);
  });

  it("ranks executing a run profile first for 'run profile execute'", () => {
    expect(searchEndpoints("run profile execute")[0]?.endpoint.op).toBe("ExecuteRunProfile");
    expect(searchEndpoints("execute run-profiles")[0]?.endpoint.op).toBe("ExecuteRunProfile");
  });

  it("finds API keys from 'api key' and 'apikeys'", () => {
    for (const q of ["api key", "apikeys", "API keys"]) {
      const top = searchEndpoints(q, { limit: 5 });
      expect(top.length).toBe(5);
      for (const r of top) expect(r.endpoint.area, q).toBe("ApiKeys");
    }
  });

  it("puts an exact operation name first", () => {
    expect(searchEndpoints("GetWorkerTask")[0]?.endpoint.op).toBe("GetWorkerTask");
  });

  it("applies filters and limits, and orders deterministically", () => {
    const reads = searchEndpoints("connected system", { safety: "read", limit: 50 });
    expect(reads.length).toBeGreaterThan(20);
    for (const r of reads) expect(r.endpoint.safety).toBe("read");
    for (const r of searchEndpoints("schedule", { method: "post" })) expect(r.endpoint.method).toBe("POST");
    for (const r of searchEndpoints("history", { area: "metaverse" }))
      expect(r.endpoint.area).toBe("Metaverse");
    const all = searchEndpoints("change history", { limit: 500 });
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1];
      const b = all[i];
      if (!a || !b) continue;
      const inOrder =
        a.score > b.score ||
        (a.score === b.score &&
          (a.endpoint.path < b.endpoint.path ||
            (a.endpoint.path === b.endpoint.path && a.endpoint.method <= b.endpoint.method)));
      expect(inOrder, `${a.endpoint.path} before ${b.endpoint.path}`).toBe(true);
    }
    expect(searchEndpoints("change history", { limit: 500 })).toEqual(all);
    expect(searchEndpoints("xyzzy plugh")).toEqual([]);
  });

  it("rejects an empty query", () => {
    expect(() => searchEndpoints("")).toThrow(/empty/);
    expect(() => searchEndpoints("   ")).toThrow(/empty/);
  });
});

describe("checkRequest", () => {
  it("accepts a valid request and returns the endpoint and parameters", () => {
    const r = checkRequest({
      method: "get",
      path: "/api/v1/activities",
      query: {
        status: ["InProgress", "cancelled"],
        sortDirection: "desc",
        pageSize: 50,
        hasChildActivities: true,
      },
    });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.endpoint?.op).toBe("GetActivities");
    const e = checkRequest({ method: "POST", path: `${CS}/3/run-profiles/9/execute` });
    expect(e).toMatchObject({ ok: true, params: { connectedSystemId: "3", runProfileId: "9" } });
  });

  it("refuses body values JIM cannot bind: wrong JSON types, null for value types, null or blank where a default must not be nulled", () => {
    const group = (body: unknown) =>
      problemsOf({ method: "POST", path: "/api/v1/predefined-searches/3/criteria-groups", body });
    expect(group({})).toBe("");
    expect(group({ type: "Any" })).toBe("");
    expect(group({ type: null })).toMatch(/"type" cannot be null; leave it out/);
    expect(group({ type: "" })).toMatch(/"type" must not be blank/);
    expect(group({ type: "AND" })).toMatch(/All.*Any/);
    const setting = (value: unknown) =>
      problemsOf({ method: "PUT", path: "/api/v1/service-settings/Sync.PageSize", body: { value } });
    expect(setting("500")).toBe("");
    expect(setting(500)).toMatch(/"value" must be a string, not a number/);
    const partition = (selected: unknown) =>
      problemsOf({ method: "PUT", path: `${CS}/2/partitions/1`, body: { selected } });
    expect(partition(true)).toBe("");
    expect(partition("yes")).toMatch(/"selected" must be a boolean, not a string/);
    expect(partition(null)).toBe(""); // the contract marks it nullable
    expect(group({ position: null })).toMatch(/"position" cannot be null/);
    expect(group({ position: 1.5 })).toMatch(/"position" must be an integer, not a number/);
  });

  it("suggests the closest endpoints when nothing matches", () => {
    const r = checkRequest({ method: "GET", path: `${CS}/7/partition` });
    expect(r.ok).toBe(false);
    expect(r.endpoint).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/No JIM endpoint matches GET/);
    expect(r.problems[0]).toMatch(/Closest endpoints: .*\/partitions/);
  });

  it("lists the methods that exist for the path", () => {
    const text = problemsOf({ method: "PATCH", path: `/schedules/${GUID}` });
    expect(text).toMatch(
      /exists only for: .*GET \(GetSchedule\).*PUT \(UpdateSchedule\).*DELETE \(DeleteSchedule\)/,
    );
  });

  it("explains an id of the wrong shape", () => {
    expect(problemsOf({ method: "GET", path: `${CS}/abc` })).toMatch(
      /"abc" is not valid for \{connectedSystemId\}.*whole number/,
    );
    expect(problemsOf({ method: "GET", path: "/activities/12" })).toMatch(/\{id\}.*GUID/);
  });

  it("reports unknown query parameters with the allowed ones", () => {
    const text = problemsOf({ method: "GET", path: "/activities", query: { colour: "red", page: 1 } });
    expect(text).toMatch(/Unknown query parameter "colour" for GET \/activities\. Allowed: page, pageSize/);
    expect(problemsOf({ method: "GET", path: "/health", query: { verbose: true } })).toMatch(
      /takes no query parameters/,
    );
    expect(
      problemsOf({ method: "GET", path: "/ACTIVITIES", query: { PAGESIZE: 5, unused: undefined } }),
    ).toBe("");
  });

  it("reports enum query values outside the enum", () => {
    expect(problemsOf({ method: "GET", path: "/activities", query: { status: "Running" } })).toMatch(
      /"status" does not accept "Running"\. Allowed values: NotSet, InProgress, Complete/,
    );
    expect(problemsOf({ method: "GET", path: "/activities", query: { status: "3" } })).toMatch(
      /number 3; send the value's name/,
    );
    expect(problemsOf({ method: "GET", path: "/activities", query: { sortDirection: "DESC" } })).toMatch(
      /exactly "desc"/,
    );
    expect(problemsOf({ method: "GET", path: "/activities", query: { sortDirection: "up" } })).toMatch(
      /Allowed values: asc, desc/,
    );
  });

  it("reports malformed scalar query values, single-valued repeats and missing required parameters", () => {
    expect(problemsOf({ method: "GET", path: "/activities", query: { page: "two" } })).toMatch(
      /"page" must be a whole number/,
    );
    expect(problemsOf({ method: "GET", path: "/activities", query: { scheduledOnly: "yes" } })).toMatch(
      /true or false/,
    );
    expect(problemsOf({ method: "GET", path: "/activities", query: { initiatedById: "x" } })).toMatch(
      /must be a GUID/,
    );
    expect(problemsOf({ method: "GET", path: "/activities", query: { page: [1, 2] } })).toMatch(
      /takes one value, not 2/,
    );
    expect(problemsOf({ method: "GET", path: "/filesystem/validate" })).toMatch(/"path" is required/);
  });

  it("reports a body where none is accepted, and a missing required body", () => {
    expect(problemsOf({ method: "POST", path: `/schedules/${GUID}/run`, body: { now: true } })).toMatch(
      /takes no request body/,
    );
    expect(problemsOf({ method: "POST", path: "/schedules" })).toMatch(
      /needs a JSON body \(CreateScheduleRequest\) with at least: name/,
    );
    expect(checkRequest({ method: "POST", path: "/system/reset" }).ok).toBe(true);
    expect(problemsOf({ method: "POST", path: "/schedules", body: [1] })).toMatch(
      /must be a JSON object .* not an array/,
    );
  });

  it("reports unknown and missing body fields", () => {
    const text = problemsOf({ method: "POST", path: "/apikeys", body: { description: "x", colour: "red" } });
    expect(text).toMatch(
      /Unknown body field "colour" \(ApiKeyCreateRequestDto\)\. Allowed: name, description/,
    );
    expect(text).toMatch(/Missing required body field name/);
    expect(problemsOf({ method: "POST", path: "/apikeys", body: { name: "  " } })).toMatch(
      /"name" must not be blank/,
    );
    expect(problemsOf({ method: "POST", path: "/apikeys", body: { Name: "ci key" } })).toBe("");
  });

  it("reports enum body values, with a special word for numbers", () => {
    const base = { name: "nightly", triggerType: "Manual", steps: [] };
    expect(problemsOf({ method: "POST", path: "/schedules", body: base })).toBe("");
    expect(problemsOf({ method: "POST", path: "/schedules", body: { ...base, triggerType: "manual" } })).toBe(
      "",
    );
    expect(problemsOf({ method: "POST", path: "/schedules", body: { ...base, triggerType: 1 } })).toMatch(
      /"triggerType" is the number 1, but JIM refuses numbers for enums: send the name, one of: Cron, Manual/,
    );
    expect(
      problemsOf({ method: "POST", path: "/schedules", body: { ...base, triggerType: "Hourly" } }),
    ).toMatch(/"triggerType" does not accept "Hourly"\. Allowed values: Cron, Manual/);
    const nested = problemsOf({
      method: "POST",
      path: "/schedules",
      body: { ...base, steps: [{ stepType: "RunProfile" }, { stepType: "Teleport", bogus: 1 }] },
    });
    expect(nested).toMatch(/"steps\[1\]\.stepType" does not accept "Teleport"/);
    expect(nested).toMatch(/Unknown body field "steps\[1\]\.bogus" \(in steps\[1\]\)/);
    expect(problemsOf({ method: "POST", path: "/schedules", body: { ...base, steps: {} } })).toMatch(
      /"steps" must be an array/,
    );
  });

  it("accepts comma-joined names for flags enums", () => {
    const path = "/synchronisation/sync-rules/4/mappings/5";
    expect(
      problemsOf({
        method: "PATCH",
        path,
        body: { inboundValueProcessing: "TrimWhitespace, TreatWhitespaceAsNoValue" },
      }),
    ).toBe("");
    expect(
      problemsOf({ method: "PATCH", path, body: { inboundValueProcessing: "TrimWhitespace, Shout" } }),
    ).toMatch(/"Shout".*combined with commas/);
  });

  it("checks map values against their member list", () => {
    const path = `${CS}/1/object-types/2/attributes`;
    expect(problemsOf({ method: "PUT", path, body: { attributes: { "12": { selected: true } } } })).toBe("");
    expect(problemsOf({ method: "PUT", path, body: { attributes: { "12": { colour: 1 } } } })).toMatch(
      /"attributes\[12\]\.colour" \(in attributes\[12\]\)/,
    );
  });

  it("rejects methods JIM does not use", () => {
    expect(problemsOf({ method: "HEAD", path: "/health" })).toMatch(
      /methods in use are GET, POST, PUT, PATCH, DELETE/,
    );
  });
});

describe.skipIf(!HAVE_SOURCE)("build script", () => {
  it("--check passes on the committed file", () => {
    const run = spawnSync(process.execPath, ["scripts/build-catalogue.mjs", "--check"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/up to date .*249 endpoints: read \d+, write \d+, destructive \d+/);
  });

  it("--check fails when the source differs from the committed file, and when the source is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "catalogue-"));
    try {
      const changed = JSON.parse(readFileSync(SOURCE, "utf8")) as Array<{ summary: string }>;
      if (changed[0]) changed[0].summary = "Something else.";
      const file = join(dir, "endpoints.json");
      writeFileSync(file, JSON.stringify(changed));
      const stale = spawnSync(process.execPath, ["scripts/build-catalogue.mjs", file, "--check"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
      });
      expect(stale.status).toBe(1);
      expect(stale.stderr).toMatch(/out of date/);
      const missing = spawnSync(
        process.execPath,
        ["scripts/build-catalogue.mjs", join(dir, "nope.json"), "--check"],
        {
          cwd: REPO_ROOT,
          encoding: "utf8",
        },
      );
      expect(missing.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
