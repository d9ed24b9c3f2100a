/**
 * Deleting metaverse object types and attributes. JIM evaluates the impact the
 * same way for the preview and the delete: hard blocks refuse it; cascade
 * references require `confirmationName` equal to the exact name.
 */
import type { JimClient } from "./client.js";

export interface ImpactReference {
  kind?: string;
  id?: number | string;
  name?: string;
  [k: string]: unknown;
}

export interface ObjectTypeDeletionImpact {
  objectTypeId: number;
  objectTypeName: string;
  builtIn: boolean;
  metaverseObjectCount: number;
  synchronisationRules: ImpactReference[];
  cascadeReferences: ImpactReference[];
  deleted: boolean;
  blocked?: boolean;
  requiresConfirmation?: boolean;
}

export interface AttributeDeletionImpact {
  attributeId: number;
  attributeName: string;
  builtIn: boolean;
  totalObjectsWithValues: number;
  objectTypeValueCounts: Array<{ objectTypeName?: string; count?: number } & Record<string, unknown>>;
  references: ImpactReference[];
  deleted: boolean;
  blockedByValues?: boolean;
  requiresConfirmation?: boolean;
}

/** The block, if any, in plain words. Derived from the counts too, in case the computed flags are absent. */
export function objectTypeBlock(i: ObjectTypeDeletionImpact): string | undefined {
  if (i.builtIn) return `"${i.objectTypeName}" is a built-in object type; built-in types cannot be deleted.`;
  const parts: string[] = [];
  if (i.metaverseObjectCount > 0)
    parts.push(`${i.metaverseObjectCount} metaverse object(s) of this type exist`);
  if (i.synchronisationRules.length > 0) {
    parts.push(
      `synchronisation rules target it: ${i.synchronisationRules.map((r) => r.name ?? r.id).join(", ")}`,
    );
  }
  if (parts.length) return `${parts.join("; ")}. Remove them first.`;
  return i.blocked ? "JIM reports the deletion as blocked." : undefined;
}

export function attributeBlock(i: AttributeDeletionImpact): string | undefined {
  if (i.builtIn)
    return `"${i.attributeName}" is a built-in attribute; built-in attributes cannot be deleted.`;
  if (i.totalObjectsWithValues > 0 || i.blockedByValues) {
    return `${i.totalObjectsWithValues} metaverse object(s) hold values for it. Clear those values first.`;
  }
  return undefined;
}

export function objectTypeDeletePreview(
  jim: JimClient,
  id: number,
  signal?: AbortSignal,
): Promise<ObjectTypeDeletionImpact> {
  return jim.get(`/metaverse/object-types/${id}/delete-preview`, {
    signal,
    what: `metaverse object type ${id}`,
  });
}

export async function deleteObjectType(
  jim: JimClient,
  id: number,
  confirmationName: string,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<ObjectTypeDeletionImpact> {
  const r = await jim.request<ObjectTypeDeletionImpact>({
    method: "DELETE",
    path: `/metaverse/object-types/${id}`,
    query: { confirmationName, changeReason },
    signal,
    what: `metaverse object type ${id}`,
  });
  return r.data;
}

export function attributeDeletionPreview(
  jim: JimClient,
  id: number,
  signal?: AbortSignal,
): Promise<AttributeDeletionImpact> {
  return jim.get(`/metaverse/attributes/${id}/deletion-preview`, {
    signal,
    what: `metaverse attribute ${id}`,
  });
}

export async function deleteAttribute(
  jim: JimClient,
  id: number,
  confirmationName: string,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<AttributeDeletionImpact> {
  const r = await jim.request<AttributeDeletionImpact>({
    method: "DELETE",
    path: `/metaverse/attributes/${id}`,
    query: { confirmationName, changeReason },
    signal,
    what: `metaverse attribute ${id}`,
  });
  return r.data;
}

export function describeRefs(refs: ImpactReference[]): string {
  return refs.map((r) => `${r.kind ? `${r.kind} ` : ""}${r.name ?? r.id ?? "?"}`).join(", ");
}
