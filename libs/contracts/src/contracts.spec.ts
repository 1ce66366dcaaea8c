import {
  CommentAddedData,
  TangoePushReceivedData,
  EVENT_DEFINITIONS,
  EventTypes,
  EventValidationError,
  Origin,
  activityKey,
  createEvent,
  decodeEvent,
  encodeEvent,
  originOf,
  parseKey,
  requestTypeCode,
  ticketKey,
  topicFor,
  topicNames,
  validateEvent,
} from './index';

const comment = (overrides: Partial<CommentAddedData> = {}): CommentAddedData => ({
  clientId: 'acme',
  externalSourceId: 'INC0010001',
  origin: Origin.Client,
  commentId: 'c-1',
  text: 'still broken',
  visibility: 'public',
  createdAt: '2026-11-24T10:00:00Z',
  ...overrides,
});

const ticketData = {
  clientId: 'acme',
  externalSourceId: 'INC0010001',
  itsm: 'servicenow',
  title: 'Phone broken',
  openedAt: '2026-11-24T10:00:00Z',
  supportRequest: {
    text: 'Phone broken',
    requestorName: 'Ann Smith',
    requestorNumber: '5551234567',
    requestType: 'Device Replacement',
    externalSourceId: 'INC0010001',
    vip: false,
  },
};

const activityChange = {
  clientId: 'acme',
  subjectKind: 'activity' as const,
  activityId: '77',
  origin: Origin.Tangoe,
  state: 'completed' as const,
  changedAt: '2026-11-24T10:00:00Z',
  changeId: 'u1',
};

function validationErrorOf(fn: () => unknown): EventValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EventValidationError) return error;
    throw error;
  }
  throw new Error('expected an EventValidationError');
}

describe('keys', () => {
  it('builds and parses ticket and activity keys', () => {
    expect(ticketKey('acme', 'INC001')).toBe('acme:INC001');
    expect(activityKey('acme', 42)).toBe('acme:activity:42');
    expect(parseKey('acme:INC:with:colons')).toEqual({ kind: 'ticket', clientId: 'acme', externalSourceId: 'INC:with:colons' });
    expect(parseKey('acme:activity:42')).toEqual({ kind: 'activity', clientId: 'acme', activityId: '42' });
  });

  it('refuses client ids that would make keys ambiguous', () => {
    expect(() => ticketKey('ac:me', 'X')).toThrow(/clientId/);
    expect(() => ticketKey('acme', '')).toThrow(/externalSourceId/);
    // Found by the ingress fuzz: a record number with NUL made PostgreSQL refuse the key, and the ingress answer 503.
    expect(() => ticketKey('acme', 'INC\u0000001')).toThrow(/externalSourceId must not contain control characters/);
    expect(ticketKey('acme', 'Büro-42 ✓')).toBe('acme:Büro-42 ✓');
  });
});

describe('topics', () => {
  it('routes by direction so order holds across event types', () => {
    const names = topicNames('t1');
    const opened = createEvent(EventTypes.TicketOpened, ticketData, { source: 'test' });
    expect(originOf(opened)).toBe(Origin.Client);
    expect(topicFor(names, opened)).toBe('t1.client-events.v1');
    expect(topicFor(names, createEvent(EventTypes.CommentAdded, comment(), { source: 'test' }))).toBe('t1.client-events.v1');
    expect(topicFor(names, createEvent(EventTypes.CommentAdded, comment({ origin: Origin.Tangoe }), { source: 'test' }))).toBe('t1.tangoe-events.v1');
  });

  it("sends Tangoe's pushes, unread, to the gateway's topic, keyed by their ticket or activity", () => {
    const names = topicNames('t1');
    const body = { event: 'support_request.state_changed', support_request: { id: 7 } };
    const pushed = createEvent(EventTypes.TangoePushReceived, { clientId: 'acme', kind: 'support_request', externalSourceId: 'INC1', body }, { source: 'test' });
    expect({ topic: topicFor(names, pushed), subject: pushed.subject }).toEqual({ topic: 't1.tangoe-pushes.v1', subject: ticketKey('acme', 'INC1') });
    const activity = createEvent(EventTypes.TangoePushReceived, { clientId: 'acme', kind: 'activity', activityId: '42', body: { activity: { id: 42 } } }, { source: 'test' });
    expect(activity.subject).toBe(activityKey('acme', '42'));
    expect((decodeEvent(encodeEvent(activity)).data as TangoePushReceivedData).body).toEqual({ activity: { id: 42 } });
    // An activity's push without its id makes no key.
    expect(validationErrorOf(() => createEvent(EventTypes.TangoePushReceived, { clientId: 'acme', kind: 'activity', body }, { source: 'test' })).fields).toEqual(['subject']);
  });

  it('refuses a namespace Kafka would not accept', () => {
    expect(() => topicNames('bad name')).toThrow(/namespace/);
  });
});

describe('event definitions', () => {
  it('name every event type once, and the constants, versions and classes come from there', () => {
    expect(EventTypes).toEqual({ TicketOpened: 'TicketOpened', CommentAdded: 'CommentAdded', StateChanged: 'StateChanged', TangoePushReceived: 'TangoePushReceived' });
    const event = createEvent(EventTypes.StateChanged, { ...activityChange }, { source: 'test' });
    expect(event.dataversion).toBe(EVENT_DEFINITIONS.StateChanged.dataVersion);
    expect(validateEvent(JSON.parse(JSON.stringify(event))).data).toBeInstanceOf(EVENT_DEFINITIONS.StateChanged.dataClass);
  });
});

describe('events', () => {
  it('creates a valid event whose subject is the ticket key and survives encode/decode', () => {
    const event = createEvent(EventTypes.CommentAdded, comment(), { source: 'test' });
    expect(event.subject).toBe('acme:INC0010001');
    expect(event.specversion).toBe('1.0');
    const decoded = decodeEvent(encodeEvent(event));
    expect(decoded).toEqual(event);
    expect(decoded.data).toBeInstanceOf(CommentAddedData);
  });

  it('names the offending field, nested ones by path', () => {
    const bad = { ...ticketData, supportRequest: { ...ticketData.supportRequest, requestType: 'Make Coffee' } };
    const error = validationErrorOf(() => createEvent(EventTypes.TicketOpened, bad, { source: 'test' }));
    expect(error.fields).toEqual(['data.supportRequest.requestType']);
    expect(error.message).toMatch(/TicketOpened event is invalid: data.supportRequest.requestType must be one of/);
    expect(error.retriable).toBe(false);
  });

  it('refuses unknown properties, so no credential can ride along in an event', () => {
    const withSecret = { ...comment(), apiToken: 'tok-123' } as CommentAddedData;
    const error = validationErrorOf(() => createEvent(EventTypes.CommentAdded, withSecret, { source: 'test' }));
    expect(error.fields).toEqual(['data.apiToken']);
    expect(error.message).not.toContain('tok-123');
  });

  it('refuses an envelope whose subject is not the key its data names', () => {
    const event = createEvent(EventTypes.CommentAdded, comment(), { source: 'test' });
    const error = validationErrorOf(() => validateEvent({ ...event, subject: 'other:INC9' }));
    expect(error.fields).toEqual(['subject']);
  });

  it('refuses an unknown type, a wrong version and an extra envelope field', () => {
    const event = createEvent(EventTypes.CommentAdded, comment(), { source: 'test' });
    expect(validationErrorOf(() => validateEvent({ ...event, type: 'TicketClosed' })).fields).toContain('type');
    expect(validationErrorOf(() => validateEvent({ ...event, dataversion: 2 })).fields).toEqual(['dataversion']);
    expect(validationErrorOf(() => validateEvent({ ...event, password: 'x' })).fields).toEqual(['password']);
  });


  it('keeps ticket and activity states apart', () => {
    const change = activityChange;
    expect(createEvent(EventTypes.StateChanged, change, { source: 'test' }).subject).toBe('acme:activity:77');
    const onTicket = { ...change, subjectKind: 'ticket' as const, externalSourceId: 'INC1', activityId: undefined };
    const error = validationErrorOf(() => createEvent(EventTypes.StateChanged, onTicket, { source: 'test' }));
    expect(error.fields).toEqual(['data.state']);
  });

  it('carries an activity\'s details on its changes only, each field validated', () => {
    const change = { ...activityChange, activity: { ticketNumber: 'TM-77', remoteActivityId: 'RITM0010001', carrier: 'Verizon Wireless' } };
    expect(createEvent(EventTypes.StateChanged, change, { source: 'test' }).data.activity).toMatchObject({ ticketNumber: 'TM-77' });
    const onTicket = { ...change, subjectKind: 'ticket' as const, externalSourceId: 'INC1', activityId: undefined, state: 'closed' as const };
    expect(validationErrorOf(() => createEvent(EventTypes.StateChanged, onTicket, { source: 'test' })).fields).toEqual(['data.activity']);
    const badField = { ...change, activity: { ticketNumber: 42, password: 'x' } } as unknown as typeof change;
    expect(validationErrorOf(() => createEvent(EventTypes.StateChanged, badField, { source: 'test' })).fields).toEqual(expect.arrayContaining(['data.activity.password', 'data.activity.ticketNumber']));
    expect(new Set(validationErrorOf(() => createEvent(EventTypes.StateChanged, badField, { source: 'test' })).fields).size).toBe(2);
  });

  it('decodes garbage into a validation error, not a crash', () => {
    expect(validationErrorOf(() => decodeEvent(Buffer.from('{not json'))).fields).toEqual(['(root)']);
    expect(validationErrorOf(() => decodeEvent(null)).fields).toEqual(['(root)']);
    expect(validationErrorOf(() => decodeEvent(Buffer.from('[]'))).fields).toEqual(['(root)']);
  });
});

describe('Tangoe vocabulary', () => {
  it('turns request type labels into the codes the seed response shows', () => {
    expect(requestTypeCode('Application Support (on Device)')).toBe('application_support_on_device');
    expect(requestTypeCode('Portal Assistance :: Billing Inquiry')).toBe('portal_assistance_billing_inquiry');
  });
});
