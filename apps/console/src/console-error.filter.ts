import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { SignInRequired } from './auth/sign-in-required';
import { CONSOLE_LOGGER } from './console.tokens';
import { ConsoleViews } from './views/console-views';

/**
 * Whatever a page could not do, as a page: a request without a session goes to the sign-in page (a GET) or is
 * refused (401); a bad request or an unknown page says why; anything else is logged and answered 500 without its
 * insides. A service's failure never reaches here: pages show it as a problem, actions as their outcome.
 */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  constructor(
    private readonly views: ConsoleViews,
    @Inject(CONSOLE_LOGGER) private readonly logger: Logger,
  ) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof SignInRequired) {
      if (error.next !== undefined) return void response.redirect(302, `/login?next=${encodeURIComponent(error.next)}`);
      return this.page(response, HttpStatus.UNAUTHORIZED, 'Sign in again', error.message, '/login', 'Sign in');
    }
    if (error instanceof HttpException) {
      const answer = error.getResponse();
      const message = typeof answer === 'object' && answer !== null && typeof (answer as { message?: unknown }).message === 'string' ? (answer as { message: string }).message : error.message;
      return this.page(response, error.getStatus(), error.getStatus() === 404 ? 'Not found' : 'That cannot be done', message, '/clients', 'Back to the clients');
    }
    this.logger.error({ err: error, path: request.path }, 'a console page failed');
    return this.page(response, HttpStatus.INTERNAL_SERVER_ERROR, 'The console failed', 'The page could not be made; its log says why.', '/clients', 'Back to the clients');
  }

  private async page(response: Response, status: number, heading: string, message: string, backHref: string, backLabel: string): Promise<void> {
    response.status(status).type('html').send(await this.views.render('message', { title: heading }, { heading, message, backHref, backLabel }));
  }
}
