import { EventEnvelope, topicNames } from '@bridge/contracts';
import type { MessageBus } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';
import { ObserveTangoeChangesUseCase, TangoeWaysIn } from './observe-tangoe-changes.use-case';
import { activityChangeOf } from './activity-changes';
import type { ObservedActivitiesRepository } from './observed-activities.repository';
import type { ObservedRequest, ObservedRequestsRepository } from './observed-requests.repository';
import type { TangoeEchoes, TangoeEchoesRepository } from './tangoe-echoes.repository';

/** Nest asks for the classes; a stand-in has their public methods only. */
const standIn = <T>(implementation: Partial<T>): T => implementation as T;
const tx: Queryable = { query: () => Promise.reject(new Error('no SQL in a unit test')) };

const request = (state: string, interactions: Array<[number, string]>): TangoeSupportRequest => ({
  id: 7,
  state,
  external_source_id: 'INC1',
  request_type: 'tech_support',
  requestor_name: 'Ann Smith',
  requestor_number: '5551234567',
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:09.000Z',
  interaction_thread: { token: 't' },
  interactions: interactions.map(([id, text]) => ({ id, text, created_at: `2026-11-24T10:00:0${id}.000Z` })),
});

function setUp(link: ObservedRequest | undefined, echoes: Partial<TangoeEchoes> = {}) {
  const published: EventEnvelope[] = [];
  let notes = link;
  const activitiesSeen = new Set<string>();
  const kafka = { down: false };
  const useCase = new ObserveTangoeChangesUseCase(
    standIn<MessageBus>({
      publish: async (_topic, events) => {
        if (kafka.down) throw new Error('Kafka did not acknowledge');
        published.push(...events);
      },
    }),
    topicNames('unit'),
    standIn<TangoeEchoesRepository>({ of: async () => ({ interactionIds: new Set(), texts: [], clientSetStates: [], ...echoes }) }),
    standIn<ObservedRequestsRepository>({
      linkedTo: async () => notes,
      notePublished: async (_tx, _client, _ticket, tangoeState, lastInteractionId) => void (notes = { tangoeState, lastInteractionId }),
    }),
    standIn<ObservedActivitiesRepository>({
      publishedAmong: async (_tx, ids) => new Set(ids.filter((id) => activitiesSeen.has(id))),
      notePublished: async (_tx, _client, ids) => void ids.forEach((id) => activitiesSeen.add(id)),
    }),
  );
  const shown = (events: EventEnvelope[] | 'unlinked') => (events === 'unlinked' ? events : events.map((e) => (e.type === 'CommentAdded' ? e.data.text : e.type === 'StateChanged' ? `StateChanged:${e.data.state}` : e.type)));
  return { useCase, published, shown, notes: () => notes, kafka };
}

describe('ObserveTangoeChangesUseCase', () => {
  it('publishes a change once, whether a push or a poll shows it first', async () => {
    const { useCase, shown, published, notes } = setUp({ tangoeState: 'open', lastInteractionId: 1 });
    const closed = request('closed', [[1, 'the ticket'], [2, 'Shipped today.']]);
    expect(shown(await useCase.supportRequest(tx, 'acme', closed, TangoeWaysIn.push, { tangoeState: null, lastInteractionId: 1 }))).toEqual(['Shipped today.', 'StateChanged:closed']);
    expect(shown(await useCase.supportRequest(tx, 'acme', closed, TangoeWaysIn.poll))).toEqual([]);
    expect(published).toHaveLength(2);
    expect(notes()).toEqual({ tangoeState: 'closed', lastInteractionId: 2 });
  });

  it("drops the client's own comments and its cancel or close coming back, by what the gateway sent to Tangoe", async () => {
    const { useCase, shown } = setUp({ tangoeState: 'open', lastInteractionId: 1 }, { interactionIds: new Set([2]), texts: ['Screen  cracked', 'any news?'], clientSetStates: ['closed', 'canceled'] });
    // 2 is a send the gateway knows the interaction of; 3 one whose answer never came back, known by its text.
    const canceled = request('canceled', [[1, 'the ticket'], [2, 'Screen  cracked'], [3, ' any   news? '], [4, 'Replacement shipped']]);
    expect(shown(await useCase.supportRequest(tx, 'acme', canceled, TangoeWaysIn.poll))).toEqual(['Replacement shipped']);
  });

  it("drops the client's earlier close when its push comes after the client's cancel", async () => {
    const { useCase, shown } = setUp({ tangoeState: 'canceled', lastInteractionId: 1 }, { clientSetStates: ['closed', 'canceled'] });
    const closedLate = request('closed', [[1, 'the ticket']]);
    expect(shown(await useCase.supportRequest(tx, 'acme', closedLate, TangoeWaysIn.push, { tangoeState: 'canceled', lastInteractionId: 1 }))).toEqual([]);
  });

  it('leaves a ticket not linked here to the caller, unless it says what to take as seen (a push)', async () => {
    const { useCase, shown } = setUp(undefined, { texts: ['any news?'] });
    const shownNow = request('in_progress', [[1, 'the ticket'], [2, 'any news?'], [3, 'On it.']]);
    expect(await useCase.supportRequest(tx, 'acme', shownNow, TangoeWaysIn.poll)).toBe('unlinked');
    expect(shown(await useCase.supportRequest(tx, 'acme', shownNow, TangoeWaysIn.push, { tangoeState: 'in_progress', lastInteractionId: 1 }))).toEqual(['On it.']);
  });

  it('publishes an activity change once, however often it is pushed, polled or reported', async () => {
    const { useCase, published } = setUp(undefined);
    const shipped = activityChangeOf('acme', '880001', 'completed', '2026-11-24T10:00:00Z', {}, TangoeWaysIn.push)!;
    const ordered = activityChangeOf('acme', '880002', 'ordered', '2026-11-24T10:00:00Z', {}, TangoeWaysIn.report)!;
    await expect(useCase.activities(tx, 'acme', [shipped])).resolves.toEqual({ published: [shipped], duplicates: 0 });
    const polled = activityChangeOf('acme', '880001', 'completed', '2026-11-24T10:00:00.000Z', {}, TangoeWaysIn.poll)!;
    await expect(useCase.activities(tx, 'acme', [polled, ordered])).resolves.toEqual({ published: [ordered], duplicates: 1 });
    expect(published.map((event) => event.id)).toEqual([shipped.id, ordered.id]);
  });

  it('notes an activity change only once Kafka has it, so a reading whose publish failed leaves it to the next', async () => {
    const { useCase, published, kafka } = setUp(undefined);
    const ordered = activityChangeOf('acme', '880003', 'ordered', '2026-11-24T10:00:00Z', {}, TangoeWaysIn.poll)!;
    kafka.down = true;
    // The poll's turn commits its failure in the same transaction: nothing of the change may be noted by then.
    await expect(useCase.activities(tx, 'acme', [ordered])).rejects.toThrow(/Kafka/);
    kafka.down = false;
    await expect(useCase.activities(tx, 'acme', [ordered])).resolves.toEqual({ published: [ordered], duplicates: 0 });
    expect(published.map((event) => event.id)).toEqual([ordered.id]);
  });
});
