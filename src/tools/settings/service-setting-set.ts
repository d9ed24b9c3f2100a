import * as z from "zod";
import { getServiceSetting, setServiceSetting } from "../../jim/settings.js";
import { defineTool, type ToolContext } from "../define.js";
import { changeReason } from "../params.js";
import { badKey, checkedValue, isSecurity, settingKey, shown } from "./shared.js";

const input = z.object({
  key: settingKey,
  value: z.string().max(4000).describe("New value: true/false, digits, d.hh:mm:ss or text."),
  changeReason,
});

async function prepare(args: z.infer<typeof input>, ctx: ToolContext) {
  const current = await getServiceSetting(ctx.jim(), args.key, ctx.signal);
  // Sealed with the key as JIM spells it: the tool takes it in any case.
  ctx.resolved?.set("key", current.key);
  const value = checkedValue(current, args.value);
  return { current, value, same: current.isOverridden && current.value === value };
}

export const serviceSettingSet = defineTool({
  name: "service_setting_set",
  title: "Override a service setting",
  description: "Overrides a service setting after checking the value against its type.",
  toolset: "settings",
  kind: "write",
  idempotent: true,
  input,
  output: z.object({ key: z.string(), previous: z.string().nullable(), effective: z.string().nullable() }),
  check: (args) => badKey(args.key),
  async destructiveWhen(args, ctx) {
    if (!isSecurity(args.key)) return undefined;
    const { current, value, same } = await prepare(args, ctx);
    if (same || current.effectiveValue === value) return undefined;
    const off = /ratelimiting\.enabled$/i.test(current.key) && value === "false";
    return {
      summary: `Change security setting '${current.key}' from ${shown(current, current.effectiveValue)} to ${shown(current, value)}? ${off ? "This turns off JIM's protection against request floods for every caller." : "Security settings change how JIM protects itself and its callers."}`,
      preview: {
        key: current.key,
        name: current.displayName,
        type: current.valueType,
        default: shown(current, current.defaultValue),
        current: shown(current, current.effectiveValue),
        proposed: shown(current, value),
      },
    };
  },
  async handler(args, ctx) {
    const { current, value, same } = await prepare(args, ctx);
    const previous = current.effectiveValue;
    if (same) {
      return {
        structured: {
          key: current.key,
          previous: shown(current, previous),
          effective: shown(current, previous),
        },
        text: `'${current.key}' is already overridden to ${shown(current, value)}; nothing changed.`,
      };
    }
    const updated = await setServiceSetting(ctx.jim(), current.key, value, args.changeReason, ctx.signal);
    return {
      structured: {
        key: updated.key,
        previous: shown(current, previous),
        effective: shown(updated, updated.effectiveValue),
      },
      text: `'${updated.key}' is now ${shown(updated, updated.effectiveValue)} (was ${shown(current, previous)}; default ${shown(updated, updated.defaultValue)}). service_setting_reset goes back to the default.`,
    };
  },
});
