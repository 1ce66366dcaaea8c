import { Controller, Get, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiUser } from '../store/api-user';
import { CurrentApiUser } from './current-api-user.decorator';
import { setPageHeaders } from './list-headers';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TangoeSandboxErrorFilter } from '../tangoe-sandbox-error.filter';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/** Activities (orders) as apps/sandbox/README.md ("Activities") has them from seed 001: option 1, the client pulls. */
@Controller('1/activities')
@UseFilters(TangoeSandboxErrorFilter)
export class ActivitiesController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  /** The body is the page, a bare array, as for support requests; where it sits in the whole is in the headers. */
  @Get()
  list(@CurrentApiUser() user: ApiUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const page = this.sandbox.activities.list(user, query);
    setPageHeaders(response, page);
    return page.items;
  }

  @Get(':id')
  get(@CurrentApiUser() user: ApiUser, @Param('id') id: string) {
    return this.sandbox.activities.get(user, id);
  }
}
