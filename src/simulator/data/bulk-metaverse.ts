/**
 * A large Metaverse for load measurements: tops the sample Metaverse up to
 * `total` objects with generated users (HR-sourced, joined to the HR System).
 * Objects are small (display name, names, employee id, department) so 100,000
 * of them fit in the simulator's memory; ids are fixed by position.
 */
import type { SimState } from "../state.js";
import { data, type MvObject } from "./metaverse.js";
import { DEPTS, FIRST, LAST } from "./people.js";

const USER_TYPE = 1;
const HR_SYSTEM = 1;
const HR_RULE = 1;
/** Attribute ids of the sample Metaverse (data/metaverse.ts). */
const ATTR = { displayName: 1, firstName: 2, lastName: 3, employeeId: 5, department: 6 } as const;
/** Refused beyond this: the simulator keeps everything in memory. */
export const MAX_BULK_OBJECTS = 1_000_000;

/** A canonical lower-case GUID unique to position `i` (version-4 layout, so JIM's parsers accept it). */
function bulkId(i: number): string {
  const hex = i.toString(16).padStart(12, "0");
  return `b0000000-0000-4000-8000-${hex}`;
}

/**
 * Adds generated users until the Metaverse holds `total` objects; returns how many were added.
 * A total at or below the current size adds nothing.
 */
export function fillMetaverse(state: SimState, total: number): number {
  if (!Number.isInteger(total) || total < 0 || total > MAX_BULK_OBJECTS) {
    throw new RangeError(
      `fillMetaverse: total must be a whole number from 0 to ${MAX_BULK_OBJECTS} (got ${total}).`,
    );
  }
  const d = data(state);
  const start = d.objects.length;
  const created = Date.now() - 30 * 86_400_000;
  for (let i = start; i < total; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const displayName = `${first} ${last} ${i}`;
    const hr = (attributeId: number, value: string) => ({
      attributeId,
      value,
      systemId: HR_SYSTEM,
      syncRuleId: HR_RULE,
    });
    const o: MvObject = {
      id: bulkId(i),
      typeId: USER_TYPE,
      created: created + i,
      lastUpdated: null,
      displayName,
      status: "Normal",
      origin: "Projected",
      values: [
        hr(ATTR.displayName, displayName),
        hr(ATTR.firstName, first),
        hr(ATTR.lastName, last),
        hr(ATTR.employeeId, `B${String(i).padStart(7, "0")}`),
        hr(ATTR.department, DEPTS[i % DEPTS.length] as string),
      ],
      csos: [],
      lastConnectorDisconnected: null,
      pendingDeletion: false,
      deletionEligible: null,
      deletionTriggerSystemId: null,
    };
    d.objects.push(o);
    d.byId.set(o.id, o);
  }
  return Math.max(0, total - start);
}
