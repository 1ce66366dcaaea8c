import { Body, Controller, HttpCode, HttpStatus, Inject, Post, UseFilters } from '@nestjs/common';
import type { ApiUser } from '../store/api-user';
import { CurrentApiUser } from './current-api-user.decorator';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TangoeSandboxErrorFilter } from '../tangoe-sandbox-error.filter';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/** Comments on a support request, by its `interaction_thread_token` (seed 000). */
@Controller('1/interactions')
@UseFilters(TangoeSandboxErrorFilter)
export class InteractionsController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(@CurrentApiUser() user: ApiUser, @Body() body: unknown) {
    return this.sandbox.api.addInteraction(user, body);
  }
}
