import { Body, Controller, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuditLog } from '../auth/audit-log';
import { ConsoleSessionGuard, Operator, SignedIn } from '../auth/console-session.guard';
import { BridgeServices } from '../peers/bridge-services';
import { ConsoleViews } from '../views/console-views';
import { ActionRequest, actionRequestOf, invalid } from './action-request';
import { ActionOutcome, outcomeOfFailure } from './action-outcome';
import { ConsoleAction, actionNamed } from './console-actions';

/** The HTTP status of a result page: what scripts and tests read, the page says the rest. */
const STATUS_OF: Record<ActionOutcome['outcome'], number> = { done: 200, refused: 409, failed: 502 };

/**
 * Every action in two steps: `GET /actions/{name}?…` says what it will do and asks for confirmation; the
 * confirmation's form posts it (`POST /actions/{name}`, with the session's CSRF token), and the result page says how
 * it went. Each attempt is written to the audit log with the operator, what it was done to and its outcome.
 */
@Controller('actions')
@UseGuards(ConsoleSessionGuard)
export class ActionsController {
  constructor(
    private readonly services: BridgeServices,
    private readonly views: ConsoleViews,
    private readonly audit: AuditLog,
  ) {}

  @Get(':name')
  async confirm(@Operator() signedIn: SignedIn, @Param('name') name: string, @Query() query: Record<string, unknown>, @Res() response: Response) {
    const action = actionNamed(name);
    const request = checked(action, actionRequestOf(query));
    const plan = await action.plan(request, this.services);
    if ('confirmAt' in plan) return response.redirect(303, plan.confirmAt);
    response.type('html').send(await this.views.render('confirm', { title: action.heading(request), signedIn }, { ...plan, heading: action.heading(request), action: name, fields: fieldsOf(request) }));
  }

  @Post(':name')
  async run(@Operator() signedIn: SignedIn, @Param('name') name: string, @Body() body: Record<string, unknown>, @Res() response: Response) {
    const action = actionNamed(name);
    const request = checked(action, actionRequestOf(body));
    let outcome: ActionOutcome;
    try {
      outcome = await action.run(request, this.services.for(signedIn.operator, action.wait), this.services);
    } catch (error) {
      outcome = outcomeOfFailure(error);
    }
    this.audit.record({
      operator: signedIn.operator,
      action: name,
      target: { clientId: request.clientId, ticket: request.ticket, since: request.since, items: request.items.length > 0 ? request.items : undefined },
      outcome: outcome.outcome,
      detail: outcome.summary,
    });
    const back = request.clientId ? { backHref: `/clients/${encodeURIComponent(request.clientId)}`, backLabel: `Back to ${request.clientId}` } : { backHref: '/waiting', backLabel: 'Back to what waits' };
    const html = await this.views.render(
      'result',
      { title: action.heading(request), signedIn },
      { heading: action.heading(request), outcome: outcome.outcome, summary: outcome.summary, items: outcome.items ?? [], details: outcome.details === undefined ? undefined : JSON.stringify(outcome.details, null, 2), ...back },
    );
    response.status(STATUS_OF[outcome.outcome]).type('html').send(html);
  }
}

function checked(action: ConsoleAction, request: ActionRequest): ActionRequest {
  if (action.needs.includes('clientId') && !request.clientId) throw invalid('this action needs a client');
  if (action.needs.includes('ticket') && !request.ticket) throw invalid('this action needs a ticket');
  if (action.needs.includes('items') && request.items.length === 0) throw invalid('select at least one item to replay');
  return request;
}

function fieldsOf(request: ActionRequest): Array<{ name: string; value: string }> {
  const fields = [
    ['client', request.clientId],
    ['reason', request.reason],
    ['since', request.since],
    ['ticket', request.ticket],
  ].filter((field): field is [string, string] => field[1] !== undefined);
  return [...fields, ...request.items.map((item) => ['item', item] as [string, string])].map(([name, value]) => ({ name, value }));
}
