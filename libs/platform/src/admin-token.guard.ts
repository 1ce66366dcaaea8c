import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ADMIN_OPERATOR_HEADER } from '@bridge/contracts';
import { constantTimeEquals } from '@bridge/webhook-security';
import type { ServiceSettings } from './service-settings';
import { LOGGER, SETTINGS } from './tokens';

/** Wrong tokens an address may present in a minute; past them it is refused, right token or not, until the minute ends. */
export const ADMIN_FAILED_ATTEMPTS_PER_MINUTE = 10;
/**
 * Wrong tokens the service takes in a minute from every address together: an attacker with many addresses (IPv6)
 * is held to this, and so, for the rest of the minute, is everyone (docs/security.md#the-admin-api).
 */
export const ADMIN_FAILED_ATTEMPTS_PER_MINUTE_IN_ALL = 100;
const EVERY_ADDRESS = '*';

/**
 * The failed attempts of each service (its settings object stands for it), whichever module's guard saw them: Nest
 * makes a guard per module, and an attacker must not get ten tries for each.
 */
const failedAttemptsByService = new WeakMap<ServiceSettings, { byAddress: RateLimiterMemory; inAll: RateLimiterMemory }>();

/**
 * The admin API is for operators: a bearer token from ADMIN_TOKEN (a Kubernetes Secret, at least 32 characters).
 * Without one configured, the admin API is closed, never open. An address that presents a wrong token
 * ADMIN_FAILED_ATTEMPTS_PER_MINUTE times is answered 429 with Retry-After for the rest of the minute, and every
 * address once the service took ADMIN_FAILED_ATTEMPTS_PER_MINUTE_IN_ALL wrong tokens, so the token cannot be
 * guessed at speed from one address or from many. Every request that changes something (any method but GET) is written to the audit
 * log, admitted or not: who (the operator the CLI names, and the address), what (method and path), when, and the
 * answer's status. The audit lines are written whatever LOG_LEVEL says.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly audit?: Logger;

  constructor(
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    @Optional() @Inject(LOGGER) logger?: Logger,
  ) {
    this.audit = logger?.child({ audit: 'admin' }, { level: 'info' });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const who = { operator: operatorOf(request), address: request.socket.remoteAddress ?? 'unknown' };
    if (request.method !== 'GET') this.auditWhenAnswered(request, response, who);

    const { byAddress, inAll } = this.failedAttempts();
    for (const [limiter, key] of [[byAddress, who.address], [inAll, EVERY_ADDRESS]] as const) {
      const spent = await limiter.get(key);
      if (spent && spent.remainingPoints <= 0) throw tooManyFailures(response, spent);
    }
    const expected = this.settings.ADMIN_TOKEN;
    const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (expected && presented && constantTimeEquals(presented, expected)) return true;

    try {
      await inAll.consume(EVERY_ADDRESS);
      await byAddress.consume(who.address);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw tooManyFailures(response, refusal);
      throw refusal;
    }
    throw new HttpException({ error: 'unauthorized', message: 'the admin API needs Authorization: Bearer <ADMIN_TOKEN>' }, HttpStatus.UNAUTHORIZED);
  }

  private failedAttempts(): { byAddress: RateLimiterMemory; inAll: RateLimiterMemory } {
    let limiters = failedAttemptsByService.get(this.settings);
    if (!limiters) {
      limiters = {
        byAddress: new RateLimiterMemory({ points: ADMIN_FAILED_ATTEMPTS_PER_MINUTE, duration: 60 }),
        inAll: new RateLimiterMemory({ points: ADMIN_FAILED_ATTEMPTS_PER_MINUTE_IN_ALL, duration: 60 }),
      };
      failedAttemptsByService.set(this.settings, limiters);
    }
    return limiters;
  }

  private auditWhenAnswered(request: Request, response: Response, who: { operator?: string; address: string }): void {
    const what = { method: request.method, path: request.originalUrl.split('?')[0] };
    // 'close', not 'finish': a caller that hangs up before the answer (a CLI timing out on a long repair) made its
    // change all the same; `answered` says whether the answer was sent.
    response.once('close', () => this.audit?.info({ who, what, status: response.statusCode, answered: response.writableFinished }, 'admin request'));
  }
}

function operatorOf(request: Request): string | undefined {
  const value = request.headers[ADMIN_OPERATOR_HEADER];
  const operator = Array.isArray(value) ? value[0] : value;
  // What a client says of itself: kept short and printable, never trusted for access.
  return operator ? operator.replace(/[^\x20-\x7e]/g, '?').slice(0, 100) : undefined;
}

function tooManyFailures(response: Response, spent: RateLimiterRes): HttpException {
  const seconds = Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
  response.setHeader('Retry-After', String(seconds));
  return new HttpException({ error: 'too_many_failed_attempts', message: `too many wrong admin tokens from this address; retry after ${seconds} s` }, HttpStatus.TOO_MANY_REQUESTS);
}
