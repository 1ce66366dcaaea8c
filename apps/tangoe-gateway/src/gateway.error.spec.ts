import { BridgeError } from '@bridge/errors';
import { GatewayError } from './gateway.error';

describe('GatewayError', () => {
  it('is retriable only for a client a reload took away (its ticket then waits while the client is held)', () => {
    const gone = new GatewayError('unknown_client', 'no client "acme" is configured');
    expect(gone).toBeInstanceOf(BridgeError);
    expect(gone).toMatchObject({ code: 'unknown_client', retriable: true, name: 'GatewayError' });
    for (const code of ['unknown_ticket', 'client_held', 'not_a_ticket', 'not_linked', 'request_mismatch', 'client_own_state', 'unknown_state'] as const) {
      expect(new GatewayError(code, code).retriable).toBe(false);
    }
  });

  it('keeps its cause', () => {
    const cause = new Error('the ticket link query failed');
    expect(new GatewayError('unknown_ticket', 'no ticket acme:INC1 is known', { cause }).cause).toBe(cause);
  });
});
