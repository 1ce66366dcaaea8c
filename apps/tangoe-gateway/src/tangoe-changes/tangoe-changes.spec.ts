import { changesOf, tangoeStateChangeOf } from './tangoe-changes';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';

const request: TangoeSupportRequest = {
  id: 12,
  state: 'closed',
  external_source_id: 'INC0010001',
  request_type: 'tech_support',
  requestor_name: 'Ann Smith',
  requestor_number: '5551234567',
  created_at: '2026-11-24T09:00:00Z',
  updated_at: '2026-11-24T10:00:00Z',
  interaction_thread: { token: 't' },
  interactions: [{ id: 3, text: 'Replaced the phone', created_at: '2026-11-24T10:00:00Z' }],
};
const ticket = { clientId: 'acme', externalSourceId: 'INC0010001' };

describe("Tangoe's state as an event", () => {
  it('is what the poll publishes, under the id a caller names when it sends the same change again', () => {
    const polled = changesOf(request, { ...ticket, tangoeState: 'open', lastInteractionId: 3, sentByBridge: new Set() }, 'poll');
    const again = tangoeStateChangeOf(request, ticket, 'poll', (changedAt) => `again-${changedAt}`)!;
    expect(polled).toHaveLength(1);
    expect(again.id).toBe('again-2026-11-24T10:00:00.000Z');
    expect({ ...again, id: polled[0].id, time: polled[0].time }).toEqual(polled[0]);
    expect(tangoeStateChangeOf(request, ticket, 'poll')!.id).toBe(polled[0].id);
  });

  it('is nothing for a state the bridge does not know', () => {
    expect(tangoeStateChangeOf({ ...request, state: 'archived' }, ticket, 'poll')).toBeUndefined();
  });
});
