import http from 'node:http';
import axios from 'axios';
import { EventTypes, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus, BusConnection } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { startBridge } from '../test/support/bridge-harness';
import { BenchFigure, figure } from './bench-report';

/**
 * Deliveries per second from the notifier to the sandbox ServiceNow, against a bare axios loop sending the same
 * bodies the same way (find the record, PATCH it) with as many requests in flight as the notifier has lanes.
 * Each ticket gets two notes; their order is checked at the ITSM in the same run.
 */
export async function notifierBenchmark(connection: BusConnection, tickets = 300): Promise<BenchFigure[]> {
  const lanes = Number(process.env.DELIVERY_LANES ?? 4);
  const bridge = await startBridge({ clients: ['bench'], notifier: true, gateway: false, env: { POLL_ENABLED: 'false' } });
  const bus = new KafkaMessageBus({ ...connection, clientId: 'bench-notifier', partitions: 3 });
  try {
    const instance = bridge.sandbox.servicenow.get('bench');
    const records = Array.from({ length: tickets }, (_, i) => instance.insert('incident', { short_description: `bench ${i}`, assignment_group: 'Service Desk' }, 'ann.smith'));
    const notes = records.flatMap((record) => [1, 2].map((n) =>
      createEvent(EventTypes.CommentAdded, { clientId: 'bench', externalSourceId: record.number, origin: 'tangoe', commentId: `${record.number}-${n}`, text: `note ${n}`, visibility: 'public', createdAt: new Date().toISOString() }, { source: 'bench' }),
    ));
    const topic = topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents;
    const start = performance.now();
    await bus.publish(topic, notes);
    await waitFor(() => records.every((r) => instance.journalOf(r.sys_id).length === 2), { description: 'every note delivered', timeoutMs: 300_000, intervalMs: 20 });
    const notifierRate = notes.length / ((performance.now() - start) / 1000);
    const ordered = records.every((r) => instance.journalOf(r.sys_id).map((e) => e.value).join() === 'note 1,note 2');

    // The baseline: the same requests with bare axios, `lanes` at a time.
    const client = axios.create({
      baseURL: `${bridge.sandbox.url}/servicenow/bench/api/now/table/incident`,
      auth: { username: 'tangoe.bridge', password: process.env.BENCH_SN_PASSWORD! },
      httpAgent: new http.Agent({ keepAlive: true }),
    });
    let next = 0;
    const bareStart = performance.now();
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let i = next++; i < notes.length; i = next++) {
          const record = records[Math.floor(i / 2)];
          const found = await client.get('', { params: { sysparm_query: `number=${record.number}`, sysparm_fields: 'sys_id' } });
          await client.patch(`/${found.data.result[0].sys_id}`, { work_notes: `bare ${i}` });
        }
      }),
    );
    const bareRate = notes.length / ((performance.now() - bareStart) / 1000);
    return [figure('Tangoe → client', `notifier deliveries (${lanes} lanes, order per ticket ${ordered ? 'kept' : 'BROKEN'})`, 'deliveries/s', notifierRate, { name: 'bare axios loop', value: bareRate }, `${tickets} tickets × 2 notes`)];
  } finally {
    await bus.close();
    await bridge.close();
  }
}
