import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';
import { EventTypes, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { testConnection } from '../../support/kafka-test-kit';

interface HeldEndpoint {
  clientId: string;
  disabledAt: string | null;
  reason: string | null;
  notBefore: string | null;
  held: number;
}

/**
 * Standard Webhooks' status handling at the level of a client's endpoint, against the sandbox ServiceNow over HTTP:
 * a 410 Gone stops every delivery to that client until an operator re-enables it; a 429 with Retry-After pauses
 * the endpoint, the client's other tickets included.
 */
describe('notifier: an endpoint that answers 410 is disabled, one that answers 429 is slowed', () => {
  let bridge: Bridge;
  const bus = new KafkaMessageBus({ ...testConnection(), clientId: 'endpoint-throttling-test', partitions: 3 });
  const admin = () => ({ headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true });
  const publish = (...events: ReturnType<typeof note>[]) => bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, events);
  const note = (client: string, ticket: string, text: string) =>
    createEvent(EventTypes.CommentAdded, { clientId: client, externalSourceId: ticket, origin: 'tangoe', commentId: `${ticket}-${text}`, text, visibility: 'public', createdAt: new Date().toISOString() }, { source: 'test' });
  const heldEndpoint = async (clientId: string) => ((await axios.get(`${bridge.notifierUrl}/admin/endpoints`, admin())).data as HeldEndpoint[]).find((e) => e.clientId === clientId);
  const journal = (client: string, sysId: string) => bridge.sandbox.servicenow.get(client).journalOf(sysId).map((entry) => entry.value);

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['gone', 'other', 'slow'], notifier: true, gateway: false, env: { POLL_ENABLED: 'false', RECONCILE_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await bus.close();
    await bridge.close();
  });

  it("410 holds every delivery of that client, not another client's, until re-enabled; then each goes once, in order", async () => {
    const gone = bridge.sandbox.servicenow.get('gone');
    const [first, second] = [gone.insert('incident', { short_description: 'a' }, 'ann.smith'), gone.insert('incident', { short_description: 'b' }, 'ann.smith')];
    const elsewhere = bridge.sandbox.servicenow.get('other').insert('incident', { short_description: 'c' }, 'ann.smith');
    gone.failures = { status: 410, remaining: 1 };

    await publish(note('gone', first.number, 'one'));
    const disabled = await waitFor(() => heldEndpoint('gone'), { description: 'the endpoint disabled' });
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.reason).toMatch(/^endpoint answered 410 Gone at \d{4}-\d\d-\d\dT.*re-enables it \(POST \/admin\/endpoints\/gone\/enable\)$/);
    const callsWhenGone = gone.calls.length;
    expect(gone.calls.map((call) => call.status)).toEqual([410]);

    // Later deliveries of the client, on the same ticket and on another, are held; another client's are not.
    await publish(note('gone', first.number, 'two'), note('gone', second.number, 'three'));
    await waitFor(async () => (await heldEndpoint('gone'))?.held === 3, { description: 'the three deliveries queued and held' });
    await publish(note('other', elsewhere.number, 'meanwhile'));
    await waitFor(() => journal('other', elsewhere.sys_id).length === 1, { description: "the other client's delivery" });
    // Many of the worker's polls (50 ms) later, still nothing went to the disabled endpoint.
    await sleep(500);
    expect(gone.calls.length).toBe(callsWhenGone);
    const parked = (await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, admin())).data as Array<{ clientId: string; externalSourceId: string; error: string }>;
    expect(parked.filter((d) => d.clientId === 'gone')).toEqual([expect.objectContaining({ externalSourceId: first.number, error: disabled.reason })]);

    const enabled = await axios.post(`${bridge.notifierUrl}/admin/endpoints/gone/enable`, null, admin());
    expect({ status: enabled.status, data: enabled.data }).toEqual({ status: 200, data: { clientId: 'gone', status: 'enabled', requeued: 1 } });
    await waitFor(() => journal('gone', first.sys_id).length === 2 && journal('gone', second.sys_id).length === 1, { description: 'the held deliveries' });
    await sleep(300);
    expect(journal('gone', first.sys_id)).toEqual(['one', 'two']);
    expect(journal('gone', second.sys_id)).toEqual(['three']);
    expect(gone.calls.filter((call) => call.method === 'PATCH').map((call) => call.status)).toEqual([200, 200, 200]);
    expect(await heldEndpoint('gone')).toBeUndefined();
    expect((await axios.post(`${bridge.notifierUrl}/admin/endpoints/gone/enable`, null, admin())).data.error).toBe('not_disabled');
  });

  it("429 with Retry-After pauses the whole endpoint: the client's next attempts, on any ticket, wait at least that long", async () => {
    const slow = bridge.sandbox.servicenow.get('slow');
    const [limited, next] = [slow.insert('incident', { short_description: 'a' }, 'ann.smith'), slow.insert('incident', { short_description: 'b' }, 'ann.smith')];
    // The sandbox answers its failures on demand with `Retry-After: 1` for a 429.
    slow.failures = { status: 429, remaining: 1 };
    const retryAfterMs = 1_000;

    // Attempt times as the notifier recorded them (the database's clock), never an upper bound.
    const attemptsOf = async (ticket: string) =>
      ((await axios.get(`${bridge.notifierUrl}/admin/tickets/slow/${ticket}/deliveries`, admin())).data as Array<{ attempts_log: Array<{ started_at: string; status_code: number | null }> }>)[0]?.attempts_log ?? [];

    await publish(note('slow', limited.number, 'first'));
    // The attempt's answer is committed after the endpoint's pause: once it shows, the pause is in force.
    await waitFor(async () => (await attemptsOf(limited.number))[0]?.status_code === 429, { description: 'the 429 recorded' });
    await publish(note('slow', next.number, 'other ticket'));
    await waitFor(() => journal('slow', limited.sys_id).length === 1 && journal('slow', next.sys_id).length === 1, { description: 'both delivered after the pause' });
    // The ITSM applies a note before the notifier commits the attempt's answer: wait for both answers recorded.
    const answered = async (ticket: string) => (await attemptsOf(ticket)).at(-1)?.status_code === 200;
    await waitFor(async () => (await answered(limited.number)) && (await answered(next.number)), { description: 'both answers recorded' });

    const [refused, retried] = await attemptsOf(limited.number);
    const [otherTicket] = await attemptsOf(next.number);
    expect([refused.status_code, retried.status_code, otherTicket.status_code]).toEqual([429, 200, 200]);
    const gap = (attempt: { started_at: string }) => Date.parse(attempt.started_at) - Date.parse(refused.started_at);
    expect(gap(retried)).toBeGreaterThanOrEqual(retryAfterMs);
    expect(gap(otherTicket)).toBeGreaterThanOrEqual(retryAfterMs);
  });
});
