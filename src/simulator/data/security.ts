/**
 * Security sample data: roles, role members and the metadata JIM keeps per API key.
 * The keys themselves live on `state.apiKeys` (the auth layer reads them), so a key
 * created here really authenticates and a disabled or deleted one really gets 401.
 */
import { randomBytes } from "node:crypto";
import type { SimApiKey } from "../http.js";
import type { SimState } from "../state.js";

export interface SimRole {
  id: number;
  name: string;
  builtIn: boolean;
  created: string;
}

export interface SimRoleMember {
  id: string;
  displayName: string;
  type: { id: number; name: string };
  roleIds: number[];
}

export interface SimKeyMeta {
  description: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedFromIp: string | null;
}

export interface SecurityData {
  roles: SimRole[];
  members: SimRoleMember[];
  /** Per key id; filled in for keys that have none yet (keys passed to startSimulator). */
  meta: Map<string, SimKeyMeta>;
}

/** Fixed id of the seeded "CI pipeline" key (handy for tests and the consent matrix). */
export const CI_KEY_ID = "5d0c6a3e-8f1b-4c2a-9e7d-2b4f6a8c0e13";
/** Fixed id of the seeded, disabled "Old reporting script" key. */
export const OLD_KEY_ID = "9a4b2c1d-3e5f-4a6b-8c7d-0e1f2a3b4c5d";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function newKeyValue(): string {
  return `jim_ak_${randomBytes(32).toString("hex")}`;
}

/** What JIM shows to identify a key: its first twelve characters. */
export function keyPrefixOf(key: string): string {
  return key.slice(0, 12);
}

function build(state: SimState): SecurityData {
  const now = Date.now();
  const iso = (ago: number) => new Date(now - ago).toISOString();
  const person = { id: 1, name: "User" };
  const data: SecurityData = {
    roles: [
      { id: 1, name: "Administrator", builtIn: true, created: iso(400 * DAY) },
      { id: 2, name: "Read Only", builtIn: false, created: iso(90 * DAY) },
    ],
    members: [
      {
        id: "3f2b8c1a-6d4e-4f7a-9b2c-1e0d5a6b7c8d",
        displayName: "Alex Morgan",
        type: person,
        roleIds: [1],
      },
      {
        id: "6b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
        displayName: "Priya Shah",
        type: person,
        roleIds: [1, 2],
      },
      { id: "8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b", displayName: "Tom Becker", type: person, roleIds: [2] },
    ],
    meta: new Map(),
  };
  state.apiKeys.push(
    {
      id: CI_KEY_ID,
      key: newKeyValue(),
      name: "CI pipeline",
      roles: ["Administrator"],
      enabled: true,
      expiresAt: new Date(now + 200 * DAY).toISOString(),
    },
    {
      id: OLD_KEY_ID,
      key: newKeyValue(),
      name: "Old reporting script",
      roles: ["Read Only"],
      enabled: false,
      expiresAt: iso(10 * DAY),
    },
  );
  data.meta.set(CI_KEY_ID, {
    description: "Nightly deployment checks",
    createdAt: iso(60 * DAY),
    lastUsedAt: iso(2 * HOUR),
    lastUsedFromIp: "10.20.0.15",
  });
  data.meta.set(OLD_KEY_ID, {
    description: null,
    createdAt: iso(300 * DAY),
    lastUsedAt: iso(95 * DAY),
    lastUsedFromIp: "10.20.4.7",
  });
  return data;
}

export function data(state: SimState): SecurityData {
  if (!state.ext.security) state.ext.security = build(state);
  return state.ext.security as SecurityData;
}

export function metaOf(state: SimState, key: SimApiKey): SimKeyMeta {
  const d = data(state);
  let m = d.meta.get(key.id);
  if (!m) {
    m = {
      description: null,
      createdAt: new Date(Date.now() - 30 * DAY).toISOString(),
      lastUsedAt: null,
      lastUsedFromIp: null,
    };
    d.meta.set(key.id, m);
  }
  return m;
}

export function roleDto(state: SimState, role: SimRole) {
  const members = data(state).members.filter((m) => m.roleIds.includes(role.id)).length;
  return {
    id: role.id,
    name: role.name,
    builtIn: role.builtIn,
    created: role.created,
    staticMemberCount: members,
  };
}

/** ApiKeyDto for a key on `state.apiKeys`. */
export function apiKeyDto(state: SimState, key: SimApiKey) {
  const m = metaOf(state, key);
  const roles = data(state).roles.filter((r) =>
    key.roles.some((n) => n.toLowerCase() === r.name.toLowerCase()),
  );
  return {
    id: key.id,
    name: key.name,
    description: m.description,
    keyPrefix: keyPrefixOf(key.key),
    createdAt: m.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: m.lastUsedAt,
    lastUsedFromIp: m.lastUsedFromIp,
    isEnabled: key.enabled,
    roles: roles.map((r) => roleDto(state, r)),
  };
}
