import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, unknown> & { exp: number };

const HEADER = { alg: 'HS256', typ: 'JWT' };

/** HS256 JWTs (RFC 7519) for the sandbox's v2 token flow, with node:crypto only. */
export function signJwt(claims: JwtClaims, secret: string): string {
  const unsigned = `${encode(HEADER)}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export type JwtProblem = 'malformed' | 'bad_signature' | 'expired';

/**
 * The claims of a token this sandbox signed and that has not expired at `nowSeconds`. Only HS256 is accepted:
 * a token naming another algorithm (`none` included) is refused before its signature is looked at.
 */
export function verifyJwt(token: string, secret: string, nowSeconds: number): { claims?: JwtClaims; problem?: JwtProblem } {
  const parts = token.split('.');
  if (parts.length !== 3) return { problem: 'malformed' };
  const [header, payload, signature] = parts;
  if (decode(header)?.alg !== 'HS256') return { problem: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'bad_signature' };
  const claims = decode(payload);
  if (!claims || typeof claims.exp !== 'number') return { problem: 'malformed' };
  if (claims.exp <= nowSeconds) return { problem: 'expired' };
  return { claims: claims as JwtClaims };
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
