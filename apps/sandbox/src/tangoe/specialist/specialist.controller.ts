import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../controls/admin-token.guard';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TangoeSandboxErrorFilter } from '../tangoe-sandbox-error.filter';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/** The Account Specialist's side of the sandbox: what Tangoe's people do to a request, over HTTP. */
@Controller('sandbox/tangoe')
@UseGuards(AdminTokenGuard)
@UseFilters(TangoeSandboxErrorFilter)
export class SpecialistController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Get('support_requests')
  list(@Query('company') company?: string) {
    return this.sandbox.specialist.list(company);
  }

  @Get('support_requests/:id')
  get(@Param('id') id: string) {
    return this.sandbox.specialist.get(id);
  }

  @Get('support_requests/:id/history')
  historyOf(@Param('id') id: string) {
    return this.sandbox.specialist.get(id).history;
  }

  /** Every change after `since` (ISO), optionally of one `company`: what a poll from that time on should find. */
  @Get('history')
  history(@Query('since') since?: string, @Query('company') company?: string) {
    return this.sandbox.specialist.history({ since, company });
  }

  @Post('support_requests/:id/state')
  @HttpCode(HttpStatus.OK)
  changeState(@Param('id') id: string, @Body() body: { state?: unknown; note?: unknown }) {
    return this.sandbox.specialist.changeState(id, body);
  }

  @Post('support_requests/:id/interactions')
  @HttpCode(HttpStatus.CREATED)
  addInteraction(@Param('id') id: string, @Body() body: { text?: unknown }) {
    return this.sandbox.specialist.addInteraction(id, body);
  }

  @Post('support_requests/:id/reassign')
  @HttpCode(HttpStatus.OK)
  reassign(@Param('id') id: string, @Body() body: { assignment_group?: unknown; note?: unknown }) {
    return this.sandbox.specialist.reassign(id, body);
  }
}
