import { Origin } from '@bridge/contracts';
import { adapterSpecKit, clone, fakeReadHttp } from '../adapter-spec-kit';
import { ZendeskAdapter } from './zendesk.adapter';
import { newestStatusAudit } from './zendesk-status-audit';
import vendorAudits from './reader-fixtures/vendor-api-audits.json';

const BRIDGE_USER = '900000001';
const CALLER = 422148930;
const adapter = new ZendeskAdapter();
const kit = adapterSpecKit(
  adapter,
  {
    inbound: { type: 'hmac', secret: { env: 'X' } },
    routing: [{ field: 'group_id', equals: '360001' }],
    mapping: { defaultRequestType: 'Tech Support', fallbacks: { requestorName: 'acme desk', requestorNumber: '+1 555 0100' } },
    outbound: { baseUrl: 'https://acme.zendesk.com', auth: { type: 'basic', username: 'bridge@acme.example/token', password: { env: 'P' } }, integrationUser: BRIDGE_USER },
  },
  new Date('2026-12-02T12:00:00Z'),
);

const ticket = { id: 35436, subject: 'Phone dead', description: 'Black screen.', status: 'solved', group_id: 360001, type: 'incident', requester_id: 1, created_at: '2026-12-02T10:00:00Z', updated_at: '2026-12-02T11:30:00Z' };
const audit = (id: number, author: number, at: string, events: unknown[]) => ({ id, ticket_id: ticket.id, author_id: author, created_at: at, events });
const statusChange = (from: string, to: string) => ({ id: 1, type: 'Change', field_name: 'status', previous_value: from, value: to });
const comment = { id: 2, type: 'Comment', body: 'thanks', public: true, author_id: CALLER };

/** The site as the reader reads it: the export of one ticket, its comments and its audits (newest first, as asked). */
function zendesk(audits: unknown, shown: Record<string, unknown> = ticket) {
  return fakeReadHttp({
    '/api/v2/incremental/tickets/cursor.json': { tickets: [shown], after_cursor: 'c1', end_of_stream: true },
    [`/api/v2/tickets/${ticket.id}.json`]: { ticket: shown },
    [`/api/v2/tickets/${ticket.id}/comments.json`]: { comments: [{ id: 8200001, body: 'Black screen.', author_id: CALLER, public: true, created_at: ticket.created_at }] },
    [`/api/v2/tickets/${ticket.id}/audits.json`]: audits,
  });
}

async function readChanged(site: ReturnType<typeof zendesk>) {
  const page = await adapter.reader.changedSince(site.http, kit.client, new Date('2026-12-02T09:00:00Z'), undefined, 100);
  return page.records.flatMap((read) => kit.eventsOfRead(read));
}

describe("ZendeskReader: who set a ticket's status, from its audits", () => {
  it("takes the caller's solve, read from the newest audit that set it, for the client's resolution", async () => {
    const site = zendesk({ audits: [audit(12, CALLER, '2026-12-02T11:30:00Z', [comment]), audit(11, CALLER, '2026-12-02T11:00:00Z', [statusChange('open', 'solved')]), audit(10, CALLER, '2026-12-02T10:00:00Z', [{ id: 3, type: 'Create', field_name: 'status', value: 'new' }])] });
    const events = await readChanged(site);
    expect(events.map((event) => event.type)).toEqual(['TicketOpened', 'StateChanged']);
    // The time of the solve, not of the ticket's last update: a later comment leaves the change's id alone.
    expect(events[1].data).toMatchObject({ state: 'resolved', origin: Origin.Client, changedAt: '2026-12-02T11:00:00.000Z' });
    expect(site.calls.find((call) => call.path.endsWith('/audits.json'))?.params).toEqual({ sort_order: 'desc' });
    const later = { ...ticket, updated_at: '2026-12-02T11:45:00Z' };
    expect((await readChanged(zendesk({ audits: [audit(11, CALLER, '2026-12-02T11:00:00Z', [statusChange('open', 'solved')])] }, later)))[1].id).toBe(events[1].id);
  });

  it("gives nothing for the bridge's own solve (Tangoe's close written back), though the caller wrote since", async () => {
    const site = zendesk({ audits: [audit(12, CALLER, '2026-12-02T11:30:00Z', [comment]), audit(11, Number(BRIDGE_USER), '2026-12-02T11:00:00Z', [statusChange('open', 'solved')])] });
    expect((await readChanged(site)).map((event) => event.type)).toEqual(['TicketOpened']);
  });

  it('gives nothing when no audit says who set the status: none listed, none setting it, or the ticket gone', async () => {
    for (const audits of [{ audits: [audit(12, CALLER, '2026-12-02T11:30:00Z', [comment])] }, { audits: [] }, undefined]) {
      expect((await readChanged(zendesk(audits))).map((event) => event.type)).toEqual(['TicketOpened']);
    }
  });

  it('asks for audits only of a ticket whose status ends it on the client side', async () => {
    const site = zendesk({ audits: [] }, { ...ticket, status: 'open' });
    await readChanged(site);
    expect(site.calls.map((call) => call.path)).toEqual(['/api/v2/incremental/tickets/cursor.json', `/api/v2/tickets/${ticket.id}/comments.json`]);
  });

  it('reads the setter on a doorbell read (readOne) too, and stops the run on an audit list it cannot read', async () => {
    const site = zendesk({ audits: [audit(11, CALLER, '2026-12-02T11:00:00Z', [statusChange('open', 'solved')])] });
    const read = await adapter.reader.readOne(site.http, kit.client, { key: String(ticket.id), id: String(ticket.id) });
    expect(kit.eventsOfRead(read!).map((event) => event.type)).toEqual(['TicketOpened', 'StateChanged']);
    await expect(readChanged(zendesk(503))).rejects.toMatchObject({ name: 'ReadFailed', retriable: true });
  });

  it('picks the newest status change by time and id, whatever order the audits come in', () => {
    const solvedByBridge = audit(11, Number(BRIDGE_USER), '2026-12-02T11:00:00Z', [statusChange('open', 'solved')]);
    const reopened = audit(12, CALLER, '2026-12-02T11:10:00Z', [statusChange('solved', 'open')]);
    const solvedAgain = audit(13, CALLER, '2026-12-02T11:10:00Z', [statusChange('open', 'solved')]);
    expect(newestStatusAudit([solvedByBridge, reopened, solvedAgain], 'solved')).toMatchObject({ id: 13, author_id: CALLER });
    expect(newestStatusAudit([solvedAgain, solvedByBridge], 'solved')).toMatchObject({ id: 13 });
    // Zendesk's own example of List Audits for a Ticket.
    expect(newestStatusAudit(clone(vendorAudits).audits, 'open')).toEqual({ id: 2127301143, author_id: 5246746, created_at: '2011-09-25T22:35:44Z' });
  });
});
