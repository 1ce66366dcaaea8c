import type { EventEnvelope } from '@bridge/contracts';
import type { TangoeClient, TangoeSupportRequest } from '@bridge/tangoe-client';
import pino from 'pino';
import type { TangoeClients } from '../tangoe/tangoe-clients';
import type { TangoeRequestIndex } from '../tangoe/tangoe-request-index';
import type { ApplyClientEventUseCase } from './apply-client-event.use-case';
import type { EarlierThread } from './earlier-thread';
import { TicketFlowUseCase } from './ticket-flow.use-case';
import type { TicketLink, TicketLinksRepository } from './ticket-links.repository';

/** The ticket links the flow reads and writes, in memory: the same answers as the repository, without PostgreSQL. */
class InMemoryTicketLinks {
  readonly links = new Map<string, TicketLink & { seenInteractionId?: number; tangoeState?: string; foundAtTangoe?: boolean }>();

  async find(clientId: string, externalSourceId: string) {
    const link = this.links.get(`${clientId}:${externalSourceId}`);
    return link && { ...link };
  }

  async recordIntent(clientId: string, externalSourceId: string, openedEvent: EventEnvelope) {
    const key = `${clientId}:${externalSourceId}`;
    if (!this.links.has(key)) {
      this.links.set(key, { clientId, externalSourceId, status: 'creating', supportRequestId: null, interactionToken: null, openedEvent, createAttempts: 0, lastError: null, earlierThread: null });
    }
    return (await this.find(clientId, externalSourceId))!;
  }

  async countCreateAttempt(clientId: string, externalSourceId: string) {
    this.links.get(`${clientId}:${externalSourceId}`)!.createAttempts += 1;
  }

  async link(clientId: string, externalSourceId: string, supportRequestId: number, interactionToken: string, seenInteractionId?: number, tangoeState?: string) {
    Object.assign(this.links.get(`${clientId}:${externalSourceId}`)!, { status: 'linked', supportRequestId, interactionToken, seenInteractionId, tangoeState });
  }

  async markFoundAtTangoe(clientId: string, externalSourceId: string, thread: EarlierThread) {
    Object.assign(this.links.get(`${clientId}:${externalSourceId}`)!, { foundAtTangoe: true, earlierThread: thread });
  }

  async linkedByAnotherClient(supportRequestId: number, clientId: string) {
    return [...this.links.values()].some((link) => link.supportRequestId === supportRequestId && link.clientId !== clientId);
  }
}

/** Tangoe as the flow sees it: what it has, and every write asked of it. */
class FakeTangoe {
  readonly requests: TangoeSupportRequest[] = [];
  readonly creates: string[] = [];
  failNextCreate?: Error;

  async createSupportRequest(draft: { external_source_id: string }) {
    this.creates.push(draft.external_source_id);
    if (this.failNextCreate) {
      const error = this.failNextCreate;
      this.failNextCreate = undefined;
      throw error;
    }
    return this.add(draft.external_source_id, [{ id: 10, text: 'opened by the bridge', created_at: '2026-12-01T00:00:00Z' }]);
  }

  async findByExternalSourceId(externalSourceId: string) {
    return this.requests.find((request) => request.external_source_id === externalSourceId);
  }

  add(externalSourceId: string, interactions: TangoeSupportRequest['interactions'], state = 'open'): TangoeSupportRequest {
    const request: TangoeSupportRequest = {
      id: 100 + this.requests.length,
      state,
      external_source_id: externalSourceId,
      request_type: 'device_issue',
      requestor_name: 'Ann',
      requestor_number: '1',
      created_at: '2026-12-01T00:00:00Z',
      updated_at: '2026-12-01T00:00:00Z',
      interaction_thread: { token: `thread-${externalSourceId}` },
      interactions,
    };
    this.requests.push(request);
    return request;
  }
}

function opening(ticket: string, onboarding = false): EventEnvelope {
  return {
    id: `open-${ticket}`,
    type: 'TicketOpened',
    subject: `acme:${ticket}`,
    data: { clientId: 'acme', externalSourceId: ticket, supportRequest: { external_source_id: ticket }, ...(onboarding ? { onboarding: { lookUpFirst: true } } : {}) },
  } as unknown as EventEnvelope;
}

function comment(ticket: string, text: string, createdAt = '2026-12-01T00:00:00Z'): EventEnvelope {
  return {
    id: `comment-${ticket}-${text}`,
    type: 'CommentAdded',
    subject: `acme:${ticket}`,
    data: { clientId: 'acme', externalSourceId: ticket, origin: 'client', commentId: text, text, visibility: 'public', createdAt },
  } as unknown as EventEnvelope;
}

const JUST_NOW = new Date();

function setUp() {
  const links = new InMemoryTicketLinks();
  const tangoe = new FakeTangoe();
  const applied: Array<{ eventId: string; supportRequestId: number | null }> = [];
  const onboardingIndex = new Map<string, TangoeSupportRequest>();
  const flow = new TicketFlowUseCase(
    links as unknown as TicketLinksRepository,
    { for: () => tangoe as unknown as TangoeClient } as unknown as TangoeClients,
    { execute: async (event: EventEnvelope, link: TicketLink) => void applied.push({ eventId: event.id, supportRequestId: link.supportRequestId }) } as unknown as ApplyClientEventUseCase,
    { find: async (_clientId: string, ticket: string) => onboardingIndex.get(ticket) } as unknown as TangoeRequestIndex,
    pino({ level: 'silent' }),
  );
  return { flow, links, tangoe, applied, onboardingIndex };
}

describe('TicketFlowUseCase: one event of a ticket at a time, as its line hands them over', () => {
  it('creates the support request once, and takes what it wrote for the bridge’s own', async () => {
    const { flow, links, tangoe } = setUp();
    expect(await flow.handle(opening('INC1'), JUST_NOW)).toEqual({ kind: 'done' });
    // The same opening again (a redelivery, reconciliation): the ticket is linked, nothing more is asked of Tangoe.
    expect(await flow.handle(opening('INC1'), JUST_NOW)).toEqual({ kind: 'done' });
    expect(tangoe.creates).toEqual(['INC1']);
    expect(await links.find('acme', 'INC1')).toMatchObject({ status: 'linked', supportRequestId: 100, interactionToken: 'thread-INC1', seenInteractionId: 10, createAttempts: 1 });
  });

  it('looks Tangoe up before creating again after an attempt whose answer was lost, and keeps a later note as news', async () => {
    const { flow, links, tangoe } = setUp();
    tangoe.failNextCreate = new Error('socket hang up');
    await expect(flow.handle(opening('INC2'), JUST_NOW)).rejects.toThrow('socket hang up');
    // The create had reached Tangoe; the specialist answered meanwhile.
    tangoe.add('INC2', [
      { id: 20, text: 'opened by the bridge', created_at: '2026-12-01T00:00:00Z' },
      { id: 21, text: 'a specialist note', created_at: '2026-12-01T00:01:00Z' },
    ]);
    expect(await flow.handle(opening('INC2'), JUST_NOW)).toEqual({ kind: 'done' });
    expect(tangoe.creates).toEqual(['INC2']);
    expect(await links.find('acme', 'INC2')).toMatchObject({ status: 'linked', supportRequestId: 100, seenInteractionId: 20 });
  });

  it('lets a change wait, untouched, until its ticket is linked, then sends it on the link', async () => {
    const { flow, applied } = setUp();
    expect(await flow.handle(comment('INC3', 'first'), JUST_NOW)).toEqual({ kind: 'later', delayMs: 60_000 });
    expect(applied).toEqual([]);
    await flow.handle(opening('INC3'), JUST_NOW);
    expect(await flow.handle(comment('INC3', 'first'), JUST_NOW)).toEqual({ kind: 'done' });
    expect(applied).toEqual([{ eventId: 'comment-INC3-first', supportRequestId: 100 }]);
  });

  it('parks a change whose ticket was never opened after a day, where an operator sees it', async () => {
    const { flow } = setUp();
    const aDayAgo = new Date(Date.now() - 24 * 3_600_000);
    expect(await flow.handle(comment('INC9', 'orphan'), aDayAgo)).toMatchObject({ kind: 'failed', retriable: false, parkedCause: 'no_opening', error: expect.stringContaining('no TicketOpened of acme:INC9 arrived in 24 h') });
  });

  it("links an onboarded ticket to the request Tangoe already had, and does not send again what the earlier bridge sent", async () => {
    const { flow, links, tangoe, applied, onboardingIndex } = setUp();
    onboardingIndex.set('INC4', tangoe.add('INC4', [{ id: 40, text: 'sent by the earlier bridge', created_at: '2026-11-30T00:00:00Z' }], 'externally_queued'));
    expect(await flow.handle(opening('INC4', true), JUST_NOW)).toEqual({ kind: 'done' });
    expect(tangoe.creates).toEqual([]);
    expect(await links.find('acme', 'INC4')).toMatchObject({ status: 'linked', supportRequestId: 100, seenInteractionId: 40, tangoeState: 'externally_queued', foundAtTangoe: true });
    expect(await flow.handle(comment('INC4', 'sent by the earlier bridge', '2026-11-30T00:00:00Z'), JUST_NOW)).toEqual({ kind: 'done' });
    expect(await flow.handle(comment('INC4', 'written after the link', '2099-01-01T00:00:00Z'), JUST_NOW)).toEqual({ kind: 'done' });
    expect(applied.map((sent) => sent.eventId)).toEqual(['comment-INC4-written after the link']);
  });

  it("creates a request of its own when the one found with the ticket's key is another client's", async () => {
    const { flow, links, tangoe, onboardingIndex } = setUp();
    const globex = tangoe.add('INC5', []);
    await links.recordIntent('globex', 'INC5', opening('INC5'));
    await links.link('globex', 'INC5', globex.id, 'thread-globex');
    onboardingIndex.set('INC5', globex);
    await flow.handle(opening('INC5', true), JUST_NOW);
    expect(tangoe.creates).toEqual(['INC5']);
    expect((await links.find('acme', 'INC5'))?.supportRequestId).not.toBe(globex.id);
  });
});
