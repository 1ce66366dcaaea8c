import { Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '@bridge/platform';
import { EndpointHolds } from '../deliveries/endpoint-holds';
import { EndpointsRepository } from '../deliveries/endpoints.repository';

/**
 * The clients' endpoints that hold deliveries back: disabled by a 410 Gone (until re-enabled here), or paused after
 * 429/502/504 or a Retry-After (until the time shown). Beside the parked deliveries and their replay.
 */
@Controller('admin/endpoints')
@UseGuards(AdminTokenGuard)
export class EndpointsController {
  constructor(
    private readonly endpoints: EndpointsRepository,
    private readonly holds: EndpointHolds,
  ) {}

  @Get()
  async held() {
    return (await this.endpoints.held()).map((e) => ({ clientId: e.client_id, disabledAt: e.disabled_at, reason: e.disabled_reason, notBefore: e.not_before, pausedAt: e.paused_at, pauseReason: e.paused_reason, held: e.held }));
  }

  /** After the client fixed its endpoint: the deliveries its 410 parked go back in line, then everything it held. */
  @Post(':clientId/enable')
  @HttpCode(200)
  async enable(@Param('clientId') clientId: string) {
    const { enabled, requeued } = await this.holds.enable(clientId);
    if (!enabled) throw new HttpException({ error: 'not_disabled', message: `the endpoint of client ${clientId} is neither disabled nor paused` }, HttpStatus.NOT_FOUND);
    return { clientId, status: 'enabled', requeued };
  }
}
