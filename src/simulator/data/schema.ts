/**
 * What the simulated connected systems report when JIM reads their schema and
 * hierarchy. Each sample system differs from what JIM holds in a few believable
 * ways; the difference is computed against the live state, so applying a refresh
 * makes the next preview come back clean (removals stay until removed).
 */
import type { ConnectedSystemAttribute } from "../../jim/types.js";
import type { SimConnectedSystem, SimContainer, SimState } from "../state.js";
import { flattenContainers } from "../state.js";

export interface RemoteAttribute {
  name: string;
  type: string;
  plurality?: "SingleValued" | "MultiValued";
  isExternalId?: boolean;
}

export interface RemoteSchemaPatch {
  /** Object types the system reports that JIM does not hold yet. */
  addTypes: Array<{ name: string; attributes: RemoteAttribute[] }>;
  /** Attributes the system reports on existing types that JIM does not hold yet, by type name. */
  addAttributes: Record<string, RemoteAttribute[]>;
  /** Attributes the system no longer reports, by type name. */
  removeAttributes: Record<string, string[]>;
  /** Data-type restatements: type name → attribute name → new data type. */
  changeTypes: Record<string, Record<string, string>>;
  /** Removed attribute → synchronisation rules still using it. */
  inUse: Record<string, string[]>;
  warnings: string[];
}

const EMPTY: RemoteSchemaPatch = {
  addTypes: [],
  addAttributes: {},
  removeAttributes: {},
  changeTypes: {},
  inUse: {},
  warnings: [],
};

const PATCHES: Record<string, RemoteSchemaPatch> = {
  "HR System": {
    ...EMPTY,
    addAttributes: { person: [{ name: "employmentType", type: "Text" }] },
  },
  "Corporate Directory": {
    addTypes: [
      {
        name: "contact",
        attributes: [
          { name: "objectGUID", type: "Guid", isExternalId: true },
          { name: "distinguishedName", type: "Text" },
          { name: "cn", type: "Text" },
          { name: "displayName", type: "Text" },
          { name: "mail", type: "Text" },
          { name: "company", type: "Text" },
        ],
      },
    ],
    addAttributes: {
      user: [
        { name: "mobile", type: "Text" },
        { name: "physicalDeliveryOfficeName", type: "Text" },
        { name: "proxyAddresses", type: "Text", plurality: "MultiValued" },
      ],
    },
    removeAttributes: { user: ["employeeID"] },
    changeTypes: { user: { userAccountControl: "LongNumber" } },
    inUse: { employeeID: ["AD User Join", "AD User Provisioning"] },
    warnings: [],
  },
};

export function remoteSchemaPatch(sys: SimConnectedSystem): RemoteSchemaPatch {
  return PATCHES[sys.name] ?? EMPTY;
}

export interface SchemaDiff {
  addedObjectTypes: string[];
  updatedObjectTypes: string[];
  addedAttributes: Record<string, string[]>;
  removedAttributes: Record<string, string[]>;
  changedAttributes: Record<
    string,
    Array<{ attributeName: string; aspect: string; oldValue: string; newValue: string }>
  >;
  attributesInUse: Record<string, string[]>;
  warnings: string[];
}

/** What a refresh would change in JIM's copy of the schema. */
export function schemaDiff(sys: SimConnectedSystem): SchemaDiff {
  const patch = remoteSchemaPatch(sys);
  const diff: SchemaDiff = {
    addedObjectTypes: [],
    updatedObjectTypes: [],
    addedAttributes: {},
    removedAttributes: {},
    changedAttributes: {},
    attributesInUse: {},
    warnings: [...patch.warnings],
  };
  const typeByName = new Map(sys.objectTypes.map((t) => [t.name, t]));
  for (const t of patch.addTypes) if (!typeByName.has(t.name)) diff.addedObjectTypes.push(t.name);
  for (const [typeName, attrs] of Object.entries(patch.addAttributes)) {
    const t = typeByName.get(typeName);
    if (!t) continue;
    const missing = attrs.filter((a) => !t.attributes.some((x) => x.name === a.name)).map((a) => a.name);
    if (missing.length) diff.addedAttributes[typeName] = missing;
  }
  for (const [typeName, names] of Object.entries(patch.removeAttributes)) {
    const t = typeByName.get(typeName);
    if (!t) continue;
    const present = names.filter((n) => t.attributes.some((x) => x.name === n));
    if (present.length) diff.removedAttributes[typeName] = present;
    for (const n of present) if (patch.inUse[n]) diff.attributesInUse[n] = patch.inUse[n];
  }
  for (const [typeName, changes] of Object.entries(patch.changeTypes)) {
    const t = typeByName.get(typeName);
    if (!t) continue;
    for (const [attrName, newType] of Object.entries(changes)) {
      const a = t.attributes.find((x) => x.name === attrName);
      if (!a || a.type === newType) continue;
      diff.changedAttributes[typeName] ??= [];
      diff.changedAttributes[typeName].push({
        attributeName: attrName,
        aspect: "DataType",
        oldValue: a.type,
        newValue: newType,
      });
    }
  }
  const touched = new Set([
    ...Object.keys(diff.addedAttributes),
    ...Object.keys(diff.removedAttributes),
    ...Object.keys(diff.changedAttributes),
  ]);
  diff.updatedObjectTypes = [...touched];
  return diff;
}

export function diffHasChanges(d: SchemaDiff): boolean {
  return (
    d.addedObjectTypes.length > 0 ||
    Object.keys(d.addedAttributes).length > 0 ||
    Object.keys(d.removedAttributes).length > 0 ||
    Object.keys(d.changedAttributes).length > 0
  );
}

function newAttribute(state: SimState, a: RemoteAttribute, created: string): ConnectedSystemAttribute {
  return {
    id: state.nextId("attribute"),
    name: a.name,
    description: null,
    className: null,
    created,
    type: a.type,
    typeSetByAdministrator: false,
    attributePlurality: a.plurality ?? "SingleValued",
    selected: false,
    isExternalId: a.isExternalId ?? false,
    isSecondaryExternalId: false,
    selectionLocked: a.isExternalId ?? false,
    writability: "Writable",
    referencedObjectTypeId: null,
    referencedObjectTypeName: null,
  };
}

/** Applies additions and definition changes; removals only when `remove` (dependent data removed). */
export function applySchema(
  state: SimState,
  sys: SimConnectedSystem,
  remove: boolean,
  now: number,
): SchemaDiff {
  const diff = schemaDiff(sys);
  const patch = remoteSchemaPatch(sys);
  const created = new Date(now).toISOString();
  for (const name of diff.addedObjectTypes) {
    const spec = patch.addTypes.find((t) => t.name === name)!;
    sys.objectTypes.push({
      id: state.nextId("objectType"),
      name,
      created,
      selected: false,
      removeContributedAttributesOnObsoletion: false,
      isInternal: false,
      attributes: spec.attributes.map((a) => newAttribute(state, a, created)),
    });
  }
  for (const [typeName, names] of Object.entries(diff.addedAttributes)) {
    const t = sys.objectTypes.find((x) => x.name === typeName)!;
    for (const n of names) {
      const spec = patch.addAttributes[typeName]!.find((a) => a.name === n)!;
      t.attributes.push(newAttribute(state, spec, created));
    }
  }
  for (const [typeName, changes] of Object.entries(diff.changedAttributes)) {
    const t = sys.objectTypes.find((x) => x.name === typeName)!;
    for (const c of changes) {
      const a = t.attributes.find((x) => x.name === c.attributeName);
      if (a) a.type = c.newValue;
    }
  }
  if (remove) {
    for (const [typeName, names] of Object.entries(diff.removedAttributes)) {
      const t = sys.objectTypes.find((x) => x.name === typeName)!;
      t.attributes = t.attributes.filter((a) => !names.includes(a.name));
    }
  }
  sys.lastUpdated = created;
  return diff;
}

// ---------------------------------------------------------------------------
// Hierarchy
// ---------------------------------------------------------------------------

export interface RemoteContainer {
  parentExternalId: string;
  name: string;
  externalId: string;
  objectCount: number;
}

const HIERARCHY_PATCHES: Record<string, RemoteContainer[]> = {
  "Corporate Directory": [
    {
      parentExternalId: "OU=Users,DC=corp,DC=example,DC=com",
      name: "Contractors",
      externalId: "OU=Contractors,OU=Users,DC=corp,DC=example,DC=com",
      objectCount: 0,
    },
    {
      parentExternalId: "OU=Sales,OU=Users,DC=corp,DC=example,DC=com",
      name: "APAC",
      externalId: "OU=APAC,OU=Sales,OU=Users,DC=corp,DC=example,DC=com",
      objectCount: 0,
    },
  ],
};

/** Containers the system reports that JIM does not hold yet. */
export function missingContainers(
  sys: SimConnectedSystem,
): Array<RemoteContainer & { parent: SimContainer }> {
  const all = sys.partitions.flatMap((p) => flattenContainers(p.containers));
  const out: Array<RemoteContainer & { parent: SimContainer }> = [];
  for (const rc of HIERARCHY_PATCHES[sys.name] ?? []) {
    if (all.some((c) => c.externalId === rc.externalId)) continue;
    const parent = all.find((c) => c.externalId === rc.parentExternalId);
    if (parent) out.push({ ...rc, parent });
  }
  return out;
}
