import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import { EventEnvelope, Origin } from '@bridge/contracts';
import { InboundPayloadError } from '../itsm-adapter';
import { ServiceNowAdapter } from './servicenow.adapter';
import { renderUpdate } from '../outbound/render-update';
import { closeSentOnceAfterRefusal, fakeItsmHttp, sameNoteSentAndCounted } from '../outbound/outbound-spec-kit';
import inserted from './fixtures/incident-inserted.json';

const client = plainToInstance(ClientConfig, {
  id: 'acme',
  itsm: 'servicenow',
  inbound: { type: 'hmac', secret: { env: 'X' } },
  routing: [{ field: 'assignment_group', in: ['Mobility'] }],
  mapping: {
    defaultRequestType: 'Tech Support',
    requestTypes: { 'hardware/mobile': 'Device Replacement' },
    deviceTypes: { smartphone: 'Smart Phone' },
    vip: { priorities: ['1'] },
  },
  tangoe: { baseUrl: 'http://127.0.0.1:3100', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'T' } } },
});
const adapter = new ServiceNowAdapter();
const receivedAt = new Date('2026-11-24T09:00:05Z');
const normalize = (payload: unknown, c: ClientConfig = client) => adapter.normalize(payload, { client: c, receivedAt });
const eventsOf = (payload: unknown): EventEnvelope[] => {
  const result = normalize(payload);
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  return result.events;
};

describe('ServiceNowAdapter', () => {
  it('turns a routed incident into TicketOpened with the mapped support request', () => {
    const [event] = eventsOf(inserted);
    expect(event.type).toBe('TicketOpened');
    expect(event.subject).toBe('acme:INC0010001');
    if (event.type !== 'TicketOpened') throw new Error('unreachable');
    expect(event.data.supportRequest).toEqual({
      text: expect.stringContaining('INC0010001: Phone does not boot\nSince this morning the screen stays black.'),
      requestorName: 'Ann Smith',
      requestorNumber: '5551234567',
      requestType: 'Device Replacement',
      externalSourceId: 'INC0010001',
      deviceType: 'Smart Phone',
      vip: true,
      employeeId: '10000',
    });
    expect(event.data.supportRequest.text).toContain('- Urgency: 2');
    expect(event.data.openedAt).toBe('2026-11-24T09:00:00.000Z');
  });

  it('gives the same webhook the same event ids, so a re-delivery is published once', () => {
    expect(eventsOf(inserted).map((e) => e.id)).toEqual(eventsOf(inserted).map((e) => e.id));
  });

  it('puts what does not map into the text', () => {
    const other = { ...inserted, record: { ...inserted.record, category: 'network', u_device_type: 'walkie-talkie' } };
    const [event] = eventsOf(other);
    if (event.type !== 'TicketOpened') throw new Error('unreachable');
    expect(event.data.supportRequest.requestType).toBe('Tech Support');
    expect(event.data.supportRequest.deviceType).toBeUndefined();
    expect(event.data.supportRequest.text).toContain('- Category: network / mobile');
    expect(event.data.supportRequest.text).toContain('- Device: walkie-talkie');
  });

  it('ignores a ticket outside the routing rules', () => {
    const result = normalize({ ...inserted, record: { ...inserted.record, assignment_group: 'Service Desk' } });
    expect(result).toEqual({ kind: 'ignored', reason: expect.stringContaining('does not match the routing rules') });
  });

  it('adds CommentAdded for a journal entry, public for comments and internal for work notes', () => {
    const journal = { sys_id: 'a'.repeat(32), element: 'work_notes', value: 'Ünïcode <b>note</b>', sys_created_on: '2026-11-24 09:10:00', sys_created_by: 'agent' };
    const events = eventsOf({ ...inserted, event: 'journal.added', journal });
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'CommentAdded']);
    expect(events[1].data).toMatchObject({ origin: Origin.Client, commentId: 'a'.repeat(32), visibility: 'internal', text: 'Ünïcode <b>note</b>' });
  });

  it('adds StateChanged when the client cancels, and not when the state did not change', () => {
    const canceled = { ...inserted, event: 'record.updated', record: { ...inserted.record, state: '8', previous_state: '2', sys_mod_count: '4' } };
    const events = eventsOf(canceled);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(events[1].data).toMatchObject({ origin: Origin.Client, state: 'canceled', changeId: `${inserted.sys_id}:4` });
    const unchanged = { ...canceled, record: { ...canceled.record, previous_state: '8' } };
    expect(eventsOf(unchanged).map((e) => e.type)).toEqual(['TicketOpened']);
  });

  it('names every missing or malformed field', () => {
    const bad = { event: 'record.exploded', table: 'incident', sys_id: 'nope', record: { number: 'INC1', assignment_group: 'Mobility' } };
    const error = (() => {
      try {
        normalize(bad);
      } catch (caught) {
        return caught as InboundPayloadError;
      }
      throw new Error('expected an error');
    })();
    expect(error.fields.map((f) => f.field)).toEqual(['event', 'sys_id']);
    const noPhone = { ...inserted, record: { ...inserted.record, caller_phone: '' } };
    expect(() => normalize(noPhone)).toThrow(/record.caller_phone is required/);
    expect(() => normalize('[]')).toThrow(InboundPayloadError);
  });
});

describe('ServiceNowAdapter echo detection', () => {
  const withUser = plainToInstance(ClientConfig, {
    ...JSON.parse(JSON.stringify(client)),
    outbound: { baseUrl: 'http://127.0.0.1:1', auth: { type: 'basic', username: 'tangoe.bridge', password: { env: 'P' } }, integrationUser: 'tangoe.bridge' },
  });

  it("drops the bridge's own notes, updates and records (mirrored orders) coming back, and keeps everyone else's", () => {
    const ours = { ...inserted, event: 'journal.added', journal: { sys_id: 'b'.repeat(32), element: 'work_notes', value: 'from Tangoe', sys_created_by: 'tangoe.bridge' } };
    expect(adapter.normalize(ours, { client: withUser, receivedAt })).toEqual({ kind: 'ignored', reason: expect.stringMatching(/^echo:/) });
    const closedByUs = { ...inserted, event: 'record.updated', record: { ...inserted.record, state: '7', previous_state: '2', sys_updated_by: 'tangoe.bridge' } };
    expect(adapter.normalize(closedByUs, { client: withUser, receivedAt }).kind).toBe('ignored');
    const mirroredByUs = { ...inserted, record: { ...inserted.record, sys_created_by: 'tangoe.bridge', sys_updated_by: 'tangoe.bridge' } };
    expect(adapter.normalize(mirroredByUs, { client: withUser, receivedAt })).toEqual({ kind: 'ignored', reason: expect.stringContaining('was created by the bridge itself') });
    const theirs = { ...ours, journal: { ...ours.journal, sys_created_by: 'ann.smith' } };
    expect(adapter.normalize(theirs, { client: withUser, receivedAt }).kind).toBe('events');
  });
});

describe('ServiceNowOutbound after an earlier attempt', () => {
  const outbound = adapter.outbound;
  const withUser = plainToInstance(ClientConfig, {
    ...JSON.parse(JSON.stringify(client)),
    outbound: { baseUrl: 'http://127.0.0.1:1', auth: { type: 'basic', username: 'tangoe.bridge', password: { env: 'P' } }, integrationUser: 'tangoe.bridge' },
  });
  const base = { clientId: 'acme', externalSourceId: 'INC0010001', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
  const render = (kind: 'note' | 'close', text: string) => renderUpdate({ ...base, kind, text }, withUser, outbound);

  /** An instance with INC0010001: a PATCH sets its fields and appends its journal entries, stamped in whole seconds. */
  function instanceWith() {
    const record: Record<string, unknown> = { sys_id: 'a'.repeat(32), number: 'INC0010001', state: '2' };
    const journal: Array<{ element: string; value: string; sys_created_by: string; sys_created_on: string }> = [];
    const itsm = fakeItsmHttp({
      'GET /api/now/table/incident': () => ({ status: 200, data: { result: [record] } }),
      'GET /api/now/table/sys_journal_field': ({ params }) => {
        const element = /\^element=(\w+)\^/.exec(String(params.sysparm_query))![1];
        return { status: 200, data: { result: journal.filter((entry) => entry.element === element).reverse() } };
      },
      'PATCH /api/now/table/incident/\\w+': ({ body }) => {
        const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
        for (const [field, value] of Object.entries(body as Record<string, string>)) {
          if (field === 'work_notes' || field === 'comments') journal.push({ element: field, value, sys_created_by: 'tangoe.bridge', sys_created_on: now });
          else record[field] = value;
        }
        return { status: 200, data: { result: record } };
      },
    });
    return { ...itsm, record, journal };
  }

  it('does not take the note sent just before for a close carrying its text, in the same second: the close is sent, then proven', async () => {
    const instance = instanceWith();
    const run = await closeSentOnceAfterRefusal(outbound, withUser, instance.http, render, () => instance.failNext('PATCH', 503), 200);
    expect(instance.record.state).toBe('7');
    // The caller reopens: the close's own work note still proves it arrived, and it is not sent over the reopen.
    instance.record.state = '2';
    expect(await outbound.alreadyApplied!(instance.http, run.close, withUser, run.earlier)).toBe(true);
  });

  it('writes a note in the same words as the one before, and decides a retry of it by how many there are', async () => {
    const instance = instanceWith();
    await sameNoteSentAndCounted(outbound, withUser, instance.http, render, () => instance.journal.pop(), 200);
  });
});
