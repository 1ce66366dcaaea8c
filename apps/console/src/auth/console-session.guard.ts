import { CanActivate, ExecutionContext, Inject, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { constantTimeEquals } from '@bridge/webhook-security';
import type { ConsoleSettings } from '../console-settings';
import { CONSOLE_SETTINGS } from '../console.tokens';
import { OperatorSessions } from './operator-sessions';
import { cookieOf, sessionCookieName } from './session-cookie';
import { SignInRequired } from './sign-in-required';

/** The signed-in operator of a request, and the CSRF token its forms carry. */
export interface SignedIn {
  operator: string;
  csrf: string;
}

type RequestWithOperator = Request & { signedIn?: SignedIn };

/**
 * Every console page but the sign-in needs a session: a GET without one goes to the sign-in page, anything else is
 * refused. A request that changes something (any method but GET and HEAD) must also carry the session's CSRF token in its
 * form (`_csrf`): with the SameSite=Strict cookie, a second wall against another site's page posting a form here.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  private readonly cookieName: string;

  constructor(
    private readonly sessions: OperatorSessions,
    @Inject(CONSOLE_SETTINGS) settings: ConsoleSettings,
  ) {
    this.cookieName = sessionCookieName(settings.CONSOLE_SECURE_COOKIE);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithOperator>();
    const cookie = cookieOf(request, this.cookieName);
    const session = this.sessions.verify(cookie);
    const reading = request.method === 'GET' || request.method === 'HEAD';
    if (!session || !cookie) throw new SignInRequired(reading ? request.originalUrl : undefined);
    const csrf = this.sessions.csrfTokenOf(cookie);
    if (!reading) {
      const presented = (request.body as { _csrf?: unknown } | undefined)?._csrf;
      if (typeof presented !== 'string' || !constantTimeEquals(presented, csrf)) throw new SignInRequired(undefined, 'the form is from an older or another session: open the page again');
    }
    request.signedIn = { operator: session.operator, csrf };
    return true;
  }
}

/** The signed-in operator, in a controller guarded by ConsoleSessionGuard. */
export const Operator = createParamDecorator((_data: unknown, context: ExecutionContext): SignedIn => {
  const signedIn = context.switchToHttp().getRequest<RequestWithOperator>().signedIn;
  if (!signedIn) throw new Error('@Operator() used on a route without ConsoleSessionGuard');
  return signedIn;
});
