import type { NextFunction, Request, Response } from 'express';

/**
 * Every answer of the console: its own style sheet and script only (no inline code, no eval), forms posted to itself
 * only, never framed, nothing cached (a page shows one client's data to the operator signed in), no referrer.
 */
export function consoleSecurityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader(
    'content-security-policy',
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  if (!response.hasHeader('cache-control')) response.setHeader('cache-control', 'no-store');
  next();
}
