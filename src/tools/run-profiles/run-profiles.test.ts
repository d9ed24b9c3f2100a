/** run_profile_create, run_profile_update and run_profile_delete against the simulator. */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";

const CS = "/api/v1/synchronisation/connected-systems";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe("run_profile_create", () => {
  it("sends only the fields given and returns the created profile", async () => {
    r = await rig();
    const res = await r.call("run_profile_create", {
      connectedSystemId: 2,
      name: "Delta Import (Configuration)",
      runType: "DeltaImport",
      partitionId: 2,
      pageSize: 250,
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toEqual({
      runProfile: {
        id: expect.any(Number),
        name: "Delta Import (Configuration)",
        connectedSystemId: 2,
        runType: "DeltaImport",
        pageSize: 250,
        partition: "CN=Configuration,DC=corp,DC=example,DC=com",
        filePath: null,
        verifyImportContentHashes: false,
      },
    });
    expect(text(res)).toMatch(
      /^Created run profile "Delta Import \(Configuration\)" \(id \d+\) on connected system 2: DeltaImport/,
    );
    // The system's run profiles are read first (the name must be free), then the one POST.
    expect(r.sim.requests).toEqual([
      expect.objectContaining({ method: "GET", path: `${CS}/2/run-profiles` }),
      expect.objectContaining({
        method: "POST",
        path: `${CS}/2/run-profiles`,
        query: {},
        body: { name: "Delta Import (Configuration)", runType: "DeltaImport", pageSize: 250, partitionId: 2 },
        status: 201,
      }),
    ]);
    expect(r.sim.state.getConnectedSystem(2)!.runProfiles.map((p) => p.name)).toContain(
      "Delta Import (Configuration)",
    );
  });

  it("hash verification on anything but FullImport is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("run_profile_create", {
      connectedSystemId: 1,
      name: "Sync",
      runType: "FullSynchronisation",
      verifyImportContentHashes: true,
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/only allowed with runType FullImport/);
    expect(r.sim.requests).toHaveLength(0);
  });

  it("a partition of another system is JIM's 400, shown with its message", async () => {
    r = await rig();
    const res = await r.call("run_profile_create", {
      connectedSystemId: 1,
      name: "Full Import 2",
      runType: "FullImport",
      partitionId: 1,
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/HTTP 400 BAD_REQUEST/);
    expect(text(res)).toMatch(/Partition with ID 1 does not belong to Connected System 'HR System'/);
  });

  it("NotSet is not offered as a run type", async () => {
    r = await rig();
    const res = await r.call("run_profile_create", { connectedSystemId: 1, name: "x", runType: "NotSet" });
    expect(res.isError).toBe(true);
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe("run_profile_update", () => {
  it("a partial update: only the given fields are sent, false included", async () => {
    r = await rig();
    const res = await r.call("run_profile_update", {
      connectedSystemId: 1,
      runProfileId: 1,
      filePath: "/var/jim/connector-files/hr/employees-v2.csv",
      verifyImportContentHashes: false,
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toMatchObject({
      runProfile: {
        id: 1,
        name: "Full Import",
        pageSize: 500,
        filePath: "/var/jim/connector-files/hr/employees-v2.csv",
        verifyImportContentHashes: false,
      },
    });
    expect(r.sim.requests).toEqual([
      expect.objectContaining({
        method: "PUT",
        path: `${CS}/1/run-profiles/1`,
        body: { filePath: "/var/jim/connector-files/hr/employees-v2.csv", verifyImportContentHashes: false },
      }),
    ]);
  });

  it("no changes given is refused before anything is sent", async () => {
    r = await rig();
    const res = await r.call("run_profile_update", { connectedSystemId: 1, runProfileId: 1 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/No changes given/);
    expect(r.sim.requests).toHaveLength(0);
  });

  it("an unknown run profile is JIM's 404 with a next step", async () => {
    r = await rig();
    const res = await r.call("run_profile_update", { connectedSystemId: 1, runProfileId: 99, name: "x" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/run profile 99 of connected system 1/i);
    expect(text(res)).toMatch(/Next step/);
  });

  it("turning on hash verification for a synchronisation profile is JIM's 400", async () => {
    r = await rig();
    const res = await r.call("run_profile_update", {
      connectedSystemId: 1,
      runProfileId: 2,
      verifyImportContentHashes: true,
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/only available for Full Import/);
  });
});

describe("run_profile_delete", () => {
  it("asks first by default, naming the profile and its system; nothing changes", async () => {
    r = await rig();
    const res = await r.call("run_profile_delete", { connectedSystemId: 2, runProfileId: 9 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      /^CONFIRMATION REQUIRED — nothing was changed\. Delete run profile "Full Import \(Configuration\)" \(id 9, FullImport\) on "Corporate Directory" \(id 2\)\?/,
    );
    expect(r.sim.changingRequests()).toHaveLength(0);
    expect(r.sim.state.getRunProfile(2, 9)).toBeDefined();
  });

  it("runs under --destructive allow", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("run_profile_delete", { connectedSystemId: 2, runProfileId: 9 });
    expect(res.isError, text(res)).toBeFalsy();
    expect(res.structuredContent).toEqual({
      connectedSystem: { id: 2, name: "Corporate Directory" },
      deleted: { id: 9, name: "Full Import (Configuration)", runType: "FullImport" },
    });
    expect(r.sim.changingRequests()).toEqual([
      expect.objectContaining({ method: "DELETE", path: `${CS}/2/run-profiles/9`, query: {}, status: 204 }),
    ]);
    expect(r.sim.state.getRunProfile(2, 9)).toBeUndefined();
  });

  it("an unknown profile fails in the consent read, listing the system's profiles; nothing is deleted", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("run_profile_delete", { connectedSystemId: 1, runProfileId: 4 });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/"HR System" \(id 1\) has no run profile 4/);
    expect(text(res)).toMatch(/Its run profiles: "Full Import" \(id 1, FullImport\)/);
    expect(r.sim.changingRequests()).toHaveLength(0);
  });
});
