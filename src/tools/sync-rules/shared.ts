/** Pieces shared by the sync-rule tools. */
import type { SyncRuleHeader } from "../../jim/sync-rules.js";
import { idOrName } from "../params.js";

export const syncRuleId = idOrName("Sync rule id or name (sync_rule_list).");

export { changeReason } from "../params.js";

/** "Projects", "Provisions" or "FlowOnly", as JIM's actionTypes facet names them. */
export function actionOf(
  r: Pick<SyncRuleHeader, "direction" | "projectToMetaverse" | "provisionToConnectedSystem">,
) {
  if (r.direction === "Import" && r.projectToMetaverse) return "Projects";
  if (r.direction === "Export" && r.provisionToConnectedSystem) return "Provisions";
  return "FlowOnly";
}

/** "user → Person" for imports, "Person → user" for exports. */
export function typesOf(r: SyncRuleHeader): string {
  return r.direction === "Export"
    ? `${r.metaverseObjectTypeName} → ${r.connectedSystemObjectTypeName}`
    : `${r.connectedSystemObjectTypeName} → ${r.metaverseObjectTypeName}`;
}
