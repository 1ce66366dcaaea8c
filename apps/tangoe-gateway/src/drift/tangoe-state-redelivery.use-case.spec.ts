import type { TicketLinkView } from '@bridge/drift';
import { GatewayError } from '../gateway.error';
import type { TangoeClients } from '../tangoe/tangoe-clients';
import type { DriftLinksRepository } from './drift-links.repository';
import { TangoeStateRedeliveryUseCase } from './tangoe-state-redelivery.use-case';

const linked: TicketLinkView = { status: 'linked', supportRequestId: 12, tangoeState: 'in_progress', clientSetState: 'closed', lastError: null, createAttempts: 1, waitingEvents: 0 };

function redeliveryOf(link: TicketLinkView | undefined, tangoeState = 'closed') {
  const driftLinks = { ofClient: async () => (link ? [{ externalSourceId: 'INC1', link }] : []) } as unknown as DriftLinksRepository;
  const tangoe = { for: () => ({ getSupportRequest: async (id: number) => ({ id, state: tangoeState }) }) } as unknown as TangoeClients;
  return new TangoeStateRedeliveryUseCase({} as never, {} as never, tangoe, driftLinks);
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => undefined, (failure: unknown) => failure);
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error.code;
}

describe('TangoeStateRedeliveryUseCase: the repairs it refuses, each with its code', () => {
  it('refuses what names no ticket, a ticket without a support request, and another request than its own', async () => {
    expect(await codeOf(redeliveryOf(linked).execute('acme', 'INC\u00011', {}))).toBe('not_a_ticket');
    expect(await codeOf(redeliveryOf(undefined).execute('acme', 'INC1', {}))).toBe('not_linked');
    expect(await codeOf(redeliveryOf({ ...linked, status: 'parked' }).execute('acme', 'INC1', {}))).toBe('not_linked');
    expect(await codeOf(redeliveryOf(linked).execute('acme', 'INC1', { supportRequestId: 13 }))).toBe('request_mismatch');
  });

  it('refuses to send the client its own change back', async () => {
    expect(await codeOf(redeliveryOf(linked, 'closed').execute('acme', 'INC1', {}))).toBe('client_own_state');
  });
});
