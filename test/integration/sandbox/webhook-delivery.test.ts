import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@bridge/test-infra';
import { ONCE, WebhookSender } from '../../../apps/sandbox/src/stand-in-kit';
import { jiraDelivery } from '../../../apps/sandbox/src/jira/jira-delivery';
import { zendeskDelivery } from '../../../apps/sandbox/src/zendesk/zendesk-delivery';

/**
 * The sandbox's ITSMs deliver their webhooks as their vendors document (each policy beside its stand-in cites each
 * rule: `ONCE` in apps/sandbox/src/stand-in-kit, `jiraDelivery` and `zendeskDelivery` in their ITSM's folder), over real HTTP to a receiver that answers as each test scripts it. Vendor pauses are scaled down.
 */
const FAST = 0.0001;

describe('webhook delivery as each vendor documents it', () => {
  let server: Server;
  let url: string;
  let answers: Array<{ status: number; headers?: Record<string, string> }> = [];
  let received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push(request.headers);
      request.resume();
      request.on('end', () => {
        const answer = answers.shift() ?? { status: 200 };
        response.writeHead(answer.status, answer.headers).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    answers = [];
    received = [];
  });

  const settle = (sender: WebhookSender) => waitFor(() => sender.pending() === 0, { description: 'the delivery settled' });
  const script = (...statuses: Array<number | [number, Record<string, string>]>) => (answers = statuses.map((s) => (Array.isArray(s) ? { status: s[0], headers: s[1] } : { status: s })));

  it('ServiceNow, Freshservice and BMC Helix: one attempt, a 503 is not tried again', async () => {
    const sender = new WebhookSender(ONCE);
    script(503);
    sender.send(url, {}, '{}', 'record.inserted INC1');
    await settle(sender);
    expect(received).toHaveLength(1);
    expect(sender.failures).toEqual(['record.inserted INC1: 503']);
  });

  it('Jira: 408, 409, 425, 429 and 5xx are retried with the same X-Atlassian-Webhook-Identifier and a retry count; a 400 is not', async () => {
    const sender = new WebhookSender(jiraDelivery(FAST));
    script(503, 429, 409, 425, 408, 200);
    sender.send(url, {}, '{}', 'jira:issue_created MOB-1');
    await settle(sender);
    expect(received).toHaveLength(6);
    expect(new Set(received.map((headers) => headers['x-atlassian-webhook-identifier'])).size).toBe(1);
    expect(received.map((headers) => headers['x-atlassian-webhook-retry'])).toEqual([undefined, '1', '2', '3', '4', '5']);
    expect(sender.failures).toEqual([]);

    received = [];
    script(400);
    sender.send(url, {}, '{}', 'comment_created MOB-1');
    await settle(sender);
    expect(received).toHaveLength(1);
    expect(sender.failures).toEqual(['comment_created MOB-1: 400']);
  });

  it('Jira: gives up after five retries', async () => {
    const sender = new WebhookSender(jiraDelivery(FAST));
    script(500, 500, 500, 500, 500, 500, 500);
    sender.send(url, {}, '{}', 'jira:issue_updated MOB-2');
    await settle(sender);
    expect(received).toHaveLength(6);
    expect(sender.failures).toEqual(['jira:issue_updated MOB-2: 500 after 6 attempts']);
  });

  it('Zendesk: a 409 is retried up to three times, a 429 or 503 only with a Retry-After under 60 s, a 500 never', async () => {
    const sender = new WebhookSender(zendeskDelivery(FAST));
    script(409, 409, 409, 409);
    sender.send(url, {}, '{}', 'conflict');
    await settle(sender);
    expect(received).toHaveLength(4);

    received = [];
    script([503, { 'retry-after': '30' }], [429, { 'retry-after': '5' }], 200);
    sender.send(url, {}, '{}', 'busy');
    await settle(sender);
    expect(received).toHaveLength(3);

    received = [];
    script(503, [429, { 'retry-after': '120' }], 500);
    for (const label of ['no retry-after', 'retry-after too long', 'server error']) {
      sender.send(url, {}, '{}', label);
      await settle(sender);
    }
    expect(received).toHaveLength(3);
    expect(sender.failures).toEqual(['conflict: 409 after 4 attempts', 'no retry-after: 503', 'retry-after too long: 429', 'server error: 500']);
  });

  it("Zendesk: once 70 % of 100 requests in five minutes failed, the circuit breaker drops what comes next, unsent", async () => {
    const sender = new WebhookSender(zendeskDelivery(1));
    script(...Array.from({ length: 100 }, (_, index) => (index < 70 ? 500 : 200)));
    for (let index = 0; index < 100; index += 1) sender.send(url, {}, '{}', `t${index}`);
    await settle(sender);
    expect(received).toHaveLength(100);
    sender.send(url, {}, '{}', 'while open');
    await settle(sender);
    expect(received).toHaveLength(100);
    expect(sender.failures.at(-1)).toBe('while open: circuit broken');
  });
});
