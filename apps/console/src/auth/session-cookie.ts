import type { Request, Response } from 'express';

/** `__Host-` binds the cookie to this origin and path `/`, and needs `Secure`; without Secure it cannot be used. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-bridge-console' : 'bridge-console';
}

/** The value of a cookie the request carries. */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it). */
export function setSessionCookie(response: Response, name: string, value: string, secure: boolean, maxAgeMs: number): void {
  response.cookie(name, value, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(response: Response, name: string, secure: boolean): void {
  response.clearCookie(name, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
