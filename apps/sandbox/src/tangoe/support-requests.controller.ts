import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, ParseIntPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { signJwt } from './sandbox-jwt';
import { TANGOE_SANDBOX } from './tokens';
import { TangoeSandbox } from './tangoe-sandbox';
import type { ApiUser, SupportRequest } from './tangoe-store';

type AuthedRequest = Request & { apiUser: ApiUser };
const MAX_PER_PAGE = 999;

/** Tangoe Mobile's REST API as the seeds and the public API portal describe it (apps/sandbox/README.md). */
@Controller()
export class SupportRequestsController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Post('1/support_requests')
  @HttpCode(HttpStatus.CREATED)
  create(@Req() request: AuthedRequest, @Body() body: { support_request?: Record<string, unknown> }, @Query('employee_id') employeeId?: string) {
    if (!body || typeof body.support_request !== 'object' || body.support_request === null) {
      throw new HttpException({ errors: { support_request: ['is required'] } }, HttpStatus.UNPROCESSABLE_ENTITY);
    }
    const result = this.sandbox.store.create(request.apiUser.company, body.support_request, employeeId);
    if (!isSupportRequest(result)) throw new HttpException({ errors: result }, HttpStatus.UNPROCESSABLE_ENTITY);
    return this.sandbox.store.present(result);
  }

  @Post('1/interactions')
  @HttpCode(HttpStatus.CREATED)
  addInteraction(@Req() request: AuthedRequest, @Body() body: { interaction?: { interaction_thread_token?: unknown; text?: unknown } }) {
    const token = body?.interaction?.interaction_thread_token;
    const text = body?.interaction?.text;
    const errors: Record<string, string[]> = {};
    if (typeof token !== 'string' || token === '') errors.interaction_thread_token = ["can't be blank"];
    if (typeof text !== 'string' || text.trim() === '') errors.text = ["can't be blank"];
    if (Object.keys(errors).length > 0) throw new HttpException({ errors }, HttpStatus.UNPROCESSABLE_ENTITY);
    const interaction = this.sandbox.store.addInteraction(request.apiUser.company, token as string, text as string, 'api');
    if (!interaction) throw new HttpException({ errors: { interaction_thread_token: ['does not match a support request'] } }, HttpStatus.NOT_FOUND);
    const { author: _author, ...shape } = interaction;
    const owner = this.sandbox.store.list(request.apiUser.company).find((r) => r.token === token);
    if (owner) this.sandbox.notify(owner, 'support_request.interaction_created');
    return shape;
  }

  @Get('1/support_requests')
  list(@Req() request: AuthedRequest, @Query() query: Record<string, string>, @Res({ passthrough: true }) response: Response) {
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    const perPage = Number(query.per_page ?? 100) || 100;
    if (perPage < 1 || perPage > MAX_PER_PAGE) throw new HttpException({ errors: { per_page: [`must be between 1 and ${MAX_PER_PAGE}`] } }, HttpStatus.UNPROCESSABLE_ENTITY);
    let items = this.sandbox.store.list(request.apiUser.company).filter((item) => matchesFilters(item, query));
    const [orderField, direction] = (query.order ?? 'id asc').split(/\s+/);
    const key = (orderField === 'updated_at' || orderField === 'created_at' ? orderField : 'id') as keyof SupportRequest;
    items = items.sort((a, b) => (a[key]! < b[key]! ? -1 : a[key]! > b[key]! ? 1 : 0) * (direction === 'desc' ? -1 : 1));
    response.setHeader('X-Total-Count', String(items.length));
    response.setHeader('X-Page', String(page));
    response.setHeader('X-Per-Page', String(perPage));
    return items.slice((page - 1) * perPage, page * perPage).map((item) => this.sandbox.store.present(item));
  }

  @Get('1/support_requests/:id')
  get(@Req() request: AuthedRequest, @Param('id', ParseIntPipe) id: number) {
    const item = this.sandbox.store.get(id);
    if (!item || item.company !== request.apiUser.company) throw new HttpException({ error: 'Not Found' }, HttpStatus.NOT_FOUND);
    return this.sandbox.store.present(item);
  }

  /**
   * A client-side state change. The seeds give no call for it; this is the bridge's assumption (docs/adr), kept
   * in one place on each side.
   */
  @Patch('1/support_requests/:id')
  changeState(@Req() request: AuthedRequest, @Param('id', ParseIntPipe) id: number, @Body() body: { support_request?: { state?: unknown; note?: unknown } }) {
    const item = this.sandbox.store.get(id);
    if (!item || item.company !== request.apiUser.company) throw new HttpException({ error: 'Not Found' }, HttpStatus.NOT_FOUND);
    const state = body?.support_request?.state;
    if (state !== 'canceled' && state !== 'closed') throw new HttpException({ errors: { state: ['must be canceled or closed'] } }, HttpStatus.UNPROCESSABLE_ENTITY);
    const note = body.support_request?.note;
    if (typeof note === 'string' && note.trim() !== '') this.sandbox.store.addInteraction(item.company, item.token, note, 'api');
    const changed = this.sandbox.store.changeState(id, state)!;
    this.sandbox.notify(changed, 'support_request.state_changed');
    return this.sandbox.store.present(changed);
  }

  @Post('v2/token')
  token(@Body() body: { client_id?: string; client_secret?: string; subject?: string; grant_type?: string }) {
    const user = this.sandbox.apiUsers.find((u) => u.clientId === body?.client_id && u.clientSecret === body?.client_secret);
    if (!user || body.grant_type !== 'client_credentials') throw new HttpException({ error: 'invalid_client' }, HttpStatus.UNAUTHORIZED);
    const issuedAt = Math.floor(this.sandbox.now().getTime() / 1000);
    const expiresAt = issuedAt + 30 * 60;
    return {
      access_token: signJwt({ sub: user.name, subject: body.subject, iat: issuedAt, exp: expiresAt }, this.sandbox.jwtSecret),
      token_type: 'Bearer',
      expires_in: 30 * 60,
      expires_at: expiresAt,
    };
  }
}

function isSupportRequest(value: SupportRequest | Record<string, string[]>): value is SupportRequest {
  return typeof (value as SupportRequest).id === 'number';
}

/** Ransack-style filters: `<field>_eq`, `<field>_gt|gte|lt|lte` on times. */
function matchesFilters(item: SupportRequest, query: Record<string, string>): boolean {
  for (const [name, value] of Object.entries(query)) {
    const match = /^(updated_at|created_at|external_source_id|state|id)_(eq|gt|gte|lt|lte)$/.exec(name);
    if (!match) continue;
    const actual = String(item[match[1] as keyof SupportRequest]);
    const [a, b] = match[1].endsWith('_at') ? [Date.parse(actual), Date.parse(value)] : match[1] === 'id' ? [Number(actual), Number(value)] : [actual, value];
    const ok = { eq: a === b, gt: a > b, gte: a >= b, lt: a < b, lte: a <= b }[match[2] as 'eq'];
    if (!ok) return false;
  }
  return true;
}
