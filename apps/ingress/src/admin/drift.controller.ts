import { Controller, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { ClientDirectory } from '@bridge/clients-config';
import type { ClientEndState } from '@bridge/drift';
import { AdminTokenGuard, CLIENTS, SETTINGS, ServiceSettings } from '@bridge/platform';
import { ClientStateRepairUseCase } from '../drift/client-state-repair.use-case';
import { ItsmDriftSideUseCase } from '../drift/itsm-drift-side.use-case';
import { ItsmReadHttp } from '../reconciliation/itsm-read-http';
import { clientWithItsmApi, invalidRequest, jsonObjectOf, sinceOf, ticketKeysOf } from './admin-request';

/** How far back a drift report reads the ITSM when not told: a month of changes, one walk of them. */
const DEFAULT_WINDOW_MS = 30 * 24 * 60 * 60_000;
const CLIENT_ENDS: readonly ClientEndState[] = ['resolved', 'closed', 'canceled'];

/**
 * The ingress's part of the drift report (`bridge drift`): the client's routed tickets as its ITSM has them, and
 * the repair that sends a client's end to Tangoe. The gateway answers for Tangoe; `@bridge/drift` compares.
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
export class DriftController {
  constructor(
    private readonly itsmSide: ItsmDriftSideUseCase,
    private readonly clientState: ClientStateRepairUseCase,
    private readonly readHttp: ItsmReadHttp,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  /**
   * `{"since": "2026-01-31", "tickets": [...]}`, both optional: the tickets changed since then (30 days back by
   * default), open or ended, and whether the bridge published each. Costs one walk of the client's ITSM through its
   * read budget, as a reconciliation run from that time would: one request a page of records, plus their comments.
   */
  @Post(':clientId/drift/itsm')
  @HttpCode(200)
  async read(@Param('clientId') clientId: string, @Req() request: Request) {
    const body = await jsonObjectOf(request, '{"since": "2026-01-31", "tickets": ["INC0010001"]}');
    const client = clientWithItsmApi(this.clients, clientId);
    const since = sinceOf(body.since, new Date(Date.now() - DEFAULT_WINDOW_MS));
    const tickets = ticketKeysOf(body.tickets);
    return this.itsmSide.execute(client, this.readHttp.for(client), { since, pageSize: this.settings.RECONCILE_PAGE_SIZE, ...(tickets ? { tickets } : {}) });
  }

  /** `{"state": "closed", "itsmStatusChangeId": "12"}`: the client's end of the ticket, published as its state change. */
  @Post(':clientId/drift/tickets/:externalSourceId/client-state')
  @HttpCode(200)
  async sendClientState(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string, @Req() request: Request) {
    const body = await jsonObjectOf(request, '{"state": "closed", "itsmStatusChangeId": "12"}', 4_096);
    if (!this.clients.get(clientId)) throw new HttpException({ error: 'unknown_client', message: `no client ${clientId} is configured` }, HttpStatus.NOT_FOUND);
    const state = body.state;
    if (typeof state !== 'string' || !(CLIENT_ENDS as readonly string[]).includes(state)) throw invalidRequest(`state must be one of ${CLIENT_ENDS.join(', ')}`);
    const changeId = body.itsmStatusChangeId;
    if (changeId !== undefined && (typeof changeId !== 'string' || changeId.length === 0 || changeId.length > 255)) throw invalidRequest('itsmStatusChangeId must be a short text');
    return { clientId, externalSourceId, state, ...(await this.clientState.execute(clientId, externalSourceId, state as ClientEndState, changeId)) };
  }
}
