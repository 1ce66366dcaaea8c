import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { TANGOE_SANDBOX } from './tokens';
import { TangoeSandbox } from './tangoe-sandbox';

/**
 * In front of Tangoe's API: records the request, injects the run's faults, authenticates the API user and
 * applies the per-user GET limit, in the order Tangoe's own edge would.
 */
@Injectable()
export class TangoeApiMiddleware implements NestMiddleware {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const recorded = { at: Date.now(), method: request.method, path: request.path, apiUser: undefined as string | undefined, status: 0 };
    this.sandbox.requests.push(recorded);
    response.on('finish', () => (recorded.status = response.statusCode));

    const fault = this.sandbox.faults.decide(request.originalUrl);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.decision === 'error') {
      response.status(503).json({ error: 'Service Unavailable (sandbox fault)' });
      return;
    }
    if (fault.decision === 'rate-limit') {
      response.setHeader('Retry-After', '1');
      response.status(429).json({ error: 'Too Many Requests (sandbox fault)' });
      return;
    }

    if (request.path !== '/v2/token') {
      const user = this.sandbox.authenticate(request.headers, request.query as Record<string, unknown>);
      if (!user) {
        response.status(401).json({ error: 'Unauthorized: a valid API-Token or bearer token is required' });
        return;
      }
      recorded.apiUser = user.name;
      (request as Request & { apiUser?: typeof user }).apiUser = user;
      if (request.method === 'GET') {
        const waitMs = this.sandbox.limiter.take(user.name, Date.now());
        if (waitMs > 0) {
          response.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
          response.status(429).json({ error: 'Rate limit exceeded: 100 GET requests per minute' });
          return;
        }
      }
    }

    if (fault.decision === 'commit-then-drop') {
      // Let the handler store the request, then cut the connection instead of answering.
      response.json = () => {
        response.socket?.destroy();
        return response;
      };
    }
    next();
  }
}
