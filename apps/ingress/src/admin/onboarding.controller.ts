import { Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { ClientDirectory } from '@bridge/clients-config';
import { AdminTokenGuard, CLIENTS, SETTINGS, ServiceSettings } from '@bridge/platform';
import { OnboardClientUseCase } from '../onboarding/onboard-client.use-case';
import { ItsmReadHttp } from '../reconciliation/itsm-read-http';
import { clientWithItsmApi, invalidRequest, jsonObjectOf, sinceOf, ticketKeysOf } from './admin-request';

/**
 * `POST /admin/clients/{id}/onboard` (`bridge onboard`): the client's open tickets at its ITSM, published for the
 * gateway, which links those Tangoe already has and opens the rest. `{"dryRun": true}` publishes nothing and lists
 * what would go; `{"since": "2026-01-01"}` reads only the tickets changed since then; `{"tickets": ["INC0010001"]}`
 * publishes only those (a drift report's repair). It answers when the whole ITSM has been read, inside the client's
 * read budget.
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
export class OnboardingController {
  constructor(
    private readonly onboard: OnboardClientUseCase,
    private readonly readHttp: ItsmReadHttp,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  @Post(':clientId/onboard')
  @HttpCode(200)
  async run(@Param('clientId') clientId: string, @Req() request: Request) {
    const body = await jsonObjectOf(request, '{"dryRun": true, "since": "2026-01-31", "tickets": ["INC0010001"]}');
    const client = clientWithItsmApi(this.clients, clientId);
    const since = sinceOf(body.since, new Date(0));
    if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') throw invalidRequest('dryRun must be true or false');
    const tickets = ticketKeysOf(body.tickets);
    return this.onboard.execute(client, this.readHttp.for(client), { since, dryRun: body.dryRun === true, pageSize: this.settings.RECONCILE_PAGE_SIZE, ...(tickets ? { tickets } : {}) });
  }
}
