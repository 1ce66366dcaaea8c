import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MAX_RETRY_AFTER_MS, OUTBOUND_BODY_LIMIT_BYTES } from '@bridge/contracts';
import { TangoeApiError } from './tangoe-api-error';
import { TangoeClient } from './tangoe-client';

/** A Tangoe that answers every request with what `answer` says. */
describe('TangoeClient bounds', () => {
  let server: Server;
  let answer: (response: import('node:http').ServerResponse) => void = (response) => response.end('{}');
  let client: (sleeps: number[]) => TangoeClient;

  beforeAll(async () => {
    server = createServer((_, response) => answer(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = (sleeps) =>
      new TangoeClient({ baseUrl, apiUser: 'acme-api', credentials: { kind: 'api-token', apiToken: 't' }, budget: { acquire: async () => new Date() }, getRetries: 0, rateLimitRetries: 1, sleep: async (ms) => void sleeps.push(ms) });
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses an answer larger than the outbound limit as no answer, never reading it whole', async () => {
    answer = (response) => response.end(`{"id":1,"text":"${'x'.repeat(OUTBOUND_BODY_LIMIT_BYTES)}"}`);
    const failure = await client([]).getSupportRequest(1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TangoeApiError);
    expect(failure).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('no answer from Tangoe (ERR_BAD_RESPONSE)') });
  });

  it('asks a write that got no answer to be looked for no sooner than one request timeout later, a read not', async () => {
    // Tangoe takes the write and stores it after the client stopped waiting: a look 100 ms later would miss it.
    answer = (response) => void setTimeout(() => response.end('{}'), 300);
    const timedOut = new TangoeClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiUser: 'acme-api', credentials: { kind: 'api-token', apiToken: 't' }, budget: { acquire: async () => new Date() }, getRetries: 0, timeoutMs: 100 });
    const write = await timedOut.addInteraction('thread-token', 'hello').catch((error: unknown) => error);
    expect(write).toMatchObject({ kind: 'unavailable', retriable: true, retryAfterMs: 100, details: { outcomeUnknown: true } });
    const read = await timedOut.getSupportRequest(1).catch((error: unknown) => error);
    expect(read).toMatchObject({ kind: 'unavailable', retryAfterMs: undefined });
  });

  it('waits at most an hour on a 429, whatever Retry-After says', async () => {
    answer = (response) => response.writeHead(429, { 'retry-after': String(30 * 86_400) }).end();
    const sleeps: number[] = [];
    const failure = await client(sleeps).getSupportRequest(1).catch((error: unknown) => error);
    expect(sleeps).toEqual([MAX_RETRY_AFTER_MS]);
    expect(failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: MAX_RETRY_AFTER_MS });
  });
});
