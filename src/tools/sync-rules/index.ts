/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { dataFlowList } from "./data-flow-list.js";
import { expressionTest } from "./expression-test.js";
import { syncRuleGet } from "./sync-rule-get.js";
import { syncRuleList } from "./sync-rule-list.js";
import { syncRuleUpdate } from "./sync-rule-update.js";

export const tools: AnyToolDef[] = [syncRuleList, syncRuleGet, syncRuleUpdate, dataFlowList, expressionTest];
