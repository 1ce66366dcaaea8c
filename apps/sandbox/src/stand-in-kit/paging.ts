/** A `page` as the vendors read it (Zendesk's audits, Freshservice's conversations): a whole number from 1, else the first. */
export function pageNumber(raw: string | undefined): number {
  return Math.max(1, Math.floor(Number(raw ?? 1)) || 1);
}

/** One page of an offset-paged list, from `from` on, and whether more follow it. */
export function pageOf<T>(items: readonly T[], from: number, size: number): { items: T[]; more: boolean } {
  return { items: items.slice(from, from + size), more: from + size < items.length };
}
