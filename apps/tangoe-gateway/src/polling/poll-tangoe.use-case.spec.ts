import type { ClientConfig, ClientDirectory } from '@bridge/clients-config';
import type { Queryable } from '@bridge/persistence';
import { Metrics, loadServiceSettings } from '@bridge/platform';
import pino from 'pino';
import type { GetGrantsRepository } from '../tangoe/get-grants.repository';
import type { ActivityPoller } from './activity-poller';
import type { ActivityReportPoller } from './activity-report-poller';
import type { PollCursor, PollCursorsRepository } from './poll-cursors.repository';
import { PollTangoeUseCase } from './poll-tangoe.use-case';
import type { PollStream, StreamPoller } from './stream-poller';
import type { SupportRequestPoller } from './support-request-poller';

/** Nest asks for the classes; a stand-in has their public methods only. */
const standIn = <T>(implementation: Partial<T>): T => implementation as T;
/** The use case sees each poller as a `StreamPoller`: a scripted one stands in for the class Nest hands it. */
const asPoller = <T extends StreamPoller>(poller: StreamPoller): T => poller as T;

/** Nothing here reaches a database: the repositories are in memory, and the transaction they hand over refuses SQL. */
const tx: Queryable = { query: () => Promise.reject(new Error('no SQL in a unit test')) };

/**
 * The cursors in memory, on a clock the test moves: a cursor is due once `now` reaches its time. `heldElsewhere`
 * stands for another replica polling every due cursor (SKIP LOCKED passes them by).
 */
class InMemoryPollCursors implements Pick<PollCursorsRepository, 'ensure' | 'claimDue' | 'advance' | 'noteFailure'> {
  readonly rows = new Map<string, PollCursor & { dueAt: number; lastError: string | null }>();
  now = 0;
  heldElsewhere = false;

  async ensure(clientId: string, stream: string, updatedAfter: string | null): Promise<void> {
    const key = `${clientId}/${stream}`;
    if (!this.rows.has(key)) this.rows.set(key, { clientId, stream, updatedAfter, dueAt: this.now, lastError: null });
  }

  async claimDue<T>(turn: (tx: Queryable, cursor: PollCursor) => Promise<T>): Promise<T | undefined> {
    if (this.heldElsewhere) return undefined;
    const due = [...this.rows.values()].filter((row) => row.dueAt <= this.now).sort((a, b) => a.dueAt - b.dueAt)[0];
    return due ? turn(tx, { clientId: due.clientId, stream: due.stream, updatedAfter: due.updatedAfter }) : undefined;
  }

  async advance(_tx: Queryable, cursor: PollCursor, updatedAfter: string | null, nextInMs: number): Promise<void> {
    Object.assign(this.row(cursor), { updatedAfter, lastError: null, dueAt: this.now + nextInMs });
  }

  async noteFailure(_tx: Queryable, cursor: PollCursor, error: string, nextInMs: number): Promise<void> {
    Object.assign(this.row(cursor), { lastError: error, dueAt: this.now + nextInMs });
  }

  cursor(clientId: string, stream: string) {
    return this.rows.get(`${clientId}/${stream}`);
  }

  private row(cursor: PollCursor) {
    return this.rows.get(`${cursor.clientId}/${cursor.stream}`)!;
  }
}

/** A stream poller that answers its next cursor, or fails, and notes what it was asked. */
class ScriptedPoller implements StreamPoller {
  readonly polled: Array<{ clientId: string; updatedAfter: string | null }> = [];
  answer: string | Error = '2026-03-01T00:00:00.000Z';
  pollsClient = (clientId: string) => clientId !== 'initech';

  constructor(readonly stream: PollStream, private readonly initial: string | null, private readonly ownIntervalMs?: number) {}

  polls(client: { id: string }): boolean {
    return this.pollsClient(client.id);
  }

  initialCursor(): string | null {
    return this.initial;
  }

  intervalMs(): number | undefined {
    return this.ownIntervalMs;
  }

  async poll(_tx: Queryable, clientId: string, updatedAfter: string | null): Promise<string | null> {
    this.polled.push({ clientId, updatedAfter });
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

/** The clients file as the use case reads it: ids in, ids out (a reload that drops one is `clients.delete`). */
function clientsOf(ids: string[]) {
  const clients = new Set(ids);
  const config = (id: string) => ({ id }) as ClientConfig;
  const directory = standIn<ClientDirectory>({
    get: (id) => (clients.has(id) ? config(id) : undefined),
    all: () => [...clients].map(config),
    onChange: () => () => undefined,
  });
  return { clients, directory };
}

const DEFAULT_INTERVAL_MS = 30_000;

function setUp(ids = ['acme'], environment: Record<string, string> = {}) {
  const cursors = new InMemoryPollCursors();
  const { clients, directory } = clientsOf(ids);
  const supportRequests = new ScriptedPoller('support_requests', null);
  const activities = new ScriptedPoller('activities', '2026-01-01T00:00:00.000Z');
  const reports = new ScriptedPoller('activity_reports', null, 5 * 60_000);
  const metrics = new Metrics('tangoe-gateway');
  const useCase = new PollTangoeUseCase(
    standIn<PollCursorsRepository>(cursors),
    standIn<GetGrantsRepository>({ usedInLastMinute: async () => [{ apiUser: 'acme-api', used: 7 }] }),
    directory,
    pino({ level: 'silent' }),
    metrics,
    loadServiceSettings(environment),
    asPoller<SupportRequestPoller>(supportRequests),
    asPoller<ActivityPoller>(activities),
    asPoller<ActivityReportPoller>(reports),
  );
  return { useCase, cursors, clients, supportRequests, activities, reports, metrics };
}

describe('PollTangoeUseCase', () => {

  it("seeds a cursor at each stream's start for every client it polls, and leaves a known cursor where it is", async () => {
    const { useCase, cursors } = setUp(['acme', 'initech'], { POLL_ENABLED: 'true' });
    await cursors.ensure('acme', 'activities', '2026-02-01T00:00:00.000Z');
    cursors.heldElsewhere = true; // the loop polls nothing: the test sees the seeding alone
    await useCase.onApplicationBootstrap();
    await useCase.onApplicationShutdown();
    expect([...cursors.rows.values()].map(({ clientId, stream, updatedAfter }) => ({ clientId, stream, updatedAfter }))).toEqual([
      { clientId: 'acme', stream: 'activities', updatedAfter: '2026-02-01T00:00:00.000Z' },
      { clientId: 'acme', stream: 'support_requests', updatedAfter: null },
      { clientId: 'acme', stream: 'activity_reports', updatedAfter: null },
    ]);
  });

  it("polls the due stream from its cursor, keeps where the poll ended, and comes back after the stream's interval", async () => {
    const { useCase, cursors, supportRequests, reports } = setUp();
    await cursors.ensure('acme', 'support_requests', '2026-02-01T00:00:00.000Z');
    await cursors.ensure('acme', 'activity_reports', null);
    cursors.rows.get('acme/activity_reports')!.dueAt = 1;
    cursors.now = 1;

    await expect(useCase.pollNext()).resolves.toBe(true);
    expect(supportRequests.polled).toEqual([{ clientId: 'acme', updatedAfter: '2026-02-01T00:00:00.000Z' }]);
    expect(cursors.cursor('acme', 'support_requests')).toMatchObject({ updatedAfter: '2026-03-01T00:00:00.000Z', dueAt: 1 + DEFAULT_INTERVAL_MS, lastError: null });

    await expect(useCase.pollNext()).resolves.toBe(true);
    expect(reports.polled).toEqual([{ clientId: 'acme', updatedAfter: null }]);
    expect(cursors.cursor('acme', 'activity_reports')).toMatchObject({ updatedAfter: '2026-03-01T00:00:00.000Z', dueAt: 1 + 5 * 60_000 });

    await expect(useCase.pollNext()).resolves.toBe(false);
  });

  it('keeps the cursor of a failed poll, notes the error, and tries again after the interval', async () => {
    const { useCase, cursors, supportRequests } = setUp();
    await cursors.ensure('acme', 'support_requests', '2026-02-01T00:00:00.000Z');
    cursors.rows.get('acme/support_requests')!.lastError = 'an older failure';
    supportRequests.answer = new Error('Tangoe answered 503');

    await expect(useCase.pollNext()).resolves.toBe(true);
    expect(cursors.cursor('acme', 'support_requests')).toMatchObject({ updatedAfter: '2026-02-01T00:00:00.000Z', lastError: 'Tangoe answered 503', dueAt: DEFAULT_INTERVAL_MS });

    supportRequests.answer = '2026-03-01T00:00:00.000Z';
    cursors.now = DEFAULT_INTERVAL_MS;
    await expect(useCase.pollNext()).resolves.toBe(true);
    expect(cursors.cursor('acme', 'support_requests')).toMatchObject({ updatedAfter: '2026-03-01T00:00:00.000Z', lastError: null });
  });

  it('keeps, unpolled, the cursor of a client out of the file or no longer polled for the stream, for a comeback', async () => {
    const { useCase, cursors, clients, supportRequests, activities } = setUp(['acme', 'globex']);
    await cursors.ensure('acme', 'activities', '2026-02-01T00:00:00.000Z');
    await cursors.ensure('globex', 'support_requests', '2026-02-02T00:00:00.000Z');
    activities.pollsClient = () => false;
    clients.delete('globex');

    await expect(useCase.pollNext()).resolves.toBe(true);
    await expect(useCase.pollNext()).resolves.toBe(true);
    expect([...activities.polled, ...supportRequests.polled]).toEqual([]);
    expect(cursors.cursor('acme', 'activities')).toMatchObject({ updatedAfter: '2026-02-01T00:00:00.000Z', dueAt: DEFAULT_INTERVAL_MS });
    expect(cursors.cursor('globex', 'support_requests')).toMatchObject({ updatedAfter: '2026-02-02T00:00:00.000Z', dueAt: DEFAULT_INTERVAL_MS });
  });

  it('reports the GETs granted per API user', async () => {
    const { useCase, metrics } = setUp(['acme'], { POLL_ENABLED: 'false' });
    await useCase.onApplicationBootstrap();
    const scraped = await metrics.registry.metrics();
    expect(scraped).toMatch(/^bridge_tangoe_get_budget_used\{api_user="acme-api",service="tangoe-gateway"\} 7$/m);
  });
});
