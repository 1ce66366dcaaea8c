import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ADMIN_FAILED_ATTEMPTS_PER_MINUTE, ADMIN_FAILED_ATTEMPTS_PER_MINUTE_IN_ALL } from '@bridge/platform';
import { constantTimeEquals } from '@bridge/webhook-security';
import type { ConsoleSettings } from '../console-settings';
import { CONSOLE_SETTINGS } from '../console.tokens';
import { ConsoleViews } from '../views/console-views';
import { AuditLog } from './audit-log';
import { OperatorSessions, operatorName } from './operator-sessions';
import { clearSessionCookie, cookieOf, sessionCookieName, setSessionCookie } from './session-cookie';

const EVERY_ADDRESS = '*';

/**
 * Signing in and out. The admin token is checked here, once, and never kept in the browser: the session cookie is
 * signed with a key derived from it. Wrong tokens are limited as the services limit them (per address, and in all),
 * so the console is no faster way to guess the token than the services' own admin APIs.
 */
@Controller()
export class LoginController {
  private readonly cookieName: string;
  private readonly failedByAddress = new RateLimiterMemory({ points: ADMIN_FAILED_ATTEMPTS_PER_MINUTE, duration: 60 });
  private readonly failedInAll = new RateLimiterMemory({ points: ADMIN_FAILED_ATTEMPTS_PER_MINUTE_IN_ALL, duration: 60 });

  constructor(
    private readonly sessions: OperatorSessions,
    private readonly views: ConsoleViews,
    private readonly audit: AuditLog,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {
    this.cookieName = sessionCookieName(settings.CONSOLE_SECURE_COOKIE);
  }

  @Get('login')
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Query('next') next: unknown) {
    return this.views.render('login', { title: 'Sign in' }, { next: safeNext(next) });
  }

  @Post('login')
  async signIn(@Body() body: Record<string, unknown> | undefined, @Req() request: Request, @Res() response: Response) {
    const address = request.socket.remoteAddress ?? 'unknown';
    const next = safeNext(body?.next);
    const operator = typeof body?.operator === 'string' ? operatorName(body.operator) : undefined;
    const refuse = async (status: number, error: string) => {
      response.status(status).type('html').send(await this.views.render('login', { title: 'Sign in' }, { next, operator, error }));
    };
    for (const [limiter, key] of [[this.failedByAddress, address], [this.failedInAll, EVERY_ADDRESS]] as const) {
      const spent = await limiter.get(key);
      if (spent && spent.remainingPoints <= 0) return refuse(429, `Too many wrong tokens: try again in ${Math.ceil(spent.msBeforeNext / 1000)} s.`);
    }
    const token = typeof body?.token === 'string' ? body.token : '';
    if (!constantTimeEquals(token, this.settings.ADMIN_TOKEN)) {
      try {
        await this.failedInAll.consume(EVERY_ADDRESS);
        await this.failedByAddress.consume(address);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
      }
      this.audit.record({ operator: operator ?? '(none given)', action: 'sign-in', target: {}, outcome: 'refused', detail: 'wrong admin token', address });
      return refuse(401, 'That is not the admin token.');
    }
    if (!operator) return refuse(400, 'Give your name: the audit log writes it with everything you do.');
    setSessionCookie(response, this.cookieName, this.sessions.issue(operator), this.settings.CONSOLE_SECURE_COOKIE, this.settings.CONSOLE_SESSION_MINUTES * 60_000);
    this.audit.record({ operator, action: 'sign-in', target: {}, outcome: 'done', address });
    response.redirect(303, next);
  }

  @Post('logout')
  @HttpCode(303)
  signOut(@Req() request: Request, @Res() response: Response) {
    const session = this.sessions.verify(cookieOf(request, this.cookieName));
    if (session) this.audit.record({ operator: session.operator, action: 'sign-out', target: {}, outcome: 'done' });
    clearSessionCookie(response, this.cookieName, this.settings.CONSOLE_SECURE_COOKIE);
    response.redirect(303, '/login');
  }
}

/** Where to go after signing in: a path of this console only, never another site. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next.length <= 500 ? next : '/clients';
}
