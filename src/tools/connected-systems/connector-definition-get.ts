import * as z from "zod";
import { isJimApiError } from "../../jim/errors.js";
import {
  type ConnectorDefinition,
  type ConnectorDefinitionSetting,
  getConnectorDefinition,
  getConnectorDefinitionByName,
  listConnectorDefinitions,
} from "../../jim/schema.js";
import { defineTool, type ToolContext, ToolInputError } from "../define.js";
import { fields, table } from "../format/text.js";
import { INT_MAX } from "../params.js";
import { closestNames, sameNamed } from "../resolve.js";

/** Setting types that only lay out the settings page; they take no value. */
const LAYOUT_TYPES = new Set(["Heading", "Label", "Divider"]);

function defaultOf(s: ConnectorDefinitionSetting): string | null {
  if (s.defaultStringValue !== null && s.defaultStringValue !== undefined) return s.defaultStringValue;
  if (s.defaultIntValue !== null && s.defaultIntValue !== undefined) return String(s.defaultIntValue);
  if (s.defaultCheckboxValue !== null && s.defaultCheckboxValue !== undefined) {
    return s.defaultCheckboxValue ? "true" : "false";
  }
  return null;
}

function requiredText(s: ConnectorDefinitionSetting): string {
  if (s.required) return "yes";
  if (s.requiredWhenSetting) return `if ${s.requiredWhenSetting} = ${s.requiredWhenValue ?? "?"}`;
  if (s.requiredGroup) return `${s.requiredGroupCardinality} of ${s.requiredGroup}`;
  return "no";
}

/**
 * A connector by its exact name; when JIM knows no such name, the one that matches ignoring case,
 * else a refusal listing the known names, closest first (one extra read: the list is not paged).
 */
async function byName(name: string, ctx: ToolContext): Promise<ConnectorDefinition> {
  const jim = ctx.jim();
  try {
    return await getConnectorDefinitionByName(jim, name, ctx.signal);
  } catch (e) {
    if (!isJimApiError(e) || e.status !== 404) throw e;
  }
  const all = await listConnectorDefinitions(jim, ctx.signal);
  const same = sameNamed(all, name);
  if (same.length === 1) return getConnectorDefinition(jim, (same[0] as { id: number }).id, ctx.signal);
  const known = closestNames(all, name, all.length).map((d) => `${d.name} (id ${d.id})`);
  throw new ToolInputError(
    `name: JIM has no connector definition named "${name}". ${
      known.length
        ? `Known connectors, closest first: ${known.join(", ")}.`
        : "JIM has no connector definitions."
    } Pass an exact name or an id${ctx.exposes("connector_definition_list") ? " (connector_definition_list)" : ""}.`,
  );
}

export const connectorDefinitionGet = defineTool({
  name: "connector_definition_get",
  title: "Get a connector definition",
  description:
    "Shows one connector: capabilities and its settings (ids used in connected-system setting values, types, required, choices).",
  toolset: "schema",
  kind: "read",
  input: z.object({
    id: z.number().int().min(1).max(INT_MAX).optional().describe("Connector id (connector_definition_list)."),
    name: z.string().min(1).max(200).optional().describe("Or the exact connector name."),
  }),
  output: z.object({
    id: z.number(),
    name: z.string(),
    builtIn: z.boolean(),
    capabilities: z.array(z.string()),
    settings: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        category: z.string(),
        type: z.string(),
        required: z.string(),
        default: z.string().nullable(),
        choices: z.array(z.string()).nullable(),
      }),
    ),
  }),
  check(a) {
    if ((a.id === undefined) === (a.name === undefined)) return "Give exactly one of id or name.";
    return undefined;
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const d =
      args.id !== undefined
        ? await getConnectorDefinition(jim, args.id, ctx.signal)
        : await byName(args.name!, ctx);
    const capabilities = Object.entries(d)
      .filter(([k, v]) => k.startsWith("supports") && v === true)
      .map(([k]) => k.slice("supports".length));
    const all = d.settings ?? [];
    const settings = all
      .filter((s) => !LAYOUT_TYPES.has(s.type))
      .map((s) => ({
        id: s.id,
        name: s.name ?? "",
        category: s.category,
        type: s.type,
        required: requiredText(s),
        default: defaultOf(s),
        choices: s.dropDownValues ?? null,
      }));
    const out = { id: d.id, name: d.name, builtIn: d.builtIn ?? false, capabilities, settings };
    const text = [
      fields([
        ["connector", `${d.name} (id ${d.id})`],
        ["description", d.description],
        ["built in", out.builtIn ? "yes" : "no"],
        ["capabilities", capabilities.join(", ") || "none declared"],
      ]),
      `settings (${settings.length}; set values by these ids):`,
      table(settings, [
        ["id", (s) => s.id],
        ["category", (s) => s.category],
        ["name", (s) => s.name],
        ["type", (s) => s.type],
        ["required", (s) => s.required],
        ["default / choices", (s) => (s.choices ? s.choices.join(" / ") : s.default)],
      ]),
    ].join("\n");
    return { structured: out, text };
  },
});
