/**
 * JIM's paging envelope and a helper that walks pages up to a cap, always
 * reporting the total and whether it stopped early — never a silent cap.
 */
import type { JimClient, QueryValue } from "./client.js";

export interface Page<T> {
  items: T[];
  totalCount: number;
  page: number;
  pageSize: number;
  totalPages: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** JIM clamps pageSize to 1..100; deeper than 1,000,000 rows is refused. */
export const MAX_PAGE_SIZE = 100;
export const MAX_DEPTH_ROWS = 1_000_000;

export interface CollectResult<T> {
  items: T[];
  totalCount: number;
  pagesRead: number;
  /** True when more items exist than were collected (page cap or depth ceiling). */
  stoppedEarly: boolean;
}

export interface CollectOptions {
  query?: Record<string, QueryValue>;
  pageSize?: number;
  /** Stop after this many pages. Default 50 (5,000 items at 100 a page). */
  maxPages?: number;
  signal?: AbortSignal | undefined;
  what?: string;
}

/** Normalises what JIM returns for a list: the envelope, or a bare array (unpaged lists). */
export function asPage<T>(data: unknown, page = 1, pageSize = MAX_PAGE_SIZE): Page<T> {
  if (Array.isArray(data)) {
    return {
      items: data as T[],
      totalCount: data.length,
      page: 1,
      pageSize: data.length,
      totalPages: 1,
      hasNextPage: false,
      hasPreviousPage: false,
    };
  }
  const rec = (data ?? {}) as Partial<Page<T>>;
  const items = Array.isArray(rec.items) ? rec.items : [];
  const totalCount = typeof rec.totalCount === "number" ? rec.totalCount : items.length;
  const size = typeof rec.pageSize === "number" && rec.pageSize > 0 ? rec.pageSize : pageSize;
  const current = typeof rec.page === "number" ? rec.page : page;
  const totalPages = typeof rec.totalPages === "number" ? rec.totalPages : Math.ceil(totalCount / size);
  return {
    items,
    totalCount,
    page: current,
    pageSize: size,
    totalPages,
    hasNextPage: typeof rec.hasNextPage === "boolean" ? rec.hasNextPage : current < totalPages,
    hasPreviousPage: typeof rec.hasPreviousPage === "boolean" ? rec.hasPreviousPage : current > 1,
  };
}

/** Reads pages of a paged endpoint until `hasNextPage` is false, the cap is hit, or the depth ceiling. */
export async function collectPages<T>(
  jim: JimClient,
  path: string,
  opts: CollectOptions = {},
): Promise<CollectResult<T>> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, opts.pageSize ?? MAX_PAGE_SIZE));
  const maxPages = Math.max(1, opts.maxPages ?? 50);
  const items: T[] = [];
  let page = 1;
  let totalCount = 0;
  let pagesRead = 0;
  for (;;) {
    const data = await jim.get<unknown>(path, {
      query: { ...opts.query, page, pageSize },
      signal: opts.signal,
      what: opts.what,
    });
    const env = asPage<T>(data, page, pageSize);
    pagesRead += 1;
    items.push(...env.items);
    totalCount = env.totalCount;
    if (!env.hasNextPage || env.items.length === 0) {
      return { items, totalCount, pagesRead, stoppedEarly: false };
    }
    if (pagesRead >= maxPages || page * pageSize > MAX_DEPTH_ROWS) {
      return { items, totalCount, pagesRead, stoppedEarly: true };
    }
    page += 1;
  }
}
