import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { DriftPeers, readDrift, repairDrift } from '@bridge/drift';
import { AdminTokenGuard, SETTINGS, ServiceSettings } from '@bridge/platform';
import { AdminErrorFilter } from './admin-error.filter';
import { BothWaysPause } from './both-ways-pause';
import { peerAdminApi } from './peer-admin-api';
import { peerAdminUrls } from './ticket-timeline';

/** How long the console waits for a peer: a drift report's ITSM walk runs inside the client's read budget. */
const PEER_TIMEOUT_MS = 10 * 60_000;

/**
 * The console's drift section: a client's drift report composed from the ingress's and the gateway's answers
 * (`@bridge/drift`, as `bridge drift` does), and the repair of one ticket, which the notifier forwards to the
 * service that makes it. A resume is made both ways: the gateway first, then this notifier, as `bridge clients
 * resume` does. A repair refused answers 409, a peer's failure 502 or 503 (`AdminErrorFilter`).
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
@UseFilters(AdminErrorFilter)
export class DriftController {
  constructor(
    private readonly bothWays: BothWaysPause,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  @Get(':clientId/drift')
  report(@Param('clientId') clientId: string, @Query('since') since?: string) {
    return readDrift(this.peers(), clientId, { since: sinceOf(since) });
  }

  /** `?since=` as the report that listed the ticket was read: the ticket is checked again over the same window. */
  @Post(':clientId/drift/:externalSourceId/repair')
  @HttpCode(200)
  repair(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string, @Query('since') since?: string) {
    return repairDrift(this.peers(), clientId, externalSourceId, { since: sinceOf(since) });
  }

  private peers(): DriftPeers {
    const urls = peerAdminUrls(this.settings);
    const token = this.settings.ADMIN_TOKEN;
    const gateway = peerAdminApi('gateway', urls.gateway, token, PEER_TIMEOUT_MS);
    return {
      ingress: peerAdminApi('ingress', urls.ingress, token, PEER_TIMEOUT_MS),
      gateway,
      resumeClient: (clientId) => this.bothWays.resume(clientId),
    };
  }
}

function sinceOf(since: string | undefined): string | undefined {
  if (since === undefined || since === '') return undefined;
  if (Number.isNaN(Date.parse(since))) throw new HttpException({ error: 'invalid_request', message: 'since must be a date (2026-01-31) or a time with its zone' }, HttpStatus.BAD_REQUEST);
  return since;
}
