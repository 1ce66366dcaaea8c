import { createHash, timingSafeEqual } from 'node:crypto';

/** The user and password of a Basic authorization header, or undefined when there is none. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const [user, ...rest] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return { user, password: rest.join(':') };
}

/**
 * The account whose credentials a Basic authorization header presents, each account's user and password as
 * `credentialsOf` says the vendor takes them; both compared in constant time.
 */
export function basicAccount<A>(header: string | undefined, accounts: readonly A[], credentialsOf: (account: A) => { user: string; password: string }): A | undefined {
  const presented = basicCredentials(header);
  if (!presented) return undefined;
  return accounts.find((account) => {
    const { user, password } = credentialsOf(account);
    return sameSecret(user, presented.user) && sameSecret(password, presented.password);
  });
}

/** A Basic authorization header, as a stand-in's webhook sends the credentials its admin typed in. */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Compares two secrets in constant time, whatever their lengths (by their digests). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
