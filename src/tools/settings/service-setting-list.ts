import * as z from "zod";
import { listServiceSettings, SERVICE_SETTING_CATEGORIES } from "../../jim/settings.js";
import { defineTool } from "../define.js";
import { pageFooter, pageLocally, table } from "../format/text.js";
import { page, pageSize, pagingOutput } from "../params.js";
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
    page,
    pageSize: pageSize(50),
  }),
  output: pagingOutput.extend({
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
    const { items, paging } = pageLocally(
      picked.map((s) => ({
        key: s.key,
        category: s.category,
        type: s.valueType,
        default: hide(s, s.defaultValue),
        override: s.isOverridden ? hide(s, s.value) : null,
        effective: hide(s, s.effectiveValue),
        readOnly: s.isReadOnly,
      })),
      args.page,
      args.pageSize,
    );
    const text = [
      table(items, [
        ["key", (s) => s.key],
        ["type", (s) => s.type],
        ["default", (s) => s.default],
        ["override", (s) => s.override],
        ["effective", (s) => s.effective],
        ["read-only", (s) => (s.readOnly ? "yes" : "no")],
      ]),
      `${pageFooter({ ...paging, shown: items.length })}${picked.length < all.length ? ` (filtered from ${all.length} settings)` : ""}`,
    ].join("\n");
    return { structured: { ...paging, items }, text };
  },
});
