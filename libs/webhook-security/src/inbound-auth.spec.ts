import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { InboundCredentials, SIGNED_TIMESTAMP_TOLERANCE_MS, credentialHeaders, signBody, signServiceNowStyle, signZendeskStyle, verifyInbound } from './inbound-auth';

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

  it("checks Zendesk's signature: base64 HMAC-SHA256 of the timestamp header followed by the body", () => {
    const credentials = { type: 'hmac' as const, secret: 'dGhpc19zZWNyZXQ', header: 'X-Zendesk-Webhook-Signature', encoding: 'base64' as const, timestampHeader: 'X-Zendesk-Webhook-Signature-Timestamp' };
    const timestamp = '2026-12-02T10:15:00Z';
    // Computed independently of the code under test, as Zendesk's documentation describes it.
    const expected = createHmac('sha256', 'dGhpc19zZWNyZXQ').update(timestamp + body.toString()).digest('base64');
    expect(signZendeskStyle('dGhpc19zZWNyZXQ', body, timestamp)).toBe(expected);
    const headers = { 'x-zendesk-webhook-signature': expected, 'x-zendesk-webhook-signature-timestamp': timestamp };
    const signedAt = Date.parse(timestamp);
    expect(verifyInbound(credentials, headers, body, signedAt)).toEqual({ ok: true });
    expect(verifyInbound(credentials, { ...headers, 'x-zendesk-webhook-signature-timestamp': '2026-12-02T10:16:00Z' }, body, signedAt).ok).toBe(false);
    expect(verifyInbound(credentials, { 'x-zendesk-webhook-signature': expected }, body)).toEqual({ ok: false, reason: 'missing X-Zendesk-Webhook-Signature-Timestamp header' });
  });

  it('refuses a signed timestamp more than 5 minutes from now, either way: a replayed webhook', () => {
    const credentials = { type: 'hmac' as const, secret: 's', header: 'X-Sig', encoding: 'base64' as const, timestampHeader: 'X-Sig-Timestamp' };
    const signedAt = Date.parse('2026-12-02T10:15:00Z');
    const signed = (at: string) => credentialHeaders(credentials, body, at);
    expect(verifyInbound(credentials, signed('2026-12-02T10:15:00Z'), body, signedAt + SIGNED_TIMESTAMP_TOLERANCE_MS)).toEqual({ ok: true });
    expect(verifyInbound(credentials, signed('2026-12-02T10:15:00Z'), body, signedAt - SIGNED_TIMESTAMP_TOLERANCE_MS)).toEqual({ ok: true });
    const replayed = verifyInbound(credentials, signed('2026-12-02T10:15:00Z'), body, signedAt + SIGNED_TIMESTAMP_TOLERANCE_MS + 1);
    expect(replayed).toEqual({ ok: false, reason: 'X-Sig-Timestamp is more than 5 minutes from now: a replayed webhook, or the sender\'s clock is wrong' });
    expect(verifyInbound(credentials, signed('2026-12-02T10:21:00Z'), body, signedAt).ok).toBe(false);
    expect(verifyInbound(credentials, signed(String(signedAt / 1000)), body, signedAt)).toEqual({ ok: true });
    expect(verifyInbound(credentials, signed('yesterday'), body, signedAt)).toEqual({ ok: false, reason: 'X-Sig-Timestamp is not a time (ISO 8601 or Unix seconds)' });
    // Without the secret, a fresh timestamp on an old signature does not help: the signature covers it.
    expect(verifyInbound(credentials, { ...signed('2026-12-02T10:00:00Z'), 'x-sig-timestamp': '2026-12-02T10:15:00Z' }, body, signedAt)).toEqual({ ok: false, reason: 'signature does not match the body' });
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

  it('writes, for every kind of credentials, headers that verifyInbound accepts for that body only', () => {
    const kinds: InboundCredentials[] = [
      { type: 'hmac', secret: 's', header: 'X-Bridge-Signature' },
      { type: 'hmac', secret: 's', header: 'X-Sig', encoding: 'base64', timestampHeader: 'X-Sig-Timestamp' },
      { type: 'hmac', secret: 's', header: 'X-Sig', timestampHeader: 'X-Sig-Timestamp' },
      { type: 'basic', username: 'u', password: 'p' },
      { type: 'bearer', token: 't' },
    ];
    for (const credentials of kinds) {
      expect(verifyInbound(credentials, credentialHeaders(credentials, body), body)).toEqual({ ok: true });
      if (credentials.type === 'hmac') expect(verifyInbound(credentials, credentialHeaders(credentials, body), Buffer.from('{"a":2}')).ok).toBe(false);
    }
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

describe('HMAC spellings', () => {
  const credentials = { type: 'hmac' as const, secret: 'the-shared-secret', header: 'X-Bridge-Signature' };
  // Computed independently of the code under test: the bytes of HMAC-SHA256(secret, body).
  const mac = createHmac('sha256', 'the-shared-secret').update(body).digest();

  it.each([
    ['hex after sha256=', `sha256=${mac.toString('hex')}`],
    ['bare hex', mac.toString('hex')],
    ['upper-case hex', mac.toString('hex').toUpperCase()],
    ['Base64 after sha256= (the ServiceNow business rule)', `sha256=${mac.toString('base64')}`],
    ['bare Base64 (generateMac as it returns)', mac.toString('base64')],
  ])('accepts the MAC as %s', (_, presented) => {
    expect(verifyInbound(credentials, { 'x-bridge-signature': presented }, body)).toEqual({ ok: true });
  });

  it('signs as the documented ServiceNow script does: Base64 after sha256=', () => {
    expect(signServiceNowStyle('the-shared-secret', body)).toBe(`sha256=${mac.toString('base64')}`);
  });

  it('refuses a MAC of another body in either spelling, and what is no SHA-256 MAC at all', () => {
    const other = createHmac('sha256', 'the-shared-secret').update('{"a":2}').digest();
    for (const presented of [other.toString('hex'), other.toString('base64'), `sha256=${other.toString('base64')}`]) {
      expect(verifyInbound(credentials, { 'x-bridge-signature': presented }, body)).toEqual({ ok: false, reason: 'signature does not match the body' });
    }
    for (const presented of ['sha256=', mac.toString('hex').slice(2), mac.toString('base64').replace('=', ''), mac.toString('base64url'), 'sha1=abc']) {
      expect(verifyInbound(credentials, { 'x-bridge-signature': presented }, body)).toEqual({ ok: false, reason: 'X-Bridge-Signature is not an HMAC-SHA256 in hex or Base64' });
    }
  });
});

describe("each vendor's own signature, as the vendor documents it", () => {
  it("accepts Jira's X-Hub-Signature test vector from Atlassian's webhook docs, and refuses it for another body", () => {
    // developer.atlassian.com, Jira Cloud "Webhooks", secure admin webhooks: this secret and payload give this header.
    const credentials = { type: 'hmac' as const, secret: "It's a Secret to Everybody", header: 'X-Hub-Signature' };
    const headers = { 'x-hub-signature': 'sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9' };
    expect(verifyInbound(credentials, headers, Buffer.from('Hello World!'))).toEqual({ ok: true });
    expect(verifyInbound(credentials, headers, Buffer.from('Hello World?')).ok).toBe(false);
  });
});
