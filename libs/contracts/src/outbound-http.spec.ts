import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import axios from 'axios';
import { MAX_RETRY_AFTER_MS, OUTBOUND_BODY_LIMITS, OUTBOUND_BODY_LIMIT_BYTES, parseRetryAfter } from './outbound-http';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');

  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 3 ', now)).toBe(3_000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('takes no wait longer than an hour, however long the other side asks for', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(3_600_000);
    expect(parseRetryAfter(String(7 * 86_400), now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('1e300', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Wed, 02 Dec 2099 10:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('OUTBOUND_BODY_LIMITS', () => {
  let server: Server;
  let url: string;
  let received = 0;

  beforeAll(async () => {
    // Answers with one byte more than the limit, and counts what it is sent.
    server = createServer((request, response) => {
      request.on('data', (chunk: Buffer) => (received += chunk.length));
      request.on('end', () => response.end('x'.repeat(OUTBOUND_BODY_LIMIT_BYTES + 1)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('make axios refuse an answer larger than the limit', async () => {
    await expect(axios.get(url, { ...OUTBOUND_BODY_LIMITS, validateStatus: () => true })).rejects.toThrow(/maxContentLength/);
  });

  it('make axios refuse to send a body larger than the limit', async () => {
    received = 0;
    await expect(axios.post(url, 'y'.repeat(OUTBOUND_BODY_LIMIT_BYTES + 1), { ...OUTBOUND_BODY_LIMITS, validateStatus: () => true })).rejects.toThrow(/maxBodyLength|Request body larger/);
    expect(received).toBeLessThanOrEqual(OUTBOUND_BODY_LIMIT_BYTES);
  });
});
