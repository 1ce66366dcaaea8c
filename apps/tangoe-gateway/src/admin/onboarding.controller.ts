import { Body, Controller, HttpCode, HttpException, HttpStatus, Inject, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { AdminTokenGuard, CLIENTS } from '@bridge/platform';
import { TangoeRequestIndex } from '../tangoe/tangoe-request-index';
import { TicketLinksRepository } from '../tickets/ticket-links.repository';
import { GatewayErrorFilter } from './gateway-error.filter';

/** The most tickets one call names: inside the default 100 KB JSON body; `bridge onboard` sends more in batches. */
const MAX_TICKETS = 1_000;

/**
 * The gateway's side of onboarding (`bridge onboard`; the ingress reads the ITSM and publishes): which tickets
 * Tangoe already has a request for (what a dry run reports as "would link"), and how the onboarded tickets stand.
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
@UseFilters(GatewayErrorFilter)
export class OnboardingController {
  constructor(
    private readonly index: TangoeRequestIndex,
    private readonly links: TicketLinksRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  /** Which of these tickets Tangoe already has a request for: what a dry run reports as "would link". */
  @Post(':clientId/tangoe-requests/lookup')
  @HttpCode(200)
  async lookup(@Param('clientId') clientId: string, @Body() body: { externalSourceIds?: unknown } | undefined) {
    const ids = this.ticketKeys(clientId, body);
    const found: Array<{ externalSourceId: string; supportRequestId: number; state: string }> = [];
    for (const externalSourceId of ids) {
      const request = await this.index.find(clientId, externalSourceId);
      if (request) found.push({ externalSourceId, supportRequestId: request.id, state: request.state });
    }
    return { clientId, found };
  }

  /** How these onboarded tickets stand: what `bridge onboard` waits on and reports. */
  @Post(':clientId/onboarding/status')
  @HttpCode(200)
  async status(@Param('clientId') clientId: string, @Body() body: { externalSourceIds?: unknown } | undefined) {
    return { clientId, ...(await this.links.onboardingCounts(clientId, this.ticketKeys(clientId, body))) };
  }

  private ticketKeys(clientId: string, body: { externalSourceIds?: unknown } | undefined): string[] {
    this.assertKnown(clientId);
    const ids = body?.externalSourceIds;
    if (!Array.isArray(ids) || ids.length > MAX_TICKETS || !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 255)) {
      throw new HttpException({ error: 'invalid_request', message: `externalSourceIds must be a list of at most ${MAX_TICKETS} ticket keys` }, HttpStatus.BAD_REQUEST);
    }
    return ids as string[];
  }

  private assertKnown(clientId: string): void {
    if (!this.clients.get(clientId)) throw new HttpException({ error: 'unknown_client', message: `no client ${clientId} is configured` }, HttpStatus.NOT_FOUND);
  }
}
