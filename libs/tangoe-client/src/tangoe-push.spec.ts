import { parseTangoePush } from './tangoe-push';
import { parseTangoeActivityPush } from './tangoe-activity-push';

describe('a Tangoe push at the door', () => {
  it('names what is wrong with a malformed push', () => {
    expect(parseTangoePush({ event: 'nope', occurred_at: 'x', support_request: {} }).problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^event/), expect.stringMatching(/^occurred_at/), expect.stringMatching(/^support_request.id/)]),
    );
  });

  it('names what is wrong with a malformed activity push, and gives a valid one back whole', () => {
    expect(parseTangoeActivityPush({ event: 'activity.state_changed', occurred_at: '2026-11-24T10:00:03Z', activity: { id: 'x', state: 'lost' } }).problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^activity.id/), expect.stringMatching(/^activity.state/), expect.stringMatching(/^activity.updated_at/)]),
    );
    const activity = { id: 4, state: 'completed', updated_at: '2026-11-24T10:00:03Z', carrier: { name: 'Verizon' } };
    expect(parseTangoeActivityPush({ event: 'activity.state_changed', occurred_at: '2026-11-24T10:00:03Z', activity })).toEqual({ activity, problems: [] });
  });
});
