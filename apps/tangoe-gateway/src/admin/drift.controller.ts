import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { AdminTokenGuard, CLIENTS } from '@bridge/platform';
import { TangoeDriftSideUseCase } from '../drift/tangoe-drift-side.use-case';
import { TangoeStateRedeliveryUseCase } from '../drift/tangoe-state-redelivery.use-case';
import { GatewayErrorFilter } from './gateway-error.filter';

const MAX_NAMED_TICKETS = 1_000;

/**
 * The gateway's part of the drift report (`bridge drift`): Tangoe's requests for the client, read now, with the
 * gateway's ticket links; and the repair that sends Tangoe's state of a ticket to the client again. The ingress
 * answers for the ITSM; `@bridge/drift` compares. A repair refused answers 409 with its code (`GatewayErrorFilter`).
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
@UseFilters(GatewayErrorFilter)
export class DriftController {
  constructor(
    private readonly tangoeSide: TangoeDriftSideUseCase,
    private readonly redelivery: TangoeStateRedeliveryUseCase,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  /** `?ticket=KEY` (repeatable) narrows it to those tickets. Costs one Tangoe GET per 999 requests of the client. */
  @Get(':clientId/drift/tangoe')
  read(@Param('clientId') clientId: string, @Query('ticket') ticket?: string | string[]) {
    this.assertKnown(clientId);
    const tickets = ticket === undefined ? undefined : Array.isArray(ticket) ? ticket : [ticket];
    if (tickets && (tickets.length > MAX_NAMED_TICKETS || !tickets.every((key) => typeof key === 'string' && key.length > 0 && key.length <= 255))) {
      throw new HttpException({ error: 'invalid_request', message: `ticket must name 1 to ${MAX_NAMED_TICKETS} ticket keys` }, HttpStatus.BAD_REQUEST);
    }
    return this.tangoeSide.execute(clientId, tickets);
  }

  /** `{"supportRequestId": 12, "itsmStatusChangeId": "7"}`, both optional: Tangoe's state of the ticket, published for the notifier. */
  @Post(':clientId/drift/tickets/:externalSourceId/tangoe-state')
  @HttpCode(200)
  async redeliver(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string, @Body() body: { supportRequestId?: unknown; itsmStatusChangeId?: unknown } | undefined) {
    this.assertKnown(clientId);
    const supportRequestId = body?.supportRequestId;
    if (supportRequestId !== undefined && !Number.isSafeInteger(supportRequestId)) throw invalid('supportRequestId must be a number');
    const changeId = body?.itsmStatusChangeId;
    if (changeId !== undefined && (typeof changeId !== 'string' || changeId.length === 0 || changeId.length > 255)) throw invalid('itsmStatusChangeId must be a short text');
    const sent = await this.redelivery.execute(clientId, externalSourceId, { supportRequestId: supportRequestId as number | undefined, itsmStatusChangeId: changeId as string | undefined });
    return { clientId, externalSourceId, ...sent };
  }

  private assertKnown(clientId: string): void {
    if (!this.clients.get(clientId)) throw new HttpException({ error: 'unknown_client', message: `no client ${clientId} is configured` }, HttpStatus.NOT_FOUND);
  }
}

function invalid(message: string): HttpException {
  return new HttpException({ error: 'invalid_request', message }, HttpStatus.BAD_REQUEST);
}
