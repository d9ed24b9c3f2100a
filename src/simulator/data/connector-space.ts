/**
 * Connector space and pending exports, generated deterministically (hash-seeded,
 * no Math.random) the first time a system's connector space is read. Counts
 * agree with the system's header: `objectCount` objects, `connectorsCount` of
 * them joined, `pendingExportObjectsCount` pending exports. The Corporate
 * Directory's users fill its containers exactly as their object counts say.
 * Attribute values are computed on demand from the object's seed.
 */
import { hash32, seededGuid } from "../runs.js";
import type { SimConnectedSystem, SimState } from "../state.js";

export type CsoStatus = "Normal" | "Obsolete" | "PendingProvisioning";
export type CsoJoinType = "NotJoined" | "Projected" | "Provisioned" | "Joined";
type Kind = "hr-person" | "ad-user" | "ad-group" | "scim-user" | "generic";

export interface SimCso {
  id: string;
  systemId: number;
  kind: Kind;
  /** Position within its kind (seeds names and values). */
  index: number;
  typeId: number;
  typeName: string;
  displayName: string | null;
  externalIdAttribute: string;
  externalId: string | null;
  secondaryAttribute: string | null;
  secondaryExternalId: string | null;
  created: number;
  lastUpdated: number | null;
  status: CsoStatus;
  joinType: CsoJoinType;
  dateJoined: number | null;
  mvoId: string | null;
  mvoName: string | null;
  partitionId: number | null;
  /** DN of the container holding it (directories only). */
  container: string | null;
  pendingExportId: string | null;
}

export type ValueSlot =
  | { kind: "string"; value: string }
  | { kind: "int"; value: number }
  | { kind: "long"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "guid"; value: string }
  | { kind: "date"; value: string }
  | { kind: "ref"; value: string };

export interface SimAttrChange {
  attributeName: string;
  changeType: "Add" | "Update" | "Remove" | "RemoveAll";
  value: ValueSlot | null;
  unresolvedReferenceValue: string | null;
}

export interface SimPendingExport {
  id: string;
  systemId: number;
  csoId: string | null;
  changeType: "Create" | "Update" | "Delete";
  status: "Pending" | "ExportNotConfirmed" | "Executing" | "Failed" | "Exported";
  createdAt: number;
  lastAttemptedAt: number | null;
  nextRetryAt: number | null;
  errorCount: number;
  maxRetries: number;
  lastErrorMessage: string | null;
  target: string | null;
  sourceMvoId: string | null;
  sourceMvoName: string | null;
  sourceMvoType: string | null;
  changes: SimAttrChange[];
  unresolved: Array<{ attributeName: string; mvoId: string; mvoName: string | null; reason: string }>;
}

export interface SystemSpace {
  csos: SimCso[];
  pendingExports: SimPendingExport[];
}

interface SpaceData {
  bySystem: Map<number, SystemSpace>;
  csoById: Map<string, SimCso>;
  peById: Map<string, SimPendingExport>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE_DN = "DC=corp,DC=example,DC=com";
/** Multi-valued attributes return at most this many values in a detail read (JIM caps them too). */
export const MULTI_VALUE_CAP = 50;
/** Largest connector space generated for systems tests add (their objectCount may be huge). */
const MAX_GENERATED = 20_000;

const FIRST = [
  "Amelia",
  "Oliver",
  "Isla",
  "George",
  "Ava",
  "Noah",
  "Mia",
  "Arthur",
  "Freya",
  "Leo",
  "Grace",
  "Oscar",
  "Lily",
  "Harry",
  "Ella",
  "Jack",
  "Sophie",
  "Theo",
  "Chloe",
  "Finley",
  "Ruby",
  "Henry",
  "Evie",
  "Alfie",
  "Poppy",
  "Charlie",
  "Zara",
  "Samuel",
  "Priya",
  "Tomasz",
  "Aisha",
  "Mateo",
  "Yuki",
  "Kwame",
  "Ingrid",
  "Rafael",
  "Nadia",
  "Callum",
  "Elena",
  "Dev",
];
const LAST = [
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Patel",
  "Robinson",
  "Wright",
  "Thompson",
  "Evans",
  "Walker",
  "White",
  "Roberts",
  "Green",
  "Hall",
  "Wood",
  "Jackson",
  "Clarke",
  "Khan",
  "Lewis",
  "Harris",
  "Martin",
  "Cooper",
  "King",
  "Lee",
  "Baker",
  "Nowak",
  "Okafor",
  "Fernandes",
  "Ito",
  "Mensah",
  "Larsen",
  "Silva",
  "Haddad",
  "Murray",
  "Rossi",
  "Sharma",
  "Hughes",
  "Edwards",
  "Hill",
  "Moore",
  "Scott",
  "Ward",
  "Morris",
  "Turner",
  "Price",
  "Bennett",
];
const DEPARTMENTS = [
  "Engineering",
  "Sales",
  "Finance",
  "People",
  "Operations",
  "Marketing",
  "Legal",
  "Support",
];
const TITLES = ["Engineer", "Senior Engineer", "Analyst", "Manager", "Consultant", "Coordinator", "Director"];

interface Person {
  first: string;
  last: string;
  display: string;
  department: string;
  title: string;
}

function person(k: number): Person {
  const h = hash32(`person:${k}`);
  const first = FIRST[h % FIRST.length]!;
  const last = LAST[(h >>> 8) % LAST.length]!;
  const department = DEPARTMENTS[(h >>> 16) % DEPARTMENTS.length]!;
  const title = TITLES[(h >>> 20) % TITLES.length]!;
  return { first, last, display: `${first} ${last}`, department, title };
}

/** A login name unique per index: first initial, surname, and the index when needed. */
function login(p: Person, k: number): string {
  return `${p.first[0]!.toLowerCase()}${p.last.toLowerCase()}${k >= 40 ? k : ""}`;
}

function mvoForPerson(k: number): string {
  return seededGuid(`mvo:person:${k}`);
}

function spread(sys: SimConnectedSystem, i: number, n: number, now: number): number {
  const start = Date.parse(sys.created) || now - 90 * DAY;
  const end = now - 2 * DAY;
  return Math.round(start + ((end - start) * i) / Math.max(1, n));
}

function data(state: SimState): SpaceData {
  state.ext["connector-space"] ??= { bySystem: new Map(), csoById: new Map(), peById: new Map() };
  return state.ext["connector-space"] as SpaceData;
}

function typeOf(sys: SimConnectedSystem, name: string): { id: number; name: string } {
  const t = sys.objectTypes.find((x) => x.name === name) ?? sys.objectTypes[0];
  return t ? { id: t.id, name: t.name } : { id: 0, name: "object" };
}

// ---------------------------------------------------------------------------
// Generation per system
// ---------------------------------------------------------------------------

function baseCso(
  sys: SimConnectedSystem,
  kind: Kind,
  index: number,
  type: { id: number; name: string },
): SimCso {
  return {
    id: seededGuid(`cso:${sys.id}:${kind}:${index}`),
    systemId: sys.id,
    kind,
    index,
    typeId: type.id,
    typeName: type.name,
    displayName: null,
    externalIdAttribute: "id",
    externalId: null,
    secondaryAttribute: null,
    secondaryExternalId: null,
    created: 0,
    lastUpdated: null,
    status: "Normal",
    joinType: "NotJoined",
    dateJoined: null,
    mvoId: null,
    mvoName: null,
    partitionId: null,
    container: null,
    pendingExportId: null,
  };
}

function join(c: SimCso, joinType: CsoJoinType, mvoId: string, name: string | null): void {
  c.joinType = joinType;
  c.mvoId = mvoId;
  c.mvoName = name;
  c.dateJoined = c.created + HOUR;
}

function hrSystem(sys: SimConnectedSystem, now: number): SystemSpace {
  const n = sys.objectCount;
  const joined = Math.min(n, sys.connectorsCount);
  const type = typeOf(sys, "person");
  const csos: SimCso[] = [];
  for (let k = 0; k < n; k++) {
    const p = person(k);
    const c = baseCso(sys, "hr-person", k, type);
    c.displayName = p.display;
    c.externalIdAttribute = "employeeId";
    c.externalId = `E${100001 + k}`;
    c.secondaryAttribute = "email";
    c.secondaryExternalId = `${login(p, k)}@example.com`;
    c.created = spread(sys, k, n, now);
    c.lastUpdated = Math.min(now - HOUR, c.created + ((hash32(`upd:${k}`) % 30) + 1) * DAY);
    if (k < joined) join(c, "Projected", mvoForPerson(k), p.display);
    else if (k >= n - 4) c.status = "Obsolete";
    csos.push(c);
  }
  return { csos, pendingExports: [] };
}

const CD_CONTAINERS: Array<[string, number]> = [
  [`OU=Users,${BASE_DN}`, 150],
  [`OU=Engineering,OU=Users,${BASE_DN}`, 2100],
  [`OU=Sales,OU=Users,${BASE_DN}`, 1050],
  [`OU=EMEA,OU=Sales,OU=Users,${BASE_DN}`, 650],
];

function directorySystem(sys: SimConnectedSystem, now: number): SystemSpace {
  const userType = typeOf(sys, "user");
  const groupType = typeOf(sys, "group");
  const totalUsers = CD_CONTAINERS.reduce((s, [, n]) => s + n, 0);
  const users = Math.min(totalUsers, sys.objectCount);
  const groups = Math.max(0, sys.objectCount - users);
  const pendingCreates = Math.min(8, users);
  const stable = users - pendingCreates;
  // Joined users = connectorsCount less the projected groups; the rest split Joined / Provisioned / NotJoined.
  const projectedGroups = Math.round(groups * (930 / 1050));
  const joinedUsers = Math.max(0, Math.min(users, sys.connectorsCount - projectedGroups));
  const provisioned = Math.max(0, Math.min(joinedUsers - pendingCreates, Math.round(stable * 0.15)));
  const plainJoined = Math.max(0, joinedUsers - pendingCreates - provisioned);
  const csos: SimCso[] = [];
  let u = 0;
  for (const [dn, count] of CD_CONTAINERS) {
    for (let i = 0; i < count && u < users; i++, u++) {
      const p = person(u);
      const c = baseCso(sys, "ad-user", u, userType);
      c.displayName = p.display;
      c.externalIdAttribute = "objectGUID";
      c.secondaryAttribute = "distinguishedName";
      c.partitionId = sys.partitions[0]?.id ?? null;
      c.container = dn;
      if (u >= stable) {
        // Being provisioned by JIM: no objectGUID until the export is confirmed.
        c.created = now - (users - u) * 40 * 60_000;
        c.status = "PendingProvisioning";
        join(c, "Provisioned", mvoForPerson(u), p.display);
        c.dateJoined = c.created;
      } else {
        c.externalId = seededGuid(`objectGUID:${sys.id}:${u}`);
        c.secondaryExternalId = `CN=${p.display},${dn}`;
        c.created = spread(sys, u, users, now);
        c.lastUpdated = Math.min(now - HOUR, c.created + ((hash32(`upd:ad:${u}`) % 20) + 1) * DAY);
        // Spread join states across the list rather than in blocks.
        const slot = stable > 0 ? (u * 7919) % stable : 0;
        if (slot < plainJoined) join(c, "Joined", mvoForPerson(u), p.display);
        else if (slot < plainJoined + provisioned) join(c, "Provisioned", mvoForPerson(u), p.display);
        if (slot >= plainJoined - 6 && slot < plainJoined) c.status = "Obsolete";
      }
      csos.push(c);
    }
  }
  for (let g = 0; g < groups; g++) {
    const c = baseCso(sys, "ad-group", g, groupType);
    const name = groupName(g);
    c.displayName = name;
    c.externalIdAttribute = "objectGUID";
    c.externalId = seededGuid(`objectGUID:${sys.id}:group:${g}`);
    c.secondaryAttribute = "distinguishedName";
    c.secondaryExternalId = `CN=${name},OU=Groups,${BASE_DN}`;
    c.partitionId = sys.partitions[0]?.id ?? null;
    c.container = `OU=Groups,${BASE_DN}`;
    c.created = spread(sys, g, groups, now) + HOUR / 2;
    c.lastUpdated = Math.min(now - HOUR, c.created + ((hash32(`upd:grp:${g}`) % 20) + 1) * DAY);
    if (g < projectedGroups) join(c, "Projected", seededGuid(`mvo:group:${g}`), name);
    csos.push(c);
  }
  return { csos, pendingExports: directoryExports(sys, csos, now) };
}

function groupName(g: number): string {
  const dept = DEPARTMENTS[g % DEPARTMENTS.length]!;
  const kinds = ["All", "Managers", "Project", "Distribution", "Access"];
  const kind = kinds[Math.floor(g / DEPARTMENTS.length) % kinds.length]!;
  return `SG-${dept}-${kind}-${String(Math.floor(g / (DEPARTMENTS.length * kinds.length)) + 1).padStart(2, "0")}`;
}

function scimSystem(sys: SimConnectedSystem, now: number): SystemSpace {
  const n = sys.objectCount;
  const type = typeOf(sys, "User");
  const pendingCreates = Math.min(4, n, sys.pendingExportObjectsCount);
  const joined = Math.min(n, sys.connectorsCount);
  const csos: SimCso[] = [];
  for (let i = 0; i < n; i++) {
    const p = person(i);
    const c = baseCso(sys, "scim-user", i, type);
    c.externalIdAttribute = "id";
    c.secondaryAttribute = "userName";
    if (i >= n - pendingCreates) {
      c.created = now - (n - i) * HOUR;
      c.status = "PendingProvisioning";
      join(c, "Provisioned", mvoForPerson(i), p.display);
    } else {
      c.displayName = p.display;
      c.externalId = seededGuid(`scim:${sys.id}:${i}`);
      c.secondaryExternalId = `${login(p, i)}@example.com`;
      c.created = spread(sys, i, n, now);
      c.lastUpdated = Math.min(now - HOUR, c.created + ((hash32(`upd:scim:${i}`) % 10) + 1) * DAY);
      if (i < joined - pendingCreates) join(c, "Provisioned", mvoForPerson(i), p.display);
    }
    csos.push(c);
  }
  return { csos, pendingExports: scimExports(sys, csos, now) };
}

function genericSystem(sys: SimConnectedSystem, now: number): SystemSpace {
  const n = Math.min(MAX_GENERATED, sys.objectCount);
  const type = typeOf(sys, "");
  const csos: SimCso[] = [];
  for (let i = 0; i < n; i++) {
    const c = baseCso(sys, "generic", i, type);
    c.displayName = `${type.name} ${String(i + 1).padStart(4, "0")}`;
    c.externalId = `${sys.id}-${i + 1}`;
    c.created = spread(sys, i, n, now);
    if (i < sys.connectorsCount) join(c, "Joined", seededGuid(`mvo:${sys.id}:${i}`), c.displayName);
    csos.push(c);
  }
  const pes: SimPendingExport[] = [];
  for (let i = 0; i < Math.min(n, sys.pendingExportObjectsCount); i++) {
    pes.push(
      pendingExport(sys, csos[i]!, "Update", "Pending", now - (i + 1) * HOUR, [
        {
          attributeName: "displayName",
          changeType: "Update",
          value: str(`${csos[i]!.displayName} (updated)`),
          unresolvedReferenceValue: null,
        },
      ]),
    );
  }
  return { csos, pendingExports: pes };
}

// ---------------------------------------------------------------------------
// Pending exports
// ---------------------------------------------------------------------------

const str = (value: string): ValueSlot => ({ kind: "string", value });
const ref = (value: string): ValueSlot => ({ kind: "ref", value });
const change = (
  attributeName: string,
  changeType: SimAttrChange["changeType"],
  value: ValueSlot,
): SimAttrChange => ({
  attributeName,
  changeType,
  value,
  unresolvedReferenceValue: null,
});

function pendingExport(
  sys: SimConnectedSystem,
  cso: SimCso,
  changeType: SimPendingExport["changeType"],
  status: SimPendingExport["status"],
  createdAt: number,
  changes: SimAttrChange[],
): SimPendingExport {
  const pe: SimPendingExport = {
    id: seededGuid(`pe:${sys.id}:${cso.id}`),
    systemId: sys.id,
    csoId: cso.id,
    changeType,
    status,
    createdAt,
    lastAttemptedAt: null,
    nextRetryAt: null,
    errorCount: 0,
    maxRetries: 5,
    lastErrorMessage: null,
    target: cso.secondaryExternalId ?? cso.externalId ?? pendingIdentifier(cso),
    sourceMvoId: cso.mvoId,
    sourceMvoName: cso.mvoName,
    sourceMvoType: cso.kind === "ad-group" ? "Group" : "User",
    changes,
    unresolved: [],
  };
  cso.pendingExportId = pe.id;
  return pe;
}

/** The DN or user name a not-yet-created object will get. */
export function pendingIdentifier(c: SimCso): string | null {
  if (c.kind === "ad-user") return `CN=${person(c.index).display},${c.container}`;
  if (c.kind === "scim-user") return `${login(person(c.index), c.index)}@example.com`;
  return null;
}

function failed(pe: SimPendingExport, now: number, errors: number, message: string): SimPendingExport {
  pe.status = "Failed";
  pe.errorCount = errors;
  pe.lastAttemptedAt = now - 2 * HOUR;
  pe.nextRetryAt = now + 30 * 60_000;
  pe.lastErrorMessage = message;
  return pe;
}

function unconfirmed(pe: SimPendingExport, now: number): SimPendingExport {
  pe.status = "ExportNotConfirmed";
  pe.lastAttemptedAt = now - 3 * HOUR;
  return pe;
}

function directoryExports(sys: SimConnectedSystem, csos: SimCso[], now: number): SimPendingExport[] {
  const wanted = sys.pendingExportObjectsCount;
  const out: SimPendingExport[] = [];
  const users = csos.filter((c) => c.kind === "ad-user");
  const creates = users.filter((c) => c.status === "PendingProvisioning");
  for (const [i, c] of creates.entries()) {
    if (out.length >= wanted) return out;
    const p = person(c.index);
    const managerMvo = mvoForPerson(Math.floor(c.index / 8));
    const pe = pendingExport(sys, c, "Create", "Pending", c.created + 60_000, [
      {
        attributeName: "distinguishedName",
        changeType: "Add",
        value: str(pendingIdentifier(c)!),
        unresolvedReferenceValue: null,
      },
      {
        attributeName: "sAMAccountName",
        changeType: "Add",
        value: str(login(p, c.index)),
        unresolvedReferenceValue: null,
      },
      {
        attributeName: "userPrincipalName",
        changeType: "Add",
        value: str(`${login(p, c.index)}@corp.example.com`),
        unresolvedReferenceValue: null,
      },
      { attributeName: "givenName", changeType: "Add", value: str(p.first), unresolvedReferenceValue: null },
      { attributeName: "sn", changeType: "Add", value: str(p.last), unresolvedReferenceValue: null },
      {
        attributeName: "displayName",
        changeType: "Add",
        value: str(p.display),
        unresolvedReferenceValue: null,
      },
      {
        attributeName: "department",
        changeType: "Add",
        value: str(p.department),
        unresolvedReferenceValue: null,
      },
      { attributeName: "title", changeType: "Add", value: str(p.title), unresolvedReferenceValue: null },
      { attributeName: "manager", changeType: "Add", value: null, unresolvedReferenceValue: managerMvo },
    ]);
    pe.unresolved.push({
      attributeName: "manager",
      mvoId: managerMvo,
      mvoName: person(Math.floor(c.index / 8)).display,
      reason: i % 2 === 0 ? "AwaitingAnchor" : "Resolvable",
    });
    out.push(
      i === creates.length - 2
        ? failed(
            pe,
            now,
            3,
            `LDAP error 68 (entry already exists): ${pendingIdentifier(c)} is already in the directory.`,
          )
        : i === creates.length - 1
          ? unconfirmed(pe, now)
          : pe,
    );
  }
  const deletes = users.filter((c) => c.joinType === "Provisioned" && c.status === "Normal").slice(0, 3);
  const updates = users.filter((c) => c.joinType === "Joined" && c.status === "Normal");
  const groupUpdates = csos.filter((c) => c.kind === "ad-group" && c.joinType === "Projected").slice(0, 2);
  const remaining = Math.max(0, wanted - out.length - deletes.length);
  const groupCount = Math.min(groupUpdates.length, Math.floor(remaining / 10));
  const userCount = Math.min(updates.length, remaining - groupCount);
  for (let i = 0; i < userCount; i++) {
    const c = updates[i]!;
    const p = person(c.index);
    const h = hash32(`change:${c.id}`);
    const changes: SimAttrChange[] = [];
    const newDept = DEPARTMENTS[(DEPARTMENTS.indexOf(p.department) + 1) % DEPARTMENTS.length]!;
    if (h % 2 === 0) changes.push(change("department", "Update", str(newDept)));
    if (h % 3 === 0) changes.push(change("title", "Update", str(`Senior ${p.title}`)));
    if (changes.length === 0 || h % 5 === 0) {
      changes.push(
        change("mail", "Update", str(`${p.first.toLowerCase()}.${p.last.toLowerCase()}@example.com`)),
      );
    }
    const pe = pendingExport(sys, c, "Update", "Pending", now - (userCount - i) * 25 * 60_000, changes);
    if (i < 2) {
      const what = changes[0]!.attributeName;
      failed(
        pe,
        now,
        2 + i,
        `LDAP error 50 (insufficient access rights) writing '${what}' on ${c.secondaryExternalId}.`,
      );
    } else if (i < 4) unconfirmed(pe, now);
    out.push(pe);
  }
  for (let j = 0; j < groupCount; j++) {
    const members = users.filter((u) => u.externalId !== null).slice(200 + j * 150, 320 + j * 150);
    const adds = members.map((m) => change("member", "Add", ref(m.id)));
    out.push(pendingExport(sys, groupUpdates[j]!, "Update", "Pending", now - (j + 1) * 15 * 60_000, adds));
  }
  for (const c of deletes) {
    if (out.length >= wanted) break;
    out.push(pendingExport(sys, c, "Delete", "Pending", now - 50 * 60_000, []));
  }
  return out;
}

function scimExports(sys: SimConnectedSystem, csos: SimCso[], now: number): SimPendingExport[] {
  const wanted = sys.pendingExportObjectsCount;
  const out: SimPendingExport[] = [];
  for (const c of csos.filter((x) => x.status === "PendingProvisioning")) {
    if (out.length >= wanted) return out;
    const p = person(c.index);
    out.push(
      pendingExport(sys, c, "Create", "Pending", c.created + 60_000, [
        {
          attributeName: "userName",
          changeType: "Add",
          value: str(pendingIdentifier(c)!),
          unresolvedReferenceValue: null,
        },
        {
          attributeName: "name.givenName",
          changeType: "Add",
          value: str(p.first),
          unresolvedReferenceValue: null,
        },
        {
          attributeName: "name.familyName",
          changeType: "Add",
          value: str(p.last),
          unresolvedReferenceValue: null,
        },
        {
          attributeName: "emails[work].value",
          changeType: "Add",
          value: str(pendingIdentifier(c)!),
          unresolvedReferenceValue: null,
        },
        {
          attributeName: "active",
          changeType: "Add",
          value: { kind: "bool", value: true },
          unresolvedReferenceValue: null,
        },
      ]),
    );
  }
  const joined = csos.filter((x) => x.joinType === "Provisioned" && x.status === "Normal");
  for (let i = 0; out.length < wanted && i < joined.length; i++) {
    const c = joined[i]!;
    const pe = pendingExport(sys, c, "Update", "Pending", now - (i + 1) * 3 * HOUR, [
      {
        attributeName: "active",
        changeType: "Update",
        value: { kind: "bool", value: false },
        unresolvedReferenceValue: null,
      },
    ]);
    if (out.length === wanted - 1)
      failed(pe, now, 1, "The SCIM service answered 409 Conflict: userName is already taken.");
    out.push(pe);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------

/** The connector space of a system, generated on first use. */
export function systemSpace(state: SimState, sys: SimConnectedSystem): SystemSpace {
  const d = data(state);
  let space = d.bySystem.get(sys.id);
  if (space) return space;
  const now = Date.now();
  if (sys.name === "HR System") space = hrSystem(sys, now);
  else if (sys.name === "Corporate Directory") space = directorySystem(sys, now);
  else if (sys.name === "Learning Platform") space = scimSystem(sys, now);
  else space = genericSystem(sys, now);
  d.bySystem.set(sys.id, space);
  for (const c of space.csos) d.csoById.set(c.id, c);
  for (const pe of space.pendingExports) d.peById.set(pe.id, pe);
  return space;
}

export function findCso(state: SimState, sys: SimConnectedSystem, id: string): SimCso | undefined {
  systemSpace(state, sys);
  const c = data(state).csoById.get(id);
  return c && c.systemId === sys.id ? c : undefined;
}

export function findPendingExport(state: SimState, id: string): SimPendingExport | undefined {
  for (const sys of state.connectedSystems) systemSpace(state, sys);
  return data(state).peById.get(id);
}

export function csoById(state: SimState, id: string): SimCso | undefined {
  return data(state).csoById.get(id);
}

/** Empties a system's connector space and its pending exports; resets the counts. */
export function clearSystem(state: SimState, sys: SimConnectedSystem): number {
  const d = data(state);
  const space = systemSpace(state, sys);
  const removed = space.csos.length;
  for (const c of space.csos) d.csoById.delete(c.id);
  for (const pe of space.pendingExports) d.peById.delete(pe.id);
  d.bySystem.set(sys.id, { csos: [], pendingExports: [] });
  sys.objectCount = 0;
  sys.connectorsCount = 0;
  sys.pendingExportObjectsCount = 0;
  return removed;
}

// ---------------------------------------------------------------------------
// Attribute values, computed from the object's seed
// ---------------------------------------------------------------------------

/** Raw values by attribute name; multi-valued attributes give several. */
export function rawValues(state: SimState, c: SimCso): Array<[string, ValueSlot[]]> {
  const space = state.getConnectedSystem(c.systemId);
  const out: Array<[string, ValueSlot[]]> = [];
  const add = (name: string, ...v: ValueSlot[]) => out.push([name, v]);
  const p = person(c.index);
  switch (c.kind) {
    case "hr-person": {
      add("employeeId", str(c.externalId!));
      add("firstName", str(p.first));
      add("lastName", str(p.last));
      add("displayName", str(p.display));
      add("email", str(c.secondaryExternalId!));
      add("department", str(p.department));
      add("jobTitle", str(p.title));
      if (c.index >= 8)
        add("managerId", ref(seededGuid(`cso:${c.systemId}:hr-person:${Math.floor(c.index / 8)}`)));
      add("startDate", { kind: "date", value: new Date(c.created - 30 * DAY).toISOString() });
      if (c.status === "Obsolete")
        add("leaveDate", { kind: "date", value: new Date(c.created).toISOString() });
      break;
    }
    case "ad-user": {
      if (c.externalId) add("objectGUID", { kind: "guid", value: c.externalId });
      if (c.secondaryExternalId) add("distinguishedName", str(c.secondaryExternalId));
      add("sAMAccountName", str(login(p, c.index)));
      add("userPrincipalName", str(`${login(p, c.index)}@corp.example.com`));
      add("givenName", str(p.first));
      add("sn", str(p.last));
      add("displayName", str(p.display));
      add("mail", str(`${login(p, c.index)}@example.com`));
      add("department", str(p.department));
      add("title", str(p.title));
      if (c.index >= 8)
        add("manager", ref(seededGuid(`cso:${c.systemId}:ad-user:${Math.floor(c.index / 8)}`)));
      if (c.joinType === "Joined" && c.index < 1200) add("employeeID", str(`E${100001 + c.index}`));
      add("userAccountControl", {
        kind: "int",
        value: c.joinType === "NotJoined" && c.index % 3 === 0 ? 514 : 512,
      });
      break;
    }
    case "ad-group": {
      add("objectGUID", { kind: "guid", value: c.externalId! });
      add("distinguishedName", str(c.secondaryExternalId!));
      add("cn", str(c.displayName!));
      add("description", str(`Members of ${c.displayName}`));
      const users = (space ? systemSpace(state, space).csos : []).filter(
        (x) => x.kind === "ad-user" && x.externalId,
      );
      const size = c.index % 50 === 0 ? 300 : 3 + (hash32(`members:${c.id}`) % 60);
      const start = users.length ? hash32(`start:${c.id}`) % users.length : 0;
      const members: ValueSlot[] = [];
      for (let i = 0; i < size && i < users.length; i++)
        members.push(ref(users[(start + i * 7) % users.length]!.id));
      add("member", ...members);
      add("groupType", { kind: "int", value: -2147483646 });
      break;
    }
    case "scim-user": {
      if (c.externalId) add("id", str(c.externalId));
      add("userName", str(c.secondaryExternalId ?? pendingIdentifier(c)!));
      add("name.givenName", str(p.first));
      add("name.familyName", str(p.last));
      add("emails[work].value", str(c.secondaryExternalId ?? pendingIdentifier(c)!));
      add("active", { kind: "bool", value: true });
      break;
    }
    default:
      if (c.displayName) add("displayName", str(c.displayName));
  }
  return out;
}
