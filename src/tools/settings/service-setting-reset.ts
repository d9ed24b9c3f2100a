import * as z from "zod";
import { getServiceSetting, revertServiceSetting } from "../../jim/settings.js";
import { defineTool } from "../define.js";
import { changeReason } from "../params.js";
import { badKey, settingKey, shown } from "./shared.js";

export const serviceSettingReset = defineTool({
  name: "service_setting_reset",
  title: "Reset a service setting",
  description: "Clears a service setting's override so its default applies again.",
  toolset: "settings",
  kind: "destructive",
  input: z.object({ key: settingKey, changeReason }),
  output: z.object({ key: z.string(), previous: z.string().nullable(), effective: z.string().nullable() }),
  check: (args) => badKey(args.key),
  async consent(args, ctx) {
    const s = await getServiceSetting(ctx.jim(), args.key, ctx.signal);
    return {
      summary: s.isOverridden
        ? `Reset '${s.key}' from its override ${shown(s, s.value)} to the default ${shown(s, s.defaultValue)}? JIM uses the default from then on.`
        : `Reset '${s.key}'? It has no override (it already uses the default ${shown(s, s.defaultValue)}), so nothing changes.`,
      preview: {
        key: s.key,
        name: s.displayName,
        category: s.category,
        override: s.isOverridden ? shown(s, s.value) : null,
        default: shown(s, s.defaultValue),
      },
      blockedReason: s.isReadOnly
        ? `'${s.key}' is read-only: it comes from JIM's deployment configuration and cannot be reset through the API.`
        : undefined,
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const before = await getServiceSetting(jim, args.key, ctx.signal);
    const after = await revertServiceSetting(jim, before.key, args.changeReason, ctx.signal);
    return {
      structured: {
        key: after.key,
        previous: shown(before, before.effectiveValue),
        effective: shown(after, after.effectiveValue),
      },
      text: before.isOverridden
        ? `'${after.key}' is back to its default ${shown(after, after.effectiveValue)} (was ${shown(before, before.effectiveValue)}).`
        : `'${after.key}' had no override; it still uses the default ${shown(after, after.effectiveValue)}.`,
    };
  },
});
