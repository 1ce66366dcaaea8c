import type { ChildProcess } from 'node:child_process';
import { EventTypes, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { spawnService } from '../../support/spawn-service';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { testBrokers } from '../../support/kafka-test-kit';

/** A `^` separates an encoded query's conditions: the check after the restart must not put the text in one. */
const NOTE = 'written once ^ value=even with a caret';

describe('the notifier killed mid-delivery', () => {
  let bridge: Bridge;
  const notifiers: ChildProcess[] = [];
  const bus = new KafkaMessageBus({ brokers: testBrokers(), clientId: 'notifier-kill', partitions: 3 });
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], gateway: false, env: { POLL_ENABLED: 'false' } })));
  afterAll(async () => {
    for (const notifier of notifiers) notifier.kill('SIGKILL');
    await bus.close();
    await bridge.close();
  });

  /**
   * A note from Tangoe to a new incident, with the notifier SIGKILLed the moment the ITSM has stored it, before it
   * hears back: its attempt stays `sending`, the note is in the journal once.
   */
  async function noteStoredThenKilled(shortDescription: string, commentId: string, text: string) {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: shortDescription }, 'ann.smith');
    const first = spawnService('outbound-notifier');
    notifiers.push(first.child);
    instance.onUpdated = () => {
      instance.onUpdated = undefined;
      first.child.kill('SIGKILL');
    };
    const note = createEvent(EventTypes.CommentAdded, { clientId: 'acme', externalSourceId: record.number, origin: 'tangoe', commentId, text, visibility: 'public', createdAt: new Date().toISOString() }, { source: 'test' });
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [note]);
    expect(await first.exited).toBe('SIGKILL');
    expect(instance.journalOf(record.sys_id)).toHaveLength(1);
    return { instance, record };
  }

  it('after a restart, still writes the note once: the ITSM is asked before the note is sent again, a caret in the text included', async () => {
    const { instance, record } = await noteStoredThenKilled('kill me', 'k1', NOTE);
    const callsBefore = instance.calls.length;

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(() => instance.calls.slice(callsBefore).some((call) => call.table === 'sys_journal_field'), { description: "the restarted notifier to look in the record's journal", timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual([NOTE]);
    expect(instance.calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('after a restart into a 503 storm, asks again until the ITSM can say, and does not send on a guess', async () => {
    const { instance, record } = await noteStoredThenKilled('storm after kill', 'k3', 'once, storm or not');
    const callsBefore = instance.calls.length;
    // The restarted notifier's check is answered 503 twice: taken as "not there", the note would be written again.
    instance.failures = { status: 503, remaining: 2 };

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(() => instance.calls.slice(callsBefore).some((call) => call.table === 'sys_journal_field' && call.status === 200), {
      description: "the restarted notifier to read the record's journal once the storm had passed",
      timeoutMs: 60_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = instance.calls.slice(callsBefore);
    expect(after.filter((call) => call.status === 503)).toHaveLength(2);
    expect(after.filter((call) => call.method === 'PATCH')).toHaveLength(0);
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['once, storm or not']);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it("after a restart, still sends a close whose text the caller wrote: the record's fields decide, not the text alone", async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'close me', state: '3' }, 'ann.smith');
    // The close carries the request's last interaction, here the caller's own comment, already in the journal.
    instance.update('incident', record.sys_id, { comments: 'it is urgent' }, 'ann.smith');
    const first = spawnService('outbound-notifier');
    notifiers.push(first.child);
    // SIGKILL as the close's first call arrives: its attempt is recorded as sending, nothing is written.
    instance.onCall = () => {
      instance.onCall = undefined;
      first.child.kill('SIGKILL');
    };
    const close = createEvent(
      EventTypes.StateChanged,
      { clientId: 'acme', subjectKind: 'ticket', externalSourceId: record.number, origin: 'tangoe', state: 'closed', changedAt: new Date().toISOString(), changeId: `k2:${record.number}`, note: 'it is urgent' },
      { source: 'test' },
    );
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [close]);
    expect(await first.exited).toBe('SIGKILL');
    expect(instance.records.get(record.sys_id)!.state).toBe('3');

    const second = spawnService('outbound-notifier');
    notifiers.push(second.child);
    await waitFor(() => instance.records.get(record.sys_id)!.state === '7', { description: 'the close in ServiceNow after the restart', timeoutMs: 60_000 });
    expect(instance.records.get(record.sys_id)!.close_notes).toBe('it is urgent');
    expect(instance.journalOf(record.sys_id).map((entry) => `${entry.element}: ${entry.value}`)).toEqual(['comments: it is urgent', 'work_notes: it is urgent']);
    second.child.kill('SIGTERM');
    await second.exited;
  });
});
