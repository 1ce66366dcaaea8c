import type { Page } from './tangoe-types';

export interface UpdatedFilter {
  updatedAtGt?: string;
  updatedAtGte?: string;
}

/**
 * Walks a Tangoe list from a cursor, oldest change first, and answers the cursor to keep. Pages are asked by
 * `updated_at` (keyset), not by page number alone: a record that changes while the walk goes on moves to the end of
 * the list, and numbered pages would then skip the record that slid into its place. After the first page the
 * filter is `gte` the last time seen, with the records already handled at that very instant left out, so records
 * sharing a timestamp across a page boundary are neither lost nor handled twice.
 */
export async function walkUpdatedSince<T extends { id: number; updated_at: string }>(
  since: string | null,
  fetchPage: (filter: UpdatedFilter, page: number) => Promise<Page<T>>,
  handle: (items: T[]) => Promise<void>,
): Promise<string | null> {
  let cursor = since;
  let handledAtCursor = new Set<number>();
  let filter: UpdatedFilter = since === null ? {} : { updatedAtGt: since };
  let page = 1;
  for (;;) {
    const result = await fetchPage(filter, page);
    const fresh = result.items.filter((item) => !(cursor !== null && sameInstant(item.updated_at, cursor) && handledAtCursor.has(item.id)));
    await handle(fresh);
    for (const item of result.items) {
      if (cursor === null || Date.parse(item.updated_at) > Date.parse(cursor)) {
        cursor = item.updated_at;
        handledAtCursor = new Set();
      }
      if (sameInstant(item.updated_at, cursor)) handledAtCursor.add(item.id);
    }
    if (!result.hasMore || cursor === null) return cursor;
    // A whole page of one instant: the next page of that instant; otherwise from the newest instant seen.
    const samePageInstant = result.items.every((item) => sameInstant(item.updated_at, cursor!));
    page = samePageInstant && filter.updatedAtGte === cursor ? page + 1 : 1;
    filter = { updatedAtGte: cursor };
  }
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}
