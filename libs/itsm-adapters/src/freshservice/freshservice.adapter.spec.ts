import { Origin } from '@bridge/contracts';
import { adapterSpecKit, clone } from '../adapter-spec-kit';
import { renderUpdate } from '../outbound/render-update';
import { closeSentOnceAfterRefusal, fakeItsmHttp, retryAfter, sameNoteSentAndCounted } from '../outbound/outbound-spec-kit';
import { MAX_CONVERSATION_PAGES, conversationsOf } from './freshservice-conversations';
import { FRESHSERVICE_WEBHOOK_BODY } from './freshservice-defaults';
import { FreshserviceAdapter } from './freshservice.adapter';
import noteAdded from './fixtures/note-added.json';
import ticketResolved from './fixtures/ticket-resolved.json';

const BRIDGE_AGENT = '27000000001';
const { adapter, client, withClient, eventsOf, openingEvents, expectIgnored, refusedFields } = adapterSpecKit(new FreshserviceAdapter(), {
  inbound: { type: 'basic', username: 'freshservice', password: { env: 'X' } },
  routing: [{ field: 'group', equals: 'Mobility' }],
  mapping: { defaultRequestType: 'Tech Support', requestTypes: { 'Hardware/Mobile': 'Device Replacement' } },
  outbound: { baseUrl: 'https://acme.freshservice.com', auth: { type: 'basic', username: 'api-key', password: { env: 'P' } }, integrationUser: BRIDGE_AGENT, assignmentGroup: '27000000050' },
});

describe('FreshserviceAdapter', () => {
  it('turns a routed ticket and its note into TicketOpened then CommentAdded, HTML as text', () => {
    const [opened, note] = openingEvents(noteAdded);
    expect(opened.subject).toBe('acme:4521');
    expect(opened.data.description).toBe("My phone's hotspot drops every 5 minutes.\nBüro München");
    expect(opened.data.supportRequest).toMatchObject({ requestorName: 'Ann Smith', requestorNumber: '5551234567', requestType: 'Device Replacement', employeeId: '10001' });
    expect(note.data).toMatchObject({ commentId: '27000987654', text: 'Tried another SIM — same.', visibility: 'internal', author: 'Ann Smith' });
  });

  it('turns 4 Resolved into a client-side resolution; optional fields may be missing', () => {
    const events = eventsOf(ticketResolved);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(events[1].data).toMatchObject({ state: 'resolved', origin: Origin.Client });
    const pending = clone(ticketResolved);
    pending.ticket.status = '3';
    expect(eventsOf(pending).map((e) => e.type)).toEqual(['TicketOpened']);
  });

  it('drops its own agent\'s changes and tickets the routing leaves out, and names what it cannot read', () => {
    const echo = clone(noteAdded);
    echo.note.user_id = BRIDGE_AGENT;
    const elsewhere = clone(noteAdded);
    elsewhere.ticket.group = 'Facilities';
    expectIgnored({ echo, createdByBridge: { ...clone(noteAdded), event: 'ticket.created', note: undefined, actor_id: BRIDGE_AGENT }, notRouted: elsewhere });
    expect(refusedFields({ ...ticketResolved, ticket: { ...ticketResolved.ticket, status: 'Resolved' } })).toEqual(['ticket.status']);
    expect(refusedFields({ ...noteAdded, note: undefined })).toEqual(['note']);
  });

  it('documents a webhook body that parses once Freshservice fills it', () => {
    expect(() => JSON.parse(FRESHSERVICE_WEBHOOK_BODY.replace(/\{\{[^}]+\}\}/g, '1'))).not.toThrow();
  });

  it('renders a note and numeric status codes, and strips read-only fields before sending', () => {
    const outbound = adapter.outbound;
    const base = { clientId: 'acme', externalSourceId: '4521', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
    const close = renderUpdate({ ...base, kind: 'close', text: 'Replacement <shipped>.' }, client, outbound);
    expect(outbound.preview(close, client)).toEqual([
      { method: 'PUT', url: 'https://acme.freshservice.com/api/v2/tickets/4521', body: { status: 5 } },
      { method: 'GET', url: 'https://acme.freshservice.com/api/v2/tickets/4521/conversations?per_page=100&page={1, 2, …}', body: undefined },
      { method: 'POST', url: 'https://acme.freshservice.com/api/v2/tickets/4521/notes', body: { body: 'Replacement &lt;shipped&gt;.', private: true } },
    ]);
    const copying = withClient({ outbound: { ...client.outbound, templates: { awaiting_customer_response: '{"fields": {"id": 4521, "status": "3", "created_at": "x", "urgency": 2}}' } } as typeof client.outbound });
    expect(outbound.preview(renderUpdate({ ...base, kind: 'awaiting_customer_response' }, copying, outbound), copying)[0].body).toEqual({ status: 3, urgency: 2 });
    expect(outbound.preview(renderUpdate({ ...base, kind: 'reassign' }, client, outbound), client)[0].body).toEqual({ group_id: 27000000050 });
  });
});

describe('FreshserviceOutbound after an earlier attempt', () => {
  const outbound = adapter.outbound;
  const base = { clientId: 'acme', externalSourceId: '4521', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
  const render = (kind: 'note' | 'close', text: string) => renderUpdate({ ...base, kind, text }, client, outbound);

  /** A Freshservice with ticket 4521: its conversations paged as Freshservice pages them, a `link` header while more remain. */
  function freshserviceWith(conversations: Array<{ body_text: string; user_id: string; created_at: string }> = []) {
    const ticket: Record<string, unknown> = { id: 4521, status: 2 };
    const itsm = fakeItsmHttp({
      'GET /api/v2/tickets/4521/conversations': ({ params }) => {
        const perPage = Math.min(Number(params.per_page ?? 30), 100);
        const page = Number(params.page ?? 1);
        const headers: Record<string, string> = page * perPage < conversations.length ? { link: `<https://acme.freshservice.com/api/v2/tickets/4521/conversations?page=${page + 1}&per_page=${perPage}>; rel="next"` } : {};
        return { status: 200, data: { conversations: conversations.slice((page - 1) * perPage, page * perPage) }, headers };
      },
      'GET /api/v2/tickets/4521': () => ({ status: 200, data: { ticket } }),
      'PUT /api/v2/tickets/4521': ({ body }) => {
        Object.assign(ticket, body);
        return { status: 200, data: { ticket } };
      },
      'POST /api/v2/tickets/4521/notes': ({ body }) => {
        conversations.push({ body_text: (body as { body: string }).body, user_id: BRIDGE_AGENT, created_at: new Date().toISOString() });
        return { status: 201, data: {} };
      },
    });
    return { ...itsm, ticket, conversations, notesWritten: () => itsm.calls.filter((call) => call === 'POST /api/v2/tickets/4521/notes').length };
  }

  it('does not take the note sent just before for a close carrying its text: the close is sent, and proven by the status', async () => {
    const fs = freshserviceWith();
    await closeSentOnceAfterRefusal(outbound, client, fs.http, render, () => fs.failNext('PUT', 503), 200);
    expect(fs.ticket.status).toBe(5);
    expect(fs.notesWritten()).toBe(1);
  });

  it('writes a note in the same words as the one before, and decides a retry of it by how many there are', async () => {
    const fs = freshserviceWith();
    await sameNoteSentAndCounted(outbound, client, fs.http, render, () => fs.conversations.pop(), 201);
    expect(fs.notesWritten()).toBe(2);
  });

  it('reads every page of a long conversation: the note on its last page is found, and not written twice', async () => {
    const since = new Date();
    const requester = (n: number) => ({ body_text: `reply ${n}`, user_id: '27000123456', created_at: new Date(since.getTime() - 3_600_000).toISOString() });
    const fs = freshserviceWith([...Array.from({ length: 250 }, (_, n) => requester(n)), { body_text: 'Replaced.', user_id: BRIDGE_AGENT, created_at: new Date().toISOString() }]);
    const note = render('note', 'Replaced.');
    expect(await outbound.alreadyApplied!(fs.http, note, client, retryAfter([], since))).toBe(true);
    expect(fs.calls.filter((call) => call.endsWith('/conversations'))).toHaveLength(3);
    expect(await outbound.send(fs.http, note, client, {}, retryAfter([], since))).toMatchObject({ status: 200, body: 'nothing to send' });
    expect(fs.notesWritten()).toBe(0);
  });
});

describe('conversationsOf: Freshservice pages a ticket\'s conversations', () => {
  const answer = (count: number, link?: string) => ({ status: 200, data: { conversations: Array.from({ length: count }, (_, n) => n) }, headers: link ? { link } : {} });

  it('follows the link header, or with none, full pages; and stops at its bound', async () => {
    const pages: number[] = [];
    const byLink = await conversationsOf(async ({ page }) => (pages.push(page), answer(page < 2 ? 100 : 7, page < 2 ? '<…?page=2>; rel="next"' : undefined)));
    expect(byLink).toEqual({ conversations: expect.any(Array), complete: true });
    expect(pages).toEqual([1, 2]);
    const byCount = await conversationsOf(async ({ page }) => answer(page < 3 ? 100 : 0));
    expect(byCount).toMatchObject({ complete: true });
    expect((byCount as { conversations: unknown[] }).conversations).toHaveLength(200);
    const endless = await conversationsOf(async () => answer(100));
    expect(endless).toMatchObject({ complete: false });
    expect((endless as { conversations: unknown[] }).conversations).toHaveLength(100 * MAX_CONVERSATION_PAGES);
    expect(await conversationsOf(async () => ({ status: 429, data: {}, headers: {} }))).toEqual({ failed: { status: 429, data: {}, headers: {} } });
  });
});
