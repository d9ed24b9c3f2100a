/**
 * Fitting JSON data into a character budget: entries are left off the end of the largest array
 * (by size) until the JSON fits, and what was left out is recorded so the answer can say so.
 * Used for every tool result (the output budget) and for the generic API tools' JSON text.
 */
import { cutPageFooter, pageAfterCut } from "./text.js";

/**
 * The whole answer — text and structured JSON together — stays within about 25k tokens. Measured
 * in o200k, JIM's JSON runs at 2.5 to 4 characters a token, and ids and dates in tables and
 * escaped text come close to 2, so the budget counts the characters of both parts at 2 a token.
 */
export const OUTPUT_BUDGET_CHARS = 50_000;

export interface LeftOut {
  /** Where the array is, e.g. "items" or "[0].members"; "" for the top level. */
  path: string;
  left: number;
  of: number;
}

/** `data` as compact JSON within `budget` characters where arrays can be shortened; the input is not changed. */
export function fitJson(data: unknown, budget: number): { json: string; value: unknown; leftOut: LeftOut[] } {
  let json = JSON.stringify(data) ?? "null";
  if (json.length <= budget) return { json, value: data, leftOut: [] };
  const copy = JSON.parse(json) as unknown;
  const dropped = new Map<string, { left: number; of: number }>();
  for (let guard = 0; guard < 64 && json.length > budget; guard++) {
    const largest = largestArray(copy);
    if (!largest) break;
    const { arr, path } = largest;
    const before = arr.length;
    let excess = json.length - budget;
    let keep = arr.length;
    while (keep > 1 && excess > 0) {
      keep -= 1;
      excess -= JSON.stringify(arr[keep]).length + 1;
    }
    arr.splice(keep);
    const was = dropped.get(path);
    dropped.set(path, { left: (was?.left ?? 0) + before - keep, of: was?.of ?? before });
    json = JSON.stringify(copy);
  }
  // No array left to shorten: cut the longest strings, marking each cut, until it fits.
  const shortened = new Set<string>();
  for (let limit = 2_000; json.length > budget && limit >= 50; limit = Math.floor(limit / 2)) {
    shortenStrings(copy, limit, shortened);
    json = JSON.stringify(copy);
  }
  const leftOut = [...dropped].map(([path, d]) => ({ path, ...d }));
  if (shortened.size > 0) leftOut.push({ path: "(long values)", left: shortened.size, of: shortened.size });
  return { json, value: copy, leftOut };
}

/**
 * Cuts every string longer than `limit` in place to its first `limit` characters and "…", adding
 * where each was to `cut` (a value cut again in a later, shorter round is still one value).
 */
function shortenStrings(node: unknown, limit: number, cut: Set<string>, path = ""): void {
  if (!node || typeof node !== "object") return;
  // Arrays too: their entries are keyed by index.
  const o = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    const at = `${path}/${k}`;
    if (typeof v === "string" && v.length > limit) {
      o[k] = `${v.slice(0, limit)}…`;
      cut.add(at);
    } else shortenStrings(v, limit, cut, at);
  }
}

/** Compact JSON of `data`, within `budget` characters when it can be shortened, and a note on what was left out. */
export function jsonText(
  data: unknown,
  budget: number,
): { json: string; shown: unknown; note?: string | undefined } {
  const { json, value, leftOut } = fitJson(data, budget);
  return leftOut.length ? { json, shown: value, note: leftOutNote(leftOut) } : { json, shown: value };
}

const TABLE_SEPARATOR = /^\|(?:-{3}\|)+$/;
const FOOTER = /^(?:all [\d,]+ shown|showing [\d,]+–[\d,]+ of [\d,]+.*)$/;

/**
 * Fits one page of a list into `budget` when its text is a table with a row per entry: both parts
 * keep the same first entries, the footer is rewritten, and the note says how to continue without a
 * gap (the page's later entries would be skipped by the next page number at the same page size).
 * Undefined when the result is not such a page.
 */
export function fitPage(
  body: Record<string, unknown>,
  jsonLength: number,
  text: string,
  budget: number,
): { body: Record<string, unknown>; json: string; text: string; note: string } | undefined {
  const { items, page, pageSize, totalCount } = body;
  if (!Array.isArray(items) || items.length < 2 || typeof page !== "number" || typeof pageSize !== "number") {
    return undefined;
  }
  const lines = text.split("\n");
  const head = lines.findIndex((l, i) => l.startsWith("|") && TABLE_SEPARATOR.test(lines[i + 1] ?? ""));
  if (head < 0) return undefined;
  let end = head + 2;
  while (end < lines.length && (lines[end] as string).startsWith("| ")) end++;
  const n = items.length;
  if (end - head - 2 !== n) return undefined;
  const footerAt = lines.findIndex((l, i) => i >= end && FOOTER.test(l));
  const first = (page - 1) * pageSize;
  const total = typeof totalCount === "number" ? totalCount : first + n;
  const render = (k: number) => {
    const on = pageAfterCut(page, pageSize, k);
    const kept = lines.slice(0, head + 2 + k);
    const rest = lines.slice(end);
    const footer = cutPageFooter({ page, pageSize, totalCount: total }, k);
    if (footerAt >= 0) rest[footerAt - end] = footer;
    else rest.unshift(footer);
    const note = `Output budget (~25k tokens) reached: this answer holds the first ${k} of the ${n} entries of page ${page}. Go on with page=${on.page} and pageSize=${k}${on.repeat ? ` (its first ${on.repeat} entries repeat the end of this answer)` : ""}; a smaller pageSize avoids the cut.`;
    const b = { ...body, items: items.slice(0, k) };
    const json = JSON.stringify(b);
    const t = [...kept, ...rest].join("\n");
    return { body: b, json, text: t, note, size: json.length + t.length + note.length + 1 };
  };
  let k = Math.min(n - 1, Math.max(1, Math.floor((n * budget) / (jsonLength + text.length))));
  let r = render(k);
  while (r.size > budget && k > 1) {
    k = Math.max(1, Math.floor(k * 0.9));
    r = render(k);
  }
  // Even one row is too long: leave it to the general shortening, which cuts long values.
  if (r.size > budget) return undefined;
  return { body: r.body, json: r.json, text: r.text, note: r.note };
}

/** "Output budget (~25k tokens) reached: left out 40 of 100 entries of items. Ask for …" */
export function leftOutNote(leftOut: readonly LeftOut[]): string {
  const parts = leftOut.map((d) =>
    d.path === "(long values)"
      ? `the end of ${d.left} long value${d.left === 1 ? "" : "s"} (marked …)`
      : `${d.left} of ${d.of} entries of ${d.path || "the result"}`,
  );
  if (parts.length === 0) {
    return "Output budget (~25k tokens) reached: the structured result is larger than the budget and could not be shortened. Ask for less (a narrower filter or path).";
  }
  return `Output budget (~25k tokens) reached: left out ${parts.join(", ")}. Ask for a smaller page (pageSize) or a narrower filter to see them.`;
}

/** The array with the longest JSON that still has more than one entry, and where it is. */
function largestArray(root: unknown): { arr: unknown[]; path: string } | undefined {
  let best: { arr: unknown[]; path: string; size: number } | undefined;
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      if (node.length > 1) {
        const size = JSON.stringify(node).length;
        if (!best || size > best.size) best = { arr: node, path, size };
      }
      node.forEach((child, i) => {
        visit(child, `${path}[${i}]`);
      });
    } else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}.${k}` : k);
    }
  };
  visit(root, "");
  return best;
}
