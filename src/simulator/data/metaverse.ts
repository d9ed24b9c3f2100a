/**
 * Sample Metaverse: object types (User and Group built in, a custom Department),
 * attributes bound to them, and a few hundred deterministic objects joined to
 * connector-space objects of the sample systems (1 HR System, 2 Corporate
 * Directory, 3 Learning Platform). Leavers gone from HR are pending deletion in
 * each of the three states. Built on first use and kept on `state.ext.metaverse`.
 */

import { hash32, seededGuid } from "../runs.js";
import type { SimState } from "../state.js";
import { DEPTS, FIRST, LAST } from "./people.js";

export type MvDataType = "Text" | "Number" | "DateTime" | "Reference" | "Boolean";

export interface MvObjectType {
  id: number;
  name: string;
  pluralName: string;
  created: string;
  builtIn: boolean;
  icon: string | null;
  hasPredefinedSearches: boolean;
  deletionRule: "Manual" | "WhenLastConnectorDisconnected" | "WhenAuthoritativeSourceDisconnected";
  deletionTriggerMode: "SpecificSourcesDisconnect" | "AllSourcesDisconnect";
  deletionGracePeriod: string | null;
  deletionTriggerConnectedSystemIds: number[];
}

export interface MvAttribute {
  id: number;
  name: string;
  created: string;
  type: MvDataType;
  plurality: "SingleValued" | "MultiValued";
  builtIn: boolean;
  objectTypeIds: number[];
}

export interface MvValue {
  attributeId: number;
  /** Text and DateTime (ISO) values are strings; Reference values are Metaverse object ids. */
  value: string | number | boolean;
  systemId: number | null;
  syncRuleId: number | null;
}

export interface MvCso {
  id: string;
  systemId: number;
  displayName: string;
}

export interface MvObject {
  id: string;
  typeId: number;
  /** ms timestamps */
  created: number;
  lastUpdated: number | null;
  displayName: string;
  status: "Normal" | "Obsolete";
  origin: "Projected" | "Internal";
  values: MvValue[];
  csos: MvCso[];
  lastConnectorDisconnected: number | null;
  pendingDeletion: boolean;
  deletionEligible: number | null;
  deletionTriggerSystemId: number | null;
}

export interface MetaverseData {
  objectTypes: MvObjectType[];
  attributes: MvAttribute[];
  /** In creation order. */
  objects: MvObject[];
  byId: Map<string, MvObject>;
  systems: Record<number, string>;
  syncRules: Record<number, { name: string; systemId: number }>;
}

export function data(state: SimState): MetaverseData {
  state.ext.metaverse ??= build(state, Date.now());
  return state.ext.metaverse as MetaverseData;
}

/** Connector-space object id of sample user `index` in a system (stable, for other areas to link to). */
export function userCsoId(systemId: number, index: number): string {
  return seededGuid(`cso:${systemId}:user:${index}`);
}

/** Metaverse object id of sample user `index` (0-based, 0–299). */
export function userMvoId(index: number): string {
  return seededGuid(`mvo:user:${index}`);
}

const DAY = 86_400_000;
export const USER_COUNT = 300;
/** Leavers (gone from HR, pending deletion): every 25th user from index 7, 12 in all. */
const isLeaver = (i: number) => i % 25 === 7;

const TITLES: Record<string, string[]> = {
  Engineering: ["Software Engineer", "Senior Software Engineer", "Site Reliability Engineer", "QA Analyst"],
  Sales: ["Account Executive", "Sales Development Rep", "Account Manager"],
  Finance: ["Accountant", "Financial Analyst", "Payroll Specialist"],
  Marketing: ["Marketing Specialist", "Content Writer", "Brand Designer"],
  Support: ["Support Engineer", "Customer Success Manager", "Support Analyst"],
  Legal: ["Legal Counsel", "Paralegal", "Compliance Officer"],
};

/**
 * Attribute ids. 1–13 are JIM's built-in names and the ids the sync-rules sample
 * data (data/sync-rules.ts) maps to; the rest are extras of this Metaverse.
 */
const A = {
  displayName: 1,
  firstName: 2,
  lastName: 3,
  email: 4,
  employeeId: 5,
  department: 6,
  jobTitle: 7,
  manager: 8,
  startDate: 9,
  endDate: 10,
  accountName: 11,
  description: 12,
  member: 13,
  employeeType: 14,
  accountEnabled: 15,
  costCentre: 16,
  badge: 17,
} as const;

const SYS = { hr: 1, ad: 2, lms: 3 } as const;
/** Contributing import rules, as ids and names of the sync-rules sample data. */
const RULE = { hrUsers: 1, adUsers: 2, adGroups: 5 } as const;
const TYPE = { user: 1, group: 2, department: 3, contractor: 4 } as const;

function build(state: SimState, now: number): MetaverseData {
  const iso = (t: number) => new Date(t).toISOString();
  const typesCreated = iso(now - 130 * DAY);
  const objectTypes: MvObjectType[] = [
    {
      id: TYPE.user,
      name: "User",
      pluralName: "Users",
      created: typesCreated,
      builtIn: true,
      icon: "person",
      hasPredefinedSearches: true,
      deletionRule: "WhenAuthoritativeSourceDisconnected",
      deletionTriggerMode: "SpecificSourcesDisconnect",
      deletionGracePeriod: "30.00:00:00",
      deletionTriggerConnectedSystemIds: [SYS.hr],
    },
    {
      id: TYPE.group,
      name: "Group",
      pluralName: "Groups",
      created: typesCreated,
      builtIn: true,
      icon: "group",
      hasPredefinedSearches: true,
      deletionRule: "Manual",
      deletionTriggerMode: "AllSourcesDisconnect",
      deletionGracePeriod: null,
      deletionTriggerConnectedSystemIds: [],
    },
    {
      id: TYPE.department,
      name: "Department",
      pluralName: "Departments",
      created: iso(now - 90 * DAY),
      builtIn: false,
      icon: "apartment",
      hasPredefinedSearches: false,
      deletionRule: "WhenLastConnectorDisconnected",
      deletionTriggerMode: "AllSourcesDisconnect",
      deletionGracePeriod: "7.00:00:00",
      deletionTriggerConnectedSystemIds: [],
    },
    {
      // A custom type nothing uses yet: it can be deleted, after a type-the-name confirmation (it has a binding).
      id: TYPE.contractor,
      name: "Contractor",
      pluralName: "Contractors",
      created: iso(now - 10 * DAY),
      builtIn: false,
      icon: "badge",
      hasPredefinedSearches: false,
      deletionRule: "Manual",
      deletionTriggerMode: "AllSourcesDisconnect",
      deletionGracePeriod: null,
      deletionTriggerConnectedSystemIds: [],
    },
  ];
  const attr = (
    id: number,
    name: string,
    type: MvDataType,
    objectTypeIds: number[],
    opts: Partial<MvAttribute> = {},
  ): MvAttribute => ({
    id,
    name,
    created: typesCreated,
    type,
    plurality: "SingleValued",
    builtIn: true,
    objectTypeIds,
    ...opts,
  });
  const custom = { builtIn: false, created: iso(now - 80 * DAY) };
  const attributes: MvAttribute[] = [
    attr(A.displayName, "Display Name", "Text", [TYPE.user, TYPE.group, TYPE.department]),
    attr(A.firstName, "First Name", "Text", [TYPE.user]),
    attr(A.lastName, "Last Name", "Text", [TYPE.user]),
    attr(A.email, "Email", "Text", [TYPE.user, TYPE.group]),
    attr(A.employeeId, "Employee ID", "Text", [TYPE.user]),
    attr(A.department, "Department", "Text", [TYPE.user]),
    attr(A.jobTitle, "Job Title", "Text", [TYPE.user]),
    attr(A.manager, "Manager", "Reference", [TYPE.user, TYPE.department]),
    attr(A.startDate, "Employee Start Date", "DateTime", [TYPE.user]),
    attr(A.endDate, "Employee End Date", "DateTime", [TYPE.user]),
    attr(A.accountName, "Account Name", "Text", [TYPE.user, TYPE.group]),
    attr(A.description, "Description", "Text", [TYPE.group, TYPE.department]),
    attr(A.member, "Static Members", "Reference", [TYPE.group], { plurality: "MultiValued" }),
    attr(A.employeeType, "Employee Type", "Text", [TYPE.user]),
    attr(A.accountEnabled, "Account Enabled", "Boolean", [TYPE.user], custom),
    attr(A.costCentre, "Cost Centre", "Text", [TYPE.department], custom),
    attr(A.badge, "Badge Number", "Text", [TYPE.contractor], custom),
  ];

  const systems: Record<number, string> = {};
  for (const s of state.connectedSystems) systems[s.id] = s.name;
  systems[SYS.hr] ??= "HR System";
  systems[SYS.ad] ??= "Corporate Directory";
  systems[SYS.lms] ??= "Learning Platform";
  const syncRules = {
    [RULE.hrUsers]: { name: "HR Person Import", systemId: SYS.hr },
    [RULE.adUsers]: { name: "AD User Join", systemId: SYS.ad },
    [RULE.adGroups]: { name: "AD Group Import", systemId: SYS.ad },
  };

  const objects: MvObject[] = [];
  const start = now - 100 * DAY;

  // Users: 0 is the chief executive, the first user of each department heads it.
  const users: MvObject[] = [];
  const deptOf: string[] = [];
  const heads = new Map<string, number>();
  const accountNames = new Set<string>();
  for (let i = 0; i < USER_COUNT; i++) {
    const h = hash32(`user:${i}`);
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const dept = DEPTS[h % DEPTS.length] as string;
    deptOf.push(dept);
    if (i > 0 && !heads.has(dept)) heads.set(dept, i);
    let account = `${first[0]}${last}`.toLowerCase();
    for (let n = 2; accountNames.has(account); n++) account = `${first[0]}${last}${n}`.toLowerCase();
    accountNames.add(account);
    const leaver = isLeaver(i);
    const inAd = i % 23 !== 5;
    const inLms = i % 3 !== 0;
    const id = userMvoId(i);
    const displayName = `${first} ${last}`;
    const hr = (attributeId: number, value: string | number | boolean): MvValue => ({
      attributeId,
      value,
      systemId: SYS.hr,
      syncRuleId: RULE.hrUsers,
    });
    const ad = (attributeId: number, value: string | number | boolean): MvValue => ({
      attributeId,
      value,
      systemId: SYS.ad,
      syncRuleId: RULE.adUsers,
    });
    const titles = TITLES[dept] as string[];
    const values: MvValue[] = [
      hr(A.displayName, displayName),
      hr(A.firstName, first),
      hr(A.lastName, last),
      hr(A.employeeId, `E${String(10_001 + i).padStart(6, "0")}`),
      hr(A.department, dept),
      hr(A.jobTitle, i === 0 ? "Chief Executive" : (titles[(h >>> 8) % titles.length] as string)),
      hr(A.employeeType, h % 9 === 0 ? "Contractor" : "Employee"),
      hr(A.startDate, iso(start - ((h >>> 4) % 1500) * DAY)),
    ];
    if (inAd) {
      values.push(ad(A.accountName, account));
      values.push(ad(A.email, `${first}.${last}@example.com`.toLowerCase()));
      values.push(ad(A.accountEnabled, !leaver));
    } else {
      values.push(hr(A.email, `${first}.${last}@example.com`.toLowerCase()));
    }
    const csos: MvCso[] = [];
    if (!leaver) csos.push({ id: userCsoId(SYS.hr, i), systemId: SYS.hr, displayName });
    if (inAd) csos.push({ id: userCsoId(SYS.ad, i), systemId: SYS.ad, displayName });
    if (inLms) csos.push({ id: userCsoId(SYS.lms, i), systemId: SYS.lms, displayName: account });
    const u: MvObject = {
      id,
      typeId: TYPE.user,
      created: start + i * 7 * 60_000,
      lastUpdated: now - ((h >>> 12) % 20) * DAY - 3_600_000,
      displayName,
      status: "Normal",
      origin: "Projected",
      values,
      csos,
      lastConnectorDisconnected: null,
      pendingDeletion: false,
      deletionEligible: null,
      deletionTriggerSystemId: null,
    };
    if (leaver) {
      // 4 still deprovisioning (accounts left), 6 waiting out the 30-day grace period, 2 ready.
      const k = (i - 7) / 25;
      let gone: number;
      if (k < 4) gone = now - (k + 1) * DAY;
      else {
        u.csos = [];
        gone = k < 10 ? now - (k + 1) * 2 * DAY - 3_600_000 : now - (31 + k) * DAY;
      }
      u.lastConnectorDisconnected = gone;
      u.pendingDeletion = true;
      u.deletionEligible = gone + 30 * DAY;
      u.deletionTriggerSystemId = SYS.hr;
      u.lastUpdated = gone;
      u.values.push({ attributeId: A.endDate, value: iso(gone), systemId: SYS.hr, syncRuleId: RULE.hrUsers });
    }
    users.push(u);
  }
  for (let i = 0; i < USER_COUNT; i++) {
    const manager =
      i === 0 ? null : heads.get(deptOf[i] as string) === i ? 0 : heads.get(deptOf[i] as string);
    if (manager !== null && manager !== undefined) {
      (users[i] as MvObject).values.push({
        attributeId: A.manager,
        value: (users[manager] as MvObject).id,
        systemId: SYS.hr,
        syncRuleId: RULE.hrUsers,
      });
    }
  }
  objects.push(...users);

  // Departments: internal objects, no connectors.
  DEPTS.forEach((dept, d) => {
    const head = users[heads.get(dept) ?? 0] as MvObject;
    objects.push({
      id: seededGuid(`mvo:department:${d}`),
      typeId: TYPE.department,
      created: start + USER_COUNT * 7 * 60_000 + d * 60_000,
      lastUpdated: null,
      displayName: dept,
      status: "Normal",
      origin: "Internal",
      values: [
        { attributeId: A.displayName, value: dept, systemId: null, syncRuleId: null },
        { attributeId: A.description, value: `${dept} department`, systemId: null, syncRuleId: null },
        { attributeId: A.costCentre, value: `CC-${1001 + d}`, systemId: null, syncRuleId: null },
        { attributeId: A.manager, value: head.id, systemId: null, syncRuleId: null },
      ],
      csos: [],
      lastConnectorDisconnected: null,
      pendingDeletion: false,
      deletionEligible: null,
      deletionTriggerSystemId: null,
    });
  });

  // Groups from the Corporate Directory.
  const groupDefs: Array<{ name: string; account: string; description: string; members: number[] }> = [
    {
      name: "All Staff",
      account: "grp-all-staff",
      description: "Everyone with an HR record",
      members: users.map((_, i) => i).filter((i) => !isLeaver(i)),
    },
    {
      name: "People Managers",
      account: "grp-managers",
      description: "Heads of department and the chief executive",
      members: [0, ...heads.values()],
    },
    {
      name: "VPN Users",
      account: "grp-vpn",
      description: "Remote access",
      members: users.map((_, i) => i).filter((i) => i % 4 === 1),
    },
    {
      name: "Contractors",
      account: "grp-contractors",
      description: "External staff",
      members: users.map((_, i) => i).filter((i) => hash32(`user:${i}`) % 9 === 0),
    },
    ...DEPTS.map((dept) => ({
      name: `${dept} Team`,
      account: `grp-${dept.toLowerCase()}`,
      description: `Members of ${dept}`,
      members: users.map((_, i) => i).filter((i) => deptOf[i] === dept),
    })),
  ];
  groupDefs.forEach((g, k) => {
    const grp = (attributeId: number, value: string): MvValue => ({
      attributeId,
      value,
      systemId: SYS.ad,
      syncRuleId: RULE.adGroups,
    });
    const id = seededGuid(`mvo:group:${k}`);
    objects.push({
      id,
      typeId: TYPE.group,
      created: start + USER_COUNT * 7 * 60_000 + (10 + k) * 60_000,
      lastUpdated: now - (k % 5) * DAY,
      displayName: g.name,
      status: "Normal",
      origin: "Projected",
      values: [
        grp(A.displayName, g.name),
        grp(A.accountName, g.account),
        grp(A.email, `${g.account}@example.com`),
        grp(A.description, g.description),
        ...g.members.map((m) => grp(A.member, (users[m] as MvObject).id)),
      ],
      csos: [{ id: seededGuid(`cso:${SYS.ad}:group:${k}`), systemId: SYS.ad, displayName: g.name }],
      lastConnectorDisconnected: null,
      pendingDeletion: false,
      deletionEligible: null,
      deletionTriggerSystemId: null,
    });
  });

  return {
    objectTypes,
    attributes,
    objects,
    byId: new Map(objects.map((o) => [o.id, o])),
    systems,
    syncRules,
  };
}
