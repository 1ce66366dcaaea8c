import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiUser } from '../store/api-user';
import { CurrentApiUser } from './current-api-user.decorator';
import { setPageHeaders } from './list-headers';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TangoeSandboxErrorFilter } from '../tangoe-sandbox-error.filter';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/** Support requests as apps/sandbox/README.md ("Tangoe's API") has them from seed 000 and Tangoe's API portal. */
@Controller('1/support_requests')
@UseFilters(TangoeSandboxErrorFilter)
export class SupportRequestsController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(@CurrentApiUser() user: ApiUser, @Body() body: unknown, @Query('employee_id') employeeId?: unknown) {
    return this.sandbox.api.create(user, body, typeof employeeId === 'string' ? employeeId : undefined);
  }

  /** The body is the page, a bare array; where it sits in the whole is in the headers. */
  @Get()
  list(@CurrentApiUser() user: ApiUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const page = this.sandbox.api.list(user, query);
    setPageHeaders(response, page);
    return page.items;
  }

  @Get(':id')
  get(@CurrentApiUser() user: ApiUser, @Param('id') id: string) {
    return this.sandbox.api.get(user, id);
  }

  /** Not Tangoe's: the sandbox's change history of one request, for tests and the demo. */
  @Get(':id/history')
  history(@CurrentApiUser() user: ApiUser, @Param('id') id: string) {
    return this.sandbox.api.history(user, id);
  }

  /** The client's cancel or close: no call in the seeds, this one is the bridge's assumption (docs/adr/0006). */
  @Patch(':id')
  changeState(@CurrentApiUser() user: ApiUser, @Param('id') id: string, @Body() body: unknown) {
    return this.sandbox.api.changeState(user, id, body);
  }
}
