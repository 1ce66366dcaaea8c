import axios from 'axios';
import { topicNames } from '@bridge/contracts';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { bareKafka } from '../../support/kafka-test-kit';
import { incidentInserted } from '../../support/servicenow-payloads';
import { runCliCaptured as cli } from '../../../libs/cli/src/testing/run-captured';

interface Listed {
  id: string;
  line: string;
  service: string;
  key: string | null;
  clientId: string | null;
  externalSourceId: string | null;
  error: string;
  attempts: number;
  parkedAt: string | null;
}

/**
 * "Parked" is one thing for an operator: a ticket event Tangoe refused (the gateway's line), a delivery the client's
 * ITSM refused (the notifier's line) and a record the bus could not hand over (the gateway group's dead-letter
 * topic) are in one list, and each is replayed by its id, once.
 */
describe('parked: one list and one replay for ticket events, deliveries and dead letters', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme'], notifier: true });
    process.env.ADMIN_TOKEN = bridge.adminToken;
  });
  afterAll(() => bridge.close());

  const services = () => ['--gateway', bridge.gatewayUrl, '--notifier', bridge.notifierUrl];
  const list = async (): Promise<Listed[]> => {
    const { code, out, err } = await cli('parked', 'list', ...services());
    expect({ code, err }).toEqual({ code: 0, err: '' });
    return JSON.parse(out) as Listed[];
  };
  const requestsOf = (ticket: string) => bridge.sandbox.tangoe.supportRequestsOf('acme').filter((r) => r.external_source_id === ticket);

  it('lists one of each kind together, replays each through the CLI, and each is handled once', async () => {
    // A ticket Tangoe refuses: its caller is no person Tangoe knows.
    await bridge.postServiceNow('acme', incidentInserted('INC3000001', { caller_employee_number: '99999' }));
    // A specialist's note the client's ServiceNow refuses once (its PATCH answered 400).
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'Parked note', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => requestsOf(record.number)[0], { description: 'the support request of the noted ticket' });
    instance.failures = { status: 400, remaining: 1, method: 'PATCH' };
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'parked, then replayed' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    // A record on the gateway's topic that is no event at all: the bus parks it on the group's dead-letter topic.
    const producer = bareKafka().producer();
    await producer.connect();
    await producer.send({ topic: topicNames(process.env.TOPIC_NAMESPACE).clientEvents, messages: [{ key: 'acme:INC3000009', value: 'not an event' }] });
    await producer.disconnect();

    const parked = await waitFor(
      async () => {
        const items = await list();
        const ticket = items.find((item) => item.line === 'ticket_work' && item.externalSourceId === 'INC3000001');
        const delivery = items.find((item) => item.line === 'deliveries' && item.externalSourceId === record.number);
        const letter = items.find((item) => item.line === 'dead_letters' && item.key === 'acme:INC3000009');
        return ticket && delivery && letter ? { ticket, delivery, letter } : undefined;
      },
      { description: 'a parked ticket event, delivery and dead letter in the one list', timeoutMs: 60_000 },
    );
    expect(parked.ticket).toMatchObject({ id: expect.stringMatching(/^ticket_work:\d+$/), service: 'gateway', clientId: 'acme', key: 'acme:INC3000001', error: expect.stringMatching(/422.*employee_id/) });
    expect(parked.delivery).toMatchObject({ id: expect.stringMatching(/^deliveries:\d+$/), service: 'notifier', clientId: 'acme', error: expect.stringMatching(/HTTP 400/) });
    expect(parked.letter).toMatchObject({ id: expect.stringMatching(/^dead_letters:.+\.dlt\..+:\d+:\d+$/), service: 'gateway', clientId: 'acme', externalSourceId: 'INC3000009', attempts: 0, error: expect.stringMatching(/^invalid_event: /) });
    for (const item of Object.values(parked)) expect(Date.parse(item.parkedAt ?? '')).not.toBeNaN();

    // The same list at each service's own route, and closed without the token.
    const admin = { headers: { authorization: `Bearer ${bridge.adminToken}` } };
    expect(((await axios.get(`${bridge.gatewayUrl}/admin/parked`, admin)).data as Listed[]).map((item) => item.id)).toEqual(expect.arrayContaining([parked.ticket.id, parked.letter.id]));
    expect(((await axios.get(`${bridge.notifierUrl}/admin/parked`, admin)).data as Listed[]).map((item) => item.id)).toContain(parked.delivery.id);
    expect((await axios.get(`${bridge.notifierUrl}/admin/parked`, { validateStatus: () => true })).status).toBe(401);

    // The cause of the ticket's refusal is fixed at Tangoe; each item is replayed by its id alone.
    bridge.sandbox.tangoe.store.people.push({ id: 1999998, name_first: 'New', name_last: 'Hire', email: 'hire@sandbox.com', employee_id: '99999', group_name: 'A' });
    const replay = async (id: string) => {
      const { code, out, err } = await cli('parked', 'replay', id, ...services());
      expect({ code, err }).toEqual({ code: 0, err: '' });
      return JSON.parse(out) as { id: string; line: string; status: string; service: string };
    };
    expect(await replay(parked.ticket.id)).toMatchObject({ id: parked.ticket.id, line: 'ticket_work', status: 'linked', service: 'gateway' });
    expect(await replay(parked.delivery.id)).toMatchObject({ id: parked.delivery.id, line: 'deliveries', status: 'pending', service: 'notifier' });
    expect(await replay(parked.letter.id)).toMatchObject({ id: parked.letter.id, line: 'dead_letters', status: 'republished', service: 'gateway' });

    await waitFor(() => requestsOf('INC3000001').length === 1, { description: 'the replayed ticket at Tangoe' });
    await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'parked, then replayed'), { description: 'the replayed note at the ITSM' });
    // The republished record was read again by the gateway's group, once, and parked again as a new dead letter.
    const again = await waitFor(
      async () => {
        const letters = (await list()).filter((item) => item.key === 'acme:INC3000009');
        return letters.length > 0 ? letters : undefined;
      },
      { description: 'the republished record parked again', timeoutMs: 60_000 },
    );
    expect(again).toHaveLength(1);
    expect(again[0].id).not.toBe(parked.letter.id);

    // None is listed or replayed twice.
    const ids = new Set((await list()).map((item) => item.id));
    for (const item of Object.values(parked)) {
      expect(ids.has(item.id)).toBe(false);
      const twice = await cli('parked', 'replay', item.id, ...services());
      expect(twice).toMatchObject({ code: 2, err: expect.stringContaining(`nothing parked has the id ${item.id}`) });
    }
    await bridge.quiescent();
    expect(requestsOf('INC3000001')).toHaveLength(1);
    expect(instance.journalOf(record.sys_id).filter((entry) => entry.value === 'parked, then replayed')).toHaveLength(1);
    expect((await list()).filter((item) => item.key === 'acme:INC3000009')).toHaveLength(1);
  });
});
