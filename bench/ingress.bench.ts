import { BusConnection, kafkajsSecurity } from '@bridge/messaging';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { uniqueName } from '@bridge/test-infra';
import { signBody } from '@bridge/webhook-security';
import { startBridge } from '../test/support/bridge-harness';
import { incidentInserted } from '../test/support/servicenow-payloads';
import { BenchFigure, figure } from './bench-report';
import { closedLoop, createBenchTopic, loadClient, percentile } from './load';

/**
 * The ingress against the least an HTTP endpoint must do (read the body, publish with acks=all, answer) on the
 * same broker; and the time from a webhook to its support request at the sandbox Tangoe at a fixed rate.
 */
export async function ingressBenchmark(connection: BusConnection, webhooks = 2_000, concurrency = 32): Promise<BenchFigure[]> {
  // The ingress's capacity is measured, not one client's allowance: at the default 200 webhooks a second per client
  // (INBOUND_REQUESTS_PER_SECOND) most of the closed loop would be answered 429, and a 429 is no accepted webhook.
  // `flood` is the neighbour that floods the ingress past its allowance (5 a second) while bench's latency is timed.
  const bridge = await startBridge({ clients: ['bench', 'flood'], requestsPerSecond: { bench: 100_000, flood: 5 } });
  try {
    const client = bridge.clients[0];
    const ingress = loadClient(bridge.ingressUrl);
    const bodies = Array.from({ length: webhooks }, (_, i) => JSON.stringify(incidentInserted(`INCB${String(i).padStart(7, '0')}`)));
    // Warm-up outside the clock: connections, topic creation, the JIT.
    let warmedUp = 0;
    for (let i = 0; i < 50; i++) if (isAccepted(await postTo(ingress, client.webhookSecret, JSON.stringify(incidentInserted(`INCW${i}`))))) warmedUp += 1;
    const bridgeRun = await closedLoop(webhooks, concurrency, (i) => postTo(ingress, client.webhookSecret, bodies[i]));

    const baselineRun = await bareIngress(connection, bodies, concurrency);

    // The gateway is still creating the support requests of the throughput run; timed behind that backlog, the
    // latency figure would measure the backlog, not the path. A webhook refused by the ingress creates nothing, so
    // only the accepted ones are waited for.
    await untilSupportRequests(bridge, warmedUp + webhooks - bridgeRun.failures);
    const latency = await webhookToSupportRequest(bridge, 20, 15, 'INCL');
    const flood = await whileFlooding(bridge, () => webhookToSupportRequest(bridge, 20, 15, 'INCF'));
    return [
      figure('ingress', 'accepted webhooks (acks=all)', 'webhooks/s', bridgeRun.perSecond, { name: 'minimal handler + bare kafkajs', value: baselineRun.perSecond }, `${concurrency} in flight, ${bridgeRun.failures} failed`),
      figure('client → Tangoe', `webhook → support request p50 at ${latency.rate}/s`, 'ms', latency.p50, undefined, `${latency.count} tickets`),
      figure('client → Tangoe', `webhook → support request p99 at ${latency.rate}/s`, 'ms', latency.p99, undefined, `${latency.count} tickets`),
      figure('client → Tangoe', `webhook → support request p50 at ${latency.rate}/s, a neighbour flooding`, 'ms', flood.result.p50, { name: 'the same, no flood', value: latency.p50 }, `${flood.result.count} tickets; the neighbour's ${flood.sent} webhooks, ${flood.refused} answered 429`),
      figure('client → Tangoe', `webhook → support request p99 at ${latency.rate}/s, a neighbour flooding`, 'ms', flood.result.p99, { name: 'the same, no flood', value: latency.p99 }, `${flood.result.count} tickets`),
    ];
  } finally {
    await bridge.close();
  }
}

const isAccepted = (status: number) => status >= 200 && status < 300;

/** One signed ServiceNow webhook to the ingress, as the client's business rule sends it; its answer's status. */
export async function postTo(ingress: ReturnType<typeof loadClient>, secret: string, body: string, clientId = 'bench'): Promise<number> {
  const response = await ingress.post(`/v1/clients/${clientId}/webhooks/servicenow`, body, {
    headers: { 'content-type': 'application/json', 'x-bridge-signature': signBody(secret, body) },
  });
  return response.status;
}

/** The baseline: parse the body, publish it with bare kafkajs (idempotent, acks=all), answer 202. */
async function bareIngress(connection: BusConnection, bodies: string[], concurrency: number) {
  const kafka = new Kafka({ clientId: 'bench-bare-ingress', brokers: connection.brokers, ...kafkajsSecurity(connection.security), logLevel: logLevel.NOTHING });
  const topic = uniqueName('bench_bare_ingress');
  const admin = kafka.admin();
  await admin.connect();
  await createBenchTopic(admin, topic, 3);
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { record: { number: string } };
      producer
        .send({ topic, acks: -1, messages: [{ key: payload.record.number, value: JSON.stringify(payload) }] })
        .then(() => response.writeHead(202).end('{"status":"accepted"}'), () => response.writeHead(503).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const bare = loadClient(url);
    for (let i = 0; i < 50; i++) await bare.post('/', bodies[i], { headers: { 'content-type': 'application/json' } });
    return await closedLoop(bodies.length, concurrency, async (i) => (await bare.post('/', bodies[i], { headers: { 'content-type': 'application/json' } })).status);
  } finally {
    server.close();
    await producer.disconnect();
  }
}

async function untilSupportRequests(bridge: Awaited<ReturnType<typeof startBridge>>, count: number, timeoutMs = 300_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (bridge.sandbox.tangoe.store.list(bridge.clients[0].id).length < count) {
    if (performance.now() > deadline) throw new Error(`the throughput run's ${count} support requests did not all reach Tangoe within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/**
 * Offers `rate` new tickets per second for `seconds`, and times each until its support request exists. `observe`
 * is told of each ticket as it is sent and as its request is seen (the latency breakdown marks its steps with it).
 */
export async function webhookToSupportRequest(
  bridge: Awaited<ReturnType<typeof startBridge>>,
  rate: number,
  seconds: number,
  prefix: string,
  observe: { sent?(ticket: string): void; seen?(ticket: string): void } = {},
) {
  const client = bridge.clients[0];
  const ingress = loadClient(bridge.ingressUrl);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const store = bridge.sandbox.tangoe.store;
  const seen = new Set<number>();
  const watcher = setInterval(() => {
    for (const request of store.list(client.id)) {
      if (seen.has(request.id)) continue;
      seen.add(request.id);
      const start = sentAt.get(request.external_source_id);
      if (start === undefined) continue;
      latencies.push(performance.now() - start);
      observe.seen?.(request.external_source_id);
    }
  }, 2);
  const count = rate * seconds;
  const started = performance.now();
  const sends: Array<Promise<number>> = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const number = `${prefix}${String(i).padStart(7, '0')}`;
    sentAt.set(number, performance.now());
    observe.sent?.(number);
    sends.push(postTo(ingress, client.webhookSecret, JSON.stringify(incidentInserted(number))));
  }
  await Promise.all(sends);
  const deadline = performance.now() + 60_000;
  while (latencies.length < count && performance.now() < deadline) await sleep(20);
  clearInterval(watcher);
  return { rate, count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * Runs `measure` while the neighbour `flood` posts one genuine signed webhook again and again on 16 connections, as a
 * runaway business rule or a leaked secret would: past its allowance each is answered 429 (docs/security.md#bounds).
 */
async function whileFlooding<T>(bridge: Awaited<ReturnType<typeof startBridge>>, measure: () => Promise<T>): Promise<{ result: T; sent: number; refused: number }> {
  const flooder = bridge.clients.find((client) => client.id === 'flood')!;
  const ingress = loadClient(bridge.ingressUrl);
  const body = JSON.stringify(incidentInserted('INCX0000001'));
  let flooding = true;
  let sent = 0;
  let refused = 0;
  const floods = Array.from({ length: 16 }, async () => {
    while (flooding) {
      const status = await postTo(ingress, flooder.webhookSecret, body, flooder.id);
      sent += 1;
      if (status === 429) refused += 1;
    }
  });
  try {
    return { result: await measure(), sent, refused };
  } finally {
    flooding = false;
    await Promise.all(floods);
  }
}
