import { createEvent, EventEnvelope, ticketKey, topicNames } from '@bridge/contracts';
import type { MessageBus } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { PublishInboundEventsUseCase } from './publish-inbound-events.use-case';
import type { PublishedEventsRepository } from './published-events.repository';
import type { TicketsFromBefore } from './tickets-from-before';

/** Nest asks for the classes; a stand-in has their public methods only. */
const standIn = <T>(implementation: Partial<T>): T => implementation as T;

/** Nothing here reaches a database: the repositories are in memory, and the transaction they hand over refuses SQL. */
const tx: Queryable = { query: () => Promise.reject(new Error('no SQL in a unit test')) };

class InMemoryPublishedEvents implements Pick<PublishedEventsRepository, 'forTicket' | 'record' | 'wasPublished'> {
  readonly ids = new Set<string>();
  readonly ticketsHeld: string[] = [];

  async forTicket<T>(subject: string, eventIds: readonly string[], fn: (tx: Queryable, published: Set<string>) => Promise<T>): Promise<T> {
    this.ticketsHeld.push(subject);
    return fn(tx, new Set(eventIds.filter((id) => this.ids.has(id))));
  }

  async record(_tx: Queryable, events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) this.ids.add(event.id);
  }

  async wasPublished(eventId: string): Promise<boolean> {
    return this.ids.has(eventId);
  }
}

const comment = (id: string, text: string) =>
  createEvent('CommentAdded', { clientId: 'acme', externalSourceId: 'INC1', origin: 'client', commentId: id, text, visibility: 'public', createdAt: '2026-03-01T10:00:00.000Z' }, { id, source: 'bridge/ingress/servicenow' });

function setUp() {
  const published: EventEnvelope[] = [];
  let acknowledges = true;
  const bus = standIn<MessageBus>({
    publish: async (_topic, events) => {
      if (!acknowledges) throw new Error('Kafka did not acknowledge');
      published.push(...events);
    },
  });
  const publishedEvents = new InMemoryPublishedEvents();
  const useCase = new PublishInboundEventsUseCase(
    bus,
    topicNames('unit'),
    standIn<PublishedEventsRepository>(publishedEvents),
    standIn<TicketsFromBefore>({ mark: async (events) => [...events] }),
  );
  return { useCase, published, publishedEvents, kafkaDown: (down: boolean) => (acknowledges = !down) };
}

describe('PublishInboundEventsUseCase', () => {
  it('publishes a webhook delivered again only for the events it did not publish yet, holding the ticket meanwhile', async () => {
    const { useCase, published, publishedEvents } = setUp();
    await expect(useCase.execute([comment('c1', 'Screen cracked')])).resolves.toMatchObject({ duplicates: 0 });
    const again = await useCase.execute([comment('c1', 'Screen cracked'), comment('c2', 'Still cracked')]);
    expect(again.published.map((event) => event.id)).toEqual(['c2']);
    expect(again.duplicates).toBe(1);
    expect(published.map((event) => event.id)).toEqual(['c1', 'c2']);
    expect(publishedEvents.ticketsHeld).toEqual([ticketKey('acme', 'INC1'), ticketKey('acme', 'INC1')]);
    await expect(useCase.wasPublished('c2')).resolves.toBe(true);
  });

  it("records nothing Kafka did not acknowledge, so the ITSM's retry publishes it", async () => {
    const { useCase, published, kafkaDown } = setUp();
    kafkaDown(true);
    await expect(useCase.execute([comment('c1', 'Screen cracked')])).rejects.toThrow('Kafka did not acknowledge');
    await expect(useCase.wasPublished('c1')).resolves.toBe(false);
    kafkaDown(false);
    await expect(useCase.execute([comment('c1', 'Screen cracked')])).resolves.toMatchObject({ duplicates: 0 });
    expect(published.map((event) => event.id)).toEqual(['c1']);
  });

});
