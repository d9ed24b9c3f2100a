/**
 * Deleting metaverse object types and attributes, with JIM's impact previews:
 * hard blocks (built-in, live objects, targeting sync rules, stored values) refuse
 * the deletion; cascade references need `confirmationName` equal to the exact name.
 */
import type { SimContext } from "../context.js";
import {
  type MetaverseData,
  type MvAttribute,
  type MvObjectType,
  data as metaverse,
} from "../data/metaverse.js";
import { data as syncRules } from "../data/sync-rules.js";
import { apiError, notFound, queryValue, type Router, sendJson } from "../http.js";

const BASE = "/api/v1/metaverse";

function typeImpact(sim: SimContext, d: MetaverseData, t: MvObjectType) {
  const objects = d.objects.filter((o) => o.typeId === t.id).length;
  const rules = syncRules(sim.state)
    .rules.filter((r) => r.mvObjectTypeId === t.id)
    .map((r) => ({ kind: "SynchronisationRule", id: r.id, name: r.name }));
  const cascade = d.attributes
    .filter((a) => !a.builtIn && a.objectTypeIds.includes(t.id))
    .map((a) => ({ kind: "AttributeBinding", id: a.id, name: a.name }));
  const blocked = t.builtIn || objects > 0 || rules.length > 0;
  return {
    objectTypeId: t.id,
    objectTypeName: t.name,
    builtIn: t.builtIn,
    metaverseObjectCount: objects,
    synchronisationRules: rules,
    cascadeReferences: cascade,
    deleted: false,
    blockedByObjects: objects > 0,
    blockedBySynchronisationRules: rules.length > 0,
    blocked,
    requiresConfirmation: !blocked && cascade.length > 0,
  };
}

function attributeImpact(sim: SimContext, d: MetaverseData, a: MvAttribute) {
  const byType = new Map<number, number>();
  for (const o of d.objects) {
    if (o.values.some((v) => v.attributeId === a.id)) byType.set(o.typeId, (byType.get(o.typeId) ?? 0) + 1);
  }
  const total = [...byType.values()].reduce((n, c) => n + c, 0);
  const references = [
    ...a.objectTypeIds.map((id) => ({
      kind: "Binding",
      id,
      name: d.objectTypes.find((t) => t.id === id)?.name ?? String(id),
    })),
    ...syncRules(sim.state).rules.flatMap((r) =>
      r.mappings
        .filter((m) => m.targetMvAttributeId === a.id || m.sources.some((s) => s.mvAttributeId === a.id))
        .map((m) => ({ kind: "AttributeFlow", id: m.id, name: `${r.name} mapping ${m.id}` })),
    ),
  ];
  return {
    attributeId: a.id,
    attributeName: a.name,
    builtIn: a.builtIn,
    totalObjectsWithValues: total,
    objectTypeValueCounts: [...byType].map(([id, count]) => ({
      objectTypeId: id,
      objectTypeName: d.objectTypes.find((t) => t.id === id)?.name ?? String(id),
      count,
    })),
    references,
    deleted: false,
    blockedByValues: total > 0,
    requiresConfirmation: !a.builtIn && total === 0 && references.length > 0,
  };
}

export function register(router: Router, sim: SimContext): void {
  const md = () => metaverse(sim.state);

  router.get(`${BASE}/object-types/{id:int}/delete-preview`, (ctx) => {
    const d = md();
    const t = d.objectTypes.find((x) => x.id === Number(ctx.params.id));
    if (!t) return notFound(ctx.res, `Metaverse object type with ID ${ctx.params.id} not found.`);
    sendJson(ctx.res, 200, typeImpact(sim, d, t));
  });

  router.delete(`${BASE}/object-types/{id:int}`, (ctx) => {
    const d = md();
    const t = d.objectTypes.find((x) => x.id === Number(ctx.params.id));
    if (!t) return notFound(ctx.res, `Metaverse object type with ID ${ctx.params.id} not found.`);
    const impact = typeImpact(sim, d, t);
    if (impact.blocked) return sendJson(ctx.res, 409, impact);
    const given = queryValue(ctx.query, "confirmationName");
    if (impact.requiresConfirmation && given !== t.name) {
      return apiError(
        ctx.res,
        400,
        "BAD_REQUEST",
        `Deleting "${t.name}" removes configuration references; confirmationName must equal the object type name exactly.`,
      );
    }
    d.objectTypes.splice(d.objectTypes.indexOf(t), 1);
    for (const a of d.attributes) a.objectTypeIds = a.objectTypeIds.filter((id) => id !== t.id);
    sendJson(ctx.res, 200, { ...impact, deleted: true });
  });

  router.get(`${BASE}/attributes/{id:int}/deletion-preview`, (ctx) => {
    const d = md();
    const a = d.attributes.find((x) => x.id === Number(ctx.params.id));
    if (!a) return notFound(ctx.res, `Metaverse attribute with ID ${ctx.params.id} not found.`);
    sendJson(ctx.res, 200, attributeImpact(sim, d, a));
  });

  router.delete(`${BASE}/attributes/{id:int}`, (ctx) => {
    const d = md();
    const a = d.attributes.find((x) => x.id === Number(ctx.params.id));
    if (!a) return notFound(ctx.res, `Metaverse attribute with ID ${ctx.params.id} not found.`);
    const impact = attributeImpact(sim, d, a);
    if (a.builtIn)
      return apiError(
        ctx.res,
        400,
        "BAD_REQUEST",
        `"${a.name}" is a built-in attribute and cannot be deleted.`,
      );
    if (impact.blockedByValues) return sendJson(ctx.res, 409, impact);
    if (impact.requiresConfirmation && queryValue(ctx.query, "confirmationName") !== a.name) {
      return apiError(
        ctx.res,
        400,
        "BAD_REQUEST",
        `Deleting "${a.name}" removes configuration references; confirmationName must equal the attribute name exactly.`,
      );
    }
    d.attributes.splice(d.attributes.indexOf(a), 1);
    sendJson(ctx.res, 200, { ...impact, deleted: true });
  });
}
