import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An interaction thread token like the seed's `m339xS26p8ZML2U4RQCJo83H`: 24 random alphanumerics. */
export function newThreadToken(): string {
  let token = '';
  for (let i = 0; i < 24; i++) token += ALPHABET[randomInt(ALPHABET.length)];
  return token;
}
