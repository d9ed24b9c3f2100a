/**
 * Metaverse (read side): object types, attributes, objects (list, count, one)
 * and pending deletions (list, count, summary). Data: ../data/metaverse.ts.
 */
import type { SimContext } from "../context.js";
import {
  data,
  type MetaverseData,
  type MvAttribute,
  type MvObject,
  type MvObjectType,
  type MvValue,
} from "../data/metaverse.js";
import {
  notFound,
  paginate,
  queryInt,
  queryValue,
  queryValues,
  type RequestContext,
  type Router,
  readPaginationRequest,
  sendJson,
  sortAndFilter,
  validationProblem,
} from "../http.js";
import { seededGuid } from "../runs.js";

const BASE = "/api/v1/metaverse";
const DAY = 86_400_000;

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function typeHeader(t: MvObjectType, d: MetaverseData) {
  return {
    id: t.id,
    name: t.name,
    pluralName: t.pluralName,
    created: t.created,
    attributesCount: d.attributes.filter((a) => a.objectTypeIds.includes(t.id)).length,
    builtIn: t.builtIn,
    icon: t.icon,
    hasPredefinedSearches: t.hasPredefinedSearches,
    deletionRule: t.deletionRule,
    deletionTriggerMode: t.deletionTriggerMode,
    deletionGracePeriod: t.deletionGracePeriod,
  };
}

function typeDetail(t: MvObjectType, d: MetaverseData) {
  return {
    id: t.id,
    name: t.name,
    pluralName: t.pluralName,
    created: t.created,
    builtIn: t.builtIn,
    icon: t.icon,
    deletionRule: t.deletionRule,
    deletionGracePeriod: t.deletionGracePeriod,
    deletionTriggerMode: t.deletionTriggerMode,
    deletionTriggerConnectedSystemIds: t.deletionTriggerConnectedSystemIds,
    attributes: d.attributes
      .filter((a) => a.objectTypeIds.includes(t.id))
      .map((a) => ({
        id: a.id,
        name: a.name,
        type: a.type,
        attributePlurality: a.plurality,
        builtIn: a.builtIn,
      })),
  };
}

function attributeHeader(a: MvAttribute, d: MetaverseData) {
  return {
    id: a.id,
    created: a.created,
    name: a.name,
    type: a.type,
    attributePlurality: a.plurality,
    builtIn: a.builtIn,
    metaverseObjectTypes: a.objectTypeIds.map((id) => ({
      key: id,
      value: d.objectTypes.find((t) => t.id === id)?.name ?? "",
    })),
  };
}

function attributeDetail(a: MvAttribute, d: MetaverseData) {
  return {
    id: a.id,
    name: a.name,
    created: a.created,
    type: a.type,
    attributePlurality: a.plurality,
    builtIn: a.builtIn,
    renderingHint: a.plurality === "MultiValued" ? "Table" : "Default",
    objectTypes: a.objectTypeIds.map((id) => ({
      id,
      name: d.objectTypes.find((t) => t.id === id)?.name ?? "",
    })),
    standardMappings: [],
  };
}

function typeRef(o: MvObject, d: MetaverseData) {
  return { id: o.typeId, name: d.objectTypes.find((t) => t.id === o.typeId)?.name ?? "Unknown" };
}

/** The value as the list endpoint's attributes map carries it (natural JSON type; references as ids). */
function plainValue(v: MvValue): string | number | boolean {
  return v.value;
}

/** Text form used by the exact attribute filter. */
function valueText(v: MvValue): string {
  return String(v.value).toLowerCase();
}

function objectHeader(o: MvObject, d: MetaverseData, wanted: MvAttribute[]) {
  const attributes: Record<string, unknown> = {};
  for (const a of wanted) {
    if (a.name === "Display Name") continue;
    const vals = o.values.filter((v) => v.attributeId === a.id);
    if (vals.length === 0) continue;
    attributes[a.name] = plainValue(vals[vals.length - 1] as MvValue);
  }
  return {
    id: o.id,
    created: new Date(o.created).toISOString(),
    displayName: o.displayName,
    status: o.status,
    type: typeRef(o, d),
    attributes,
  };
}

function objectDetail(o: MvObject, d: MetaverseData) {
  const attrs = new Map(d.attributes.map((a) => [a.id, a]));
  return {
    id: o.id,
    created: new Date(o.created).toISOString(),
    lastUpdated: iso(o.lastUpdated),
    displayName: o.displayName,
    status: o.status,
    origin: o.origin,
    lastConnectorDisconnectedDate: iso(o.lastConnectorDisconnected),
    isPendingDeletion: o.pendingDeletion,
    deletionEligibleDate: iso(o.deletionEligible),
    type: typeRef(o, d),
    attributeValues: o.values.map((v, k) => {
      const a = attrs.get(v.attributeId) as MvAttribute;
      const ref = a.type === "Reference" ? d.byId.get(String(v.value)) : undefined;
      const rule = v.syncRuleId !== null ? d.syncRules[v.syncRuleId] : undefined;
      return {
        id: seededGuid(`mvav:${o.id}:${v.attributeId}:${k}`),
        attributeId: a.id,
        attributeName: a.name,
        attributeType: a.type,
        attributePlurality: a.plurality,
        stringValue: a.type === "Text" ? String(v.value) : null,
        dateTimeValue: a.type === "DateTime" ? String(v.value) : null,
        intValue: a.type === "Number" ? Number(v.value) : null,
        longValue: null,
        decimalValue: null,
        byteValue: null,
        guidValue: null,
        boolValue: a.type === "Boolean" ? Boolean(v.value) : null,
        referenceValueId: a.type === "Reference" ? String(v.value) : null,
        referenceValueDisplayName: ref?.displayName ?? null,
        contributedBySystemId: v.systemId,
        contributedBySystemName: v.systemId !== null ? (d.systems[v.systemId] ?? null) : null,
        contributedBySyncRuleId: v.syncRuleId,
        contributedBySyncRuleName: rule?.name ?? null,
        nullValue: false,
      };
    }),
    connectedSystemObjects: o.csos.map((c) => ({
      id: c.id,
      connectedSystemId: c.systemId,
      connectedSystemName: d.systems[c.systemId] ?? `Connected system ${c.systemId}`,
      displayName: c.displayName,
    })),
  };
}

function pendingStatus(
  o: MvObject,
  now: number,
): "Deprovisioning" | "AwaitingGracePeriod" | "ReadyForDeletion" {
  if (o.csos.length > 0) return "Deprovisioning";
  const days = daysUntil(o, now);
  return days !== null && days > 0 ? "AwaitingGracePeriod" : "ReadyForDeletion";
}

function daysUntil(o: MvObject, now: number): number | null {
  return o.deletionEligible === null ? null : Math.ceil((o.deletionEligible - now) / DAY);
}

function pendingDto(o: MvObject, d: MetaverseData, now: number) {
  const type = d.objectTypes.find((t) => t.id === o.typeId);
  return {
    id: o.id,
    displayName: o.displayName,
    type: typeRef(o, d),
    lastConnectorDisconnectedDate: iso(o.lastConnectorDisconnected),
    deletionEligibleDate: iso(o.deletionEligible),
    daysUntilDeletion: daysUntil(o, now),
    gracePeriod: type?.deletionGracePeriod ?? null,
    connectedSystemObjectCount: o.csos.length,
    status: pendingStatus(o, now),
    deletionTriggeredBySystemId: o.deletionTriggerSystemId,
    deletionTriggeredBySystemName:
      o.deletionTriggerSystemId !== null ? (d.systems[o.deletionTriggerSystemId] ?? null) : null,
  };
}

/** objectTypeId as an optional int32; sends the 400 itself and returns null when it does not parse. */
function readTypeId(ctx: RequestContext): number | undefined | null {
  const v = queryInt(ctx.query, "objectTypeId");
  if (v === null) {
    validationProblem(ctx.res, {
      objectTypeId: [`The value '${queryValue(ctx.query, "objectTypeId")}' is not valid.`],
    });
  }
  return v;
}

/** The filters the object list and its count share. */
function filterObjects(ctx: RequestContext, d: MetaverseData, typeId: number | undefined): MvObject[] {
  const search = queryValue(ctx.query, "search")?.toLowerCase();
  const filterName = queryValue(ctx.query, "filterAttributeName")?.toLowerCase();
  const filterValue = queryValue(ctx.query, "filterAttributeValue")?.toLowerCase();
  const filterAttr =
    filterName !== undefined && filterValue !== undefined
      ? (d.attributes.find((a) => a.name.toLowerCase() === filterName) ?? null)
      : undefined;
  return d.objects.filter((o) => {
    if (typeId !== undefined && o.typeId !== typeId) return false;
    if (search && !o.displayName.toLowerCase().includes(search)) return false;
    if (filterAttr === null) return false;
    if (filterAttr) {
      const hit = o.values.some((v) => v.attributeId === filterAttr.id && valueText(v) === filterValue);
      if (!hit) return false;
    }
    return true;
  });
}

export function register(router: Router, sim: SimContext): void {
  const md = () => data(sim.state);

  router.get(`${BASE}/object-types`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const d = md();
    const list = sortAndFilter(
      d.objectTypes.map((t) => typeHeader(t, d)),
      req,
    );
    sendJson(ctx.res, 200, paginate(list, req.page, req.pageSize));
  });

  router.get(`${BASE}/object-types/{id:int}`, (ctx) => {
    const d = md();
    const t = d.objectTypes.find((x) => x.id === Number(ctx.params.id));
    if (!t) return notFound(ctx.res, `Metaverse object type with ID ${ctx.params.id} not found.`);
    sendJson(ctx.res, 200, typeDetail(t, d));
  });

  router.get(`${BASE}/attributes`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const d = md();
    const list = sortAndFilter(
      d.attributes.map((a) => attributeHeader(a, d)),
      req,
    );
    sendJson(ctx.res, 200, paginate(list, req.page, req.pageSize));
  });

  router.get(`${BASE}/attributes/{id:int}`, (ctx) => {
    const d = md();
    const a = d.attributes.find((x) => x.id === Number(ctx.params.id));
    if (!a) return notFound(ctx.res, `Metaverse attribute with ID ${ctx.params.id} not found.`);
    sendJson(ctx.res, 200, attributeDetail(a, d));
  });

  router.get(`${BASE}/objects`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const typeId = readTypeId(ctx);
    if (typeId === null) return;
    const d = md();
    // Always creation order; sortBy is ignored, sortDirection flips it.
    let list = filterObjects(ctx, d, typeId);
    if (req.sortDirection === "desc") list = [...list].reverse();
    const names = queryValues(ctx.query, "attributes").filter((v) => v !== "");
    const wanted = names.includes("*")
      ? d.attributes
      : d.attributes.filter((a) => names.some((n) => n.toLowerCase() === a.name.toLowerCase()));
    const page = paginate(list, req.page, req.pageSize);
    sendJson(ctx.res, 200, { ...page, items: page.items.map((o) => objectHeader(o, d, wanted)) });
  });

  router.get(`${BASE}/objects/count`, (ctx) => {
    const typeId = readTypeId(ctx);
    if (typeId === null) return;
    sendJson(ctx.res, 200, filterObjects(ctx, md(), typeId).length);
  });

  router.get(`${BASE}/objects/{id:guid}`, (ctx) => {
    const d = md();
    const o = d.byId.get(ctx.params.id as string);
    if (!o) return notFound(ctx.res, `Metaverse object with ID ${ctx.params.id} not found.`);
    sendJson(ctx.res, 200, objectDetail(o, d));
  });

  const pending = (d: MetaverseData, typeId: number | undefined) =>
    d.objects
      .filter((o) => o.pendingDeletion && (typeId === undefined || o.typeId === typeId))
      .sort((a, b) => (a.deletionEligible ?? 0) - (b.deletionEligible ?? 0));

  router.get(`${BASE}/pending-deletions`, (ctx) => {
    const req = readPaginationRequest(ctx);
    if (!req) return;
    const typeId = readTypeId(ctx);
    if (typeId === null) return;
    const d = md();
    const page = paginate(pending(d, typeId), req.page, req.pageSize);
    sendJson(ctx.res, 200, { ...page, items: page.items.map((o) => pendingDto(o, d, ctx.now)) });
  });

  router.get(`${BASE}/pending-deletions/count`, (ctx) => {
    const typeId = readTypeId(ctx);
    if (typeId === null) return;
    sendJson(ctx.res, 200, pending(md(), typeId).length);
  });

  router.get(`${BASE}/pending-deletions/summary`, (ctx) => {
    const list = pending(md(), undefined);
    const count = (s: string) => list.filter((o) => pendingStatus(o, ctx.now) === s).length;
    sendJson(ctx.res, 200, {
      totalCount: list.length,
      deprovisioningCount: count("Deprovisioning"),
      awaitingGracePeriodCount: count("AwaitingGracePeriod"),
      readyForDeletionCount: count("ReadyForDeletion"),
    });
  });
}
