import { Origin, createEvent } from '@bridge/contracts';
import { sentByEarlierBridge } from './earlier-thread';

const comment = (text: string, createdAt: string) =>
  createEvent('CommentAdded', { clientId: 'acme', externalSourceId: 'INC1', origin: Origin.Client, commentId: `c-${text}`, text, visibility: 'public', createdAt }, { source: 'bridge/ingress/servicenow' });
const thread = { linkedAt: '2026-12-06T10:00:00.000Z', texts: ['Phone dead', 'Caller wrote: any update?\nThanks'] };

describe('sentByEarlierBridge', () => {
  it("takes an older comment the request's thread holds, even inside a longer interaction, as sent", () => {
    expect(sentByEarlierBridge(thread, comment('any update?\n Thanks', '2026-12-06T09:00:00Z'))).toBe(true);
  });

  it('sends an older comment the thread does not hold, and any comment written after the link', () => {
    expect(sentByEarlierBridge(thread, comment('never sent by the old bridge', '2026-12-06T09:00:00Z'))).toBe(false);
    expect(sentByEarlierBridge(thread, comment('Phone dead', '2026-12-06T10:00:01Z'))).toBe(false);
  });

  it('applies only to tickets linked to a request Tangoe had', () => {
    expect(sentByEarlierBridge(null, comment('Phone dead', '2026-12-06T09:00:00Z'))).toBe(false);
  });
});
