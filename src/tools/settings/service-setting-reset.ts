import * as z from "zod";
import { getServiceSetting, revertServiceSetting } from "../../jim/settings.js";
import { defineTool, ToolInputError } from "../define.js";
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
    // Sealed with the key as JIM spells it: the tool takes it in any case.
    ctx.resolved?.set("key", s.key);
    if (!s.isOverridden && !s.isReadOnly) {
      // Nothing to reset: answer now rather than ask a person to approve a change that does nothing.
      throw new ToolInputError(
        `'${s.key}' has no override: it already uses its default ${shown(s, s.defaultValue)}, so there is nothing to reset. Nothing was sent to JIM.`,
      );
    }
    return {
      summary: `Reset '${s.key}' from its override ${shown(s, s.value)} to the default ${shown(s, s.defaultValue)}? JIM uses the default from then on.`,
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
    // The override may have gone since the consent plan read it; then there is nothing to send.
    const after = before.isOverridden
      ? await revertServiceSetting(jim, before.key, args.changeReason, ctx.signal)
      : before;
    return {
      structured: {
        key: after.key,
        previous: shown(before, before.effectiveValue),
        effective: shown(after, after.effectiveValue),
      },
      text: before.isOverridden
        ? `'${after.key}' is back to its default ${shown(after, after.effectiveValue)} (was ${shown(before, before.effectiveValue)}).`
        : `'${after.key}' has no override (any was removed in the meantime); it uses the default ${shown(after, after.effectiveValue)}. Nothing was sent to JIM.`,
    };
  },
});
