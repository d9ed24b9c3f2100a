/** Finds the run profile a call means: by id, or by system (id or name) + profile name. */
import type { JimClient } from "../../jim/client.js";
import {
  getConnectedSystem,
  listRunProfiles,
  matchByName,
  resolveConnectedSystem,
} from "../../jim/connected-systems.js";
import { JimApiError } from "../../jim/errors.js";
import { collectPages } from "../../jim/paging.js";
import type { ConnectedSystemHeader, RunProfileDto } from "../../jim/types.js";

export interface RunProfileRef {
  runProfileId?: number | undefined;
  connectedSystemId?: number | undefined;
  connectedSystemName?: string | undefined;
  runProfileName?: string | undefined;
}

export interface ResolvedRunProfile {
  system: { id: number; name: string };
  profile: RunProfileDto;
}

export function checkRunProfileRef(a: RunProfileRef): string | undefined {
  if (a.connectedSystemId !== undefined && a.connectedSystemName !== undefined) {
    return "Give connectedSystemId or connectedSystemName, not both.";
  }
  if (a.runProfileId !== undefined && a.runProfileName !== undefined) {
    return "Give runProfileId or runProfileName, not both.";
  }
  if (a.runProfileId === undefined && a.runProfileName === undefined) {
    return "Say which run profile: runProfileId, or runProfileName with connectedSystemId or connectedSystemName.";
  }
  if (
    a.runProfileName !== undefined &&
    a.connectedSystemId === undefined &&
    a.connectedSystemName === undefined
  ) {
    return "runProfileName needs connectedSystemId or connectedSystemName (names repeat across systems).";
  }
  return undefined;
}

function pick(
  profiles: RunProfileDto[],
  ref: RunProfileRef,
  system: { id: number; name: string },
): RunProfileDto {
  const list = profiles.map((p) => `"${p.name}" (id ${p.id}, ${p.runType})`).join(", ") || "none";
  if (ref.runProfileId !== undefined) {
    const p = profiles.find((x) => x.id === ref.runProfileId);
    if (p) return p;
    throw new JimApiError({
      kind: "http",
      status: 404,
      message: `"${system.name}" (id ${system.id}) has no run profile ${ref.runProfileId}.`,
      nextStep: `Its run profiles: ${list}.`,
    });
  }
  const { match, candidates } = matchByName(profiles, ref.runProfileName!);
  if (match) return match;
  throw new JimApiError({
    kind: "http",
    status: candidates.length > 1 ? 400 : 404,
    message:
      candidates.length > 1
        ? `Several run profiles on "${system.name}" are named "${ref.runProfileName}": ${candidates.map((c) => `id ${c.id}`).join(", ")}.`
        : `"${system.name}" (id ${system.id}) has no run profile named "${ref.runProfileName}".`,
    nextStep: candidates.length > 1 ? "Pass runProfileId instead." : `Its run profiles: ${list}.`,
  });
}

export async function resolveRunProfile(
  jim: JimClient,
  ref: RunProfileRef,
  signal: AbortSignal,
): Promise<ResolvedRunProfile> {
  let system: { id: number; name: string } | undefined;
  if (ref.connectedSystemId !== undefined) {
    const cs = await getConnectedSystem(jim, ref.connectedSystemId, signal);
    system = { id: cs.id, name: cs.name };
  } else if (ref.connectedSystemName !== undefined) {
    const cs = await resolveConnectedSystem(jim, ref.connectedSystemName, signal);
    system = { id: cs.id, name: cs.name };
  }
  if (system) {
    const profiles = await listRunProfiles(jim, system.id, signal);
    return { system, profile: pick(profiles, ref, system) };
  }
  // Only a run profile id: find the system that owns it, across every page.
  const all = await collectPages<ConnectedSystemHeader>(jim, "/synchronisation/connected-systems", {
    signal,
    maxPages: 200,
  });
  for (const cs of all.items) {
    const profiles = await listRunProfiles(jim, cs.id, signal);
    const p = profiles.find((x) => x.id === ref.runProfileId);
    if (p) return { system: { id: cs.id, name: cs.name }, profile: p };
  }
  throw new JimApiError({
    kind: "http",
    status: 404,
    message: `No connected system has a run profile with id ${ref.runProfileId}.`,
    nextStep: "List them with run_profile_list for a connected system.",
  });
}
