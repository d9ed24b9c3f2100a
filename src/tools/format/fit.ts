/**
 * Fitting JSON data into a character budget: entries are left off the end of the largest array
 * (by size) until the JSON fits, and what was left out is recorded so the answer can say so.
 * Used for every tool result (the output budget) and for the generic API tools' JSON text.
 */

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
  let shortened = 0;
  for (let limit = 2_000; json.length > budget && limit >= 50; limit = Math.floor(limit / 2)) {
    shortened += shortenStrings(copy, limit);
    json = JSON.stringify(copy);
  }
  const leftOut = [...dropped].map(([path, d]) => ({ path, ...d }));
  if (shortened > 0) leftOut.push({ path: "(long values)", left: shortened, of: shortened });
  return { json, value: copy, leftOut };
}

/** Cuts every string longer than `limit` in place to its first `limit` characters and "…"; returns how many. */
function shortenStrings(node: unknown, limit: number): number {
  let n = 0;
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      if (typeof v === "string" && v.length > limit) {
        node[i] = `${v.slice(0, limit)}…`;
        n += 1;
      } else n += shortenStrings(v, limit);
    });
  } else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === "string" && v.length > limit) {
        o[k] = `${v.slice(0, limit)}…`;
        n += 1;
      } else n += shortenStrings(v, limit);
    }
  }
  return n;
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
