import { ticketTimeline } from './ticket-timeline';

const TRACE = 'a'.repeat(32);

describe('ticketTimeline', () => {
  it("puts every service's steps in time order, each ingress event with the trace the gateway continued", () => {
    const entries = ticketTimeline({
      ingress: { ok: true, data: [{ eventId: 'e1', type: 'TicketOpened', publishedAt: '2026-12-07T10:00:00.000Z' }, { eventId: 'e2', type: 'CommentAdded', publishedAt: '2026-12-07T10:01:00.000Z' }] },
      gateway: {
        ok: true,
        data: {
          status: 'linked',
          supportRequestId: 42,
          createAttempts: 1,
          error: null,
          events: [
            { eventId: 'e1', type: 'TicketOpened', status: 'done', attempts: 1, queuedAt: '2026-12-07T10:00:00.100Z', error: null, traceId: TRACE },
            { eventId: 'e2', type: 'CommentAdded', status: 'parked', attempts: 5, queuedAt: '2026-12-07T10:01:00.100Z', error: 'HTTP 400', traceId: null },
          ],
          interactions: [],
        },
      },
      notifier: {
        ok: true,
        data: [
          {
            id: '7',
            event_id: 't1',
            kind: 'note',
            status: 'delivered',
            created_at: '2026-12-07T10:00:30.000Z',
            last_error: null,
            trace_id: 'b'.repeat(32),
            attempts_log: [
              { attempt: 1, started_at: '2026-12-07T10:00:31.000Z', status_code: 503, outcome: 'retry', response: 'down' },
              { attempt: 2, started_at: '2026-12-07T10:00:40.000Z', status_code: 200, outcome: 'delivered', response: '{"result":{}}' },
            ],
          },
        ],
      },
    });
    expect(entries.map((e) => [e.where, e.what, e.status, e.details])).toEqual([
      ['ingress', 'published TicketOpened', 'published', null],
      ['gateway', "TicketOpened in the ticket's line (1 attempt)", 'done', null],
      ['gateway', 'support request 42', 'linked', null],
      ['notifier', 'note toward the ITSM', 'delivered', null],
      ['notifier', 'attempt 1 of the note: HTTP 503', 'retry', 'down'],
      ['notifier', 'attempt 2 of the note: HTTP 200', 'delivered', null],
      ['ingress', 'published CommentAdded', 'published', null],
      ['gateway', "CommentAdded in the ticket's line (5 attempts)", 'parked', 'HTTP 400'],
    ]);
    expect(entries[0].traceId).toBe(TRACE);
    expect(entries[6].traceId).toBeNull();
  });

  it("leaves out the part of a service that did not answer, and clips another system's long answer", () => {
    const entries = ticketTimeline({
      ingress: { ok: false, problem: 'the ingress did not answer', status: 0 },
      gateway: { ok: true, data: null },
      notifier: {
        ok: true,
        data: [{ id: '1', event_id: 't', kind: 'close', status: 'parked', created_at: '2026-12-07T10:00:00.000Z', last_error: 'x'.repeat(1000), trace_id: null, attempts_log: [] }],
      },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0].details).toHaveLength(301);
  });
});
