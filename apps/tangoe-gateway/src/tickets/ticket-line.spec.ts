import type { ClientDirectory } from '@bridge/clients-config';
import type { Metrics, ServiceSettings } from '@bridge/platform';
import pino from 'pino';
import { ClientHolds } from './client-holds';
import type { ClientPausesRepository } from './client-pauses.repository';
import type { TicketFlowUseCase } from './ticket-flow.use-case';
import { TicketLine } from './ticket-line';
import type { TicketWorkRepository } from './ticket-work.repository';

describe("the gateway's replay of a parked ticket", () => {
  const settings = { DATABASE_POOL_SIZE: 20, GATEWAY_LANES: 8, GATEWAY_IDLE_POLL_MS: 200, GATEWAY_MAX_RETRIES: 3, GATEWAY_RETRY_INITIAL_MS: 1_000 } as ServiceSettings;
  const clients = { ids: () => ['acme', 'globex'] } as unknown as ClientDirectory;

  function lineWith(paused: string[]) {
    let pauseReads = 0;
    const pauses = { all: async () => (pauseReads += 1, paused.map((clientId) => ({ clientId, pausedAt: '', reason: null }))) } as unknown as ClientPausesRepository;
    const claims: Array<readonly string[]> = [];
    // A line whose replayed ticket has nothing due once put back: the replay claims once and is answered.
    const work = {
      claim: async (scope: { clients: readonly string[] }) => (claims.push(scope.clients), undefined),
    } as unknown as TicketWorkRepository;
    const line = new TicketLine(work, {} as TicketFlowUseCase, new ClientHolds(pauses, clients), clients, settings, {} as Metrics, pino({ enabled: false }));
    return { line, claims, pauseReads: () => pauseReads };
  }

  it('asks once which clients may send, and claims with that answer', async () => {
    const { line, claims, pauseReads } = lineWith(['globex']);
    await line.replay('acme', 'INC1');
    expect(pauseReads()).toBe(1);
    expect(claims).toEqual([['acme']]);
  });

  it('refuses a held client, having asked once, and claims nothing', async () => {
    const { line, claims, pauseReads } = lineWith(['globex']);
    await expect(line.replay('globex', 'INC2')).rejects.toMatchObject({ code: 'client_held' });
    expect(pauseReads()).toBe(1);
    expect(claims).toEqual([]);
  });
});
