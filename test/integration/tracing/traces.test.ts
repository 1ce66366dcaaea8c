import http from 'node:http';
import axios from 'axios';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { addSpanExporter, startTracing } from '@bridge/tracing';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { freePort } from '../../support/free-port';
import { spawnService } from '../../support/spawn-service';

/**
 * OpenTelemetry across the services: the trace a webhook starts at the ingress continues, through the Kafka record
 * headers of the run's real broker, into the gateway's handling and its call to Tangoe; and the trace of Tangoe's
 * push continues into the notifier's delivery to the client's ITSM, which receives the trace context too.
 */
describe('traces across the services', () => {
  const exporter = new InMemorySpanExporter();
  let bridge: Bridge;

  beforeAll(async () => {
    startTracing('bridge-tests', { exportSpans: false });
    addSpanExporter(exporter);
    bridge = await startBridge({ clients: ['acme'], notifier: true, env: { POLL_ENABLED: 'false' } });
  });
  afterAll(() => bridge?.close());

  const spans = () => exporter.getFinishedSpans();
  const traceOf = (span: ReadableSpan) => span.spanContext().traceId;
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('follows a ticket from the ITSM webhook through Kafka to the Tangoe call, and a Tangoe close back to the ITSM', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'Traced phone', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request' });

    const handled = await waitFor(() => spans().find((s) => s.name === 'process TicketOpened' && s.attributes['bridge.subject'] === `acme:${record.number}`), { description: "the gateway's span" });
    const webhook = spans().find((s) => s.name.startsWith('POST') && traceOf(s) === traceOf(handled));
    expect(webhook).toBeDefined();
    expect(webhook!.attributes['http.route']).toBe('/v1/clients/:clientId/webhooks/:itsm');
    const published = spans().find((s) => s.name.startsWith('publish') && traceOf(s) === traceOf(handled));
    expect(published).toBeDefined();
    // The consumer's span is the child of the producer's: the context crossed the broker in the record's headers.
    expect(parentOf(handled)).toBe(published!.spanContext().spanId);
    expect(handled.attributes['messaging.consumer.group.name']).toMatch(/\.tangoe-gateway$/);
    const tangoeCall = await waitFor(() => spans().find((s) => s.name === 'tangoe POST /1/support_requests' && traceOf(s) === traceOf(handled)), { description: 'the Tangoe call in the same trace' });
    expect(tangoeCall.attributes['http.response.status_code']).toBe(201);

    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/state`, { state: 'closed' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    await waitFor(() => instance.records.get(record.sys_id)?.state === '7', { description: 'the incident closed' });
    const delivery = await waitFor(() => spans().find((s) => s.name === 'deliver close' && s.attributes['bridge.subject'] === `acme:${record.number}`), { description: 'the delivery span' });
    const push = spans().find((s) => s.name.startsWith('POST') && traceOf(s) === traceOf(delivery) && s.attributes['http.route'] === '/v1/clients/:clientId/tangoe/webhooks');
    expect(push).toBeDefined();
    expect(spans().some((s) => s.name === 'process StateChanged' && traceOf(s) === traceOf(delivery) && String(s.attributes['messaging.consumer.group.name']).endsWith('.outbound-notifier'))).toBe(true);
    const patch = instance.calls.find((call) => call.method === 'PATCH' && call.sysId === record.sys_id && call.body?.state === '7');
    expect(patch?.traceparent).toMatch(new RegExp(`^00-${traceOf(delivery)}-[0-9a-f]{16}-01$`));
  });

  it('exports spans over OTLP/HTTP when an endpoint is configured', async () => {
    const received: Array<{ url?: string; body: string }> = [];
    const collector = http.createServer((request, response) => {
      let body = '';
      request.setEncoding('latin1');
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ url: request.url, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const collectorUrl = `http://127.0.0.1:${(collector.address() as { port: number }).port}`;
    const port = await freePort();
    const ingress = spawnService('ingress', { PORT: String(port), OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl, OTEL_BSP_SCHEDULE_DELAY: '100' });
    try {
      await waitFor(async () => (await axios.get(`http://127.0.0.1:${port}/health/live`, { validateStatus: () => true }).catch(() => undefined))?.status === 200, { description: 'the ingress as its own process', timeoutMs: 60_000 });
      const answer = await axios.post(`http://127.0.0.1:${port}/v1/clients/acme/webhooks/servicenow`, '{}', { headers: { 'content-type': 'application/json' }, validateStatus: () => true });
      expect(answer.status).toBe(401);
      const exported = await waitFor(() => received.find((r) => r.url === '/v1/traces' && r.body.includes('/v1/clients/:clientId/webhooks/:itsm')), { description: 'the webhook span at the collector' });
      expect(exported.body).toContain('ingress');
    } finally {
      await ingress.stop();
      collector.close();
    }
  });
});
