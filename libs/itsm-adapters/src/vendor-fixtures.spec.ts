import { readFileSync } from 'node:fs';
import path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import type { EventEnvelope } from '@bridge/contracts';
import { adapterFor } from './adapter-registry';

/**
 * Payloads as the vendors publish them (their documentation or public SDK and integration test data, source and
 * licence in each fixtures/README.md): every one normalizes to the events it means. None of them carries a
 * requestor phone Tangoe could use, so the client's fallbacks fill it, and the event says so.
 */
const FALLBACKS = { requestorName: 'Service desk (no requestor)', requestorNumber: '0000000000' };

function client(itsm: string, integrationUser = 'bridge.integration'): ClientConfig {
  return plainToInstance(ClientConfig, {
    id: 'acme',
    itsm,
    inbound: { type: 'bearer', secret: { env: 'UNUSED' } },
    mapping: { defaultRequestType: 'Tech Support', fallbacks: FALLBACKS },
    outbound: { integrationUser },
    tangoe: { baseUrl: 'http://127.0.0.1', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'UNUSED' } } },
  });
}

function fixture(itsm: string, name: string): unknown {
  return JSON.parse(readFileSync(path.join(__dirname, itsm, 'fixtures', name), 'utf8'));
}

function eventsOf(itsm: string, payload: unknown, deliveryId?: string): EventEnvelope[] {
  const result = adapterFor(itsm)!.normalize(payload, { client: client(itsm), receivedAt: new Date('2026-12-06T10:00:00Z'), deliveryId });
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  return result.events;
}

const types = (events: EventEnvelope[]) => events.map((event) => `${event.type}${event.type === 'StateChanged' ? `:${(event.data as { state: string }).state}` : ''}`);

describe('vendor payloads, as published', () => {
  it.each([
    ['servicenow', 'vendor-table-api-incident.json', 'INC0000046', ['TicketOpened']],
    ['jira', 'vendor-issue-created.json', 'TEST-4', ['TicketOpened']],
    ['jira', 'vendor-issue-updated-status.json', 'TEST-1', ['TicketOpened']],
    ['jira', 'vendor-comment-created.json', 'ZUL-1', ['TicketOpened', 'CommentAdded']],
    ['zendesk', 'vendor-api-ticket.json', '35436', ['TicketOpened']],
    ['zendesk', 'vendor-event-ticket-created.json', '5158', ['TicketOpened']],
    ['zendesk', 'vendor-event-comment-added.json', '5158', ['TicketOpened', 'CommentAdded']],
    ['zendesk', 'vendor-event-status-changed.json', '5158', ['TicketOpened', 'StateChanged:resolved']],
    ['freshservice', 'vendor-api-ticket.json', '266', ['TicketOpened']],
  ])('%s %s becomes %s: %j', (itsm, name, key, expected) => {
    const events = eventsOf(itsm, fixture(itsm, name));
    expect(types(events)).toEqual(expected);
    expect(events.every((event) => event.subject === `acme:${key}`)).toBe(true);
    const opened = events[0].data as { supportRequest: { requestorNumber: string; text: string }; fallbacksUsed?: string[] };
    expect(opened.fallbacksUsed).toContain('requestorNumber');
    expect(opened.supportRequest.requestorNumber).toBe(FALLBACKS.requestorNumber);
    expect(opened.supportRequest.text).toMatch(/\(Not in the ticket, so the client's default was sent: (requestor's name, )?requestor's phone number\.\)$/);
  });

  it("reads a BMC Helix entry as the AR REST API returns it (one of a query's entries, or a GET's body), its caller's name from first and last", () => {
    const query = fixture('bmc-helix', 'vendor-api-entries.json') as { entries: unknown[] };
    const events = eventsOf('bmc-helix', query.entries[0]);
    expect(eventsOf('bmc-helix', query).map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(() => eventsOf('bmc-helix', { entries: [query.entries[0], query.entries[0]] })).toThrow(/entries must hold one entry to read it as a record, not 2/);
    expect(types(events)).toEqual(['TicketOpened', 'StateChanged:resolved']);
    expect(events[0]).toMatchObject({ subject: 'acme:INC000000000430', data: { supportRequest: { requestorName: 'Mary Mann', requestorNumber: '1 212 555-5454 (33)' } } });
    expect((events[0].data as { fallbacksUsed?: string[] }).fallbacksUsed).toBeUndefined();
  });

  it('reads a Jira issue as GET /rest/api/3/issue returns it, with its comments, each with the id its comment_created webhook gives', () => {
    const webhook = fixture('jira', 'vendor-issue-created.json') as { issue: Record<string, unknown> };
    const issue = { ...webhook.issue, fields: { ...(webhook.issue.fields as object), comment: { comments: [{ id: '10010', body: 'From the API', author: { accountId: 'someone', displayName: 'Some One' }, created: '2026-12-06T09:00:00.000+0000' }], total: 1 } } };
    const commentEvent = { webhookEvent: 'comment_created', timestamp: 1, issue: webhook.issue, comment: { id: '10010', body: 'From the API', author: { accountId: 'someone', displayName: 'Some One' }, created: '2026-12-06T09:00:00.000+0000' } };
    const fromApi = eventsOf('jira', issue);
    const fromWebhook = eventsOf('jira', commentEvent);
    expect(types(fromApi)).toEqual(['TicketOpened', 'CommentAdded']);
    expect(fromApi.map((event) => event.id)).toEqual(fromWebhook.map((event) => event.id));
  });

  it('reads the same ServiceNow incident wrapped as the Table API returns it or bare, into the same events as its webhook', () => {
    const record = (fixture('servicenow', 'vendor-table-api-incident.json') as { result: Record<string, unknown> }).result;
    const webhook = { event: 'record.inserted', table: 'incident', sys_id: record.sys_id, record: { number: record.number, short_description: record.short_description, sys_updated_by: 'ann' } };
    const ids = (events: EventEnvelope[]) => events.map((event) => event.id);
    expect(ids(eventsOf('servicenow', { result: record }))).toEqual(ids(eventsOf('servicenow', record)));
    expect(ids(eventsOf('servicenow', record))).toEqual(ids(eventsOf('servicenow', webhook)));
  });

  it("gives a Jira close seen by its webhook and by a read of the issue one id: the changelog entry that set the status", () => {
    const webhook = fixture('jira', 'vendor-issue-updated-status.json') as { issue: Record<string, unknown> & { fields: Record<string, unknown> }; changelog: { id: string; items: unknown[] }; user?: unknown };
    const done = { ...webhook, changelog: { ...webhook.changelog, items: [{ field: 'status', fromString: 'In Progress', toString: 'Done' }] }, user: { accountId: 'someone', displayName: 'Some One' } };
    const issue = { ...webhook.issue, fields: { ...webhook.issue.fields, status: { name: 'Done' } }, changelog: { histories: [{ id: webhook.changelog.id, author: { accountId: 'someone' }, items: [{ field: 'status', toString: 'Done' }] }] } };
    const stateOf = (events: EventEnvelope[]) => events.filter((event) => event.type === 'StateChanged').map((event) => event.id);
    expect(stateOf(eventsOf('jira', done))).toHaveLength(1);
    expect(stateOf(eventsOf('jira', issue))).toEqual(stateOf(eventsOf('jira', done)));
    // The bridge's own close read back is no client close.
    const own = { ...issue, changelog: { histories: [{ id: webhook.changelog.id, author: { accountId: 'bridge.integration' }, items: [{ field: 'status', toString: 'Done' }] }] } };
    expect(stateOf(eventsOf('jira', own))).toEqual([]);
  });
});
