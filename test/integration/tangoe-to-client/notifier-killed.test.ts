import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { EventEnvelope, EventTypes, TicketState, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { spawnService } from '../../support/spawn-service';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { testConnection } from '../../support/kafka-test-kit';

/** A `^` separates an encoded query's conditions: the check after the restart must not put the text in one. */
const NOTE = 'written once ^ value=even with a caret';

describe('the notifier killed mid-delivery', () => {
  let bridge: Bridge;
  const notifiers: ChildProcess[] = [];
  const bus = new KafkaMessageBus({ ...testConnection(), clientId: 'notifier-kill', partitions: 3 });
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], gateway: false, env: { POLL_ENABLED: 'false' } })));
  const database = new Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => database.connect());
  afterAll(async () => {
    for (const notifier of notifiers) notifier.kill('SIGKILL');
    await database.end();
    await bus.close();
    await bridge.close();
  });

  /** The delivery's status in the notifier's log: the positive signal that it is done, before checking what it did. */
  async function deliveryStatus(eventId: string): Promise<string | undefined> {
    const { rows } = await database.query<{ status: string }>(`select status from ${process.env.DATABASE_SCHEMA_PREFIX}_outbound_notifier.deliveries where event_id = $1`, [eventId]);
    return rows[0]?.status;
  }

  /**
   * An update from Tangoe to a new incident, with the notifier SIGKILLed the moment the ITSM has stored it, before it
   * hears back: its attempt stays `sending`, the update is in the record once.
   */
  async function storedThenKilled(shortDescription: string, eventOf: (number: string) => EventEnvelope) {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: shortDescription }, 'ann.smith');
    const first = spawnService('outbound-notifier');
    notifiers.push(first.child);
    instance.onUpdated = () => {
      instance.onUpdated = undefined;
      first.child.kill('SIGKILL');
    };
    const event = eventOf(record.number);
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [event]);
    expect(await first.exited).toBe('SIGKILL');
    expect(instance.journalOf(record.sys_id)).toHaveLength(1);
    return { instance, record, event };
  }

  /** The notifier SIGKILLed as the delivery's first call arrives: its attempt is recorded as sending, nothing is written. */
  async function killedAtFirstCall(instance: ReturnType<Bridge['sandbox']['servicenow']['get']>, event: EventEnvelope) {
    const first = spawnService('outbound-notifier');
    notifiers.push(first.child);
    instance.onCall = () => {
      instance.onCall = undefined;
      first.child.kill('SIGKILL');
    };
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [event]);
    expect(await first.exited).toBe('SIGKILL');
  }

  const stateChange = (number: string, state: TicketState, changeId: string, note?: string) =>
    createEvent(EventTypes.StateChanged, { clientId: 'acme', subjectKind: 'ticket', externalSourceId: number, origin: 'tangoe', state, changedAt: new Date().toISOString(), changeId: `${changeId}:${number}`, note }, { source: 'test' });

  const noteStoredThenKilled = (shortDescription: string, commentId: string, text: string) =>
    storedThenKilled(shortDescription, (number) =>
      createEvent(EventTypes.CommentAdded, { clientId: 'acme', externalSourceId: number, origin: 'tangoe', commentId, text, visibility: 'public', createdAt: new Date().toISOString() }, { source: 'test' }),
    );

  it('after a restart, still writes the note once: the ITSM is asked before the note is sent again, a caret in the text included', async () => {
    const { instance, record, event } = await noteStoredThenKilled('kill me', 'k1', NOTE);
    const callsBefore = instance.calls.length;

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(async () => (await deliveryStatus(event.id)) === 'delivered', { description: 'the restarted notifier to finish the delivery', timeoutMs: 60_000 });
    expect(instance.calls.slice(callsBefore).some((call) => call.table === 'sys_journal_field')).toBe(true);
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual([NOTE]);
    expect(instance.calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
    await second.stop();
  });

  it('after a restart into a 503 storm, asks again until the ITSM can say, and does not send on a guess', async () => {
    const { instance, record, event } = await noteStoredThenKilled('storm after kill', 'k3', 'once, storm or not');
    const callsBefore = instance.calls.length;
    // The restarted notifier's check is answered 503 twice: taken as "not there", the note would be written again.
    instance.failures = { status: 503, remaining: 2 };

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(async () => (await deliveryStatus(event.id)) === 'delivered', { description: 'the restarted notifier to finish the delivery once the storm had passed', timeoutMs: 60_000 });
    const after = instance.calls.slice(callsBefore);
    expect(after.filter((call) => call.status === 503)).toHaveLength(2);
    expect(after.filter((call) => call.method === 'PATCH')).toHaveLength(0);
    expect(after.some((call) => call.table === 'sys_journal_field' && call.status === 200)).toBe(true);
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['once, storm or not']);
    await second.stop();
  });

  it("after a restart, does not write a state change again over the caller's later change: its note, written since the first attempt, proves it arrived", async () => {
    const { instance, record, event } = await storedThenKilled('answer me', (number) => stateChange(number, 'awaiting_customer_response', 'k4'));
    expect(instance.records.get(record.sys_id)!.state).toBe('3');
    // The caller reads the bridge's note and cancels before the notifier is back (the fault suite's 10,000-ticket
    // run saw the restarted notifier find state 8, not 3, take that for "not arrived" and write 3 over the cancel).
    instance.update('incident', record.sys_id, { state: '8' }, 'ann.smith');
    const callsBefore = instance.calls.length;

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(async () => (await deliveryStatus(event.id)) === 'delivered', { description: 'the restarted notifier to finish the delivery', timeoutMs: 60_000 });
    expect(instance.calls.slice(callsBefore).filter((call) => call.method === 'PATCH')).toHaveLength(0);
    expect(instance.records.get(record.sys_id)!.state).toBe('8');
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['Tangoe: Awaiting Customer Response.']);
    await second.stop();
  });

  it('after a restart, writes a note the bridge wrote once before in the same words: only an entry since the first attempt counts', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'again' }, 'ann.smith');
    instance.update('incident', record.sys_id, { work_notes: 'Tangoe: Awaiting Customer Response.' }, 'tangoe.bridge');
    // Written a minute before this delivery began.
    instance.journalOf(record.sys_id)[0].sys_created_on = new Date(Date.now() - 60_000).toISOString().slice(0, 19).replace('T', ' ');
    const again = stateChange(record.number, 'awaiting_customer_response', 'k5');
    await killedAtFirstCall(instance, again);

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(async () => (await deliveryStatus(again.id)) === 'delivered', { description: 'the restarted notifier to finish the delivery', timeoutMs: 60_000 });
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['Tangoe: Awaiting Customer Response.', 'Tangoe: Awaiting Customer Response.']);
    expect(instance.records.get(record.sys_id)!.state).toBe('3');
    await second.stop();
  });

  it("after a restart, still sends a close whose text the caller wrote: only the bridge's own entries count", async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'close me', state: '3' }, 'ann.smith');
    // The close carries the request's last interaction, here the caller's own comment, already in the journal.
    instance.update('incident', record.sys_id, { comments: 'it is urgent' }, 'ann.smith');
    await killedAtFirstCall(instance, stateChange(record.number, 'closed', 'k2', 'it is urgent'));
    expect(instance.records.get(record.sys_id)!.state).toBe('3');

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(() => instance.records.get(record.sys_id)!.state === '7', { description: 'the close in ServiceNow after the restart', timeoutMs: 60_000 });
    expect(instance.records.get(record.sys_id)!.close_notes).toBe('it is urgent');
    expect(instance.journalOf(record.sys_id).map((entry) => `${entry.element}: ${entry.value}`)).toEqual(['comments: it is urgent', 'work_notes: it is urgent']);
    await second.stop();
  });
});
