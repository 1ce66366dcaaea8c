import { createHmac } from 'node:crypto';
import { signJwt, verifyJwt } from './sandbox-jwt';

const SECRET = 'test-secret';
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('sandbox JWTs', () => {
  const token = signJwt({ sub: 'acme-api', exp: 2_000 }, SECRET);

  it('signs HS256 and verifies its own tokens until they expire', () => {
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(verifyJwt(token, SECRET, 1_999)).toEqual({ claims: { sub: 'acme-api', exp: 2_000 } });
    expect(verifyJwt(token, SECRET, 2_000)).toEqual({ problem: 'expired' });
  });

  it('matches an independent HS256 signature', () => {
    const [header, payload, signature] = token.split('.');
    expect(signature).toBe(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
  });

  it('refuses another secret, a changed payload, alg none and garbage', () => {
    expect(verifyJwt(token, 'other', 0).problem).toBe('bad_signature');
    const [header, , signature] = token.split('.');
    expect(verifyJwt(`${header}.${part({ sub: 'globex-api', exp: 2_000 })}.${signature}`, SECRET, 0).problem).toBe('bad_signature');
    expect(verifyJwt(`${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'acme-api', exp: 2_000 })}.`, SECRET, 0).problem).toBe('malformed');
    expect(verifyJwt('not-a-jwt', SECRET, 0).problem).toBe('malformed');
    expect(verifyJwt('a.b.c', SECRET, 0).problem).toBe('malformed');
  });

  it('refuses a token without an expiry', () => {
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'x' })}`;
    const noExp = `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
    expect(verifyJwt(noExp, SECRET, 0).problem).toBe('malformed');
  });
});
