/**
 * Run profile names stay unique per system (ignoring case, as names resolve), and
 * run_profile_list says what running an Export means in this server's mode.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import type { ServerConfig } from "../../config.js";

const CS = "/api/v1/synchronisation/connected-systems";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const writes = (x: Rig) => x.sim.requests.filter((q) => q.method !== "GET");

describe("run profile names are unique per system", () => {
  it("run_profile_create refuses a name the system already has, in any case, naming its id; nothing is sent", async () => {
    r = await rig();
    const existing = r.sim.state.getConnectedSystem(2)!.runProfiles.find((p) => p.name === "Full Import")!;
    const before = r.sim.state.getConnectedSystem(2)!.runProfiles.length;
    r.sim.clearRequests();
    const res = await r.call("run_profile_create", {
      connectedSystemId: "Corporate Directory",
      name: "full import",
      runType: "FullImport",
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toContain(
      `name: "Corporate Directory" (id 2) already has a run profile named "Full Import" (id ${existing.id}, FullImport); names are matched ignoring case`,
    );
    expect(text(res)).toContain(
      `run_profile_update {"connectedSystemId":2,"runProfileId":${existing.id}}. Nothing was changed.`,
    );
    expect(writes(r)).toEqual([]);
    expect(r.sim.state.getConnectedSystem(2)!.runProfiles).toHaveLength(before);

    // The same name on another system is fine: names repeat across systems.
    const other = await r.call("run_profile_create", {
      connectedSystemId: 3,
      name: "Full Import (Archive)",
      runType: "FullImport",
    });
    expect(other.isError, text(other)).toBeFalsy();
    const created = (other.structuredContent as { runProfile: { id: number } }).runProfile;
    expect(text(other)).toContain(
      `Run it with run_profile_execute {"connectedSystemId":3,"runProfileId":${created.id}}.`,
    );
  });

  it("run_profile_update refuses renaming onto another profile's name, but a profile may keep its own", async () => {
    r = await rig();
    const profiles = r.sim.state.getConnectedSystem(2)!.runProfiles;
    const delta = profiles.find((p) => p.name === "Delta Import")!;
    const full = profiles.find((p) => p.name === "Full Import")!;
    r.sim.clearRequests();
    const res = await r.call("run_profile_update", {
      connectedSystemId: 2,
      runProfileId: delta.id,
      name: "FULL IMPORT",
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(
      new RegExp(
        `connected system 2 already has a run profile named "Full Import" \\(id ${full.id}, FullImport\\)`,
      ),
    );
    expect(writes(r)).toEqual([]);

    const same = await r.call("run_profile_update", {
      connectedSystemId: 2,
      runProfileId: "delta import",
      name: "Delta import",
    });
    expect(same.isError, text(same)).toBeFalsy();
    expect(writes(r).map((q) => [q.method, q.path])).toEqual([["PUT", `${CS}/2/run-profiles/${delta.id}`]]);
  });
});

describe("run_profile_list says what an Export means in this mode", () => {
  const modes: Array<[string, Partial<ServerConfig>, RegExp]> = [
    [
      "confirm",
      {},
      /Export profiles write to the real target system; running one asks for confirmation first\./,
    ],
    ["allow", { destructive: "allow" }, /runs them without asking \(--destructive allow\)\./],
    [
      "deny",
      { destructive: "deny" },
      /Export profiles write to the real target system; this server refuses to run them \(--destructive deny\)\./,
    ],
    ["read-only", { readOnly: true }, /this server is read-only \(--read-only\), so it cannot run them\./],
    [
      "without run_profile_execute",
      { toolsets: ["connection"], tools: ["run_profile_list"] },
      /Export profiles write to the real target system; this server does not run profiles\./,
    ],
  ];
  for (const [name, config, expected] of modes) {
    it(name, async () => {
      r = await rig({ config });
      const res = await r.call("run_profile_list", { connectedSystemId: 2 });
      expect(res.isError, text(res)).toBeFalsy();
      expect(text(res)).toMatch(expected);
      if (name !== "confirm") expect(text(res)).not.toMatch(/confirmation/);
    });
  }
});
