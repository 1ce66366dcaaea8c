import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Put, Query, UseFilters, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from './admin-token.guard';
import { FaultInput, validateFaults } from './fault-injector';
import type { FieldErrors } from '../store/support-request';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TangoeSandboxError } from '../tangoe-sandbox.error';
import { TangoeSandboxErrorFilter } from '../tangoe-sandbox-error.filter';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

interface WebhookBody {
  company?: unknown;
  url?: unknown;
  secret?: unknown;
  drop?: unknown;
}

/** The run's switches (faults, push targets, lost pushes) and what the sandbox saw, for out-of-process callers. */
@Controller('sandbox/tangoe')
@UseGuards(AdminTokenGuard)
@UseFilters(TangoeSandboxErrorFilter)
export class SandboxControlsController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Get('faults')
  faults() {
    return this.sandbox.faults.current();
  }

  /** Replaces the faults; `{}` turns them off. */
  @Put('faults')
  setFaults(@Body() body: FaultInput) {
    const { errors } = validateFaults(body ?? {});
    if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
    return this.sandbox.faults.set(body ?? {});
  }

  @Get('webhooks')
  webhooks() {
    return this.describeWebhooks();
  }

  /**
   * `{ company, url, secret, drop? }` sets a company's push target; `{ company, drop }` loses (or stops losing)
   * that company's pushes; `{ drop }` alone loses every push.
   */
  @Put('webhooks')
  setWebhook(@Body() body: WebhookBody) {
    const { company, url, secret, drop } = body ?? {};
    const errors: FieldErrors = {};
    if (drop !== undefined && typeof drop !== 'boolean') errors.drop = ['must be true or false'];
    if (company === undefined) {
      if (drop === undefined) errors.company = ["can't be blank"];
      if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
      this.sandbox.dropPushes = drop as boolean;
      return this.describeWebhooks();
    }
    if (typeof company !== 'string' || company === '') errors.company = ["can't be blank"];
    const existing = typeof company === 'string' ? this.sandbox.webhooks.get(company) : undefined;
    if (url === undefined && secret === undefined && existing) {
      if (drop === undefined) errors.drop = ["can't be blank"];
      if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
      existing.drop = drop === true;
      return this.describeWebhooks();
    }
    if (typeof url !== 'string' || !isHttpUrl(url)) errors.url = ['must be an http(s) URL'];
    if (typeof secret !== 'string' || secret === '') errors.secret = ["can't be blank"];
    if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
    this.sandbox.webhooks.set(company as string, { url: url as string, secret: secret as string, drop: drop === true });
    return this.describeWebhooks();
  }

  @Delete('webhooks/:company')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteWebhook(@Param('company') company: string): void {
    if (!this.sandbox.webhooks.delete(company)) throw TangoeSandboxError.notFound(`no webhook for company ${company}`);
  }

  @Get('pushes')
  pushes(@Query('company') company?: string) {
    return this.sandbox.pushes.filter((push) => company === undefined || push.company === company);
  }

  /** The request log of Tangoe's API, optionally of one API user. */
  @Get('requests')
  requests(@Query('api_user') apiUser?: string) {
    return apiUser === undefined ? this.sandbox.requests : this.sandbox.requestsOf(apiUser);
  }

  @Get('rate-limit/:apiUser')
  rateLimit(@Param('apiUser') apiUser: string, @Query('window_ms') windowMs?: string) {
    const window = windowMs === undefined ? this.sandbox.limiter.windowMs : Number(windowMs);
    if (!Number.isInteger(window) || window <= 0) throw TangoeSandboxError.invalid({ window_ms: ['must be a positive whole number'] });
    return {
      apiUser,
      limit: this.sandbox.limiter.limit,
      windowMs: this.sandbox.limiter.windowMs,
      granted: this.sandbox.limiter.granted(apiUser),
      maxInAnyWindow: this.sandbox.maxGetsInAnyWindow(apiUser, window),
    };
  }

  /** Secrets are never answered. */
  private describeWebhooks() {
    return {
      dropPushes: this.sandbox.dropPushes,
      webhooks: [...this.sandbox.webhooks].map(([company, target]) => ({ company, url: target.url, drop: target.drop === true })),
    };
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
