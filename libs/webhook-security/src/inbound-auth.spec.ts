import fc from 'fast-check';
import { signBody, verifyInbound } from './inbound-auth';

const body = Buffer.from('{"a":1}');

describe('verifyInbound', () => {
  it('accepts a correct HMAC signature, with or without the sha256= prefix, and refuses any other body', () => {
    const credentials = { type: 'hmac' as const, secret: 's3cret', header: 'X-Bridge-Signature' };
    const signature = signBody('s3cret', body);
    expect(verifyInbound(credentials, { 'x-bridge-signature': signature }, body)).toEqual({ ok: true });
    expect(verifyInbound(credentials, { 'x-bridge-signature': signature.slice(7) }, body)).toEqual({ ok: true });
    expect(verifyInbound(credentials, { 'x-bridge-signature': signature }, Buffer.from('{"a":2}')).ok).toBe(false);
    expect(verifyInbound(credentials, {}, body)).toEqual({ ok: false, reason: 'missing X-Bridge-Signature header' });
  });

  it('checks Basic and Bearer credentials', () => {
    const basic = { type: 'basic' as const, username: 'sn', password: 'pw:with:colons' };
    const header = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    expect(verifyInbound(basic, { authorization: header('sn', 'pw:with:colons') }, body).ok).toBe(true);
    expect(verifyInbound(basic, { authorization: header('sn', 'pw') }, body).ok).toBe(false);
    expect(verifyInbound(basic, { authorization: 'Bearer x' }, body).ok).toBe(false);
    const bearer = { type: 'bearer' as const, token: 'tok' };
    expect(verifyInbound(bearer, { authorization: 'Bearer tok' }, body).ok).toBe(true);
    expect(verifyInbound(bearer, { authorization: 'Bearer tok2' }, body).ok).toBe(false);
  });

  it('never accepts a signature made with another secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (secret, other) => {
        fc.pre(secret !== other);
        const credentials = { type: 'hmac' as const, secret, header: 'sig' };
        return verifyInbound(credentials, { sig: signBody(other, body) }, body).ok === false;
      }),
    );
  });
});
