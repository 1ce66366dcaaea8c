import { Body, Controller, Get, Headers, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { pageNumber, pageOf } from '../stand-in-kit';
import { ZENDESK_SANDBOX, ZendeskSandbox } from './zendesk-sandbox';
import type { ZendeskTicketRecord } from './zendesk-site';

const COMMENTS_PER_PAGE = 100;
const AUDITS_PER_PAGE = 100;

interface TicketBody {
  ticket?: { subject?: string; comment?: { body?: string; public?: boolean }; status?: string; group_id?: number; external_id?: string; requester?: ZendeskTicketRecord['requester'] };
}

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

const NO_SUCH_TICKET = () => new HttpException({ error: 'RecordNotFound', description: 'Not found' }, HttpStatus.NOT_FOUND);

/** The part of Zendesk's Tickets API the bridge uses (`/zendesk/{account}/api/v2/…`), Basic auth with an API token. */
@Controller('zendesk/:site/api/v2')
export class ZendeskApiController {
  constructor(@Inject(ZENDESK_SANDBOX) private readonly sandbox: ZendeskSandbox) {}

  @Post('tickets.json')
  @HttpCode(HttpStatus.CREATED)
  async create(@Param('site') name: string, @Headers('authorization') auth: string, @Body() body: TicketBody) {
    const { standIn: site, caller: user } = await this.sandbox.enter(name, { method: 'POST', resource: '/tickets.json', authorization: auth, body });
    const input = body?.ticket;
    if (!input?.subject || !input.comment?.body) throw invalid('subject and comment.body are required');
    const ticket = site.create({ subject: input.subject, comment: input.comment.body, external_id: input.external_id, status: input.status, requester: input.requester ?? { name: user.name, phone: '' } }, user);
    return { ticket: site.present(ticket) };
  }

  /** Only `?external_id=`, what the bridge asks to find a mirrored activity's ticket. */
  @Get('tickets.json')
  async list(@Param('site') name: string, @Headers('authorization') auth: string, @Query('external_id') externalId?: string) {
    const { standIn: site } = await this.sandbox.enter(name, { method: 'GET', resource: '/tickets.json', authorization: auth });
    const tickets = [...site.tickets.values()].filter((ticket) => externalId === undefined || ticket.external_id === externalId);
    return { tickets: tickets.map((ticket) => site.present(ticket)), count: tickets.length };
  }

  /**
   * The incremental ticket export, cursor-based (`GET /api/v2/incremental/tickets/cursor.json`): `start_time` (epoch
   * seconds) or `cursor`, tickets ordered by `updated_at`, `after_cursor` and `end_of_stream` as Zendesk answers.
   */
  @Get('incremental/tickets/cursor.json')
  async incremental(@Param('site') name: string, @Headers('authorization') auth: string, @Query('start_time') startTime?: string, @Query('cursor') cursor?: string, @Query('per_page') perPage?: string, @Query('include') include?: string) {
    const { standIn: site } = await this.sandbox.enter(name, { method: 'GET', resource: '/incremental/tickets/cursor.json', authorization: auth });
    const after = cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { t: string; id: number }) : undefined;
    const from = after ? undefined : new Date(Number(startTime ?? 0) * 1000).toISOString();
    const ordered = [...site.tickets.values()].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id);
    const matching = ordered.filter((ticket) => (after ? ticket.updated_at > after.t || (ticket.updated_at === after.t && ticket.id > after.id) : ticket.updated_at >= from!));
    const page = matching.slice(0, Math.min(Number(perPage ?? 1000), 1000));
    const last = page.at(-1);
    const endOfStream = page.length === matching.length;
    return {
      tickets: page.map((ticket) => site.present(ticket)),
      ...(include === 'users' ? { users: site.usersOf(page) } : {}),
      after_cursor: last ? Buffer.from(JSON.stringify({ t: last.updated_at, id: last.id })).toString('base64url') : (cursor ?? null),
      end_of_stream: endOfStream,
    };
  }

  /**
   * List Comments: oldest first unless `sort_order=desc`, and one page of 100 at most, as Zendesk pages them (the
   * stand-in serves no further page: a reader that needs the newest asks for them first).
   */
  @Get('tickets/:id/comments.json')
  async comments(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Query('sort_order') order?: string) {
    const { record: ticket } = await this.ticket(name, id, auth, 'GET', '/comments.json');
    const ordered = order === 'desc' ? [...ticket.comments].reverse() : ticket.comments;
    return { comments: ordered.slice(0, COMMENTS_PER_PAGE), count: ticket.comments.length };
  }

  /**
   * List Audits for a Ticket (docs/itsm/zendesk.md, "What reconciliation reads", links Zendesk's page): every update of
   * the ticket, who made it and when, oldest first unless `sort_order=desc`, 100 a page by offset pagination (`page`),
   * `next_page` while more remain, as Zendesk answers.
   */
  @Get('tickets/:id/audits.json')
  async audits(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Query('sort_order') order?: string, @Query('page') page?: string) {
    const { record: ticket } = await this.ticket(name, id, auth, 'GET', '/audits.json');
    const ordered = order === 'desc' ? [...ticket.audits].reverse() : ticket.audits;
    const number = pageNumber(page);
    const audits = pageOf(ordered, (number - 1) * AUDITS_PER_PAGE, AUDITS_PER_PAGE);
    const pageUrl = (n: number) => `/api/v2/tickets/${ticket.id}/audits.json?page=${n}${order ? `&sort_order=${order}` : ''}`;
    return {
      audits: audits.items,
      next_page: audits.more ? pageUrl(number + 1) : null,
      previous_page: number > 1 ? pageUrl(number - 1) : null,
      count: ordered.length,
    };
  }

  @Get('tickets/:id.json')
  async show(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Query('include') include?: string) {
    const { standIn: site, record: ticket } = await this.ticket(name, id, auth, 'GET', '.json');
    return { ticket: site.present(ticket), ...(include === 'users' ? { users: site.usersOf([ticket]) } : {}) };
  }

  @Put('tickets/:id.json')
  async update(@Param('site') name: string, @Param('id') id: string, @Headers('authorization') auth: string, @Body() body: TicketBody) {
    const { standIn: site, record: ticket, caller: user } = await this.ticket(name, id, auth, 'PUT', '.json', body);
    const change = body?.ticket ?? {};
    if (change.status !== undefined && !STATUSES.includes(change.status)) throw invalid(`status: ${change.status} is not valid`);
    site.update(ticket, { comment: change.comment?.body ? { body: change.comment.body, public: change.comment.public } : undefined, status: change.status, group_id: change.group_id }, user);
    return { ticket: site.present(ticket) };
  }

  private ticket(name: string, id: string, authorization: string | undefined, method: string, suffix: string, body?: unknown) {
    return this.sandbox.enterRecord(name, { method, resource: `/tickets/${id}${suffix}`, authorization, body }, (site) => site.tickets.get(Number(id)), NO_SUCH_TICKET);
  }
}

function invalid(description: string): HttpException {
  return new HttpException({ error: 'RecordInvalid', description }, HttpStatus.UNPROCESSABLE_ENTITY);
}
