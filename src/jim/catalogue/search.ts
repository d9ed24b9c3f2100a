/**
 * Word search over the catalogue. Each endpoint is indexed by the words of its operation name, its literal
 * path segments, its area, its summary and its parameter names; a hit in the operation name or the path
 * counts three times as much as a hit in the summary.
 */
import { CATALOGUE } from "./data.js";
import type { CatalogueEndpoint, Safety } from "./types.js";

const WEIGHT = { op: 3, path: 3, area: 2, param: 1, summary: 1 } as const;
/** Extra score when every word of the query was found. */
const ALL_WORDS_BONUS = 3;
/** Up to this much extra for the share of an endpoint's path words the query names (favours short paths). */
const PATH_COVERAGE_BONUS = 1;
/** Extra score when the query is exactly the operation name. */
const EXACT_OP_BONUS = 100;
/** A query word of at least this length also matches longer words it starts (half weight). */
const PREFIX_MIN = 3;

const STOP_WORDS = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "by",
  "for",
  "from",
  "in",
  "into",
  "is",
  "it",
  "of",
  "on",
  "or",
  "the",
  "this",
  "to",
  "with",
]);

/** Crude singular form, enough to make "partitions", "activities" and "statuses" meet their singulars. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && (word.endsWith("sses") || word.endsWith("uses") || word.endsWith("xes"))) {
    return word.slice(0, -2);
  }
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
    return word.slice(0, -1);
  }
  return word;
}

/** Lower-case, stemmed words of a text; camelCase and PascalCase are split, numbers and GUIDs dropped. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "" && !STOP_WORDS.has(w) && /[a-z]/.test(w) && !/^[0-9a-f]{8,}$/.test(w))
    .map(stem);
}

type Field = keyof typeof WEIGHT;

interface IndexedEndpoint {
  endpoint: CatalogueEndpoint;
  /** word → best field weight for that word */
  weights: Map<string, number>;
  /** the same words as a list, for prefix matching */
  vocabulary: string[];
  /** words of the literal path segments */
  pathWords: Set<string>;
}

function indexEndpoint(endpoint: CatalogueEndpoint): IndexedEndpoint {
  const weights = new Map<string, number>();
  const pathWords = new Set<string>();
  const add = (field: Field, ws: Iterable<string>) => {
    for (const w of ws) weights.set(w, Math.max(weights.get(w) ?? 0, WEIGHT[field]));
  };
  add("op", words(endpoint.op));
  for (const seg of endpoint.path.split("/")) {
    if (seg === "" || seg.startsWith("{")) continue;
    // "run-profiles" also indexes as "runprofile", so the query "runprofile" or "run profile" meets it.
    const segWords = [...words(seg), ...words(seg.replace(/-/g, ""))];
    add("path", segWords);
    for (const w of segWords) pathWords.add(w);
  }
  add("area", words(endpoint.area));
  add("summary", words(endpoint.summary));
  const paramNames = [
    ...endpoint.pathParams.map((p) => p.name),
    ...endpoint.query.map((q) => q.name),
    ...(endpoint.body?.fields.map((f) => f.name) ?? []),
  ];
  add("param", paramNames.flatMap(words));
  return { endpoint, weights, vocabulary: [...weights.keys()], pathWords };
}

let INDEX: IndexedEndpoint[] | undefined;
function index(): IndexedEndpoint[] {
  INDEX ??= CATALOGUE.map(indexEndpoint);
  return INDEX;
}

function wordScore(entry: IndexedEndpoint, word: string): number {
  const exact = entry.weights.get(word);
  if (exact !== undefined) return exact;
  if (word.length < PREFIX_MIN) return 0;
  let best = 0;
  for (const v of entry.vocabulary) {
    if (v.length > word.length && v.startsWith(word)) best = Math.max(best, (entry.weights.get(v) ?? 0) / 2);
  }
  return best;
}

export interface SearchOptions {
  /** Most results to return (default 10). */
  limit?: number;
  safety?: Safety;
  /** HTTP method, any case. */
  method?: string;
  /** Controller name such as `Synchronisation`, any case. */
  area?: string;
}

/**
 * Ranks endpoints against a free-text query ("run profile execute", "partition", "api key"). Results are
 * ordered by score (highest first), then path, then method. An empty query is an error.
 */
export function searchEndpoints(
  query: string,
  opts: SearchOptions = {},
): Array<{ endpoint: CatalogueEndpoint; score: number }> {
  if (typeof query !== "string" || query.trim() === "") {
    throw new Error("searchEndpoints: the query is empty; give a few words such as 'run profile execute'");
  }
  const terms = [...new Set(words(query))];
  // Adjacent words joined ("api key" → "apikey") meet compound path segments such as "apikeys".
  const pairs = terms.slice(1).map((w, i) => stem(`${terms[i]}${w}`));
  const squashed = query.replace(/[^a-z0-9]/gi, "").toLowerCase();
  const limit = Math.max(1, Math.floor(opts.limit ?? 10));
  const method = opts.method?.trim().toUpperCase();
  const area = opts.area?.trim().toLowerCase();

  const results: Array<{ endpoint: CatalogueEndpoint; score: number }> = [];
  for (const entry of index()) {
    const ep = entry.endpoint;
    if (opts.safety && ep.safety !== opts.safety) continue;
    if (method && ep.method !== method) continue;
    if (area && ep.area.toLowerCase() !== area) continue;

    let score = 0;
    let matched = 0;
    for (const t of terms) {
      const s = wordScore(entry, t);
      if (s > 0) matched++;
      score += s;
    }
    for (const p of pairs) score += entry.weights.get(p) ?? 0;
    if (score === 0 && squashed !== ep.op.toLowerCase()) continue;
    if (terms.length > 0 && matched === terms.length) score += ALL_WORDS_BONUS;
    if (entry.pathWords.size > 0) {
      const named = [...entry.pathWords].filter((w) => terms.includes(w) || pairs.includes(w)).length;
      score += (PATH_COVERAGE_BONUS * named) / entry.pathWords.size;
    }
    if (squashed === ep.op.toLowerCase()) score += EXACT_OP_BONUS;
    results.push({ endpoint: ep, score: Math.round(score * 100) / 100 });
  }
  results.sort(
    (a, b) =>
      b.score - a.score ||
      compareText(a.endpoint.path, b.endpoint.path) ||
      compareText(a.endpoint.method, b.endpoint.method),
  );
  return results.slice(0, limit);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
