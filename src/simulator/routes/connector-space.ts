/**
 * Connector space and pending exports: CSO list (own paging, search, filters,
 * sort), count, detail with capped multi-valued attributes; pending-export list
 * (own paging, search), count by change type/status, and detail.
 */
import type {
  CsoAttributeValue,
  CsoDetail,
  CsoHeader,
  PendingExportDetail,
  PendingExportHeader,
} from "../../jim/connector-space.js";
import type { SimContext } from "../context.js";
import {
  csoById,
  findCso,
  findPendingExport,
  MULTI_VALUE_CAP,
  pendingIdentifier,
  rawValues,
  type SimCso,
  type SimPendingExport,
  systemSpace,
  type ValueSlot,
} from "../data/connector-space.js";
import { bindQueryEnum } from "../enums.js";
import {
  notFound,
  paginate,
  queryBool,
  queryInt,
  queryValue,
  queryValues,
  type RequestContext,
  type Router,
  readOwnPaging,
  sendJson,
  validationProblem,
} from "../http.js";
import { seededGuid } from "../runs.js";
import type { SimConnectedSystem, SimState } from "../state.js";
import { CS_BASE } from "./connected-systems.js";

const CSO_STATUS = ["Normal", "Obsolete", "PendingProvisioning"] as const;
const JOIN_TYPE = ["NotJoined", "Projected", "Provisioned", "Joined"] as const;
const PE_CHANGE_TYPE = ["Create", "Update", "Delete"] as const;
const PE_STATUS = ["Pending", "ExportNotConfirmed", "Executing", "Failed", "Exported"] as const;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toCsoHeader(c: SimCso): CsoHeader {
  const pendingCreate = c.status === "PendingProvisioning";
  return {
    id: c.id,
    connectedSystemId: c.systemId,
    displayName: pendingCreate ? null : c.displayName,
    externalIdValue: c.externalId,
    externalIdAttributeName: c.externalIdAttribute,
    secondaryExternalIdValue: c.secondaryExternalId,
    secondaryExternalIdAttributeName: c.secondaryAttribute,
    created: iso(c.created)!,
    lastUpdated: iso(c.lastUpdated),
    typeId: c.typeId,
    typeName: c.typeName,
    status: c.status,
    joinType: c.joinType,
    dateJoined: iso(c.dateJoined),
    pendingDisplayName: pendingCreate ? (c.mvoName ?? c.displayName) : null,
    pendingExternalId: null,
    pendingSecondaryExternalId: pendingCreate ? pendingIdentifier(c) : null,
    hasPendingExport: c.pendingExportId !== null,
    pendingExportId: c.pendingExportId,
  };
}

/** Typed slot → the DTO's value fields (all written, nulls included, as JIM does). */
function slots(v: ValueSlot | null) {
  return {
    stringValue: v?.kind === "string" ? v.value : null,
    dateTimeValue: v?.kind === "date" ? v.value : null,
    intValue: v?.kind === "int" ? v.value : null,
    longValue: v?.kind === "long" ? v.value : null,
    decimalValue: null,
    byteValue: null,
    guidValue: v?.kind === "guid" ? v.value : null,
    boolValue: v?.kind === "bool" ? v.value : null,
  };
}

/** Re-types a generated value by the attribute's current data type (a schema refresh may change it). */
function asType(v: ValueSlot, type: string): ValueSlot {
  if (type === "LongNumber" && v.kind === "int") return { kind: "long", value: v.value };
  if (type === "Number" && v.kind === "long") return { kind: "int", value: v.value };
  if (type === "Text" && v.kind !== "string" && v.kind !== "ref")
    return { kind: "string", value: String(v.value) };
  return v;
}

function toCsoDetail(state: SimState, sys: SimConnectedSystem, c: SimCso): CsoDetail {
  const type = sys.objectTypes.find((t) => t.id === c.typeId);
  const values: CsoAttributeValue[] = [];
  const summaries: CsoDetail["attributeValueSummaries"] = [];
  for (const [name, raw] of rawValues(state, c)) {
    const attr = type?.attributes.find((a) => a.name === name);
    if (!attr?.selected) continue;
    const kept = attr.attributePlurality === "MultiValued" ? raw.slice(0, MULTI_VALUE_CAP) : raw.slice(0, 1);
    kept.forEach((v, i) => {
      const typed = asType(v, attr.type);
      values.push({
        id: seededGuid(`csov:${c.id}:${name}:${i}`),
        attributeId: attr.id,
        attributeName: name,
        ...slots(typed.kind === "ref" ? null : typed),
        referenceValueId: typed.kind === "ref" ? typed.value : null,
      });
    });
    if (attr.attributePlurality === "MultiValued") {
      summaries.push({
        attributeName: name,
        totalCount: raw.length,
        returnedCount: kept.length,
        hasMore: raw.length > kept.length,
      });
    }
  }
  return {
    id: c.id,
    created: iso(c.created)!,
    lastUpdated: iso(c.lastUpdated),
    status: c.status,
    joinType: c.joinType,
    dateJoined: iso(c.dateJoined),
    displayName: c.displayName,
    connectedSystemId: sys.id,
    connectedSystemName: sys.name,
    typeId: c.typeId,
    typeName: c.typeName,
    metaverseObjectId: c.mvoId,
    metaverseObjectDisplayName: c.mvoName,
    attributeValues: values,
    attributeValueSummaries: summaries.length
      ? summaries.sort((a, b) => a.attributeName.localeCompare(b.attributeName))
      : null,
  };
}

function toPeHeader(pe: SimPendingExport): PendingExportHeader {
  return {
    id: pe.id,
    connectedSystemId: pe.systemId,
    changeType: pe.changeType,
    status: pe.status,
    createdAt: iso(pe.createdAt)!,
    lastAttemptedAt: iso(pe.lastAttemptedAt),
    nextRetryAt: iso(pe.nextRetryAt),
    errorCount: pe.errorCount,
    maxRetries: pe.maxRetries,
    lastErrorMessage: pe.lastErrorMessage,
    hasUnresolvedReferences: pe.unresolved.length > 0,
    unresolvedReferenceCount: pe.unresolved.length,
    targetObjectIdentifier: pe.target,
    sourceMetaverseObjectId: pe.sourceMvoId,
    sourceMetaverseObjectDisplayName: pe.sourceMvoName,
    attributeChangeCount: pe.changes.length,
    connectedSystemObjectId: pe.csoId,
  };
}

function attributeChangeStatus(pe: SimPendingExport): string {
  if (pe.status === "Failed") return "Failed";
  if (pe.status === "ExportNotConfirmed") return "ExportedNotConfirmed";
  return "Pending";
}

function toPeDetail(state: SimState, pe: SimPendingExport): PendingExportDetail {
  const sys = state.getConnectedSystem(pe.systemId);
  const cso = pe.csoId ? csoById(state, pe.csoId) : undefined;
  const attrId = (name: string) => {
    for (const t of sys?.objectTypes ?? []) {
      if (cso && t.id !== cso.typeId) continue;
      const a = t.attributes.find((x) => x.name === name);
      if (a) return a.id;
    }
    return 0;
  };
  const byAttr = new Map<string, number>();
  const kept: PendingExportDetail["attributeChanges"] = [];
  for (const [i, ch] of pe.changes.entries()) {
    const n = (byAttr.get(ch.attributeName) ?? 0) + 1;
    byAttr.set(ch.attributeName, n);
    if (n > MULTI_VALUE_CAP) continue;
    kept.push({
      id: seededGuid(`pev:${pe.id}:${i}`),
      attributeId: attrId(ch.attributeName),
      attributeName: ch.attributeName,
      changeType: ch.changeType,
      status: attributeChangeStatus(pe),
      ...slots(ch.value?.kind === "ref" ? { kind: "guid", value: ch.value.value } : ch.value),
      unresolvedReferenceValue: ch.unresolvedReferenceValue,
      exportAttemptCount: pe.errorCount + (pe.status === "ExportNotConfirmed" ? 1 : 0),
    });
  }
  const capped = [...byAttr].filter(([, n]) => n > MULTI_VALUE_CAP);
  return {
    id: pe.id,
    connectedSystemId: pe.systemId,
    connectedSystemName: sys?.name ?? "",
    changeType: pe.changeType,
    status: pe.status,
    createdAt: iso(pe.createdAt)!,
    errorCount: pe.errorCount,
    maxRetries: pe.maxRetries,
    lastAttemptedAt: iso(pe.lastAttemptedAt),
    nextRetryAt: iso(pe.nextRetryAt),
    lastErrorMessage: pe.lastErrorMessage,
    hasUnresolvedReferences: pe.unresolved.length > 0,
    connectedSystemObjectId: pe.csoId,
    connectedSystemObjectDisplayName: cso ? (cso.displayName ?? cso.mvoName ?? cso.externalId) : null,
    connectedSystemObjectTypeName: cso?.typeName ?? null,
    sourceMetaverseObjectId: pe.sourceMvoId,
    sourceMetaverseObjectDisplayName: pe.sourceMvoName ?? pe.sourceMvoId,
    sourceMetaverseObjectTypeName: pe.sourceMvoType,
    attributeChanges: kept,
    attributeChangeSummaries: capped.length
      ? [...byAttr].map(([name, total]) => ({
          attributeName: name,
          totalCount: total,
          returnedCount: Math.min(total, MULTI_VALUE_CAP),
          hasMore: total > MULTI_VALUE_CAP,
        }))
      : null,
    unresolvedReferences: pe.unresolved.map((u) => ({
      attributeChangeId: seededGuid(
        `pev:${pe.id}:${pe.changes.findIndex((c) => c.attributeName === u.attributeName)}`,
      ),
      attributeName: u.attributeName,
      referencedMetaverseObjectId: u.mvoId,
      referencedMetaverseObjectDisplayName: u.mvoName,
      reason: u.reason,
    })),
  };
}

/** Reads a repeatable enum query parameter; null after sending the 400 ProblemDetails. */
function enumList<T extends string>(ctx: RequestContext, name: string, members: readonly T[]): T[] | null {
  const out: T[] = [];
  for (const raw of queryValues(ctx.query, name)) {
    if (raw === "") continue;
    const v = bindQueryEnum(members, raw);
    if (v === null) {
      validationProblem(ctx.res, { [name]: [`The value '${raw}' is not valid.`] });
      return null;
    }
    out.push(v);
  }
  return out;
}

function intList(ctx: RequestContext, name: string): number[] | null {
  const out: number[] = [];
  for (const raw of queryValues(ctx.query, name)) {
    if (raw === "") continue;
    if (!/^[-+]?\d+$/.test(raw.trim())) {
      validationProblem(ctx.res, { [name]: [`The value '${raw}' is not valid.`] });
      return null;
    }
    out.push(Number(raw));
  }
  return out;
}

const SORT_KEYS: Record<string, (c: SimCso) => string | number | null> = {
  externalid: (c) => c.externalId,
  secondaryexternalid: (c) => c.secondaryExternalId,
  displayname: (c) => c.displayName,
  type: (c) => c.typeName,
  datejoined: (c) => c.dateJoined,
  status: (c) => c.status,
  jointype: (c) => c.joinType,
};

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

export function register(router: Router, sim: SimContext): void {
  const system = (ctx: RequestContext) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) notFound(ctx.res, `Connected System with ID ${id} not found.`);
    return sys;
  };

  router.get(`${CS_BASE}/{connectedSystemId:int}/connector-space`, (ctx) => {
    const paging = readOwnPaging(ctx);
    if (!paging) return;
    const statuses = enumList(ctx, "status", CSO_STATUS);
    if (!statuses) return;
    const joins = enumList(ctx, "joinType", JOIN_TYPE);
    if (!joins) return;
    const types = intList(ctx, "objectTypeId");
    if (!types) return;
    const desc = queryBool(ctx.query, "sortDescending");
    if (desc === null) {
      return validationProblem(ctx.res, {
        sortDescending: [`The value '${queryValue(ctx.query, "sortDescending")}' is not valid.`],
      });
    }
    const sys = system(ctx);
    if (!sys) return;
    const search = queryValue(ctx.query, "search")?.toLowerCase();
    let list = systemSpace(sim.state, sys).csos.filter(
      (c) =>
        (statuses.length === 0 || statuses.includes(c.status)) &&
        (joins.length === 0 || joins.includes(c.joinType)) &&
        (types.length === 0 || types.includes(c.typeId)) &&
        (!search ||
          [c.displayName, c.mvoName, c.externalId, c.secondaryExternalId].some((v) =>
            v?.toLowerCase().includes(search),
          )),
    );
    const key = SORT_KEYS[queryValue(ctx.query, "sortBy")?.toLowerCase() ?? ""] ?? ((c: SimCso) => c.created);
    const dir = (desc ?? true) ? -1 : 1;
    list = [...list].sort((a, b) => dir * compare(key(a), key(b)) || dir * (a.created - b.created));
    const page = paginate(list, paging.page, paging.pageSize);
    sendJson(ctx.res, 200, { ...page, items: page.items.map(toCsoHeader) });
  });

  router.get(`${CS_BASE}/{connectedSystemId:int}/connector-space/count`, (ctx) => {
    const typeId = queryInt(ctx.query, "objectTypeId");
    const partitionId = queryInt(ctx.query, "partitionId");
    if (typeId === null || partitionId === null) {
      return validationProblem(ctx.res, {
        [typeId === null ? "objectTypeId" : "partitionId"]: ["The value is not valid."],
      });
    }
    const sys = system(ctx);
    if (!sys) return;
    const n = systemSpace(sim.state, sys).csos.filter(
      (c) =>
        (typeId === undefined || c.typeId === typeId) &&
        (partitionId === undefined || c.partitionId === partitionId),
    ).length;
    sendJson(ctx.res, 200, n);
  });

  router.get(`${CS_BASE}/{connectedSystemId:int}/connector-space/{id:guid}`, (ctx) => {
    const sys = system(ctx);
    if (!sys) return;
    const c = findCso(sim.state, sys, ctx.params.id ?? "");
    if (!c) return notFound(ctx.res, `Connected System Object with ID ${ctx.params.id} not found.`);
    sendJson(ctx.res, 200, toCsoDetail(sim.state, sys, c));
  });

  router.get(`${CS_BASE}/{connectedSystemId:int}/pending-exports`, (ctx) => {
    const paging = readOwnPaging(ctx);
    if (!paging) return;
    const sys = sim.state.getConnectedSystem(Number(ctx.params.connectedSystemId));
    // JIM answers an empty page (not 404) for a system it does not know here.
    const all = sys ? systemSpace(sim.state, sys).pendingExports : [];
    const search = queryValue(ctx.query, "search")?.toLowerCase();
    const list = [...all]
      .filter(
        (pe) =>
          !search ||
          [pe.target, pe.sourceMvoName, pe.lastErrorMessage].some((v) => v?.toLowerCase().includes(search)),
      )
      .sort((a, b) => a.createdAt - b.createdAt);
    const page = paginate(list, paging.page, paging.pageSize);
    sendJson(ctx.res, 200, { ...page, items: page.items.map(toPeHeader) });
  });

  router.get(`${CS_BASE}/{connectedSystemId:int}/pending-exports/count`, (ctx) => {
    const changeTypes = enumList(ctx, "changeType", PE_CHANGE_TYPE);
    if (!changeTypes) return;
    const statuses = enumList(ctx, "status", PE_STATUS);
    if (!statuses) return;
    const sys = sim.state.getConnectedSystem(Number(ctx.params.connectedSystemId));
    const all = sys ? systemSpace(sim.state, sys).pendingExports : [];
    const changeType = changeTypes[0];
    const status = statuses[0];
    sendJson(
      ctx.res,
      200,
      all.filter((pe) => (!changeType || pe.changeType === changeType) && (!status || pe.status === status))
        .length,
    );
  });

  router.get("/api/v1/synchronisation/pending-exports/{pendingExportId:guid}", (ctx) => {
    const pe = findPendingExport(sim.state, ctx.params.pendingExportId ?? "");
    if (!pe) return notFound(ctx.res, `Pending Export with ID ${ctx.params.pendingExportId} not found.`);
    sendJson(ctx.res, 200, toPeDetail(sim.state, pe));
  });
}
