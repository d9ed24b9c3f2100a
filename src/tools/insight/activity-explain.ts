/**
 * activity_explain: an activity with its statistics, its item errors grouped by
 * error type (a few examples each), its child activities, and what to look at next.
 * Bounded: at most ACTIVITY_EXPLAIN_MAX_REQUESTS requests, however many items the run has.
 */
import * as z from "zod";
import {
  type ExecutionItem,
  listChildActivities,
  listExecutionItems,
  outcomeOf,
  PROBLEM_STATUSES,
  readRunReport,
} from "../../jim/activities.js";
import type { ActivityHeader } from "../../jim/types.js";
import { isErrored } from "../activities/activity-item-list.js";
import {
  activityRow,
  activityTable,
  fmtWhen,
  targetNamed,
  toActivityRow,
} from "../activities/activity-rows.js";
import { callText, type Exposes, firstCall } from "../activities/hints.js";
import { renderRunResult, summariseStats } from "../activities/run-result.js";
import { defineTool } from "../define.js";
import { fields, fmtNumber, parseTimeSpan } from "../format/text.js";
import { activityId } from "../params.js";
import { RequestBudget } from "./budget.js";

/** Pages of 100 execution items read looking for errors. */
export const EXPLAIN_ITEM_PAGES = 5;
export const EXPLAIN_EXAMPLES = 3;
export const EXPLAIN_CHILDREN = 25;
/** detail + stats + item pages + children. */
export const ACTIVITY_EXPLAIN_MAX_REQUESTS = 2 + EXPLAIN_ITEM_PAGES + 1;

/**
 * What each common item error usually means and where to look; plain words, our own. A tool that
 * helps is named after the text, in brackets, only when this server exposes it.
 */
const ERROR_HINTS: Record<string, string | readonly [text: string, tool: string]> = {
  AmbiguousMatch: [
    "an object matched more than one metaverse object: check the matching rules",
    "sync_rule_list",
  ],
  CouldNotMatchObjectType: "no object type mapping fits these objects: check the sync rules' object types.",
  CouldNotJoinDueToExistingJoin: "the metaverse object is already joined to another object in this system.",
  DuplicateImportedAttributes: "the source sent the same attribute twice for an object.",
  DuplicateObject: "two source objects share one external id: fix the data at the source.",
  MissingExternalIdAttributeValue: "source objects lack a value for the external id attribute.",
  UnresolvedReference:
    "references point at objects not (yet) in JIM: import/sync the referenced system first.",
  UnexpectedAttribute: [
    "the source sent an attribute missing from the schema: refresh the schema",
    "schema_import",
  ],
  ExportNotConfirmed: "exported changes were not confirmed by the next import: run an import, then compare.",
  ExportConfirmationFailed: "the confirming import saw different values than were exported.",
  ExpressionEvaluationError: ["a mapping expression failed: test it with sample values", "expression_test"],
  ExpressionMissingInput: "a mapping expression lacked an input value.",
  ConnectorConfigurationError:
    "the connector's settings are wrong or incomplete: check the connected system.",
  DeltaImportFallbackToFullImport: "the delta import fell back to a full import.",
  ImportHashVerificationFailed: "the import file changed while being read or its hash did not match.",
  UnhandledError: ["an unexpected error inside JIM: see the item messages and JIM's logs", "log_list"],
};

/** The hint for an error type, naming its tool only when this server exposes it. */
export function errorHint(ctx: Exposes, errorType: string): string | null {
  const h = ERROR_HINTS[errorType];
  if (h === undefined) return null;
  if (typeof h === "string") return h;
  const [words, tool] = h;
  return ctx.exposes(tool) ? `${words} (${tool}).` : `${words}.`;
}

const trim = (s: string | null | undefined, n: number): string | null => {
  if (!s) return null;
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

export const activityExplain = defineTool({
  name: "activity_explain",
  title: "Explain an activity",
  description:
    "Why an activity failed or warned: statistics, item errors grouped by type with examples, child activities, and what to check next.",
  toolset: "health",
  kind: "read",
  input: z.object({ activityId }),
  output: z.object({
    outcome: z.string(),
    activity: z.object({
      status: z.string(),
      target: z.string(),
      when: z.string().nullable(),
      durationSeconds: z.number().nullable(),
      message: z.string().nullable(),
      warning: z.string().nullable(),
      error: z.string().nullable(),
      errorDetail: z.string().nullable(),
    }),
    stats: z.record(z.string(), z.number()).nullable(),
    errorGroups: z.array(
      z.object({
        errorType: z.string(),
        count: z.number().int(),
        hint: z.string().nullable(),
        examples: z.array(
          z.object({
            object: z.string().nullable(),
            externalId: z.string().nullable(),
            objectType: z.string().nullable(),
            message: z.string().nullable(),
          }),
        ),
      }),
    ),
    items: z.object({ read: z.number().int(), total: z.number().int(), errors: z.number().int().nullable() }),
    children: z.object({
      total: z.number().int(),
      byStatus: z.record(z.string(), z.number()),
      items: z.array(activityRow),
    }),
    next: z.string(),
  }),
  async handler(args, ctx) {
    const budget = new RequestBudget(ACTIVITY_EXPLAIN_MAX_REQUESTS);
    const jim = budget.wrap(ctx.jim());
    const { activity: a, stats } = await readRunReport(jim, args.activityId, ctx.signal);
    const outcome = outcomeOf(a.status);
    const isRun = a.targetType === "ConnectedSystemRunProfile";
    const summary = summariseStats(stats);
    const errorsTotal = summary ? summary.errors : null;

    // Items: only for finished runs that recorded errors (or whose error total is unknown).
    const groups = new Map<string, { count: number; examples: ExecutionItem[] }>();
    let itemsRead = 0;
    let itemsTotal = 0;
    let errorsSeen = 0;
    if (isRun && outcome !== "still_running" && (errorsTotal === null || errorsTotal > 0)) {
      for (let page = 1; page <= EXPLAIN_ITEM_PAGES; page++) {
        const pg = await listExecutionItems(jim, a.id, page, 100, ctx.signal);
        itemsTotal = pg.totalCount;
        itemsRead += pg.items.length;
        for (const item of pg.items) {
          if (!isErrored(item)) continue;
          errorsSeen += 1;
          const type = item.errorType as string;
          const g = groups.get(type) ?? { count: 0, examples: [] };
          g.count += 1;
          if (g.examples.length < EXPLAIN_EXAMPLES) g.examples.push(item);
          groups.set(type, g);
        }
        if (!pg.hasNextPage || pg.items.length === 0) break;
        if (errorsTotal !== null && errorsSeen >= errorsTotal) break;
      }
    }
    const errorGroups = [...groups]
      .sort((x, y) => y[1].count - x[1].count)
      .map(([errorType, g]) => ({
        errorType,
        count: g.count,
        hint: errorHint(ctx, errorType),
        examples: g.examples.map((i) => ({
          object: trim(i.displayName, 80),
          externalId: trim(i.externalIdValue, 120),
          objectType: i.connectedSystemObjectType,
          message: trim(i.outcomeSummary, 200),
        })),
      }));
    const itemsIncomplete = itemsRead < itemsTotal && (errorsTotal === null || errorsSeen < errorsTotal);

    const kids = await listChildActivities(jim, a.id, 1, EXPLAIN_CHILDREN, ctx.signal);
    const byStatus: Record<string, number> = {};
    for (const c of kids.items) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    const badChild = worstChild(kids.items);

    // The next thing to look at.
    const id = a.id;
    const items = firstCall(ctx, ["activity_item_list", { activityId: id }]);
    let next: string;
    if (outcome === "still_running") {
      const wait = firstCall(ctx, ["activity_wait", { activityId: id }]);
      next = wait
        ? `It is still running: ${wait}.`
        : `It is still running: ${callText("activity_explain", { activityId: id })} again once it ends.`;
    } else if (badChild)
      next = `A child activity ${badChild.status}: ${callText("activity_explain", { activityId: badChild.id })}.`;
    else if (errorGroups.length > 0) {
      const top = errorGroups[0]!;
      next = `Fix the ${fmtNumber(top.count)} ${top.errorType} errors first (see above)${items ? `; every item: ${items}` : ""}.`;
    } else if (errorsTotal !== null && errorsTotal > 0)
      next = `The ${fmtNumber(errorsTotal)} item errors were not among the first ${fmtNumber(itemsRead)} items read${items ? `: ${items}` : "; JIM's activity log has every item"}.`;
    else if (outcome === "failed" || outcome === "completed_with_errors") {
      const system = a.connectedSystemId
        ? firstCall(ctx, ["connected_system_get", { connectedSystemId: a.connectedSystemId }])
        : undefined;
      const logs = firstCall(ctx, ["log_list", {}]);
      next = a.connectedSystemId
        ? `It stopped on a system-level error (see above): check the connection and settings${system ? ` with ${system}` : ` of connected system ${a.connectedSystemId}`}, then run it again.`
        : `Read the error message and detail above; JIM's own logs${logs ? ` (${logs})` : ""} have more.`;
    } else if (outcome === "succeeded_with_warnings")
      next = "The connector raised a warning (see above); nothing failed per object.";
    else if (outcome === "cancelled") next = "It was cancelled; run it again when ready.";
    else next = "Nothing to fix: it succeeded.";

    const duration = parseTimeSpan(a.executionTime) ?? parseTimeSpan(a.totalActivityTime);
    const target = targetNamed(a) || a.targetType;
    const structured = {
      outcome,
      activity: {
        status: a.status,
        target: isRun ? target : `${a.targetType} ${a.targetOperationType}: ${target}`,
        when: a.executed ?? a.created,
        durationSeconds: duration === null ? null : Math.round(duration * 10) / 10,
        message: a.message,
        warning: a.warningMessage ?? null,
        error: a.errorMessage ?? null,
        errorDetail: trim(a.errorDetail, 600),
      },
      stats: summary as Record<string, number> | null,
      errorGroups,
      items: { read: itemsRead, total: itemsTotal, errors: errorsTotal },
      children: { total: kids.totalCount, byStatus, items: kids.items.map(toActivityRow) },
      next,
    };

    // Text: the outcome line and statistics come from the run-result renderer.
    const runText = renderRunResult({
      outcome,
      status: a.status,
      activityId: id,
      taskId: null,
      target: structured.activity.target,
      runType: a.connectedSystemRunType ?? null,
      durationSeconds: structured.activity.durationSeconds,
      waitedSeconds: 0,
      warnings: a.warningMessage ? [a.warningMessage] : [],
      errorMessage: a.errorMessage ?? null,
      progress: outcome === "still_running" ? (a.message ?? null) : null,
      stats: summary,
      nextStep: null,
    });
    const lines = [
      runText,
      fields([
        ["when (UTC)", fmtWhen(structured.activity.when)],
        ["message", a.message],
        ["error detail", structured.activity.errorDetail],
      ]),
    ];
    if (errorGroups.length > 0) {
      const scope = itemsIncomplete
        ? ` (from the first ${fmtNumber(itemsRead)} of ${fmtNumber(itemsTotal)} items; more errors exist)`
        : "";
      lines.push(`Item errors by type${scope}:`);
      for (const g of errorGroups) {
        lines.push(`- ${g.errorType}: ${fmtNumber(g.count)}${g.hint ? ` — ${g.hint}` : ""}`);
        for (const ex of g.examples) {
          const who = [ex.object, ex.externalId && ex.externalId !== ex.object ? `(${ex.externalId})` : null]
            .filter(Boolean)
            .join(" ");
          lines.push(`  · ${who || "(unnamed object)"}${ex.message ? `: ${ex.message}` : ""}`);
        }
      }
    } else if (isRun && errorsTotal && errorsTotal > 0) {
      lines.push(
        `Item errors: ${fmtNumber(errorsTotal)}, none among the first ${fmtNumber(itemsRead)} items read.`,
      );
    }
    if (kids.totalCount > 0) {
      const counts = Object.entries(byStatus)
        .map(([s, n]) => `${n} ${s}`)
        .join(", ");
      lines.push(
        `Child activities: ${fmtNumber(kids.totalCount)} (${kids.totalCount > kids.items.length ? `of the first ${kids.items.length}, shown below: ` : ""}${counts})`,
        activityTable(structured.children.items),
      );
    }
    lines.push(`Next: ${next}`, `JIM requests: ${budget.describe()}.`);
    return { structured, text: lines.filter(Boolean).join("\n") };
  },
});

const CHILD_BADNESS: readonly string[] = PROBLEM_STATUSES;

function worstChild(items: readonly ActivityHeader[]): ActivityHeader | undefined {
  let best: ActivityHeader | undefined;
  for (const c of items) {
    const r = CHILD_BADNESS.indexOf(c.status);
    if (r < 0) continue;
    if (!best || r < CHILD_BADNESS.indexOf(best.status)) best = c;
  }
  return best;
}
