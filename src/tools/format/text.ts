/** Compact text renderings: tables for lists, labelled lines for details, footers for pages. */

/** Made on first use: building a locale formatter loads ICU data, which start-up need not wait for. */
let enGb: Intl.NumberFormat | undefined;

/** A number as `toLocaleString("en-GB")` writes it ("12,345.678"), or "–" for none. */
export function fmtNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  // Counts and ids below 1,000 have no separator to add: most numbers in a table are these.
  if (n > 0 && n < 1000 && Number.isInteger(n)) return String(n);
  enGb ??= new Intl.NumberFormat("en-GB");
  return enGb.format(n);
}

/** What `cell` would change: whitespace other than a single space, two spaces in a row, or a pipe. */
const CELL_REWRITE = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff|]| {2}/;

export function cell(v: unknown): string {
  if (v === null || v === undefined || v === "") return "–";
  const s = typeof v === "string" ? v : typeof v === "number" ? fmtNumber(v) : String(v);
  // Most cells need no rewriting; skipping the two replaces saves their allocations on every row.
  if (!CELL_REWRITE.test(s)) return s;
  return s.replace(/\s+/g, " ").replace(/\|/g, "\\|");
}

/** A Markdown table; columns given as [header, accessor]. */
export function table<T>(rows: readonly T[], columns: ReadonlyArray<[string, (row: T) => unknown]>): string {
  if (rows.length === 0) return "(none)";
  const head = `| ${columns.map((c) => c[0]).join(" | ")} |`;
  const sep = `|${columns.map(() => "---").join("|")}|`;
  const body = rows.map((r) => `| ${columns.map((c) => cell(c[1](r))).join(" | ")} |`);
  return [head, sep, ...body].join("\n");
}

/** "label: value" lines, skipping empty values. */
export function fields(pairs: ReadonlyArray<[string, unknown]>): string {
  return pairs
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}: ${cell(v)}`)
    .join("\n");
}

export interface Paging {
  page: number;
  pageSize: number;
  totalCount: number;
  hasNextPage: boolean;
}

/** The paging fields every list tool returns, from JIM's envelope. */
export function pagingOf(env: Paging): Paging {
  return { page: env.page, pageSize: env.pageSize, totalCount: env.totalCount, hasNextPage: env.hasNextPage };
}

/** One page of a list JIM returns whole (a bare array), with the same paging fields as JIM's envelope. */
export function pageLocally<T>(
  all: readonly T[],
  page: number,
  pageSize: number,
): { items: T[]; paging: Paging } {
  const start = (page - 1) * pageSize;
  const items = all.slice(start, start + pageSize);
  return {
    items,
    paging: { page, pageSize, totalCount: all.length, hasNextPage: start + items.length < all.length },
  };
}

/** "showing 26–50 of 312 — next: page=3", or "all 12 shown". */
export function pageFooter(
  p: { page: number; pageSize: number; totalCount: number; hasNextPage: boolean; shown: number },
  nextHint = "",
): string {
  if (p.totalCount === 0) return "none found";
  if (p.shown === 0 && p.page > 1) {
    const last = Math.max(1, Math.ceil(p.totalCount / Math.max(1, p.pageSize)));
    return `page ${fmtNumber(p.page)} is past the end: ${fmtNumber(p.totalCount)} in all, the last page is page=${last}`;
  }
  if (!p.hasNextPage && p.page === 1) return `all ${fmtNumber(p.totalCount)} shown`;
  const base = shownRange(p, p.shown);
  return p.hasNextPage
    ? `${base} — next: page=${p.page + 1}${nextHint ? ` ${nextHint}` : ""}`
    : `${base} (last page)`;
}

/**
 * Where to go on when only the first `kept` entries of a page were shown: the page, at page size
 * `kept`, that holds the first entry not shown (it may start with `repeat` entries already shown).
 * The next page number at the old size would skip the rest of this page.
 */
export function pageAfterCut(
  page: number,
  pageSize: number,
  kept: number,
): { page: number; pageSize: number; repeat: number } {
  const unseen = (page - 1) * pageSize + kept;
  // Page numbers stop at MAX_PAGE: deep in a list, a larger page size keeps the number in range.
  const size = Math.min(pageSize, Math.max(kept, Math.ceil(unseen / (MAX_PAGE - 1))));
  return { page: Math.floor(unseen / size) + 1, pageSize: size, repeat: unseen % size };
}

/** The highest page number the list tools accept. */
export const MAX_PAGE = 10_000;

/** "showing 101–136 of 450 — next: page=3 with pageSize=36": the footer of a page cut to `kept` entries. */
export function cutPageFooter(
  p: { page: number; pageSize: number; totalCount: number },
  kept: number,
): string {
  const on = pageAfterCut(p.page, p.pageSize, kept);
  return `${shownRange(p, kept)} — next: page=${on.page} with pageSize=${on.pageSize}`;
}

/** "showing 26–50 of 312": the entries of page `page` a reply shows. */
function shownRange(p: { page: number; pageSize: number; totalCount: number }, shown: number): string {
  const from = (p.page - 1) * p.pageSize + 1;
  return `showing ${fmtNumber(from)}–${fmtNumber(from + shown - 1)} of ${fmtNumber(p.totalCount)}`;
}

/** Seconds → "4 s", "2 min 05 s", "1 h 02 min". */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "–";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** .NET TimeSpan "[d.]hh:mm:ss[.fffffff]" → seconds. */
export function parseTimeSpan(ts: string | null | undefined): number | null {
  if (!ts) return null;
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(ts.trim());
  if (!m) return null;
  const [, neg, d, h, min, s, frac] = m;
  const total =
    Number(d ?? 0) * 86400 +
    Number(h) * 3600 +
    Number(min) * 60 +
    Number(s) +
    (frac ? Number(`0.${frac}`) : 0);
  return neg ? -total : total;
}

/** "it stops provisioning" → "It stops provisioning." (first letter up, one full stop at the end). */
export function asSentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? "" : "."}`;
}
