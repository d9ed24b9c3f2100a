/**
 * Synchronisation rules for the simulator: rules linking the sample systems'
 * object types to Metaverse types, their attribute flow mappings, scoping
 * groups and matching rules; data flows derived from the mappings; a small
 * expression evaluator; and configuration-change previews.
 *
 * Stored lazily on `state.ext.syncRules`. Previews go into the store shared by
 * every area that starts previews (`state.ext.previews`: activity id → renderer),
 * which the operations area serves at `GET /previews/{activityId}`.
 */
import type { SimConnectedSystem, SimObjectType, SimState } from "../state.js";
import { previewStore } from "./previews.js";

export type Direction = "NotSet" | "Import" | "Export";

/** Metaverse object types and attributes the rules refer to (ids are this module's own). */
export const MV_TYPES = [
  { id: 1, name: "User" },
  { id: 2, name: "Group" },
] as const;

export const MV_ATTRIBUTES = [
  { id: 1, name: "Display Name", type: "Text" },
  { id: 2, name: "First Name", type: "Text" },
  { id: 3, name: "Last Name", type: "Text" },
  { id: 4, name: "Email", type: "Text" },
  { id: 5, name: "Employee ID", type: "Text" },
  { id: 6, name: "Department", type: "Text" },
  { id: 7, name: "Job Title", type: "Text" },
  { id: 8, name: "Manager", type: "Reference" },
  { id: 9, name: "Employee Start Date", type: "DateTime" },
  { id: 10, name: "Employee End Date", type: "DateTime" },
  { id: 11, name: "Account Name", type: "Text" },
  { id: 12, name: "Description", type: "Text" },
  { id: 13, name: "Static Members", type: "Reference" },
] as const;

export interface SimMappingSource {
  id: number;
  order: number;
  mvAttributeId: number | null;
  csAttributeId: number | null;
  expression: string | null;
  missingInputBehaviour: string;
}

export interface SimMapping {
  id: number;
  created: string;
  targetMvAttributeId: number | null;
  targetCsAttributeId: number | null;
  priority: number;
  nullIsValue: boolean;
  initialExportOnly: boolean;
  enabled: boolean;
  sources: SimMappingSource[];
}

export interface SimCriterion {
  id: number;
  mvAttributeId: number | null;
  csAttributeId: number | null;
  comparisonType: string;
  stringValue: string | null;
  dateTimeValue: string | null;
  boolValue: boolean | null;
  caseSensitive: boolean;
  valueMode: "Absolute" | "Relative";
  relativeCount: number | null;
  relativeUnit: string | null;
  relativeDirection: string | null;
}

export interface SimScopingGroup {
  id: number;
  type: "All" | "Any";
  position: number;
  criteria: SimCriterion[];
  childGroups: SimScopingGroup[];
}

export interface SimMatchingRule {
  id: number;
  order: number;
  targetMvAttributeId: number;
  sourceCsAttributeIds: number[];
  caseSensitive: boolean;
  created: string;
}

export interface SimSyncRule {
  id: number;
  name: string;
  description: string | null;
  created: string;
  connectedSystemId: number;
  csObjectTypeId: number;
  mvObjectTypeId: number;
  direction: Direction;
  projectToMetaverse: boolean | null;
  provisionToConnectedSystem: boolean | null;
  enabled: boolean;
  enforceState: boolean;
  inboundOutOfScopeAction: "RemainJoined" | "Disconnect";
  outboundDeprovisionAction: "Disconnect" | "Delete";
  mappings: SimMapping[];
  scoping: SimScopingGroup[];
  matchingRules: SimMatchingRule[];
}

export interface SyncRulesData {
  rules: SimSyncRule[];
}

export function data(state: SimState): SyncRulesData {
  if (!state.ext.syncRules) state.ext.syncRules = build(state);
  return state.ext.syncRules as SyncRulesData;
}

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

export function mvTypeName(id: number): string {
  return MV_TYPES.find((t) => t.id === id)?.name ?? `object type ${id}`;
}

export function mvAttribute(id: number | null) {
  return id === null ? undefined : MV_ATTRIBUTES.find((a) => a.id === id);
}

export function csObjectType(state: SimState, rule: SimSyncRule): SimObjectType | undefined {
  return state
    .getConnectedSystem(rule.connectedSystemId)
    ?.objectTypes.find((t) => t.id === rule.csObjectTypeId);
}

export function csAttributeName(state: SimState, rule: SimSyncRule, id: number | null): string | null {
  if (id === null) return null;
  return csObjectType(state, rule)?.attributes.find((a) => a.id === id)?.name ?? null;
}

export function actionTypeOf(rule: SimSyncRule): "FlowOnly" | "Projects" | "Provisions" {
  if (rule.direction === "Import" && rule.projectToMetaverse) return "Projects";
  if (rule.direction === "Export" && rule.provisionToConnectedSystem) return "Provisions";
  return "FlowOnly";
}

// ---------------------------------------------------------------------------
// Wire DTOs
// ---------------------------------------------------------------------------

export function toSyncRuleHeader(state: SimState, r: SimSyncRule) {
  const sys = state.getConnectedSystem(r.connectedSystemId);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    created: r.created,
    connectedSystemId: r.connectedSystemId,
    connectedSystemName: sys?.name ?? "",
    connectedSystemObjectTypeId: r.csObjectTypeId,
    connectedSystemObjectTypeName: csObjectType(state, r)?.name ?? "",
    metaverseObjectTypeId: r.mvObjectTypeId,
    metaverseObjectTypeName: mvTypeName(r.mvObjectTypeId),
    direction: r.direction,
    provisionToConnectedSystem: r.provisionToConnectedSystem,
    projectToMetaverse: r.projectToMetaverse,
    enabled: r.enabled,
    enforceState: r.enforceState,
    outboundDeprovisionAction: r.outboundDeprovisionAction,
  };
}

function sourceType(m: SimMapping): string {
  const hasExpr = m.sources.some((s) => s.expression);
  const hasAttr = m.sources.some((s) => !s.expression);
  if (hasExpr && hasAttr) return "AdvancedMapping";
  return hasExpr ? "ExpressionMapping" : "AttributeMapping";
}

export function toMapping(state: SimState, r: SimSyncRule, m: SimMapping) {
  return {
    id: m.id,
    created: m.created,
    targetMetaverseAttributeId: m.targetMvAttributeId,
    targetMetaverseAttributeName: mvAttribute(m.targetMvAttributeId)?.name ?? null,
    targetConnectedSystemAttributeId: m.targetCsAttributeId,
    targetConnectedSystemAttributeName: csAttributeName(state, r, m.targetCsAttributeId),
    sourceType: sourceType(m),
    inboundValueProcessing: r.direction === "Import" ? "TreatWhitespaceAsNoValue, TrimWhitespace" : "None",
    caseNormalisation: "None",
    priority: m.priority,
    nullIsValue: m.nullIsValue,
    initialExportOnly: m.initialExportOnly,
    enabled: m.enabled,
    disabledReason: m.enabled ? null : "Disabled by an administrator.",
    sources: m.sources.map((s) => ({
      id: s.id,
      order: s.order,
      metaverseAttributeId: s.mvAttributeId,
      metaverseAttributeName: mvAttribute(s.mvAttributeId)?.name ?? null,
      connectedSystemAttributeId: s.csAttributeId,
      connectedSystemAttributeName: csAttributeName(state, r, s.csAttributeId),
      expression: s.expression,
      missingInputBehaviour: s.missingInputBehaviour,
    })),
  };
}

export function toScopingGroup(state: SimState, r: SimSyncRule, g: SimScopingGroup): unknown {
  return {
    id: g.id,
    type: g.type,
    position: g.position,
    criteria: g.criteria.map((c) => {
      const mv = mvAttribute(c.mvAttributeId);
      const cs = csObjectType(state, r)?.attributes.find((a) => a.id === c.csAttributeId);
      return {
        id: c.id,
        metaverseAttributeId: c.mvAttributeId,
        metaverseAttributeName: mv?.name ?? null,
        connectedSystemAttributeId: c.csAttributeId,
        connectedSystemAttributeName: cs?.name ?? null,
        attributeDataType: mv?.type ?? cs?.type ?? "Text",
        comparisonType: c.comparisonType,
        stringValue: c.stringValue,
        intValue: null,
        longValue: null,
        decimalValue: null,
        dateTimeValue: c.dateTimeValue,
        boolValue: c.boolValue,
        guidValue: null,
        caseSensitive: c.caseSensitive,
        valueMode: c.valueMode,
        relativeCount: c.relativeCount,
        relativeUnit: c.relativeUnit,
        relativeDirection: c.relativeDirection,
      };
    }),
    childGroups: [...g.childGroups]
      .sort((a, b) => a.position - b.position)
      .map((c) => toScopingGroup(state, r, c)),
  };
}

export function toMatchingRule(state: SimState, r: SimSyncRule, m: SimMatchingRule) {
  return {
    id: m.id,
    order: m.order,
    connectedSystemObjectTypeId: r.csObjectTypeId,
    connectedSystemObjectTypeName: csObjectType(state, r)?.name ?? null,
    metaverseObjectTypeId: r.mvObjectTypeId,
    metaverseObjectTypeName: mvTypeName(r.mvObjectTypeId),
    syncRuleId: r.id,
    targetMetaverseAttributeId: m.targetMvAttributeId,
    targetMetaverseAttributeName: mvAttribute(m.targetMvAttributeId)?.name ?? null,
    sources: m.sourceCsAttributeIds.map((id, i) => ({
      id: m.id * 100 + i + 1,
      order: i,
      connectedSystemAttributeId: id,
      connectedSystemAttributeName: csAttributeName(state, r, id),
    })),
    caseSensitive: m.caseSensitive,
    created: m.created,
  };
}

/** One data flow per mapping, in both directions (DataFlowHeader). */
export function dataFlows(state: SimState) {
  const rules = data(state).rules;
  const contributors = new Map<string, number>();
  for (const r of rules) {
    if (r.direction !== "Import") continue;
    for (const m of r.mappings) {
      const key = `${r.mvObjectTypeId}:${m.targetMvAttributeId}`;
      contributors.set(key, (contributors.get(key) ?? 0) + 1);
    }
  }
  return rules.flatMap((r) => {
    const header = toSyncRuleHeader(state, r);
    return r.mappings.map((m) => {
      const dto = toMapping(state, r, m);
      const isImport = r.direction === "Import";
      const count = isImport ? (contributors.get(`${r.mvObjectTypeId}:${m.targetMvAttributeId}`) ?? 1) : null;
      return {
        syncRuleMappingId: m.id,
        syncRuleId: r.id,
        syncRuleName: r.name,
        syncRuleEnabled: r.enabled,
        direction: r.direction,
        connectedSystemId: r.connectedSystemId,
        connectedSystemName: header.connectedSystemName,
        connectedSystemObjectTypeId: r.csObjectTypeId,
        connectedSystemObjectTypeName: header.connectedSystemObjectTypeName,
        metaverseObjectTypeId: r.mvObjectTypeId,
        metaverseObjectTypeName: header.metaverseObjectTypeName,
        targetMetaverseAttributeId: dto.targetMetaverseAttributeId,
        targetMetaverseAttributeName: dto.targetMetaverseAttributeName,
        targetConnectedSystemAttributeId: dto.targetConnectedSystemAttributeId,
        targetConnectedSystemAttributeName: dto.targetConnectedSystemAttributeName,
        sources: dto.sources.map((s) => ({
          order: s.order,
          metaverseAttributeId: s.metaverseAttributeId,
          metaverseAttributeName: s.metaverseAttributeName,
          connectedSystemAttributeId: s.connectedSystemAttributeId,
          connectedSystemAttributeName: s.connectedSystemAttributeName,
          expression: s.expression,
          isExpression: Boolean(s.expression),
          displayName:
            s.metaverseAttributeName ?? s.connectedSystemAttributeName ?? (s.expression ? "Expression" : ""),
        })),
        priority: isImport ? m.priority : null,
        nullIsValue: isImport ? m.nullIsValue : null,
        enforceState: isImport ? null : r.enforceState,
        contributorCount: count,
        hasMultipleContributors: (count ?? 0) > 1,
      };
    });
  });
}

// ---------------------------------------------------------------------------
// Previews (shared store: state.ext.previews)
// ---------------------------------------------------------------------------

/** How long a simulated preview takes to evaluate. */
export const PREVIEW_MS = 120;

export interface PreviewFinding {
  severity: "Information" | "Warning" | "Blocking";
  message: string;
  propertyName: string | null;
}

export interface PreviewPlan {
  surface: string;
  findings: PreviewFinding[];
  impactCounts: Array<{ transitionType: string; objectCount: number }>;
}

/** Registers a preview (and its Activity) and returns the 202 start body. */
export function startPreview(state: SimState, rule: SimSyncRule, plan: PreviewPlan, now: number) {
  const blocked = plan.findings.some((f) => f.severity === "Blocking");
  const affected = plan.impactCounts.reduce((n, c) => n + c.objectCount, 0);
  const activity = state.addActivity({
    created: now,
    executed: now,
    ended: blocked ? now : null,
    status: blocked ? "Complete" : "InProgress",
    targetType: "SynchronisationRule",
    targetOperationType: "Preview",
    targetName: rule.name,
    targetContext: state.getConnectedSystem(rule.connectedSystemId)?.name ?? null,
    message: blocked ? "The proposal is blocked by validation; nothing was evaluated." : "Evaluating impact.",
  });
  const doneAt = now + PREVIEW_MS;
  const counts = plan.impactCounts.map((c) => ({
    transitionType: c.transitionType,
    objectCount: c.objectCount,
    connectedSystemId: rule.connectedSystemId,
    metaverseObjectTypeId: rule.mvObjectTypeId,
  }));
  previewStore(state).set(activity.id, {
    render(at: number) {
      const done = blocked || at >= doneAt;
      if (done && activity.status === "InProgress") {
        activity.status = "Complete";
        activity.ended = doneAt;
        activity.message = `Preview complete: ${affected} object(s) affected.`;
      }
      const stage = blocked ? "NotApplicable" : done ? "Complete" : "InProgress";
      return {
        activityId: activity.id,
        surface: plan.surface,
        activityStatus: activity.status,
        message: activity.message,
        errorMessage: null,
        objectsProcessed: done ? affected : Math.floor(affected / 2),
        objectsToProcess: affected,
        validationStatus: "Complete",
        impactCountsStatus: stage,
        summaryStatus: stage,
        deltasStatus: stage,
        isComplete: done && !blocked,
        hasFailed: false,
        validationFindings: plan.findings,
        impactCounts: done && !blocked ? counts : [],
        groups: [],
        estimatedAffectedObjects: affected,
        estimatedDeltaRows: affected,
        deltaPersistence: "Capped",
        dispatchedToWorker: false,
        stalenessBaseline: state.getConnectedSystem(rule.connectedSystemId)?.lastFullSynchronisation ?? null,
      };
    },
  });
  return {
    activityId: activity.id,
    validationFindings: plan.findings,
    isBlocked: blocked,
    failed: false,
    estimatedAffectedObjects: affected,
    estimatedDeltaRows: affected,
  };
}

/** What changing the deprovision / out-of-scope actions would do. */
export function destructiveTogglesPlan(
  state: SimState,
  rule: SimSyncRule,
  body: { outboundDeprovisionAction?: string | null; inboundOutOfScopeAction?: string | null },
): PreviewPlan {
  const sys = state.getConnectedSystem(rule.connectedSystemId);
  const joined = sys?.connectorsCount ?? 0;
  const findings: PreviewFinding[] = [];
  const impactCounts: PreviewPlan["impactCounts"] = [];
  const out = body.outboundDeprovisionAction;
  const inb = body.inboundOutOfScopeAction;
  if (out) {
    if (rule.direction !== "Export") {
      findings.push({
        severity: "Blocking",
        message: "The outbound deprovision action only applies to export rules.",
        propertyName: "outboundDeprovisionAction",
      });
    } else if (out === rule.outboundDeprovisionAction) {
      findings.push({
        severity: "Information",
        message: `The rule already uses ${out}.`,
        propertyName: "outboundDeprovisionAction",
      });
    } else {
      impactCounts.push({ transitionType: "WouldChangeDeprovisionAction", objectCount: joined });
      if (out === "Delete") {
        impactCounts.push({
          transitionType: "WouldStageDeleteExport",
          objectCount: Math.max(1, Math.round(joined * 0.004)),
        });
      }
    }
  }
  if (inb) {
    if (rule.direction !== "Import") {
      findings.push({
        severity: "Blocking",
        message: "The inbound out-of-scope action only applies to import rules.",
        propertyName: "inboundOutOfScopeAction",
      });
    } else if (inb !== rule.inboundOutOfScopeAction) {
      impactCounts.push({
        transitionType: inb === "Disconnect" ? "WouldDisconnectFromMetaverseObject" : "WouldRemainJoined",
        objectCount: Math.max(1, Math.round(joined * 0.01)),
      });
    }
  }
  return { surface: "SynchronisationRule", findings, impactCounts };
}

/** What changing enabled / projection / provisioning / enforce-state would do. */
export function behaviourPlan(
  state: SimState,
  rule: SimSyncRule,
  body: {
    enabled?: boolean | null;
    provisionToConnectedSystem?: boolean | null;
    projectToMetaverse?: boolean | null;
    enforceState?: boolean | null;
  },
): PreviewPlan {
  const sys = state.getConnectedSystem(rule.connectedSystemId);
  const joined = sys?.connectorsCount ?? 0;
  const impactCounts: PreviewPlan["impactCounts"] = [];
  const stopping = body.enabled === false && rule.enabled;
  if (rule.direction === "Export" && rule.provisionToConnectedSystem) {
    if (stopping || (body.provisionToConnectedSystem === false && rule.enabled)) {
      impactCounts.push({ transitionType: "WouldStopProvisioning", objectCount: joined });
      impactCounts.push({
        transitionType:
          rule.outboundDeprovisionAction === "Delete" ? "WouldStageDeleteExport" : "DeprovisionQueued",
        objectCount: joined,
      });
    }
  }
  if (rule.direction === "Export" && rule.enforceState && (stopping || body.enforceState === false)) {
    impactCounts.push({ transitionType: "WouldStopCorrectingDrift", objectCount: joined });
  }
  if (rule.direction === "Import" && stopping) {
    impactCounts.push({ transitionType: "WouldStopBeingImported", objectCount: joined });
    impactCounts.push({ transitionType: "WouldWithdrawContributedValues", objectCount: joined });
  }
  if (rule.direction === "Import" && body.projectToMetaverse === false && rule.projectToMetaverse) {
    impactCounts.push({ transitionType: "WouldStopProjecting", objectCount: Math.round(joined * 0.02) });
  }
  return { surface: "SynchronisationRuleBehaviour", findings: [], impactCounts };
}

// ---------------------------------------------------------------------------
// Expressions: a small, believable subset of JIM's expression language
// ---------------------------------------------------------------------------

export interface ExpressionResult {
  isValid: boolean;
  result: unknown;
  resultType: string | null;
  errorMessage: string | null;
  errorPosition: number | null;
}

type Value = string | number | boolean | null;

class ExprError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token =
  | { kind: "str"; value: string; pos: number }
  | { kind: "num"; value: number; pos: number }
  | { kind: "id"; value: string; pos: number }
  | { kind: "punct"; value: string; pos: number }
  | { kind: "end"; pos: number };

function tokenise(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = "";
      while (j < text.length && text[j] !== '"') {
        if (text[j] === "\\" && j + 1 < text.length) {
          s += text[j + 1];
          j += 2;
        } else s += text[j++];
      }
      if (j >= text.length) throw new ExprError("Unterminated string literal.", i);
      out.push({ kind: "str", value: s, pos: i });
      i = j + 1;
      continue;
    }
    if (/\d/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(text.slice(i))!;
      out.push({ kind: "num", value: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      out.push({ kind: "id", value: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if ("+()[],".includes(c)) {
      out.push({ kind: "punct", value: c, pos: i });
      i++;
      continue;
    }
    throw new ExprError(`Unexpected character '${c}'.`, i);
  }
  out.push({ kind: "end", pos: text.length });
  return out;
}

const FUNCTIONS: Record<string, { args: [number, number]; fn: (a: Value[]) => Value }> = {
  Upper: { args: [1, 1], fn: ([s]) => (s === null ? null : String(s).toUpperCase()) },
  Lower: { args: [1, 1], fn: ([s]) => (s === null ? null : String(s).toLowerCase()) },
  Trim: { args: [1, 1], fn: ([s]) => (s === null ? null : String(s).trim()) },
  Left: {
    args: [2, 2],
    fn: ([s, n]) => (s === null ? null : String(s).slice(0, Math.max(0, Number(n)))),
  },
  Right: {
    args: [2, 2],
    fn: ([s, n]) => (s === null ? null : Number(n) <= 0 ? "" : String(s).slice(-Number(n))),
  },
  Replace: {
    args: [3, 3],
    fn: ([s, a, b]) =>
      s === null
        ? null
        : String(s)
            .split(String(a ?? ""))
            .join(String(b ?? "")),
  },
  Coalesce: { args: [1, 10], fn: (a) => a.find((v) => v !== null && v !== "") ?? null },
};

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly mv: Record<string, unknown>,
    private readonly cs: Record<string, unknown>,
  ) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private take(): Token {
    return this.tokens[this.i++] as Token;
  }

  private expect(p: string): void {
    const t = this.take();
    if (t.kind !== "punct" || t.value !== p) throw new ExprError(`Expected '${p}'.`, t.pos);
  }

  parse(): Value {
    const v = this.sum();
    const t = this.peek();
    if (t.kind !== "end") throw new ExprError("Unexpected text after the end of the expression.", t.pos);
    return v;
  }

  private sum(): Value {
    let left = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== "punct" || t.value !== "+") return left;
      this.take();
      const right = this.primary();
      if (typeof left === "number" && typeof right === "number") left = left + right;
      else left = `${left ?? ""}${right ?? ""}`;
    }
  }

  private primary(): Value {
    const t = this.take();
    switch (t.kind) {
      case "str":
      case "num":
        return t.value;
      case "punct":
        if (t.value === "(") {
          const v = this.sum();
          this.expect(")");
          return v;
        }
        throw new ExprError(`Unexpected '${t.value}'.`, t.pos);
      case "end":
        throw new ExprError("The expression ends too early.", t.pos);
      case "id":
        return this.identifier(t);
    }
  }

  private identifier(t: Extract<Token, { kind: "id" }>): Value {
    if (t.value === "true" || t.value === "false") return t.value === "true";
    if (t.value === "null") return null;
    if (t.value === "mv" || t.value === "cs") {
      this.expect("[");
      const key = this.take();
      if (key.kind !== "str")
        throw new ExprError(`${t.value}[...] takes an attribute name in double quotes.`, key.pos);
      this.expect("]");
      const bag = t.value === "mv" ? this.mv : this.cs;
      const v = bag[key.value];
      if (v === undefined || v === null) return null;
      if (Array.isArray(v)) return v.length ? (v[0] as Value) : null;
      return typeof v === "object" ? JSON.stringify(v) : (v as Value);
    }
    const fn = FUNCTIONS[t.value];
    const next = this.peek();
    if (next.kind !== "punct" || next.value !== "(") {
      throw new ExprError(`Unknown name '${t.value}'. Use mv["Attribute"] or cs["attribute"].`, t.pos);
    }
    if (!fn) {
      throw new ExprError(
        `Unknown function '${t.value}'. Known functions: ${Object.keys(FUNCTIONS).join(", ")}.`,
        t.pos,
      );
    }
    this.take();
    const args: Value[] = [];
    const close = this.peek();
    if (!(close.kind === "punct" && close.value === ")")) {
      for (;;) {
        args.push(this.sum());
        const sep = this.peek();
        if (sep.kind === "punct" && sep.value === ",") {
          this.take();
          continue;
        }
        break;
      }
    }
    this.expect(")");
    if (args.length < fn.args[0] || args.length > fn.args[1]) {
      const want = fn.args[0] === fn.args[1] ? `${fn.args[0]}` : `${fn.args[0]}–${fn.args[1]}`;
      throw new ExprError(`${t.value} takes ${want} argument(s), not ${args.length}.`, t.pos);
    }
    return fn.fn(args);
  }
}

function typeName(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === "string") return "String";
  if (typeof v === "boolean") return "Boolean";
  return Number.isInteger(v) ? "Int32" : "Double";
}

export function evaluateExpression(
  expression: string,
  mv: Record<string, unknown>,
  cs: Record<string, unknown>,
): ExpressionResult {
  try {
    const value = new Parser(tokenise(expression), mv, cs).parse();
    return {
      isValid: true,
      result: value,
      resultType: typeName(value),
      errorMessage: null,
      errorPosition: null,
    };
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    return {
      isValid: false,
      result: null,
      resultType: null,
      errorMessage: e.message,
      errorPosition: e.position,
    };
  }
}

// ---------------------------------------------------------------------------
// Sample data
// ---------------------------------------------------------------------------

function build(state: SimState): SyncRulesData {
  const created = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const hr = state.getConnectedSystem(1);
  const cd = state.getConnectedSystem(2);
  const lp = state.getConnectedSystem(3);
  const attrId = (sys: SimConnectedSystem | undefined, typeId: number, name: string): number | null =>
    sys?.objectTypes.find((t) => t.id === typeId)?.attributes.find((a) => a.name === name)?.id ?? null;
  const mvId = (name: string) => MV_ATTRIBUTES.find((a) => a.name === name)?.id ?? null;

  let mappingId = 0;
  let sourceId = 0;
  let groupId = 0;
  let criterionId = 0;
  let matchId = 0;
  const src = (o: Partial<SimMappingSource>): SimMappingSource => ({
    id: ++sourceId,
    order: 0,
    mvAttributeId: null,
    csAttributeId: null,
    expression: null,
    missingInputBehaviour: "EvaluateAnyway",
    ...o,
  });
  /** A mapping row; the import and export helpers below differ only in target and sources. */
  const mapping = (
    days: number,
    target: { mv: number | null; cs: number | null },
    sources: SimMappingSource[],
    priority = 1,
    initialOnly = false,
  ): SimMapping => ({
    id: ++mappingId,
    created: created(days),
    targetMvAttributeId: target.mv,
    targetCsAttributeId: target.cs,
    priority,
    nullIsValue: false,
    initialExportOnly: initialOnly,
    enabled: true,
    sources,
  });
  const importMap = (
    sys: SimConnectedSystem | undefined,
    typeId: number,
    target: string,
    from: string | string[],
    priority = 1,
  ) =>
    mapping(
      90,
      { mv: mvId(target), cs: null },
      (Array.isArray(from) ? from : [from]).map((f, i) =>
        src({ order: i, csAttributeId: attrId(sys, typeId, f) }),
      ),
      priority,
    );
  const importExpr = (target: string, expression: string) =>
    mapping(90, { mv: mvId(target), cs: null }, [src({ expression })]);
  const exportMap = (
    sys: SimConnectedSystem | undefined,
    typeId: number,
    target: string,
    from: string,
    initialOnly = false,
  ) =>
    mapping(
      80,
      { mv: null, cs: attrId(sys, typeId, target) },
      [src({ mvAttributeId: mvId(from) })],
      1,
      initialOnly,
    );
  const exportExpr = (
    sys: SimConnectedSystem | undefined,
    typeId: number,
    target: string,
    expression: string,
    initialOnly = false,
  ) =>
    mapping(
      80,
      { mv: null, cs: attrId(sys, typeId, target) },
      [src({ expression, missingInputBehaviour: "FailMapping" })],
      1,
      initialOnly,
    );
  const crit = (o: Partial<SimCriterion>): SimCriterion => ({
    id: ++criterionId,
    mvAttributeId: null,
    csAttributeId: null,
    comparisonType: "Equals",
    stringValue: null,
    dateTimeValue: null,
    boolValue: null,
    caseSensitive: false,
    valueMode: "Absolute",
    relativeCount: null,
    relativeUnit: null,
    relativeDirection: null,
    ...o,
  });
  const group = (
    type: "All" | "Any",
    position: number,
    criteria: SimCriterion[],
    childGroups: SimScopingGroup[] = [],
  ) => ({
    id: ++groupId,
    type,
    position,
    criteria,
    childGroups,
  });
  const match = (target: string, sources: Array<number | null>, order = 0): SimMatchingRule => ({
    id: ++matchId,
    order,
    targetMvAttributeId: mvId(target) ?? 0,
    sourceCsAttributeIds: sources.filter((s): s is number => s !== null),
    caseSensitive: false,
    created: created(90),
  });

  const rules: SimSyncRule[] = [];
  rules.push({
    id: 1,
    name: "HR Person Import",
    description: "Projects every employee and contractor from the HR extract into the Metaverse as a User.",
    created: created(100),
    connectedSystemId: 1,
    csObjectTypeId: 1,
    mvObjectTypeId: 1,
    direction: "Import",
    projectToMetaverse: true,
    provisionToConnectedSystem: null,
    enabled: true,
    enforceState: false,
    inboundOutOfScopeAction: "Disconnect",
    outboundDeprovisionAction: "Disconnect",
    mappings: [
      importMap(hr, 1, "Employee ID", "employeeId"),
      importMap(hr, 1, "First Name", "firstName"),
      importMap(hr, 1, "Last Name", "lastName"),
      importExpr("Display Name", 'cs["firstName"] + " " + cs["lastName"]'),
      importMap(hr, 1, "Email", "email"),
      importMap(hr, 1, "Department", "department"),
      importMap(hr, 1, "Job Title", "jobTitle"),
      importMap(hr, 1, "Manager", "managerId"),
      importMap(hr, 1, "Employee Start Date", "startDate"),
      importMap(hr, 1, "Employee End Date", "leaveDate"),
    ],
    scoping: [
      group(
        "All",
        0,
        [crit({ csAttributeId: attrId(hr, 1, "employeeId"), comparisonType: "NotEquals", stringValue: "" })],
        [
          group("Any", 0, [
            crit({
              csAttributeId: attrId(hr, 1, "department"),
              comparisonType: "NotEquals",
              stringValue: "Test Accounts",
            }),
            crit({
              csAttributeId: attrId(hr, 1, "startDate"),
              comparisonType: "LessThanOrEquals",
              valueMode: "Relative",
              relativeCount: 30,
              relativeUnit: "Days",
              relativeDirection: "FromNow",
            }),
          ]),
        ],
      ),
    ],
    matchingRules: [match("Employee ID", [attrId(hr, 1, "employeeId")])],
  });
  rules.push({
    id: 2,
    name: "AD User Join",
    description: "Joins existing directory accounts to their User and contributes the account name.",
    created: created(95),
    connectedSystemId: 2,
    csObjectTypeId: 2,
    mvObjectTypeId: 1,
    direction: "Import",
    projectToMetaverse: false,
    provisionToConnectedSystem: null,
    enabled: true,
    enforceState: false,
    inboundOutOfScopeAction: "RemainJoined",
    outboundDeprovisionAction: "Disconnect",
    mappings: [importMap(cd, 2, "Account Name", "sAMAccountName"), importMap(cd, 2, "Email", "mail", 2)],
    scoping: [],
    matchingRules: [
      match("Employee ID", [attrId(cd, 2, "employeeID")], 0),
      match("Email", [attrId(cd, 2, "mail"), attrId(cd, 2, "userPrincipalName")], 1),
    ],
  });
  rules.push({
    id: 3,
    name: "AD User Provisioning",
    description: "Creates and maintains a directory account for every in-scope User.",
    created: created(90),
    connectedSystemId: 2,
    csObjectTypeId: 2,
    mvObjectTypeId: 1,
    direction: "Export",
    projectToMetaverse: null,
    provisionToConnectedSystem: true,
    enabled: true,
    enforceState: true,
    inboundOutOfScopeAction: "RemainJoined",
    outboundDeprovisionAction: "Disconnect",
    mappings: [
      exportExpr(cd, 2, "sAMAccountName", 'Lower(Left(mv["First Name"], 1) + mv["Last Name"])', true),
      exportExpr(
        cd,
        2,
        "distinguishedName",
        '"CN=" + mv["Display Name"] + ",OU=Users,DC=corp,DC=example,DC=com"',
        true,
      ),
      exportMap(cd, 2, "givenName", "First Name"),
      exportMap(cd, 2, "sn", "Last Name"),
      exportMap(cd, 2, "displayName", "Display Name"),
      exportMap(cd, 2, "mail", "Email"),
      exportMap(cd, 2, "department", "Department"),
      exportMap(cd, 2, "title", "Job Title"),
      exportMap(cd, 2, "manager", "Manager"),
      exportMap(cd, 2, "employeeID", "Employee ID"),
    ],
    scoping: [
      group("All", 0, [
        crit({ mvAttributeId: mvId("Employee ID"), comparisonType: "NotEquals", stringValue: "" }),
        crit({ mvAttributeId: mvId("Department"), comparisonType: "NotEquals", stringValue: "Contractors" }),
      ]),
    ],
    matchingRules: [],
  });
  rules.push({
    id: 4,
    name: "Learning Platform Users",
    description: "Provisions a learning account for every User with an email address.",
    created: created(40),
    connectedSystemId: 3,
    csObjectTypeId: 5,
    mvObjectTypeId: 1,
    direction: "Export",
    projectToMetaverse: null,
    provisionToConnectedSystem: true,
    enabled: true,
    enforceState: false,
    inboundOutOfScopeAction: "RemainJoined",
    outboundDeprovisionAction: "Delete",
    mappings: [
      exportMap(lp, 5, "userName", "Email", true),
      exportMap(lp, 5, "name.givenName", "First Name"),
      exportMap(lp, 5, "name.familyName", "Last Name"),
      exportMap(lp, 5, "emails[work].value", "Email"),
    ],
    scoping: [
      group("All", 0, [
        crit({ mvAttributeId: mvId("Email"), comparisonType: "EndsWith", stringValue: "@example.com" }),
      ]),
    ],
    matchingRules: [],
  });
  rules.push({
    id: 5,
    name: "AD Group Import",
    description: "Projects directory security groups (disabled while group management is planned).",
    created: created(30),
    connectedSystemId: 2,
    csObjectTypeId: 3,
    mvObjectTypeId: 2,
    direction: "Import",
    projectToMetaverse: true,
    provisionToConnectedSystem: null,
    enabled: false,
    enforceState: false,
    inboundOutOfScopeAction: "RemainJoined",
    outboundDeprovisionAction: "Disconnect",
    mappings: [
      importMap(cd, 3, "Display Name", "cn"),
      importMap(cd, 3, "Description", "description"),
      importMap(cd, 3, "Static Members", "member"),
    ],
    scoping: [],
    matchingRules: [],
  });
  // Rules for systems a test removed are dropped rather than left dangling.
  return { rules: rules.filter((r) => state.getConnectedSystem(r.connectedSystemId)) };
}
