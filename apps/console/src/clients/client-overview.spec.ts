import type { GatewayClientStatus, NotifierClientStatus, ReconciliationStatus } from '@bridge/contracts';
import { ClientReadings, FAILING_STREAK, clientOverviews, filterClients } from './client-overview';

const gateway = (clientId: string, over: Partial<GatewayClientStatus> = {}): GatewayClientStatus => ({
  clientId,
  paused: false,
  pausedAt: null,
  pauseReason: null,
  waitingTowardTangoe: 0,
  parkedTowardTangoe: 0,
  tangoeLastAnsweredAt: '2026-12-07T10:00:00.000Z',
  tangoeLastError: null,
  getBudget: { apiUser: `${clientId}-api`, usedLastMinute: 10, perMinute: 100 },
  ...over,
});
const notifier = (clientId: string, over: Partial<NotifierClientStatus> = {}): NotifierClientStatus => ({
  clientId,
  itsm: 'servicenow',
  paused: false,
  pausedAt: null,
  pauseReason: null,
  endpointDisabledAt: null,
  endpointDisabledReason: null,
  endpointSlowedUntil: null,
  waitingTowardItsm: 0,
  parkedTowardItsm: 0,
  itsmLastDeliveredAt: '2026-12-07T10:00:00.000Z',
  itsmLastAnswerAt: '2026-12-07T10:00:00.000Z',
  itsmLastOutcome: 'delivered',
  itsmLastStatus: 200,
  failuresSinceLastDelivered: 0,
  ...over,
});
const reconciliation = (clientId: string, over: Partial<ReconciliationStatus> = {}): ReconciliationStatus => ({
  clientId,
  watermark: '2026-12-07T09:00:00.000Z',
  nextRunAt: '2026-12-07T10:05:00.000Z',
  running: false,
  lastRunAt: '2026-12-07T10:00:00.000Z',
  lastRecordsRead: 3,
  lastChangesFound: 1,
  ...over,
});
const readings = (g: GatewayClientStatus[], n: NotifierClientStatus[], r: ReconciliationStatus[] = []): ClientReadings => ({
  gateway: { ok: true, data: g },
  notifier: { ok: true, data: n },
  reconciliation: { ok: true, data: r },
});

describe('clientOverviews', () => {
  it('says a client flows when nothing holds it back, with what each service said of it', () => {
    const [acme] = clientOverviews(readings([gateway('acme', { waitingTowardTangoe: 2 })], [notifier('acme', { waitingTowardItsm: 3 })], [reconciliation('acme')]));
    expect(acme).toMatchObject({ clientId: 'acme', health: 'flowing', reasons: [], waitingTowardTangoe: 2, waitingTowardItsm: 3, parked: 0, itsmLastAnswer: 'delivered (HTTP 200)', getsUsedLastMinute: 10, getsPerMinute: 100, lastReconciliationChanges: 1 });
  });

  it('ranks held over paused over failing, and says why', () => {
    const held = clientOverviews(readings([gateway('a', { paused: true })], [notifier('a', { endpointDisabledAt: '2026-12-07T09:00:00.000Z', endpointDisabledReason: 'endpoint answered 410 Gone', paused: true, parkedTowardItsm: 2 })]))[0];
    expect(held.health).toBe('held');
    expect(held.reasons[0]).toContain('410 Gone');
    const paused = clientOverviews(readings([gateway('a', { paused: true, pauseReason: 'ITSM upgrade' })], [notifier('a', { paused: true, parkedTowardItsm: 1 })]))[0];
    expect(paused.health).toBe('paused');
    expect(paused.reasons).toEqual(['paused: ITSM upgrade', '1 parked toward its ITSM']);
  });

  it('counts a client failing on parked work, a streak of failed attempts, a failing poll or reconciliation, not on one or two retries', () => {
    const failing = (g: Partial<GatewayClientStatus>, n: Partial<NotifierClientStatus>, r: Partial<ReconciliationStatus> = {}) =>
      clientOverviews(readings([gateway('a', g)], [notifier('a', n)], [reconciliation('a', r)]))[0];
    expect(failing({ parkedTowardTangoe: 1 }, {}).health).toBe('failing');
    expect(failing({}, { failuresSinceLastDelivered: FAILING_STREAK - 1, itsmLastStatus: 503, itsmLastOutcome: 'retry' }).health).toBe('flowing');
    const streak = failing({}, { failuresSinceLastDelivered: FAILING_STREAK, itsmLastStatus: null, itsmLastOutcome: 'retry' });
    expect(streak).toMatchObject({ health: 'failing', itsmLastAnswer: 'retry (no answer)' });
    expect(failing({ tangoeLastError: 'HTTP 503' }, {}).reasons).toEqual(["Tangoe's last poll failed: HTTP 503"]);
    expect(failing({}, {}, { lastError: 'HTTP 401 at the ITSM' }).health).toBe('failing');
  });

  it('says which service did not answer, and shows what the others said', () => {
    const [acme] = clientOverviews({ gateway: { ok: true, data: [gateway('acme')] }, notifier: { ok: false, problem: 'the notifier did not answer: ECONNREFUSED', status: 0 }, reconciliation: { ok: true, data: [] } });
    expect(acme).toMatchObject({ health: 'unknown', reasons: ['the notifier did not answer'], waitingTowardTangoe: 0, waitingTowardItsm: null, parked: null });
  });
});

describe('filterClients', () => {
  const all = clientOverviews(
    readings(
      [gateway('acme'), gateway('globex', { paused: true }), gateway('initech', { parkedTowardTangoe: 4 }), gateway('umbrella', { waitingTowardTangoe: 9 })],
      [notifier('acme'), notifier('globex'), notifier('initech', { itsm: 'jira' }), notifier('umbrella')],
    ),
  );

  it('puts the worst first by default, and sorts by a column either way', () => {
    expect(filterClients(all, {}).map((c) => c.clientId)).toEqual(['globex', 'initech', 'acme', 'umbrella']);
    expect(filterClients(all, { sort: 'toTangoe' })[0].clientId).toBe('umbrella');
    expect(filterClients(all, { sort: 'client', descending: true }).map((c) => c.clientId)).toEqual(['umbrella', 'initech', 'globex', 'acme']);
  });

  it('keeps the clients whose id or ITSM holds the text, of the health asked', () => {
    expect(filterClients(all, { text: 'JIRA' }).map((c) => c.clientId)).toEqual(['initech']);
    expect(filterClients(all, { health: 'flowing' }).map((c) => c.clientId)).toEqual(['acme', 'umbrella']);
  });
});
