import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import { ActivityDetails, EventTypes, Origin, createEvent } from '@bridge/contracts';
import { adapterFor } from '../adapter-registry';
import { GenericWebhookOutbound } from '../webhook/generic-webhook-outbound';
import { activityTargetOf, mirrorCorrelationId } from './activity-target';
import { updateFor } from './outbound-update';
import { InvalidRecordId } from './record-ids';
import { renderUpdate } from './render-update';

const clientWith = (activities: Record<string, unknown> | undefined) =>
  plainToInstance(ClientConfig, {
    id: 'acme',
    itsm: 'servicenow',
    inbound: { type: 'hmac', secret: { env: 'X' } },
    mapping: { defaultRequestType: 'Tech Support' },
    tangoe: { baseUrl: 'http://127.0.0.1:3100', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'T' } } },
    outbound: { baseUrl: 'http://127.0.0.1:3100/servicenow/acme', auth: { type: 'basic', username: 'bridge', password: { env: 'P' } } },
    activities,
  });

/** Every line of seed 001's completion template, each with a value of its own. */
const details: ActivityDetails = {
  activityType: 'New Line with Device',
  ticketNumber: 'TM-880001',
  remoteActivityId: 'RITM0010001',
  submittedAt: '2026-11-24T09:00:00.000Z',
  assignedTo: 'Sandy Specialist',
  requestorName: 'Ann Smith',
  requestorEmail: 'ann.smith@sandbox.com',
  userName: 'Ann Smith',
  carrier: 'Verizon Wireless',
  phoneNumber: '(555) 259-6624',
  device: 'Apple iPhone 15 128GB',
  plan: 'Business Unlimited',
  planCost: '45.00',
  areaCode: '555',
  preferredAddress: '1 Main Street, Springfield, IL 62701',
  shippingAddress: '1 Main Street Springfield, IL 62701',
  trackingUrl: 'https://track.example/1Z999',
  portInformation: 'Port from AT&T, PIN on file',
  existingPhoneNumber: '(555) 111-2222',
  accountNumber: '842-100200',
  accountName: 'Acme corporate',
  transferNotes: 'Ship to the front desk — señora Núñez',
};

const activityEvent = (state: 'ordered' | 'on_back_order' | 'completed' | 'cancelled', activity: ActivityDetails = details) =>
  createEvent(
    EventTypes.StateChanged,
    { clientId: 'acme', subjectKind: 'activity', activityId: '880001', origin: Origin.Tangoe, state, changedAt: '2026-11-24T10:00:00.000Z', changeId: `880001:${state}`, activity },
    { source: 'test' },
  );

describe('activity updates', () => {
  const servicenow = adapterFor('servicenow')!.outbound;

  it('renders seed 001\'s completion payload for the RITM its remote_activity_id names, every line filled', () => {
    const client = clientWith({ mode: 'update' });
    const update = updateFor(activityEvent('completed'))!;
    expect(update).toMatchObject({ kind: 'activity_completed', externalSourceId: 'activity:880001' });
    const target = activityTargetOf(update, client);
    expect(target).toEqual({ kind: 'record', number: 'RITM0010001' });
    const rendered = renderUpdate(update, client, servicenow, target);
    expect(rendered.recordNumber).toBe('RITM0010001');
    expect(rendered.body).toMatchObject({ number: 'RITM0010001', state: '3' });
    const notes = String(rendered.body.work_notes);
    expect(notes.startsWith('Your mobility request has been completed. The details are as follows:\n')).toBe(true);
    const lines = notes.split('\n').slice(1).map((line) => line.trim());
    expect(lines).toHaveLength(20);
    for (const line of lines) expect(line).toMatch(/^[^:]+: \S/);
    for (const value of Object.values(details).filter((v) => v !== details.remoteActivityId)) expect(notes).toContain(value);
    expect(servicenow.preview(rendered, client)[0].url).toContain('/api/now/table/sc_req_item?sysparm_query=number=RITM0010001');
  });

  it('refuses, when it renders, a remote_activity_id that is a query rather than a RITM number: nothing is sent', () => {
    const update = updateFor(activityEvent('ordered', { ...details, remoteActivityId: 'RITM0000001^NQnumber=RITM0010002' }))!;
    const client = clientWith({ mode: 'update' });
    expect(() => renderUpdate(update, client, servicenow, activityTargetOf(update, client))).toThrow(InvalidRecordId);
  });

  it('gives each state its own state code', () => {
    const client = clientWith({ mode: 'update' });
    const codes = (['ordered', 'on_back_order', 'completed', 'cancelled'] as const).map((state) => {
      const update = updateFor(activityEvent(state))!;
      return renderUpdate(update, client, servicenow, activityTargetOf(update, client)).body.state;
    });
    expect(codes).toEqual(['2', '-5', '3', '4']);
  });

  it('mirrors an activity with no client record: a create carrying the correlation id, then updates found by it', () => {
    const client = clientWith({ mode: 'mirror' });
    const { remoteActivityId: _none, ...unlinked } = details;
    const update = updateFor(activityEvent('ordered', unlinked))!;
    const target = activityTargetOf(update, client);
    expect(target).toEqual({ kind: 'mirror', correlationId: mirrorCorrelationId('880001') });
    const create = renderUpdate({ ...update, kind: 'activity_mirror' }, client, servicenow, target);
    expect(create).toMatchObject({ create: true, lookupField: 'correlation_id', recordNumber: 'tangoe-activity-880001' });
    expect(create.body).toMatchObject({ correlation_id: 'tangoe-activity-880001', short_description: 'Tangoe order TM-880001: New Line with Device', state: '1' });
    expect(servicenow.preview(create, client)).toEqual([expect.objectContaining({ method: 'POST' })]);
    const later = renderUpdate(update, client, servicenow, target);
    expect(later.create).toBe(false);
    expect(later.body).not.toHaveProperty('number');
    expect(servicenow.preview(later, client)[0].url).toContain('sysparm_query=correlation_id=tangoe-activity-880001');
  });

  it('sends nothing for an unlinked activity when the client only updates, or takes no activities', () => {
    const { remoteActivityId: _none, ...unlinked } = details;
    const update = updateFor(activityEvent('completed', unlinked))!;
    expect(activityTargetOf(update, clientWith({ mode: 'update' }))).toMatchObject({ kind: 'none', reason: expect.stringContaining('no remote_activity_id') });
    expect(activityTargetOf(update, clientWith(undefined))).toMatchObject({ kind: 'none', reason: expect.stringContaining('takes no activities') });
  });

  it('sends a generic endpoint the activity\'s facts as they are', () => {
    const client = clientWith({ mode: 'update' });
    const update = updateFor(activityEvent('on_back_order'))!;
    const rendered = renderUpdate(update, client, new GenericWebhookOutbound(), activityTargetOf(update, client));
    expect(rendered.body).toMatchObject({ activity: { id: '880001', state: 'on_back_order', ticket_number: 'TM-880001', tracking_url: 'https://track.example/1Z999' }, record: { number: 'RITM0010001' } });
    const [preview] = new GenericWebhookOutbound(() => new Date('2026-11-24T10:00:00Z')).preview(rendered, client);
    expect(preview.body).toMatchObject({ type: 'activity.on_back_order', data: { client: 'acme', activity: { state: 'on_back_order' } } });
  });
});
