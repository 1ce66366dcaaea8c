import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import type { EventEnvelope } from '@bridge/contracts';
import { InboundPayloadError, ItsmAdapter } from './itsm-adapter';
import type { ReadAnswer, ReadHttp, RecordRead } from './reconcile/record-reader';

/** When the specs' webhooks arrive, unless a spec says otherwise. */
const RECEIVED_AT = new Date('2026-12-02T10:15:05Z');

/**
 * What an adapter's spec does to every payload, written once: a client of the adapter's ITSM with the sandbox
 * Tangoe, the events a payload becomes (failing when it is ignored), and the fields a refused payload names.
 */
export function adapterSpecKit(adapter: ItsmAdapter, client: Omit<Partial<ClientConfig>, 'itsm' | 'id' | 'tangoe'>, receivedAt = RECEIVED_AT) {
  const config = plainToInstance(ClientConfig, {
    id: 'acme',
    itsm: adapter.name,
    tangoe: { baseUrl: 'http://127.0.0.1:3100', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'T' } } },
    ...client,
  });
  const normalize = (payload: unknown, other: ClientConfig = config) => adapter.normalize(payload, { client: other, receivedAt });
  const eventsOf = (payload: unknown, other?: ClientConfig): EventEnvelope[] => {
    const result = normalize(payload, other);
    if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
    return result.events;
  };
  return {
    adapter,
    client: config,
    normalize,
    /** The client with some of its settings replaced. */
    withClient: (changes: Partial<ClientConfig>) => plainToInstance(ClientConfig, { ...config, ...changes }),
    eventsOf,
    /** The events of a payload that opens a ticket: the first a TicketOpened (the spec fails when it is not), typed so. */
    openingEvents(payload: unknown, other?: ClientConfig): [EventEnvelope<'TicketOpened'>, ...EventEnvelope[]] {
      const [opened, ...rest] = eventsOf(payload, other);
      if (opened?.type !== 'TicketOpened') throw new Error(`the first event is ${opened?.type ?? 'missing'}, not TicketOpened`);
      return [opened as EventEnvelope<'TicketOpened'>, ...rest];
    },
    /** The events a reader's record becomes; none when it is ignored. */
    eventsOfRead(read: RecordRead, other: ClientConfig = config): EventEnvelope[] {
      const result = adapter.normalizeRead(read, { client: other, receivedAt });
      return result.kind === 'events' ? result.events : [];
    },
    /** What every adapter drops: the bridge's own change (an echo), a record it created, one the routing leaves out. */
    expectIgnored(payloads: { echo: unknown; createdByBridge: unknown; notRouted: unknown }): void {
      expect(normalize(payloads.echo)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('echo') });
      expect(normalize(payloads.createdByBridge)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('was created by the bridge itself') });
      expect(normalize(payloads.notRouted)).toMatchObject({ kind: 'ignored' });
    },
    refusedFields(payload: unknown): string[] {
      try {
        normalize(payload);
        return [];
      } catch (error) {
        if (!(error instanceof InboundPayloadError)) throw error;
        return error.fields.map((f) => f.field);
      }
    },
  };
}

/** A fixture's deep copy, to change one field of it. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * An ITSM's API for a reader's spec: a path answers its data with 200, or the status a number stands for; a path not
 * given answers 404. Every request is written down, with its params, to count what a read costs.
 */
export function fakeReadHttp(answers: Record<string, unknown>): { http: ReadHttp; calls: Array<{ path: string; params?: Record<string, string | number> }> } {
  const calls: Array<{ path: string; params?: Record<string, string | number> }> = [];
  const http: ReadHttp = async (path, params) => {
    calls.push({ path, params });
    const answer = answers[path];
    const status = answer === undefined ? 404 : typeof answer === 'number' ? answer : 200;
    return { status, data: status === 200 ? answer : undefined, headers: {} } satisfies ReadAnswer;
  };
  return { http, calls };
}
