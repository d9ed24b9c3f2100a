/**
 * Operations sample data: service log entries (newest first), predefined searches with
 * the Metaverse objects they find, example data templates and configuration-change previews.
 */
import type { SimState } from "../state.js";
import { data as metaverseData } from "./metaverse.js";
import { previewStore } from "./previews.js";

export interface LogEntry {
  timestamp: string;
  level: string;
  levelShort: string;
  message: string;
  exception: string | null;
  service: string;
  properties: Record<string, unknown> | null;
}

export interface SimSearch {
  id: number;
  name: string;
  uri: string;
  builtIn: boolean;
  isEnabled: boolean;
  isDefaultForMetaverseObjectType: boolean;
  metaverseObjectTypeId: number;
  metaverseObjectTypeName: string;
  attributes: string[];
  created: string;
  /** Which objects match. */
  matches: (o: SimMvo) => boolean;
}

export interface SimMvo {
  id: string;
  created: string;
  displayName: string;
  status: "Normal" | "Obsolete";
  type: { id: number; name: string };
  attributes: Record<string, string | number | boolean | null>;
}

export interface SimTemplate {
  id: number;
  name: string;
  builtIn: boolean;
  created: string;
  objectTypeCount: number;
}

export interface OperationsData {
  logs: LogEntry[];
  searches: SimSearch[];
  objects: SimMvo[];
  templates: SimTemplate[];
}

export const LOG_LEVELS = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"] as const;
export const LOG_SERVICES = ["web", "worker", "scheduler", "database"] as const;
const SHORT: Record<string, string> = {
  Verbose: "VRB",
  Debug: "DBG",
  Information: "INF",
  Warning: "WRN",
  Error: "ERR",
  Fatal: "FTL",
};

/** Fixed activity id of the seeded, finished preview. */
export const PREVIEW_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
/** Fixed activity id of a preview still running. */
export const RUNNING_PREVIEW_ID = "8d0f7780-8536-41ef-a55c-f18fd2a01bf8";

const MINUTE = 60_000;
const DAY = 86_400_000;

const MESSAGES: Array<[string, (typeof LOG_LEVELS)[number], string]> = [
  ["web", "Information", "HTTP GET /api/v1/activities responded 200 in 41 ms"],
  ["worker", "Information", "Run profile 'Full Import' on 'HR System' completed: 1,240 objects"],
  ["worker", "Debug", "Processing page 3 of connector space for 'Corporate Directory'"],
  ["scheduler", "Information", "Schedule 'Nightly sync' queued 3 steps"],
  ["worker", "Warning", "Delta import for 'Corporate Directory' fell back to a full import"],
  ["web", "Warning", "Rate limit reached for API key 'CI pipeline'"],
  ["database", "Information", "Housekeeping removed 120 expired worker tasks"],
  ["worker", "Error", "Export to 'Learning Platform' failed for 2 objects: HTTP 409 from SCIM endpoint"],
  ["web", "Verbose", "Resolved principal from X-API-Key header"],
  ["scheduler", "Debug", "Next run of 'Nightly sync' at 02:00 UTC"],
  ["database", "Warning", "Slow query (2,310 ms) on metaverse object search"],
  ["worker", "Information", "Synchronisation of 'HR System' projected 12 new people"],
];

function buildLogs(now: number): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < 320; i++) {
    const [service, level, message] = MESSAGES[(i * 7) % MESSAGES.length]!;
    const fatal = i === 57;
    out.push({
      timestamp: new Date(now - (i * 4 + 1) * MINUTE).toISOString(),
      level: fatal ? "Fatal" : level,
      levelShort: SHORT[fatal ? "Fatal" : level]!,
      message: fatal ? "Worker stopped: database connection lost" : message,
      exception:
        level === "Error" || fatal
          ? "System.InvalidOperationException: The operation failed.\n   at JIM.Worker.Processors.Run()"
          : null,
      service,
      properties: { SourceContext: `JIM.${service}` },
    });
  }
  return out;
}

/**
 * The objects predefined searches find are the sample Metaverse's own (src/simulator/data/metaverse.ts),
 * so every id a search returns opens with metaverse_object_get. Values as the search shows them: the
 * latest value of each single-valued attribute, references as object ids.
 */
function buildObjects(state: SimState): SimMvo[] {
  const mv = metaverseData(state);
  const types = new Map(mv.objectTypes.map((t) => [t.id, t]));
  const attrs = new Map(mv.attributes.map((a) => [a.id, a]));
  return mv.objects.map((o) => {
    const attributes: SimMvo["attributes"] = {};
    for (const v of o.values) {
      const a = attrs.get(v.attributeId);
      if (a && a.plurality === "SingleValued") attributes[a.name] = v.value;
    }
    return {
      id: o.id,
      created: new Date(o.created).toISOString(),
      displayName: o.displayName,
      status: o.status,
      type: { id: o.typeId, name: types.get(o.typeId)?.name ?? "" },
      attributes,
    };
  });
}

/** Adds two sample previews (one finished, one running) to the shared store. */
function seedPreviews(state: SimState, now: number): void {
  const done = state.addActivity({
    id: PREVIEW_ID,
    created: now - 20 * MINUTE,
    executed: now - 20 * MINUTE,
    ended: now - 19 * MINUTE,
    status: "Complete",
    targetType: "SynchronisationRule",
    targetOperationType: "Preview",
    targetName: "AD User Provisioning",
    targetContext: "Corporate Directory",
    message: "Preview complete.",
  });
  const running = state.addActivity({
    id: RUNNING_PREVIEW_ID,
    created: now - MINUTE,
    executed: now - MINUTE,
    ended: null,
    status: "InProgress",
    targetType: "ConnectedSystem",
    targetOperationType: "Preview",
    targetName: "Corporate Directory",
    targetContext: "Corporate Directory",
    message: "Counting impact.",
  });
  const base = {
    objectsProcessed: 0,
    objectsToProcess: 0,
    message: null as string | null,
    errorMessage: null,
    deltaPersistence: "Capped",
    dispatchedToWorker: true,
    stalenessBaseline: new Date(now - 20 * MINUTE).toISOString(),
  };
  const samples = [
    {
      activityId: done.id,
      body: {
        ...base,
        activityId: done.id,
        surface: "SynchronisationRuleScope",
        activityStatus: "Complete",
        message: "Preview complete.",
        objectsProcessed: 1840,
        objectsToProcess: 1840,
        validationStatus: "Complete",
        impactCountsStatus: "Complete",
        summaryStatus: "Complete",
        deltasStatus: "Complete",
        isComplete: true,
        hasFailed: false,
        validationFindings: [
          {
            severity: "Warning",
            message: "Objects leaving scope will be disconnected on the next synchronisation.",
            propertyName: "scopingCriteria",
          },
        ],
        impactCounts: [
          {
            transitionType: "WouldFallOutOfScope",
            objectCount: 37,
            connectedSystemId: 2,
            metaverseObjectTypeId: null,
          },
          {
            transitionType: "AttributeFlow",
            objectCount: 12,
            connectedSystemId: 2,
            metaverseObjectTypeId: null,
          },
        ],
        groups: [
          {
            id: "1f0e0000-0000-4000-8000-000000000001",
            transitionType: "WouldFallOutOfScope",
            metaverseObjectTypeId: 1,
            metaverseObjectTypeName: "User",
            connectedSystemId: 2,
            connectedSystemName: "Corporate Directory",
            attributeName: null,
            oldValue: null,
            newValue: null,
            patternKey: null,
            objectCount: 37,
            deltasSampled: false,
          },
          {
            id: "1f0e0000-0000-4000-8000-000000000002",
            transitionType: "AttributeFlow",
            metaverseObjectTypeId: 1,
            metaverseObjectTypeName: "User",
            connectedSystemId: 2,
            connectedSystemName: "Corporate Directory",
            attributeName: "department",
            oldValue: "Sales",
            newValue: "Commercial",
            patternKey: null,
            objectCount: 12,
            deltasSampled: false,
          },
        ],
        estimatedAffectedObjects: 49,
        estimatedDeltaRows: 49,
      },
    },
    {
      activityId: running.id,
      body: {
        ...base,
        activityId: running.id,
        surface: "ConnectedSystem",
        activityStatus: "InProgress",
        message: "Counting impact.",
        objectsProcessed: 400,
        objectsToProcess: 2900,
        validationStatus: "Complete",
        impactCountsStatus: "InProgress",
        summaryStatus: "NotStarted",
        deltasStatus: "NotStarted",
        isComplete: false,
        hasFailed: false,
        validationFindings: [],
        impactCounts: [],
        groups: [],
        estimatedAffectedObjects: 2900,
        estimatedDeltaRows: 2900,
      },
    },
  ];
  const store = previewStore(state);
  for (const p of samples) store.set(p.activityId, { render: () => p.body });
}

function build(state: SimState): OperationsData {
  const now = Date.now();
  const created = new Date(now - 400 * DAY).toISOString();
  const person = (o: SimMvo) => o.type.id === 1;
  return {
    logs: buildLogs(now),
    objects: buildObjects(state),
    searches: [
      {
        id: 1,
        name: "All People",
        uri: "all-people",
        builtIn: true,
        isEnabled: true,
        isDefaultForMetaverseObjectType: true,
        metaverseObjectTypeId: 1,
        metaverseObjectTypeName: "User",
        attributes: ["Display Name", "Email", "Department", "Job Title"],
        created,
        matches: person,
      },
      {
        id: 2,
        name: "All Groups",
        uri: "all-groups",
        builtIn: true,
        isEnabled: true,
        isDefaultForMetaverseObjectType: true,
        metaverseObjectTypeId: 2,
        metaverseObjectTypeName: "Group",
        attributes: ["Display Name", "Description", "Email"],
        created,
        matches: (o) => o.type.id === 2,
      },
      {
        id: 3,
        name: "Engineering Staff",
        uri: "engineering-staff",
        builtIn: false,
        isEnabled: true,
        isDefaultForMetaverseObjectType: false,
        metaverseObjectTypeId: 1,
        metaverseObjectTypeName: "User",
        attributes: ["Display Name", "Email", "Job Title"],
        created: new Date(now - 40 * DAY).toISOString(),
        matches: (o) => person(o) && o.attributes.Department === "Engineering",
      },
      {
        id: 4,
        name: "Leavers",
        uri: "leavers",
        builtIn: false,
        isEnabled: false,
        isDefaultForMetaverseObjectType: false,
        metaverseObjectTypeId: 1,
        metaverseObjectTypeName: "User",
        attributes: ["Display Name", "Employee End Date"],
        created: new Date(now - 20 * DAY).toISOString(),
        matches: (o) => person(o) && o.attributes["Employee End Date"] !== undefined,
      },
    ],
    templates: [
      { id: 1, name: "Demo Users", builtIn: true, created, objectTypeCount: 2 },
      { id: 2, name: "Large Organisation", builtIn: true, created, objectTypeCount: 3 },
      {
        id: 3,
        name: "Project Groups",
        builtIn: false,
        created: new Date(now - 15 * DAY).toISOString(),
        objectTypeCount: 1,
      },
    ],
  };
}

export function data(state: SimState): OperationsData {
  let d = state.ext.operations as OperationsData | undefined;
  if (!d) {
    d = build(state);
    state.ext.operations = d;
    seedPreviews(state, Date.now());
  }
  return d;
}

export function searchHeader(s: SimSearch) {
  return {
    id: s.id,
    metaverseObjectTypeName: s.metaverseObjectTypeName,
    isDefaultForMetaverseObjectType: s.isDefaultForMetaverseObjectType,
    name: s.name,
    uri: s.uri,
    builtIn: s.builtIn,
    isEnabled: s.isEnabled,
    metaverseAttributeCount: s.attributes.length,
    created: s.created,
  };
}
