import { Body, Controller, Get, Headers, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { pageNumber, pageOf, refuse } from '../stand-in-kit';
import { FRESHSERVICE_SANDBOX, FreshserviceSandbox } from './freshservice-sandbox';

/** Freshservice answers a ticket it does not have as one the agent may not see. */
const NO_SUCH_TICKET = () => new HttpException({ code: 'access_denied', message: 'You are not authorized to perform this action.' }, HttpStatus.NOT_FOUND);

/** The part of Freshservice's API v2 the bridge uses (`/freshservice/{account}/api/v2/…`), Basic auth with an API key. */
@Controller('freshservice/:site/api/v2/tickets')
export class FreshserviceApiController {
  constructor(@Inject(FRESHSERVICE_SANDBOX) private readonly sandbox: FreshserviceSandbox) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  async create(@Param('site') name: string, @Headers('authorization') auth: string, @Body() body: Record<string, unknown>) {
    const { standIn: site, caller: agent } = await this.sandbox.enter(name, { method: 'POST', resource: '/tickets', authorization: auth, body });
    if (typeof body?.subject !== 'string' || typeof body.description !== 'string') throw invalid([{ field: 'subject', message: 'It should be a/an String' }]);
    const ticket = site.create({ subject: body.subject, description: body.description, tags: Array.isArray(body.tags) ? (body.tags as string[]) : [], status: typeof body.status === 'number' ? body.status : undefined }, agent);
    return { ticket: site.present(ticket) };
  }

  /**
   * The ticket list as reconciliation reads it (`GET /api/v2/tickets?updated_since=…&order_by=updated_at&order_type=asc`,
   * `per_page` at most 100, `page` from 1), the requester included when asked (`include=requester`).
   */
  @Get()
  async list(@Param('site') name: string, @Headers('authorization') auth: string, @Query('updated_since') updatedSince?: string, @Query('order_type') orderType?: string, @Query('per_page') perPage?: string, @Query('page') page?: string, @Query('include') include?: string) {
    const { standIn: site } = await this.sandbox.enter(name, { method: 'GET', resource: '/tickets', authorization: auth });
    const since = updatedSince ? Date.parse(updatedSince) : Number.NEGATIVE_INFINITY;
    if (Number.isNaN(since)) throw invalid([{ field: 'updated_since', message: 'It should be in the format of ISO 8601' }]);
    const size = Math.min(Number(perPage ?? 30), 100);
    const ordered = [...site.tickets.values()].filter((ticket) => Date.parse(ticket.updated_at) >= since).sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
    if (orderType === 'desc') ordered.reverse();
    const from = (Math.max(1, Number(page ?? 1)) - 1) * size;
    return { tickets: pageOf(ordered, from, size).items.map((ticket) => ({ ...site.present(ticket), ...(include === 'requester' ? {} : { requester: undefined }) })) };
  }

  /** Only `query="tag:'…'"`, what the bridge asks to find a mirrored activity's ticket. */
  @Get('filter')
  async filter(@Param('site') name: string, @Headers('authorization') auth: string, @Query('query') query?: string) {
    const { standIn: site } = await this.sandbox.enter(name, { method: 'GET', resource: '/tickets/filter', authorization: auth });
    const tag = /^"tag:'([^']+)'"$/.exec(query ?? '')?.[1];
    if (!tag) throw invalid([{ field: 'query', message: "the sandbox answers only \"tag:'…'\"" }]);
    const tickets = [...site.tickets.values()].filter((ticket) => ticket.tags.includes(tag)).map((ticket) => site.present(ticket));
    return { tickets, total: tickets.length };
  }

  /**
   * List All Conversations of a Ticket: oldest first, paged as Freshservice pages its lists (`page` from 1,
   * `per_page` 30 unless asked, 100 at most), with a `link` header naming the next page while more remain.
   */
  @Get(':id/conversations')
  async conversations(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Res({ passthrough: true }) response: Response, @Query('page') page?: string, @Query('per_page') perPage?: string) {
    const { record: ticket } = await this.ticket(name, id, auth, 'GET', '/conversations');
    const size = Math.min(Math.max(1, Math.floor(Number(perPage ?? 30)) || 30), 100);
    const number = pageNumber(page);
    const conversations = pageOf(ticket.conversations, (number - 1) * size, size);
    if (conversations.more) response.setHeader('link', `</freshservice/${name}/api/v2/tickets/${ticket.id}/conversations?page=${number + 1}&per_page=${size}>; rel="next"`);
    return { conversations: conversations.items };
  }

  /**
   * View Ticket Activities (docs/itsm/freshservice.md, "Reconciliation"): who did what to the ticket and when.
   * Freshservice documents no order and no paging; the stand-in answers all of them, newest first, as Freshservice's own answers
   * have been seen to come.
   */
  @Get(':id/activities')
  async activities(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string) {
    const { record: ticket } = await this.ticket(name, id, auth, 'GET', '/activities');
    return { activities: [...ticket.activities].reverse() };
  }

  @Post(':id/notes')
  @HttpCode(HttpStatus.CREATED)
  async note(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Body() body: { body?: unknown; private?: unknown }) {
    const { standIn: site, record: ticket, caller: agent } = await this.ticket(name, id, auth, 'POST', '/notes', body);
    if (typeof body?.body !== 'string' || body.body === '') throw invalid([{ field: 'body', message: 'It should be a/an String' }]);
    return { conversation: site.addNote(ticket, body.body, body.private !== false, agent) };
  }

  @Get(':id')
  async show(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Query('include') include?: string) {
    const { standIn: site, record: ticket } = await this.ticket(name, id, auth, 'GET', '');
    // The requester's name and phone only with include=requester, as Freshservice answers.
    return { ticket: { ...site.present(ticket), ...(include === 'requester' ? {} : { requester: undefined }) } };
  }

  @Put(':id')
  async update(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Body() body: Record<string, unknown>) {
    const { standIn: site, record: ticket, caller: agent, call } = await this.ticket(name, id, auth, 'PUT', '', body);
    const refused = site.update(ticket, body ?? {}, agent);
    if (refused.length > 0) throw refuse(call, invalid(refused.map((field) => ({ field, message: 'Unexpected/invalid field in request' }))));
    return { ticket: site.present(ticket) };
  }

  private ticket(name: string, id: string, authorization: string | undefined, method: string, suffix: string, body?: unknown) {
    return this.sandbox.enterRecord(name, { method, resource: `/tickets/${id}${suffix}`, authorization, body }, (site) => site.tickets.get(Number(id)), NO_SUCH_TICKET);
  }
}

function invalid(errors: Array<{ field: string; message: string }>): HttpException {
  return new HttpException({ description: 'Validation failed', errors: errors.map((e) => ({ ...e, code: 'invalid_field' })) }, HttpStatus.BAD_REQUEST);
}
