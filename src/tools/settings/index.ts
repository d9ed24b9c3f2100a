/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { serviceSettingList } from "./service-setting-list.js";
import { serviceSettingReset } from "./service-setting-reset.js";
import { serviceSettingSet } from "./service-setting-set.js";

export const tools: AnyToolDef[] = [serviceSettingList, serviceSettingSet, serviceSettingReset];
