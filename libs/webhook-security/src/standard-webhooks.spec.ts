import { Webhook } from 'standardwebhooks';
import { signStandardWebhook, standardWebhookHeaders } from './standard-webhooks';

/** The specification's test vector, as its reference libraries' test suites use it. */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signatures of the bridge', () => {
  it("give the specification's test vector exactly", () => {
    expect(signStandardWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.payload)).toBe(VECTOR.signature);
  });

  it('are verified by the reference library, and refused by it once the body or the id changes', () => {
    // The library refuses timestamps older than five minutes, so this one is signed now.
    const headers = standardWebhookHeaders(VECTOR.secret, VECTOR.id, new Date(), VECTOR.payload);
    const receiver = new Webhook(VECTOR.secret);
    expect(receiver.verify(VECTOR.payload, headers)).toEqual({ test: 2432232314 });
    expect(() => receiver.verify('{"test": 2432232315}', headers)).toThrow();
    expect(() => receiver.verify(VECTOR.payload, { ...headers, 'webhook-id': 'msg_other' })).toThrow();
  });

  it('write the timestamp header in whole seconds, the one that was signed', () => {
    const headers = standardWebhookHeaders(VECTOR.secret, VECTOR.id, new Date(VECTOR.timestamp * 1000 + 999), VECTOR.payload);
    expect(headers).toEqual({ 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature });
  });

  it('refuse a secret that is not whsec_ and base64, rather than sign with a truncated key; the secret is not shown', () => {
    for (const secret of ['whsec_', 'whsec_not base64!', 'whsec_abc']) {
      expect(() => signStandardWebhook(secret, 'msg_1', 1614265330, '{}')).toThrow('is not whsec_ followed by base64 (its value is not shown)');
    }
    expect(() => signStandardWebhook('whsec_abc', 'msg_1', 1614265330, '{}')).not.toThrow(/abc/);
  });
});
