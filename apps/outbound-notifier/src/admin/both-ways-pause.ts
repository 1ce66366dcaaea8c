import { Inject, Injectable } from '@nestjs/common';
import { SETTINGS, ServiceSettings } from '@bridge/platform';
import { EndpointHolds } from '../deliveries/endpoint-holds';
import { peerAdminApi } from './peer-admin-api';
import { peerAdminUrls } from './ticket-timeline';

/** A pause or a resume at the gateway answers at once (its sends go on in the background). */
const GATEWAY_TIMEOUT_MS = 30_000;

/**
 * A client paused or resumed both ways from the console, as `bridge clients pause|resume` does it: toward the ITSM
 * here, toward Tangoe at the gateway (at GATEWAY_ADMIN_URL). Paused here first and resumed here last, so a pause
 * half-done never lets Tangoe's updates through.
 */
@Injectable()
export class BothWaysPause {
  constructor(
    private readonly holds: EndpointHolds,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  async pause(clientId: string, reason?: string): Promise<{ notifier: unknown; gateway: unknown }> {
    await this.holds.pause(clientId, reason);
    const gateway = await this.gateway().post(`/admin/clients/${encodeURIComponent(clientId)}/pause`, reason ? { reason } : {});
    return { notifier: { clientId, status: 'paused' }, gateway };
  }

  async resume(clientId: string): Promise<{ gateway: unknown; notifier: unknown }> {
    const gateway = await this.gateway().post(`/admin/clients/${encodeURIComponent(clientId)}/resume`);
    return { gateway, notifier: { clientId, status: 'resumed', wasPaused: await this.holds.resume(clientId) } };
  }

  private gateway() {
    return peerAdminApi('gateway', peerAdminUrls(this.settings).gateway, this.settings.ADMIN_TOKEN, GATEWAY_TIMEOUT_MS);
  }
}
