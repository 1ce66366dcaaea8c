import { Origin } from '@bridge/contracts';
import { adapterSpecKit, clone } from '../adapter-spec-kit';
import { renderUpdate } from '../outbound/render-update';
import { closeSentOnceAfterRefusal, fakeItsmHttp, sameNoteSentAndCounted } from '../outbound/outbound-spec-kit';
import { ZENDESK_TRIGGER_BODY } from './zendesk-defaults';
import { ZendeskAdapter } from './zendesk.adapter';
import commentAdded from './fixtures/comment-added.json';
import ticketSolved from './fixtures/ticket-solved.json';

const BRIDGE_USER = '900000001';
const { adapter, client, normalize, withClient, eventsOf, openingEvents, expectIgnored, refusedFields } = adapterSpecKit(new ZendeskAdapter(), {
  inbound: { type: 'hmac', secret: { env: 'X' }, header: 'X-Zendesk-Webhook-Signature', encoding: 'base64', timestampHeader: 'X-Zendesk-Webhook-Signature-Timestamp' },
  routing: [{ field: 'group', equals: 'Mobility' }],
  mapping: { defaultRequestType: 'Tech Support', requestTypes: { incident: 'Device Replacement' } },
  outbound: { baseUrl: 'https://acme.zendesk.com', auth: { type: 'basic', username: 'bridge@acme.example/token', password: { env: 'P' } }, integrationUser: BRIDGE_USER, assignmentGroup: '360001' },
});

describe('ZendeskAdapter', () => {
  it('turns a routed ticket and its comment into TicketOpened then CommentAdded, HTML as text', () => {
    const [opened, comment] = openingEvents(commentAdded);
    expect(opened.subject).toBe('acme:35436');
    expect(opened.data).toMatchObject({ itsm: 'zendesk', title: "Mon téléphone ne s'allume plus", description: 'Since this morning the screen stays black.', openedAt: '2026-12-02T10:00:00.000Z' });
    expect(opened.data.supportRequest).toMatchObject({ requestorName: 'Ann Smith', requestorNumber: '+1 555 123 4567', requestType: 'Device Replacement', employeeId: '10001' });
    expect(comment.data).toMatchObject({ commentId: '8200001', text: 'It also gets hot 🔥\nZürich office & desk 4', visibility: 'public', author: 'Ann Smith' });
    const internal = clone(commentAdded);
    internal.comment.public = 'false';
    expect(eventsOf(internal)[1].data).toMatchObject({ visibility: 'internal' });
  });

  it('turns solved into a client-side resolution, and optional fields may be missing', () => {
    const events = eventsOf(ticketSolved);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(events[1].data).toMatchObject({ state: 'resolved', origin: Origin.Client, changedAt: '2026-12-02T11:00:00.000Z' });
  });

  it('drops the echo of its own writes and tickets the routing leaves out', () => {
    const echo = clone(commentAdded);
    echo.current_user_id = BRIDGE_USER;
    const elsewhere = clone(commentAdded);
    elsewhere.ticket.group = 'Facilities';
    expectIgnored({ echo, createdByBridge: { ...clone(commentAdded), event: 'ticket.created', comment: undefined, current_user_id: BRIDGE_USER }, notRouted: elsewhere });
  });

  it('refuses what it cannot read, naming the field', () => {
    expect(refusedFields({ event: 'ticket.deleted', ticket: { id: '1' } })).toEqual(['event']);
    expect(refusedFields({ ...commentAdded, ticket: { ...commentAdded.ticket, id: '{{ticket.id}}' } })).toEqual(['ticket.id']);
    expect(refusedFields({ ...commentAdded, comment: undefined })).toEqual(['comment']);
    const noPhone = clone(ticketSolved) as { ticket: { requester: Record<string, unknown> } };
    delete noPhone.ticket.requester.phone;
    expect(refusedFields(noPhone)).toEqual(['ticket.requester.phone']);
  });

  it('documents a trigger body that parses once Zendesk fills it', () => {
    const filled = ZENDESK_TRIGGER_BODY.replace(/\{\{[^}]+\}\}/g, '1');
    expect(() => JSON.parse(filled)).not.toThrow();
  });

  it('renders Tangoe\'s updates as one PUT of the Tickets API', () => {
    const outbound = adapter.outbound;
    const base = { clientId: 'acme', externalSourceId: '35436', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
    const close = renderUpdate({ ...base, kind: 'close', text: 'Replacement shipped.' }, client, outbound);
    expect(outbound.preview(close, client).at(-1)).toEqual({ method: 'PUT', url: 'https://acme.zendesk.com/api/v2/tickets/35436.json', body: { ticket: { comment: { body: 'Replacement shipped.', public: false }, status: 'solved' } } });
    expect(renderUpdate({ ...base, kind: 'awaiting_customer_response' }, client, outbound).body).toMatchObject({ status: 'pending' });
    expect(renderUpdate({ ...base, kind: 'externally_queued' }, client, outbound).body).toMatchObject({ status: 'hold' });
    expect(outbound.preview(renderUpdate({ ...base, kind: 'reassign' }, client, outbound), client).at(-1)?.body).toMatchObject({ ticket: { group_id: 360001 } });
  });

  describe('event-subscription webhooks (zen:event-type:ticket.*)', () => {
    // Zendesk's event body names the group and the requester by id only: such a client routes by group_id and has fallbacks.
    const eventsClient = withClient({ routing: [{ field: 'group_id', equals: '1' }], mapping: { ...client.mapping, fallbacks: { requestorName: 'Zendesk requester', requestorNumber: '0000' } } });
    const event = (type: string, change: object, detail: object = {}) => ({
      type: `zen:event-type:ticket.${type}`,
      id: `evt-${type}`,
      time: '2026-12-02T10:00:00.123456789Z',
      subject: 'zen:ticket:4711',
      account_id: 1,
      zendesk_event_version: '2022-11-06',
      detail: { id: '4711', subject: 'Phone broken', description: 'Screen black', status: 'OPEN', priority: 'HIGH', type: 'INCIDENT', group_id: '1', actor_id: '900', requester_id: '901', updated_at: '2026-12-02T10:00:00Z', ...detail },
      event: change,
    });

    it('reads a comment, a status that ends the ticket, and nothing from other accounts events', () => {
      const comment = { comment: { id: '555', body: '<p>Any news?</p>', is_public: false, author: { id: '901', is_staff: false, name: 'Ann' } } };
      expect(normalize(event('comment_added', comment), eventsClient)).toMatchObject({
        kind: 'events',
        events: [{ type: 'TicketOpened', subject: 'acme:4711' }, { type: 'CommentAdded', data: { commentId: '555', text: 'Any news?', visibility: 'internal', author: 'Ann' } }],
      });
      const solved = normalize(event('status_changed', { current: 'SOLVED', previous: 'OPEN' }, { status: 'SOLVED' }), eventsClient);
      expect(solved).toMatchObject({ kind: 'events', events: [{ type: 'TicketOpened' }, { type: 'StateChanged', data: { state: 'resolved' } }] });
      const noFallbacks = withClient({ ...eventsClient, mapping: client.mapping });
      expect(() => normalize(event('created', {}), noFallbacks)).toThrow(/detail\.requester\.phone is required to open a Tangoe support request \(or a fallback in the client's mapping\.fallbacks\.requestorNumber\)/);
      const user = { ...event('created', {}), type: 'zen:event-type:user.active_changed' };
      expect(normalize(user)).toEqual({ kind: 'ignored', reason: 'zen:event-type:user.active_changed is not about a ticket' });
    });

    it("drops the bridge's own comment and a ticket it created", () => {
      const own = { comment: { id: '556', body: 'From Tangoe', is_public: true, author: { id: BRIDGE_USER, is_staff: true, name: 'Bridge' } } };
      expect(normalize(event('comment_added', own), eventsClient)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('echo') });
      expect(normalize(event('created', {}, { actor_id: BRIDGE_USER }), eventsClient)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('echo') });
    });
  });
});


describe('ZendeskOutbound after an earlier attempt', () => {
  const outbound = adapter.outbound;
  const base = { clientId: 'acme', externalSourceId: '35436', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
  const render = (kind: 'note' | 'close', text: string) => renderUpdate({ ...base, kind, text }, client, outbound);

  /** A Zendesk with ticket 35436: a PUT applies its comment and fields together, as Zendesk's Tickets API does. */
  function zendeskWith() {
    const ticket: Record<string, unknown> = { id: 35436, status: 'open', group_id: null };
    const comments: Array<{ body: string; author_id: string; created_at: string }> = [];
    const itsm = fakeItsmHttp({
      'GET /api/v2/tickets/35436/comments.json': () => ({ status: 200, data: { comments: [...comments].reverse() } }),
      'GET /api/v2/tickets/35436.json': () => ({ status: 200, data: { ticket } }),
      'PUT /api/v2/tickets/35436.json': ({ body }) => {
        const { comment, ...fields } = (body as { ticket: { comment?: { body: string } } }).ticket;
        if (comment) comments.push({ body: comment.body, author_id: BRIDGE_USER, created_at: new Date().toISOString() });
        Object.assign(ticket, fields);
        return { status: 200, data: { ticket } };
      },
    });
    return { ...itsm, ticket, comments };
  }

  it('does not take the note sent just before for a close carrying its text: the close is sent, and proven by the status', async () => {
    const zendesk = zendeskWith();
    await closeSentOnceAfterRefusal(outbound, client, zendesk.http, render, () => zendesk.failNext('PUT', 503), 200);
    expect(zendesk.ticket.status).toBe('solved');
    expect(zendesk.comments.map((comment) => comment.body)).toEqual(['Replaced.']);
  });

  it('writes a note in the same words as the one before, and decides a retry of it by how many there are', async () => {
    const zendesk = zendeskWith();
    await sameNoteSentAndCounted(outbound, client, zendesk.http, render, () => zendesk.comments.pop(), 200);
  });
});
