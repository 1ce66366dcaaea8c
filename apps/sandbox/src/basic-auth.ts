import { createHash, timingSafeEqual } from 'node:crypto';

/** The user and password of a Basic authorization header, or undefined when there is none. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const [user, ...rest] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return { user, password: rest.join(':') };
}

/** Compares two secrets in constant time, whatever their lengths (by their digests). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
