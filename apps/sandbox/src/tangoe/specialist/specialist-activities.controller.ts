import { Body, Controller, Delete, Get, Header, HttpCode, HttpStatus, Inject, Param, Post, Put, Query, UseFilters, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../controls/admin-token.guard';
import type { FieldErrors } from '../store/support-request';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TangoeSandboxError } from '../tangoe-sandbox.error';
import { TangoeSandboxErrorFilter } from '../tangoe-sandbox-error.filter';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

interface ActivityWebhookBody {
  company?: unknown;
  url?: unknown;
  username?: unknown;
  password?: unknown;
  drop?: unknown;
}

/** The specialist's side of activities: open an order, move it through its states, set where option 3 pushes. */
@Controller('sandbox/tangoe')
@UseGuards(AdminTokenGuard)
@UseFilters(TangoeSandboxErrorFilter)
export class SpecialistActivitiesController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Get('activities')
  list(@Query('company') company?: string) {
    return this.sandbox.activities.all(company);
  }

  /** `{ company, activity_type_id?, employee_id?, remote_activity_id?, …details }`; starts as ordered. */
  @Post('activities')
  @HttpCode(HttpStatus.CREATED)
  create(@Body() body: Record<string, unknown>) {
    const { company, ...input } = body ?? {};
    return this.sandbox.activities.create(company, input);
  }

  /** `{ state, tracking_url?, transfer_notes?, port_information? }`. */
  @Post('activities/:id/state')
  @HttpCode(HttpStatus.OK)
  changeState(@Param('id') id: string, @Body() body: { state?: unknown }) {
    return this.sandbox.activities.changeState(id, body);
  }

  /** Option 2 (docs/activities.md): the scheduled report of one company's activities, as the portal writes it. */
  @Get('activities/report.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  report(@Query('company') company?: string) {
    if (!company) throw TangoeSandboxError.invalid({ company: ["can't be blank"] });
    return this.sandbox.activities.report(company);
  }

  /** Option 3's target per company: `{ company, url, username, password, drop? }`. Passwords are never answered. */
  @Put('activity-webhooks')
  setWebhook(@Body() body: ActivityWebhookBody) {
    const { company, url, username, password, drop } = body ?? {};
    const errors: FieldErrors = {};
    if (typeof company !== 'string' || company === '') errors.company = ["can't be blank"];
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) errors.url = ['must be an http(s) URL'];
    if (typeof username !== 'string' || username === '') errors.username = ["can't be blank"];
    if (typeof password !== 'string' || password === '') errors.password = ["can't be blank"];
    if (drop !== undefined && typeof drop !== 'boolean') errors.drop = ['must be true or false'];
    if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
    this.sandbox.pusher.activityWebhooks.set(company as string, { url: url as string, username: username as string, password: password as string, drop: drop === true });
    return this.describe();
  }

  @Get('activity-webhooks')
  webhooks() {
    return this.describe();
  }

  @Delete('activity-webhooks/:company')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteWebhook(@Param('company') company: string): void {
    if (!this.sandbox.pusher.activityWebhooks.delete(company)) throw TangoeSandboxError.notFound(`no activity webhook for company ${company}`);
  }

  private describe() {
    return [...this.sandbox.pusher.activityWebhooks].map(([company, target]) => ({ company, url: target.url, username: target.username, drop: target.drop === true }));
  }
}
