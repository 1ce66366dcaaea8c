import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import type { EventEnvelope } from '@bridge/contracts';
import { InboundPayloadError } from '../itsm-adapter';
import { renderUpdate } from '../outbound/render-update';
import { FRESHSERVICE_WEBHOOK_BODY } from './freshservice-defaults';
import { FreshserviceAdapter } from './freshservice.adapter';
import noteAdded from './fixtures/note-added.json';
import ticketResolved from './fixtures/ticket-resolved.json';

const BRIDGE_AGENT = '27000000001';
const client = plainToInstance(ClientConfig, {
  id: 'acme',
  itsm: 'freshservice',
  inbound: { type: 'basic', username: 'freshservice', password: { env: 'X' } },
  routing: [{ field: 'group', equals: 'Mobility' }],
  mapping: { defaultRequestType: 'Tech Support', requestTypes: { 'Hardware/Mobile': 'Device Replacement' } },
  tangoe: { baseUrl: 'http://127.0.0.1:3100', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'T' } } },
  outbound: { baseUrl: 'https://acme.freshservice.com', auth: { type: 'basic', username: 'api-key', password: { env: 'P' } }, integrationUser: BRIDGE_AGENT, assignmentGroup: '27000000050' },
});
const adapter = new FreshserviceAdapter();
const receivedAt = new Date('2026-12-02T10:15:05Z');
const eventsOf = (payload: unknown): EventEnvelope[] => {
  const result = adapter.normalize(payload, { client, receivedAt });
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  return result.events;
};
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('FreshserviceAdapter', () => {
  it('turns a routed ticket and its note into TicketOpened then CommentAdded, HTML as text', () => {
    const [opened, note] = eventsOf(noteAdded);
    if (opened.type !== 'TicketOpened') throw new Error('unreachable');
    expect(opened.subject).toBe('acme:4521');
    expect(opened.data.description).toBe("My phone's hotspot drops every 5 minutes.\nBüro München");
    expect(opened.data.supportRequest).toMatchObject({ requestorName: 'Ann Smith', requestorNumber: '5551234567', requestType: 'Device Replacement', employeeId: '10001' });
    expect(note.data).toMatchObject({ commentId: '27000987654', text: 'Tried another SIM — same.', visibility: 'internal', author: 'Ann Smith' });
  });

  it('turns 4 Resolved into a client-side resolution; optional fields may be missing', () => {
    const events = eventsOf(ticketResolved);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(events[1].data).toMatchObject({ state: 'resolved', origin: 'client' });
    const pending = clone(ticketResolved);
    pending.ticket.status = '3';
    expect(eventsOf(pending).map((e) => e.type)).toEqual(['TicketOpened']);
  });

  it('drops its own agent\'s changes and tickets the routing leaves out, and names what it cannot read', () => {
    const echo = clone(noteAdded);
    echo.note.user_id = BRIDGE_AGENT;
    expect(adapter.normalize(echo, { client, receivedAt })).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('echo') });
    const mirror = { ...clone(noteAdded), event: 'ticket.created', note: undefined, actor_id: BRIDGE_AGENT };
    expect(adapter.normalize(mirror, { client, receivedAt })).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('was created by the bridge itself') });
    const elsewhere = clone(noteAdded);
    elsewhere.ticket.group = 'Facilities';
    expect(adapter.normalize(elsewhere, { client, receivedAt })).toMatchObject({ kind: 'ignored' });
    const fields = (payload: unknown) => {
      try {
        adapter.normalize(payload, { client, receivedAt });
        return [];
      } catch (error) {
        if (!(error instanceof InboundPayloadError)) throw error;
        return error.fields.map((f) => f.field);
      }
    };
    expect(fields({ ...ticketResolved, ticket: { ...ticketResolved.ticket, status: 'Resolved' } })).toEqual(['ticket.status']);
    expect(fields({ ...noteAdded, note: undefined })).toEqual(['note']);
  });

  it('documents a webhook body that parses once Freshservice fills it', () => {
    expect(() => JSON.parse(FRESHSERVICE_WEBHOOK_BODY.replace(/\{\{[^}]+\}\}/g, '1'))).not.toThrow();
  });

  it('renders a note and numeric status codes, and strips read-only fields before sending', () => {
    const outbound = adapter.outbound;
    const base = { clientId: 'acme', externalSourceId: '4521', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
    const close = renderUpdate({ ...base, kind: 'close', text: 'Replacement <shipped>.' }, client, outbound);
    expect(outbound.preview(close, client)).toEqual([
      { method: 'PUT', url: 'https://acme.freshservice.com/api/v2/tickets/4521', body: { status: 5 } },
      { method: 'GET', url: 'https://acme.freshservice.com/api/v2/tickets/4521/conversations', body: undefined },
      { method: 'POST', url: 'https://acme.freshservice.com/api/v2/tickets/4521/notes', body: { body: 'Replacement &lt;shipped&gt;.', private: true } },
    ]);
    const copying = plainToInstance(ClientConfig, { ...client, outbound: { ...client.outbound, templates: { awaiting_customer_response: '{"fields": {"id": 4521, "status": "3", "created_at": "x", "urgency": 2}}' } } });
    expect(outbound.preview(renderUpdate({ ...base, kind: 'awaiting_customer_response' }, copying, outbound), copying)[0].body).toEqual({ status: 3, urgency: 2 });
    expect(outbound.preview(renderUpdate({ ...base, kind: 'reassign' }, client, outbound), client)[0].body).toEqual({ group_id: 27000000050 });
  });
});
