import { AdminPeerError } from './admin-peer.error';

describe('AdminPeerError', () => {
  it('is retriable when the service failed for the moment, not when it refused', () => {
    expect(AdminPeerError.failed('gateway', 0, undefined, 'no answer').retriable).toBe(true);
    expect(AdminPeerError.failed('gateway', 503, undefined, 'unavailable').retriable).toBe(true);
    expect(AdminPeerError.failed('gateway', 409, undefined, 'refused').retriable).toBe(false);
  });
});
