/** Finds the run profile a call means: its connected system (id or name) and the profile (id or name). */
import type { JimClient } from "../../jim/client.js";
import { listRunProfiles } from "../../jim/connected-systems.js";
import { JimApiError } from "../../jim/errors.js";
import { collectPages } from "../../jim/paging.js";
import type { ConnectedSystemHeader, RunProfileDto } from "../../jim/types.js";
import { ToolInputError } from "../define.js";
import {
  asIntegerId,
  connectedSystemNamed,
  type ResolveContext,
  resolveRunProfile,
  runProfilesOf,
} from "../resolve.js";

export interface RunProfileRef {
  /** An id, or a name within the connected system. */
  runProfileId?: number | string | undefined;
  /** An id or a name. */
  connectedSystemId?: number | string | undefined;
}

export interface ResolvedRunProfile {
  system: { id: number; name: string };
  profile: RunProfileDto;
}

const isName = (v: number | string | undefined) => v !== undefined && asIntegerId(v) === undefined;

export function checkRunProfileRef(a: RunProfileRef): string | undefined {
  if (isName(a.runProfileId) && a.connectedSystemId === undefined) {
    return "A run profile name needs connectedSystemId (id or name): names repeat across systems.";
  }
  return undefined;
}

/** The run profile `id` among a system's profiles, or a 404 listing what the system has. */
function byId(profiles: RunProfileDto[], id: number, system: { id: number; name: string }): RunProfileDto {
  const p = profiles.find((x) => x.id === id);
  if (p) return p;
  const list = profiles.map((x) => `"${x.name}" (id ${x.id}, ${x.runType})`).join(", ") || "none";
  throw new JimApiError({
    kind: "http",
    status: 404,
    message: `"${system.name}" (id ${system.id}) has no run profile ${id}.`,
    nextStep: `Its run profiles: ${list}.`,
  });
}

/** Resolves a run profile reference; names go through the shared resolver (exact, then ignoring case). */
export async function findRunProfile(
  ctx: ResolveContext,
  ref: RunProfileRef,
  fields = { profile: "runProfileId", system: "connectedSystemId" },
): Promise<ResolvedRunProfile> {
  const systemValue = ref.connectedSystemId;
  if (systemValue === undefined) {
    const id = asIntegerId(ref.runProfileId ?? "");
    if (id === undefined) {
      throw new JimApiError({
        kind: "http",
        status: 400,
        message: "A run profile name needs its connected system.",
        nextStep: "Pass connectedSystemId (id or name).",
      });
    }
    return findRunProfileById(ctx.jim(), id, ctx.signal);
  }
  const system = await connectedSystemNamed(ctx, systemValue, fields.system);
  // The shared resolver (digits, names, exact then ignoring case); the list it read is memoised.
  const { id } = await resolveRunProfile(ctx, system, ref.runProfileId as number | string, fields.profile);
  return { system, profile: byId(await runProfilesOf(ctx, system.id), id, system) };
}

/** The most connected systems searched for a run profile given by id alone (one request each). */
export const RUN_PROFILE_SEARCH_LIMIT = 25;

/**
 * Only a run profile id: finds the system that owns it. JIM lists run profiles per system only,
 * so this reads one list per system; past a few systems it asks for the system instead.
 */
export async function findRunProfileById(
  jim: JimClient,
  runProfileId: number,
  signal: AbortSignal,
): Promise<ResolvedRunProfile> {
  const systems = await collectPages<ConnectedSystemHeader>(jim, "/synchronisation/connected-systems", {
    signal,
    maxPages: 1,
  });
  if (systems.totalCount > RUN_PROFILE_SEARCH_LIMIT) {
    throw new ToolInputError(
      `runProfileId ${runProfileId} alone would mean reading the run profiles of all ${systems.totalCount} connected systems one by one. Pass connectedSystemId (id or name) too; run_profile_list shows a system's run profiles. Nothing was changed.`,
    );
  }
  for (const cs of systems.items) {
    const profiles = await listRunProfiles(jim, cs.id, signal);
    const p = profiles.find((x) => x.id === runProfileId);
    if (p) return { system: { id: cs.id, name: cs.name }, profile: p };
  }
  throw new JimApiError({
    kind: "http",
    status: 404,
    message: `No connected system has a run profile with id ${runProfileId}.`,
    nextStep: "List them with run_profile_list for a connected system.",
  });
}
