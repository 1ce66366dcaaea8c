import { Origin } from '@bridge/contracts';
import { TangoePush, parseTangoePush } from '@bridge/tangoe-client';
import { pushedBaseline, pushedRequest } from './pushed-request';
import { changesOf } from './tangoe-changes';

/** The changes a push stands for on a ticket the gateway has no notes on. */
const pushedChanges = (push: TangoePush, clientId: string, source: string) =>
  changesOf(pushedRequest(push), { clientId, externalSourceId: 'INC1', sentByBridge: new Set(), ...pushedBaseline(push) }, source);

const request = (state: string) => ({
  id: 7,
  state,
  external_source_id: 'INC1',
  updated_at: '2026-11-24T10:00:03.000Z',
  interactions: [
    { id: 1, text: 'the ticket itself', created_at: '2026-11-24T10:00:00.000Z' },
    { id: 2, text: 'first note', created_at: '2026-11-24T10:00:01.000Z' },
    { id: 3, text: 'second note', created_at: '2026-11-24T10:00:02.000Z' },
  ],
});

describe('a push on its own', () => {
  it("stands for every interaction after the ticket's own, oldest first, so a push overtaking another keeps the order", () => {
    const { push } = parseTangoePush({ event: 'support_request.interaction_created', occurred_at: '2026-11-24T10:00:03Z', support_request: request('open') });
    const events = pushedChanges(push!, 'acme', 'test');
    expect(events.map((e) => (e.type === 'CommentAdded' ? e.data.text : e.type))).toEqual(['first note', 'second note']);
  });

  it('stands for the interactions then the state for other pushes, the last interaction as its note, with ids the poll shares', () => {
    const { push } = parseTangoePush({ event: 'support_request.state_changed', occurred_at: '2026-11-24T10:00:03Z', support_request: request('closed') });
    const events = pushedChanges(push!, 'acme', 'test');
    // A state push that overtakes the push of the note before it still publishes the note first.
    expect(events.map((e) => (e.type === 'CommentAdded' ? e.data.text : e.type))).toEqual(['first note', 'second note', 'StateChanged']);
    expect(events[2]).toMatchObject({ type: 'StateChanged', data: { state: 'closed', note: 'second note', origin: Origin.Tangoe } });
    expect(pushedChanges(push!, 'acme', 'other').map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

});
