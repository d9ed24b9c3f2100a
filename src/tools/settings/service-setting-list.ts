import * as z from "zod";
import { listServiceSettings, SERVICE_SETTING_CATEGORIES } from "../../jim/settings.js";
import { defineTool } from "../define.js";
import { table } from "../format/text.js";
import { shown } from "./shared.js";

export const serviceSettingList = defineTool({
  name: "service_setting_list",
  title: "List service settings",
  description: "Lists JIM's service settings with type, default, override and effective value.",
  toolset: "settings",
  kind: "read",
  input: z.object({
    category: z.enum(SERVICE_SETTING_CATEGORIES).optional().describe("Only this category."),
    overriddenOnly: z.boolean().optional().describe("true: only settings whose default is overridden."),
  }),
  output: z.object({
    totalCount: z.number().int(),
    items: z.array(
      z.object({
        key: z.string(),
        category: z.string(),
        type: z.string(),
        default: z.string().nullable(),
        override: z.string().nullable(),
        effective: z.string().nullable(),
        readOnly: z.boolean(),
      }),
    ),
  }),
  async handler(args, ctx) {
    const all = await listServiceSettings(ctx.jim(), ctx.signal);
    const picked = all.filter(
      (s) =>
        (args.category === undefined || s.category.toLowerCase() === args.category.toLowerCase()) &&
        (!args.overriddenOnly || s.isOverridden),
    );
    const hide = (s: (typeof all)[number], v: string | null) => (v === null ? null : shown(s, v));
    const items = picked.map((s) => ({
      key: s.key,
      category: s.category,
      type: s.valueType,
      default: hide(s, s.defaultValue),
      override: s.isOverridden ? hide(s, s.value) : null,
      effective: hide(s, s.effectiveValue),
      readOnly: s.isReadOnly,
    }));
    const text = [
      table(items, [
        ["key", (s) => s.key],
        ["type", (s) => s.type],
        ["default", (s) => s.default],
        ["override", (s) => s.override],
        ["effective", (s) => s.effective],
        ["read-only", (s) => (s.readOnly ? "yes" : "no")],
      ]),
      items.length
        ? `all ${items.length} shown${picked.length < all.length ? ` (of ${all.length} settings)` : ""}`
        : "none found",
    ].join("\n");
    return { structured: { totalCount: items.length, items }, text };
  },
});
