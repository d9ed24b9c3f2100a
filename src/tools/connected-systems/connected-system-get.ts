import * as z from "zod";
import { getConnectedSystem } from "../../jim/connected-systems.js";
import { defineTool } from "../define.js";
import { fields, table } from "../format/text.js";
import { connectedSystem } from "../params.js";
import { resolveConnectedSystem } from "../resolve.js";

export const connectedSystemGet = defineTool({
  name: "connected_system_get",
  title: "Get connected system",
  description:
    "Shows one connected system: connector, status, counts, selected object types and configuration drift.",
  toolset: "connected_systems",
  kind: "read",
  input: z.object({ connectedSystemId: connectedSystem }),
  output: z.object({
    id: z.number(),
    name: z.string(),
    description: z.string().nullable(),
    connector: z.string(),
    status: z.string(),
    objectCount: z.number(),
    pendingExportCount: z.number(),
    settingValuesValid: z.boolean(),
    objectTypes: z.array(
      z.object({ id: z.number(), name: z.string(), selected: z.boolean(), attributeCount: z.number() }),
    ),
    drift: z.looseObject({}).nullable(),
  }),
  async handler({ connectedSystemId: ref }, ctx) {
    const { id } = await resolveConnectedSystem(ctx, ref);
    const cs = await getConnectedSystem(ctx.jim(), id, ctx.signal);
    const objectTypes = (cs.objectTypes ?? []).map((t) => ({
      id: t.id,
      name: t.name,
      selected: t.selected,
      attributeCount: t.attributeCount,
    }));
    const drift = cs.configurationDrift ?? null;
    const out = {
      id: cs.id,
      name: cs.name,
      description: cs.description,
      connector: cs.connector?.name ?? "",
      status: cs.status,
      objectCount: cs.objectCount,
      pendingExportCount: cs.pendingExportCount,
      settingValuesValid: cs.settingValuesValid,
      objectTypes,
      drift: drift as Record<string, unknown> | null,
    };
    const driftText = drift
      ? drift.hasPendingChanges
        ? `yes: ${drift.changeCount} change(s) since the last full sync (highest class ${drift.highestChangeClass})`
        : drift.neverFullySynchronised
          ? "never fully synchronised"
          : "none"
      : null;
    const text = [
      fields([
        ["connected system", `${cs.name} (id ${cs.id})`],
        ["description", cs.description],
        ["connector", out.connector],
        ["status", cs.status],
        ["objects", cs.objectCount],
        ["pending exports", cs.pendingExportCount],
        ["settings valid", cs.settingValuesValid ? "yes" : "no — fix the connector settings before running"],
        ["configuration drift", driftText],
      ]),
      "object types:",
      table(objectTypes, [
        ["id", (t) => t.id],
        ["name", (t) => t.name],
        ["selected", (t) => (t.selected ? "yes" : "no")],
        ["attributes", (t) => t.attributeCount],
      ]),
    ].join("\n");
    return { structured: out, text };
  },
});
