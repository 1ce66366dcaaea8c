import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthenticatedRequest } from './current-api-user.decorator';
import { RecordedRequest, redactQuery } from '../controls/request-log';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/**
 * In front of Tangoe's API (`/1/…`, `/v2/…`): records the request, injects the run's faults, authenticates the API
 * user and applies the per-user GET limit, in the order Tangoe's own edge would: an overloaded edge answers 5xx
 * before it looks at credentials, and a refused request is not counted against the limit.
 */
@Injectable()
export class TangoeApiMiddleware implements NestMiddleware {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  async use(request: AuthenticatedRequest, response: Response, next: NextFunction): Promise<void> {
    const path = request.originalUrl.split('?')[0];
    const query = (request.query ?? {}) as Record<string, unknown>;
    const recorded: RecordedRequest = { at: this.sandbox.now().getTime(), method: request.method, path, query: redactQuery(query), status: 0 };
    this.sandbox.requests.push(recorded);
    response.on('finish', () => (recorded.status = response.statusCode));

    const isTokenRequest = path === '/v2/token';
    // Known before any fault, so even a faulted request is counted for its API user.
    const auth = isTokenRequest ? undefined : this.sandbox.authenticator.authenticate(request.headers, query);
    if (auth?.user) recorded.apiUser = auth.user.name;

    const fault = this.sandbox.faults.decide(request.method, path);
    if (fault.latencyMs > 0) {
      recorded.fault = 'latency';
      await sleep(fault.latencyMs);
    }
    if (fault.kind === 'error') {
      recorded.fault = 'error';
      if (fault.status === 503) response.setHeader('Retry-After', '1');
      response.status(fault.status).json({ error: STATUS_CODES[fault.status], message: 'injected by the sandbox (errorRate); nothing was stored' });
      return;
    }
    if (fault.kind === 'rate-limit') {
      recorded.fault = 'rate-limit';
      response.setHeader('Retry-After', '1');
      response.status(429).json({ error: 'Too Many Requests', message: 'injected by the sandbox (rateLimitRate)' });
      return;
    }

    if (auth) {
      if (!auth.user) {
        response.setHeader('WWW-Authenticate', 'Bearer');
        response.status(401).json({ error: 'Unauthorized', message: auth.problem });
        return;
      }
      request.apiUser = auth.user;
      if (request.method === 'GET') {
        const waitMs = this.sandbox.limiter.take(auth.user.name, this.sandbox.now().getTime());
        if (waitMs > 0) {
          const { limit, windowMs } = this.sandbox.limiter;
          response.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
          response.status(429).json({ error: 'Too Many Requests', message: `rate limit of ${limit} GET requests per ${windowMs / 1000} s exceeded` });
          return;
        }
      }
    }

    if (fault.kind === 'commit-then-drop') {
      recorded.fault = 'commit-then-drop';
      // The handler runs and stores; its answer never leaves: the connection is cut where the answer would be written.
      response.end = ((..._args: unknown[]) => {
        recorded.dropped = true;
        response.socket?.destroy();
        return response;
      }) as Response['end'];
    }
    next();
  }
}
