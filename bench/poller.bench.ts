import { BusConnection, kafkajsSecurity } from '@bridge/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { topicNames } from '@bridge/contracts';
import { openDatabase } from '@bridge/persistence';
import { waitFor } from '@bridge/test-infra';
import { startBridge } from '../test/support/bridge-harness';
import { BenchFigure, figure } from './bench-report';
import { createBenchTopic } from './load';

/**
 * The poller over N linked support requests: the GETs the first full sync takes, the GETs per minute once in step
 * (one page per client per interval when little changes), and the delay from a specialist's note to its event.
 */
export async function pollerBenchmark(connection: BusConnection, linked: number, intervalMs = 2_000): Promise<BenchFigure[]> {
  const bridge = await startBridge({ clients: ['poll'], gateway: false, env: { POLL_INTERVAL_MS: String(intervalMs), POLL_ENABLED: 'true' } });
  const store = bridge.sandbox.tangoe.store;
  const requests = Array.from({ length: linked }, (_, i) =>
    store.create('poll', { text: `t${i}`, requestor_name: 'R', requestor_number: '1', request_type: 'Tech Support', external_source_id: `P${i}` }, undefined),
  ) as Array<{ id: number; token: string; external_source_id: string; interactions: Array<{ id: number }> }>;
  // The links the gateway would have made while creating them.
  const schema = `${process.env.DATABASE_SCHEMA_PREFIX}_tangoe_gateway`;
  const { TANGOE_GATEWAY_MIGRATIONS } = await import('../apps/tangoe-gateway/src/migrations');
  const db = await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL! }, { schema, migrations: TANGOE_GATEWAY_MIGRATIONS });
  for (let i = 0; i < requests.length; i += 1_000) {
    const slice = requests.slice(i, i + 1_000);
    await db.query(
      `insert into ticket_links (client_id, external_source_id, status, support_request_id, interaction_token, opened_event, tangoe_state, last_interaction_id)
       select 'poll', e, 'linked', s, t, '{}'::jsonb, 'open', l from unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) as u(e, s, t, l)`,
      [slice.map((r) => r.external_source_id), slice.map((r) => r.id), slice.map((r) => r.token), slice.map((r) => r.interactions[0].id)],
    );
  }

  const kafka = new Kafka({ clientId: 'bench-poll', brokers: connection.brokers, ...kafkajsSecurity(connection.security), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-poll-${Date.now()}` });
  const seen = new Map<string, number>();
  try {
    const countGets = () => bridge.sandbox.tangoe.requests.filter((r) => r.method === 'GET' && r.apiUser === 'poll-api' && r.status === 200).length;
    const { TangoeGatewayModule } = await import('../apps/tangoe-gateway/src/app.module');
    const { bootstrapService } = await import('@bridge/platform');
    process.env.PORT = '0';
    const getsBefore = countGets();
    const syncStart = performance.now();
    const gateway = await bootstrapService({ service: 'tangoe-gateway', module: TangoeGatewayModule, defaultPort: 0 });
    try {
      // The first sync pages through everything updated since the beginning; it is over once the cursor moved.
      await waitFor(async () => (await db.query(`select 1 from poll_cursors where client_id = 'poll' and last_polled_at is not null`)).rowCount > 0, {
        description: 'the first sync',
        timeoutMs: 600_000,
        intervalMs: 100,
      });
      const syncGets = countGets() - getsBefore;
      const syncMs = performance.now() - syncStart;

      const topic = topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents;
      const admin = kafka.admin();
      await admin.connect();
      await createBenchTopic(admin, topic, 3);
      await admin.disconnect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      await consumer.run({ eachMessage: async ({ message }) => void seen.set(JSON.parse(message.value!.toString()).data.text, performance.now()) });
      await new Promise((resolve) => setTimeout(resolve, 3_000));

      const steadyStart = countGets();
      const steadyFrom = performance.now();
      const delays: number[] = [];
      for (let n = 0; n < 5; n++) {
        const target = requests[Math.floor(Math.random() * requests.length)];
        const text = `specialist note ${n}`;
        const at = performance.now();
        store.addInteraction('poll', target.token, text, 'specialist');
        await waitFor(() => seen.get(text), { description: `the poll to see note ${n}`, timeoutMs: 60_000, intervalMs: 10 });
        delays.push(seen.get(text)! - at);
      }
      const perMinute = ((countGets() - steadyStart) / (performance.now() - steadyFrom)) * 60_000;
      const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
      return [
        figure('poller', `first sync of ${linked} linked requests`, 'GETs', syncGets, undefined, `${Math.round(syncMs / 1000)} s inside the budget`),
        figure('poller', `GETs per minute in step, ${linked} linked, every ${intervalMs} ms`, 'GET/min', perMinute, { name: 'budget (100 less 20 % reserved)', value: 80 }),
        figure('poller', `change detection delay, ${linked} linked`, 'ms', mean, undefined, `mean of ${delays.length}, max ${Math.round(Math.max(...delays))} ms`),
      ];
    } finally {
      await gateway.close();
    }
  } finally {
    await consumer.disconnect();
    await db.close();
    await bridge.close();
  }
}
