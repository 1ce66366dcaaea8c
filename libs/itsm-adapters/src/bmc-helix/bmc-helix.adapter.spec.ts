import { Origin } from '@bridge/contracts';
import { adapterSpecKit, clone } from '../adapter-spec-kit';
import { renderUpdate } from '../outbound/render-update';
import { closeSentOnceAfterRefusal, fakeItsmHttp, retryAfter, sameNoteSentAndCounted } from '../outbound/outbound-spec-kit';
import { BMC_HELIX_WEBHOOK_BODY } from './bmc-helix-defaults';
import { BmcHelixAdapter } from './bmc-helix.adapter';
import incidentCreated from './fixtures/incident-created.json';
import incidentResolved from './fixtures/incident-resolved.json';
import worklogAdded from './fixtures/worklog-added.json';

const BRIDGE_USER = 'tangoe.bridge';
const { adapter, client, normalize, withClient, eventsOf, openingEvents, refusedFields } = adapterSpecKit(new BmcHelixAdapter(), {
  inbound: { type: 'basic', username: 'helix-webhook', password: { env: 'X' } },
  routing: [{ field: 'Assigned Group', equals: 'Mobility' }],
  mapping: { defaultRequestType: 'Tech Support', requestTypes: { 'Hardware/Mobile': 'Device Replacement' } },
  outbound: { baseUrl: 'https://acme-restapi.onbmc.com', auth: { type: 'ar-jwt', username: BRIDGE_USER, password: { env: 'P' } }, integrationUser: BRIDGE_USER, assignmentGroup: 'Service Desk' },
});

describe('BmcHelixAdapter', () => {
  it('turns a routed incident and its work log into TicketOpened then CommentAdded, HTML as text', () => {
    const [opened, workLog] = openingEvents(worklogAdded);
    expect(opened.subject).toBe('acme:INC000000000101');
    expect(opened.data).toMatchObject({ itsm: 'bmc-helix', title: "Téléphone ne s'allume plus", description: 'Since this morning the screen stays black.\nBüro München & desk 4', openedAt: '2026-12-02T10:00:00.000Z' });
    expect(opened.data.supportRequest).toMatchObject({ requestorName: 'Ann Smith', requestorNumber: '+1 555 123 4567', requestType: 'Device Replacement', deviceType: 'Smart Phone', employeeId: '10001' });
    expect(workLog.data).toMatchObject({ commentId: 'WLG000000000201', text: 'Tried another SIM — same. 🔥', visibility: 'public', author: 'asmith', createdAt: '2026-12-02T10:15:00.000Z' });
    const internal = clone(worklogAdded);
    internal.workLog['View Access'] = 'Internal';
    expect(eventsOf(internal)[1].data).toMatchObject({ visibility: 'internal' });
  });

  it('opens a new incident whose optional fields are missing and whose unused fields are ignored', () => {
    const events = eventsOf(incidentCreated);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened']);
    expect(events[0].data).toMatchObject({ title: 'New line for a contractor', supportRequest: { requestorName: 'José Núñez', requestType: 'Tech Support' } });
    expect(events[0].data).not.toHaveProperty('supportRequest.employeeId');
  });

  it('turns Resolved, Closed and Cancelled into client-side changes, the resolution as their note', () => {
    const events = eventsOf(incidentResolved);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(events[1].data).toMatchObject({ state: 'resolved', origin: Origin.Client, note: 'Replaced the handset.', changedAt: '2026-12-02T11:00:00.000Z' });
    const states = ['Closed', 'Cancelled', 'Pending'].map((status) => eventsOf({ ...incidentResolved, incident: { ...incidentResolved.incident, Status: status } })[1]?.data);
    expect(states.map((data) => (data as { state?: string } | undefined)?.state)).toEqual(['closed', 'canceled', undefined]);
  });

  it("drops its own user's work logs and updates, and incidents the routing leaves out", () => {
    const echoLog = clone(worklogAdded);
    echoLog.workLog.Submitter = BRIDGE_USER;
    expect(normalize(echoLog)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('echo') });
    const echoUpdate = clone(incidentResolved);
    echoUpdate.incident['Last Modified By'] = BRIDGE_USER;
    expect(normalize(echoUpdate)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('echo') });
    const mirror = clone(incidentCreated);
    mirror.incident['Last Modified By'] = BRIDGE_USER;
    expect(normalize(mirror)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('was created by the bridge itself') });
    const elsewhere = clone(worklogAdded);
    elsewhere.incident['Assigned Group'] = 'Facilities';
    expect(normalize(elsewhere)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('routing') });
  });

  it('refuses what it cannot read, naming the field by its AR System name', () => {
    expect(refusedFields({ event: 'incident.deleted', incident: { 'Incident Number': 'INC000000000101' } })).toEqual(['event']);
    expect(refusedFields({ ...worklogAdded, incident: { ...worklogAdded.incident, 'Incident Number': '$Incident Number$' } })).toEqual(['incident.Incident Number']);
    expect(refusedFields({ ...worklogAdded, workLog: undefined })).toEqual(['workLog']);
    expect(refusedFields({ ...worklogAdded, workLog: { ...worklogAdded.workLog, 'View Access': 'Everyone' } })).toEqual(['workLog.View Access']);
    const noPhone = clone(incidentResolved) as { incident: Record<string, unknown> };
    delete noPhone.incident['Phone Number'];
    expect(refusedFields(noPhone)).toEqual(['incident.Phone Number']);
    expect(refusedFields('[]')).toEqual(['(body)']);
  });

  it('documents a webhook body that parses once Helix fills it, and reads other layouts through mapping.fields', () => {
    const filled = JSON.parse(BMC_HELIX_WEBHOOK_BODY.replace(/\$([^$]+)\$/g, (_, name: string) => (name === 'Incident Number' ? 'INC000000000103' : 'x')));
    expect(normalize(filled, withClient({ routing: [] }))).toMatchObject({ kind: 'events' });
    const mapped = withClient({ mapping: { ...client.mapping, fields: { requestorNumber: 'Contact.Mobile' } } });
    const payload = clone(worklogAdded) as { incident: Record<string, unknown> };
    payload.incident.Contact = { Mobile: '+1 555 999 0000' };
    expect(eventsOf(payload, mapped)[0].data).toMatchObject({ supportRequest: { requestorNumber: '+1 555 999 0000' } });
  });
});

describe('BmcHelixOutbound', () => {
  const outbound = adapter.outbound;
  const base = { clientId: 'acme', externalSourceId: 'INC000000000101', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
  const entry = 'https://acme-restapi.onbmc.com/api/arsys/v1/entry';

  it("renders Tangoe's close as Resolved with its resolution, then a work log, found by the incident number", () => {
    const close = renderUpdate({ ...base, kind: 'close', text: 'Replacement <shipped>.' }, client, outbound);
    expect(outbound.preview(close, client)).toEqual([
      { method: 'GET', url: `${entry}/HPD%3AIncidentInterface?q='Incident Number'="INC000000000101"`, body: undefined },
      { method: 'PUT', url: `${entry}/HPD%3AIncidentInterface/{Request ID}`, body: { values: { Status: 'Resolved', Status_Reason: 'No Further Action Required', Resolution: 'Replacement <shipped>.' } } },
      { method: 'GET', url: `${entry}/HPD%3AWorkLog?q='Incident Number'="{Incident Number}"`, body: undefined },
      {
        method: 'POST',
        url: `${entry}/HPD%3AWorkLog`,
        body: { values: { 'Incident Number': '{Incident Number}', Description: 'Replacement <shipped>.', 'Detailed Description': 'Replacement <shipped>.', 'Work Log Type': 'General Information', 'View Access': 'Internal', 'Secure Work Log': 'No' } },
      },
    ]);
  });

  it('gives each kind its status and reason', () => {
    const fields = (kind: 'cancel' | 'externally_queued' | 'awaiting_customer_response' | 'reassign') => renderUpdate({ ...base, kind }, client, outbound).body.fields;
    expect(fields('cancel')).toEqual({ Status: 'Cancelled' });
    expect(fields('externally_queued')).toEqual({ Status: 'Pending', Status_Reason: 'Supplier Delivery' });
    expect(fields('awaiting_customer_response')).toEqual({ Status: 'Pending', Status_Reason: 'Client Action Required' });
    expect(fields('reassign')).toEqual({ 'Assigned Group': 'Service Desk' });
  });

  it('creates a mirror through HPD:IncidentInterface_Create carrying its correlation id, and finds it again by it', () => {
    const mirror = { ...base, kind: 'activity_mirror' as const, externalSourceId: 'activity:880001', activity: { id: '880001', state: 'ordered' as const, details: { ticketNumber: 'TM-880001', activityType: 'New Line', userName: 'Ann Smith' } } };
    const create = renderUpdate(mirror, client, outbound, { kind: 'mirror', correlationId: 'tangoe-activity-880001' });
    const [request] = outbound.preview(create, client);
    expect(request).toMatchObject({ method: 'POST', url: `${entry}/HPD%3AIncidentInterface_Create?fields=values(Incident Number)` });
    expect((request.body as { values: Record<string, unknown> }).values).toMatchObject({ z1D_Action: 'CREATE', 'Vendor Ticket Number': 'tangoe-activity-880001', Description: 'Tangoe order TM-880001: New Line', Status: 'Assigned', Detailed_Decription: expect.stringContaining('Ann Smith') });
    const later = renderUpdate({ ...mirror, kind: 'activity_completed' }, client, outbound, { kind: 'mirror', correlationId: 'tangoe-activity-880001' });
    expect(outbound.preview(later, client)[0].url).toBe(`${entry}/HPD%3AIncidentInterface?q='Vendor Ticket Number'="tangoe-activity-880001"`);
  });

  /**
   * A Helix holding one incident and the work logs written to it, each with its Submitter and Submit Date; a PUT
   * sets the incident's values. `calls` shows the requests, paths decoded.
   */
  function helixWith(workLogs: Array<{ text: string; by: string; at: Date }>, incident: Record<string, string> = {}) {
    const values: Record<string, string> = { 'Incident Number': 'INC000000000101', ...incident };
    const itsm = fakeItsmHttp({
      'GET /api/arsys/v1/entry/HPD%3AIncidentInterface': () => ({ status: 200, data: { entries: [{ values, _links: { self: [{ href: `${entry}/HPD:IncidentInterface/000000000000101` }] } }] } }),
      'GET /api/arsys/v1/entry/HPD%3AWorkLog': () => ({ status: 200, data: { entries: workLogs.map((log) => ({ values: { 'Detailed Description': log.text, Submitter: log.by, 'Submit Date': log.at.toISOString() } })) } }),
      'POST /api/arsys/v1/entry/HPD%3AWorkLog': ({ body }) => {
        workLogs.push({ text: (body as { values: Record<string, string> }).values['Detailed Description'], by: BRIDGE_USER, at: new Date() });
        return { status: 201, data: '' };
      },
      'PUT /api/arsys/v1/entry/HPD%3AIncidentInterface/.+': ({ body }) => {
        Object.assign(values, (body as { values: Record<string, string> }).values);
        return { status: 204, data: '' };
      },
    });
    return { ...itsm, values, writes: () => itsm.calls.filter((call) => !call.startsWith('GET')).map(decodeURIComponent) };
  }
  const render = (kind: 'note' | 'close', text: string) => renderUpdate({ ...base, kind, text }, client, outbound);

  it('sends the fields by Request ID, then the work log, last, which later tells that the send arrived', async () => {
    const helix = helixWith([]);
    // Text that looks like markup is still the same work log when it is looked for.
    const close = render('close', 'Replacement <shipped>.');
    const began = new Date();
    expect(await outbound.send(helix.http, close, client, {})).toMatchObject({ status: 201 });
    expect(helix.writes()).toEqual(['PUT /api/arsys/v1/entry/HPD:IncidentInterface/000000000000101', 'POST /api/arsys/v1/entry/HPD:WorkLog']);
    expect(decodeURIComponent(helix.calls[0])).toBe('GET /api/arsys/v1/entry/HPD:IncidentInterface');
    expect(await outbound.alreadyApplied!(helix.http, close, client, retryAfter([], began))).toBe(true);
  });

  it('does not write a work log the bridge already wrote: a close carries the last interaction, already sent as a note', async () => {
    const helix = helixWith([{ text: 'Replacement <shipped>.', by: BRIDGE_USER, at: new Date(Date.now() - 60_000) }]);
    expect(await outbound.send(helix.http, render('close', 'Replacement <shipped>.'), client, {})).toMatchObject({ status: 204 });
    expect(helix.writes()).toEqual(['PUT /api/arsys/v1/entry/HPD:IncidentInterface/000000000000101']);
  });

  it('on a send after an earlier attempt, leaves the fields the incident already holds and writes the work log', async () => {
    const helix = helixWith([], { Status: 'Resolved', Status_Reason: 'No Further Action Required', Resolution: 'Replacement shipped.' });
    expect(await outbound.send(helix.http, render('close', 'Replacement shipped.'), client, {}, retryAfter([]))).toMatchObject({ status: 201 });
    expect(helix.writes()).toEqual(['POST /api/arsys/v1/entry/HPD:WorkLog']);
  });

  it("takes neither the caller's work log nor the bridge's older one of the same text for the send's", async () => {
    const close = render('close', 'It is urgent');
    const began = new Date();
    const callers = helixWith([{ text: 'It is urgent', by: 'asmith', at: began }]);
    expect(await outbound.alreadyApplied!(callers.http, close, client, retryAfter([], began))).toBe(false);
    // The older one was left out of the close, which wrote its fields only: they decide.
    const older = helixWith([{ text: 'It is urgent', by: BRIDGE_USER, at: new Date(began.getTime() - 60_000) }]);
    expect(await outbound.alreadyApplied!(older.http, close, client, retryAfter([], began))).toBe(false);
  });

  it("does not take the note sent just before for a close carrying its text: the close is sent, and proven by the incident's fields", async () => {
    const helix = helixWith([]);
    await closeSentOnceAfterRefusal(outbound, client, helix.http, render, () => helix.failNext('PUT', 503), 204);
    expect(helix.values.Status).toBe('Resolved');
    expect(helix.writes().filter((call) => call.startsWith('POST'))).toHaveLength(1);
  });

  it('writes a note in the same words as the one before, and decides a retry of it by how many there are', async () => {
    const logs: Array<{ text: string; by: string; at: Date }> = [];
    const helix = helixWith(logs);
    await sameNoteSentAndCounted(outbound, client, helix.http, render, () => logs.pop(), 201);
  });
});
