/**
 * History sample data: records of deleted connector-space and Metaverse objects, and
 * the backlog of expired change records that retention cleanup works through.
 */
import type { SimState } from "../state.js";

export interface DeletedCso {
  id: string;
  externalId: string | null;
  displayName: string | null;
  objectTypeName: string | null;
  connectedSystemId: number;
  connectedSystemName: string | null;
  changeTime: string;
  initiatedByType: string | null;
  initiatedByName: string | null;
}

export interface DeletedMvo {
  id: string;
  displayName: string | null;
  objectTypeName: string | null;
  objectTypeId: number | null;
  changeTime: string;
  initiatedByType: string | null;
  initiatedByName: string | null;
}

export interface HistoryData {
  deletedCsos: DeletedCso[];
  deletedMvos: DeletedMvo[];
  /** Expired records still waiting for cleanup, per kind. */
  backlog: { csoChanges: number; mvoChanges: number; activities: number; configurationChanges: number };
}

const NAMES = [
  "Ava Clarke",
  "Ben Hughes",
  "Chloe Patel",
  "Daniel Okafor",
  "Ella Novak",
  "Finn Murphy",
  "Grace Lin",
  "Harry Evans",
  "Isla Fraser",
  "Jack Wilson",
  "Kara Singh",
  "Leo Martins",
  "Maya Rossi",
  "Noah Fischer",
  "Olivia Brown",
  "Ravi Kumar",
];
const SYSTEMS: Array<[number, string, string]> = [
  [1, "HR System", "person"],
  [2, "Corporate Directory", "user"],
  [3, "Learning Platform", "User"],
];
const HOUR = 3_600_000;

/** Deterministic GUID-shaped id from a number. */
function gid(prefix: string, n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `${prefix}-0000-4000-8000-${hex}`;
}

function build(): HistoryData {
  const now = Date.now();
  const deletedCsos: DeletedCso[] = [];
  for (let i = 0; i < 60; i++) {
    const [sysId, sysName, type] = SYSTEMS[i % 3]!;
    const name = NAMES[i % NAMES.length]!;
    const login = name.toLowerCase().replace(" ", ".");
    deletedCsos.push({
      id: gid("c5d0e1e7", i + 1),
      externalId:
        sysId === 1 ? `E${String(10400 + i)}` : sysId === 2 ? `CN=${name},OU=Leavers,DC=corp` : login,
      displayName: name,
      objectTypeName: type,
      connectedSystemId: sysId,
      connectedSystemName: sysName,
      changeTime: new Date(now - (i * 7 + 3) * HOUR).toISOString(),
      initiatedByType: i % 4 === 0 ? "User" : i % 4 === 1 ? "ApiKey" : "Unknown",
      initiatedByName: i % 4 === 0 ? "Alex Morgan" : i % 4 === 1 ? "CI pipeline" : null,
    });
  }
  const deletedMvos: DeletedMvo[] = [];
  for (let i = 0; i < 40; i++) {
    const group = i % 5 === 4;
    deletedMvos.push({
      id: gid("a7e0d1e7", i + 1),
      displayName: group ? `Project Team ${i}` : NAMES[(i * 3) % NAMES.length]!,
      objectTypeName: group ? "Group" : "User",
      objectTypeId: group ? 2 : 1,
      changeTime: new Date(now - (i * 11 + 5) * HOUR).toISOString(),
      initiatedByType: i % 3 === 0 ? "User" : "Unknown",
      initiatedByName: i % 3 === 0 ? "Priya Shah" : null,
    });
  }
  return {
    deletedCsos,
    deletedMvos,
    backlog: { csoChanges: 2350, mvoChanges: 740, activities: 130, configurationChanges: 4 },
  };
}

export function data(state: SimState): HistoryData {
  if (!state.ext.history) state.ext.history = build();
  return state.ext.history as HistoryData;
}
