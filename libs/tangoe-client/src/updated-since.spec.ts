import fc from 'fast-check';
import type { Page } from './tangoe-types';
import { UpdatedFilter, walkUpdatedSince } from './updated-since';

interface Row {
  id: number;
  updated_at: string;
}

/** Tangoe's list as the sandbox answers it: filtered by updated_at, ordered by it (ties by id), cut in pages. */
function listOf(rows: Map<number, Row>, perPage: number, calls: { count: number }) {
  return async (filter: UpdatedFilter, page: number): Promise<Page<Row>> => {
    calls.count++;
    const matching = [...rows.values()]
      .filter((row) => (filter.updatedAtGt === undefined || Date.parse(row.updated_at) > Date.parse(filter.updatedAtGt)) && (filter.updatedAtGte === undefined || Date.parse(row.updated_at) >= Date.parse(filter.updatedAtGte)))
      .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
    const items = matching.slice((page - 1) * perPage, page * perPage).map((row) => ({ ...row }));
    return { items, page, perPage, hasMore: items.length === perPage };
  };
}

const at = (second: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, second)).toISOString();

describe('walking a Tangoe list by updated_at', () => {
  it('handles every record exactly once, ties across page boundaries included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 60 }), fc.integer({ min: 1, max: 7 }), async (seconds, perPage) => {
        const rows = new Map(seconds.map((second, index) => [index + 1, { id: index + 1, updated_at: at(second) }]));
        const handled: number[] = [];
        const calls = { count: 0 };
        const cursor = await walkUpdatedSince(null, listOf(rows, perPage, calls), async (items) => void handled.push(...items.map((item) => item.id)));
        expect(handled.sort((a, b) => a - b)).toEqual([...rows.keys()]);
        expect(cursor).toBe(seconds.length ? at(Math.max(...seconds)) : null);
        expect(calls.count).toBeLessThan(2 * (seconds.length / perPage) + 3 + seconds.length);
      }),
      { numRuns: 300 },
    );
  });

  it('does not skip the record that slides into the place of one changed during the walk', async () => {
    const rows = new Map(Array.from({ length: 10 }, (_, index) => [index + 1, { id: index + 1, updated_at: at(index + 1) }]));
    const handled: number[] = [];
    await walkUpdatedSince(null, listOf(rows, 3, { count: 0 }), async (items) => {
      handled.push(...items.map((item) => item.id));
      // Record 1 changes right after the first page was read: numbered pages would now skip record 4.
      if (handled.length === 3) rows.set(1, { id: 1, updated_at: at(30) });
    });
    expect(new Set(handled)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(handled.filter((id) => id === 1)).toHaveLength(2);
  });

  it('starts after the cursor it is given', async () => {
    const rows = new Map([1, 2, 3].map((id) => [id, { id, updated_at: at(id) }]));
    const handled: number[] = [];
    expect(await walkUpdatedSince(at(2), listOf(rows, 5, { count: 0 }), async (items) => void handled.push(...items.map((i) => i.id)))).toBe(at(3));
    expect(handled).toEqual([3]);
  });
});
