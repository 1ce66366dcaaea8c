import { Body, Controller, HttpCode, HttpException, HttpStatus, Inject, Post } from '@nestjs/common';
import type { TokenRequestProblem } from './access-tokens';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/** `POST /v2/token`: client credentials for a 30-minute bearer JWT, with OAuth 2.0's error answers. */
@Controller('v2/token')
export class AccessTokenController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  issue(@Body() body: unknown) {
    const { token, problem } = this.sandbox.tokens.issue(body);
    if (token) return token;
    throw new HttpException({ error: problem, error_description: describe(problem!) }, problem === 'invalid_client' ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
  }
}

function describe(problem: TokenRequestProblem): string {
  switch (problem) {
    case 'invalid_request':
      return 'client_id, client_secret, subject and grant_type are required';
    case 'unsupported_grant_type':
      return 'grant_type must be client_credentials';
    case 'invalid_client':
      return 'unknown client or wrong secret';
    default:
      return assertUnreachable(problem);
  }
}

function assertUnreachable(problem: never): never {
  throw new Error(`unhandled token problem ${String(problem)}`);
}
