import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { safeUrl, withSafeUrls } from './safe-url';
import { SpanKind, addSpanExporter, inSpan, startTracing, stopTracing } from './tracing';

describe('safeUrl', () => {
  it('drops user and password and the values of secret-looking query parameters', () => {
    expect(safeUrl('https://bridge:hunter2@acme.service-now.com/api/now/table/incident?sysparm_limit=1&access_token=abc&sig=x&api_key=k')).toBe(
      'https://acme.service-now.com/api/now/table/incident?sysparm_limit=1&access_token=redacted&sig=redacted&api_key=redacted',
    );
    expect(safeUrl('https://acme.service-now.com/api?sysparm_limit=1')).toBe('https://acme.service-now.com/api?sysparm_limit=1');
    expect(safeUrl('/1/support_requests')).toBe('/1/support_requests');
  });

  it('finds the URLs in a text', () => {
    expect(withSafeUrls('connect ECONNREFUSED to postgres://bridge:pw@db:5432/bridge, then https://h/x?token=t')).toBe('connect ECONNREFUSED to postgres://db:5432/bridge, then https://h/x?token=redacted');
    expect(withSafeUrls('bridge.client-events.v1 at bridge:pw@db')).toBe('bridge.client-events.v1 at bridge:pw@db');
  });
});

describe('inSpan', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    startTracing('test', { exportSpans: false });
    addSpanExporter(exporter);
  });
  afterAll(() => stopTracing());

  it('lets no URL with credentials into a span: its attributes, its error and the error recorded', async () => {
    const work = inSpan('call', { kind: SpanKind.CLIENT, attributes: { 'server.address': 'https://bridge:hunter2@tangoe.example.com', 'messaging.destination.name': 'bridge.client-events.v1', 'messaging.batch.message_count': 3 } }, async () => {
      throw new Error('failed at https://tangoe.example.com/1/x?access_token=s3cret');
    });
    await expect(work).rejects.toThrow('s3cret');
    const text = JSON.stringify(exporter.getFinishedSpans().map((span) => ({ attributes: span.attributes, status: span.status, events: span.events })));
    expect(text).toContain('tangoe.example.com');
    // The attributes without a URL are kept as they were, beside the one cleaned.
    expect(exporter.getFinishedSpans()[0].attributes).toMatchObject({ 'messaging.destination.name': 'bridge.client-events.v1', 'messaging.batch.message_count': 3 });
    expect(text).toContain('access_token=redacted');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3cret');
  });
});
