import { Origin } from '@bridge/contracts';
import { adapterSpecKit, fakeReadHttp } from '../adapter-spec-kit';
import { FreshserviceAdapter } from './freshservice.adapter';
import { newestStatusActivity } from './freshservice-status-activity';

const BRIDGE_AGENT = '27000000001';
const REQUESTER = 27000123456;
const adapter = new FreshserviceAdapter();
const kit = adapterSpecKit(
  adapter,
  {
    inbound: { type: 'basic', username: 'freshservice', password: { env: 'X' } },
    routing: [{ field: 'group', equals: 'Mobility' }],
    mapping: { defaultRequestType: 'Tech Support', fallbacks: { requestorName: 'acme desk', requestorNumber: '+1 555 0100' } },
    outbound: { baseUrl: 'https://acme.freshservice.com', auth: { type: 'basic', username: 'api-key', password: { env: 'P' } }, integrationUser: BRIDGE_AGENT },
  },
  new Date('2026-12-02T12:00:00Z'),
);

const ticket = { id: 4521, subject: 'Phone dead', description: 'Black screen.', status: 5, priority: 1, group: 'Mobility', created_at: '2026-12-02T10:00:00Z', updated_at: '2026-12-02T11:30:00Z' };
const activity = (actor: number, at: string, content: string, subContents: unknown[] = []) => ({ actor: { id: actor, name: actor === REQUESTER ? 'Ann Smith' : 'Tangoe Bridge' }, content, sub_contents: subContents, created_at: at });

/** The account as the reader reads it: the list of one ticket, its conversations and its activities (newest first). */
function freshservice(activities: unknown, shown: Record<string, unknown> = ticket) {
  return fakeReadHttp({
    '/api/v2/tickets': { tickets: [shown] },
    [`/api/v2/tickets/${ticket.id}`]: { ticket: shown },
    [`/api/v2/tickets/${ticket.id}/conversations`]: { conversations: [] },
    [`/api/v2/tickets/${ticket.id}/activities`]: activities,
  });
}

async function readChanged(site: ReturnType<typeof freshservice>, client = kit.client) {
  const page = await adapter.reader.changedSince(site.http, client, new Date('2026-12-02T09:00:00Z'), undefined, 100);
  return page.records.flatMap((read) => kit.eventsOfRead(read, client));
}

describe("FreshserviceReader: who set a ticket's status, from its activities", () => {
  it("takes the requester's close, read from the newest activity that set it, for the client's close", async () => {
    const site = freshservice({
      activities: [activity(REQUESTER, '2026-12-02T11:30:00Z', ' added a public note'), activity(REQUESTER, '2026-12-02T11:00:00Z', ' set Status as Closed'), activity(REQUESTER, '2026-12-02T10:00:00Z', 'created ticket for Ann Smith,  set Status as Open, set Urgency as Low')],
    });
    const events = await readChanged(site);
    expect(events.map((event) => event.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(events[1].data).toMatchObject({ state: 'closed', origin: Origin.Client, changedAt: '2026-12-02T11:00:00.000Z' });
  });

  it("gives nothing for the bridge's own close (Tangoe's close written back), though the requester wrote since", async () => {
    const site = freshservice({ activities: [activity(REQUESTER, '2026-12-02T11:30:00Z', ' added a public note'), activity(Number(BRIDGE_AGENT), '2026-12-02T11:00:00Z', ' set Status as Closed')] });
    expect((await readChanged(site)).map((event) => event.type)).toEqual(['TicketOpened']);
  });

  it('gives nothing when no activity says who set the status: none setting it, another status set, or the ticket gone', async () => {
    for (const activities of [{ activities: [activity(REQUESTER, '2026-12-02T11:30:00Z', ' added a public note')] }, { activities: [activity(REQUESTER, '2026-12-02T11:00:00Z', ' set Status as Resolved')] }, undefined]) {
      expect((await readChanged(freshservice(activities))).map((event) => event.type)).toEqual(['TicketOpened']);
    }
  });

  it('asks only about a status that ends the ticket and that the activities name: not 2 Open, not a custom status', async () => {
    for (const [status, client] of [[2, kit.client], [6, kit.withClient({ mapping: { ...kit.client.mapping, clientStates: { '6': 'canceled' } } })]] as const) {
      const site = freshservice({ activities: [] }, { ...ticket, status });
      await readChanged(site, client);
      expect(site.calls.map((call) => call.path)).toEqual(['/api/v2/tickets', `/api/v2/tickets/${ticket.id}/conversations`]);
    }
  });

  it('reads the setter on a doorbell read (readOne) too', async () => {
    const site = freshservice({ activities: [activity(REQUESTER, '2026-12-02T11:00:00Z', ' set Status as Closed')] });
    const read = await adapter.reader.readOne(site.http, kit.client, { key: String(ticket.id), id: String(ticket.id) });
    expect(kit.eventsOfRead(read!).map((event) => event.type)).toEqual(['TicketOpened', 'StateChanged']);
  });

  it('finds the status in sub_contents too, in any case, not in another field named Status, and not when two people set it at once', () => {
    expect(newestStatusActivity([activity(REQUESTER, '2026-12-02T11:00:00Z', 'updated the ticket', [' set Priority as High', { content: ' set status as CLOSED' }])], 'Closed')).toMatchObject({ actor: { id: REQUESTER } });
    expect(newestStatusActivity([activity(REQUESTER, '2026-12-02T11:00:00Z', ' set Approval Status as Closed')], 'Closed')).toBeUndefined();
    const both = [activity(REQUESTER, '2026-12-02T11:00:00Z', ' set Status as Closed'), activity(Number(BRIDGE_AGENT), '2026-12-02T11:00:00Z', ' set Status as Closed')];
    expect(newestStatusActivity(both, 'Closed')).toBeUndefined();
    expect(newestStatusActivity([both[1], activity(REQUESTER, '2026-12-02T11:05:00Z', ' set Status as Closed')], 'Closed')).toMatchObject({ actor: { id: REQUESTER }, created_at: '2026-12-02T11:05:00Z' });
  });
});
