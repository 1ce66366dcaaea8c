/** An answer of Freshservice's API as the pager needs it: an axios response or a reconciliation read. */
export interface ConversationsAnswer {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

/** The largest page Freshservice serves (`per_page` at most 100; 30 when not asked). */
export const CONVERSATIONS_PER_PAGE = 100;

/**
 * How many pages a ticket's conversations are read to: 5,000 conversations. A ticket with more is one no person
 * reads through, and the bound keeps one delivery's check from walking without end.
 */
export const MAX_CONVERSATION_PAGES = 50;

export type ConversationsRead<A> = { conversations: unknown[]; complete: boolean; failed?: undefined } | { failed: A };

/**
 * A ticket's conversations, every page of them (List All Conversations of a Ticket, `GET /api/v2/tickets/{id}/
 * conversations`: oldest first, `page` from 1, `per_page` up to 100). The newest, what a check after a send looks
 * for, are on the last page, so one page is not enough on a long ticket. A next page is asked while the `link`
 * header names one (`rel="next"`), or, with no `link` header, while pages come back full. `complete` is false when
 * `MAX_CONVERSATION_PAGES` were read and more remain; an answer other than 200 is passed on as `failed`.
 */
export async function conversationsOf<A extends ConversationsAnswer>(get: (params: { page: number; per_page: number }) => Promise<A>): Promise<ConversationsRead<A>> {
  const conversations: unknown[] = [];
  for (let page = 1; page <= MAX_CONVERSATION_PAGES; page += 1) {
    const answer = await get({ page, per_page: CONVERSATIONS_PER_PAGE });
    if (answer.status !== 200) return { failed: answer };
    const listed = (answer.data as { conversations?: unknown } | undefined)?.conversations;
    const items = Array.isArray(listed) ? listed : [];
    conversations.push(...items);
    if (!hasNextPage(answer.headers, items.length)) return { conversations, complete: true };
  }
  return { conversations, complete: false };
}

function hasNextPage(headers: Record<string, unknown>, count: number): boolean {
  const link = headers.link ?? headers.Link;
  if (typeof link === 'string') return /rel="?next"?/.test(link);
  return count >= CONVERSATIONS_PER_PAGE;
}
