import { Inject, Injectable } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { CLIENTS } from '@bridge/platform';
import { ClientPausesRepository } from './client-pauses.repository';

/**
 * Whether a client's tickets wait in their lines rather than go to its Tangoe: an operator paused it, or it is not
 * in the clients file now (removed or disabled by a reload). Either way its events are kept, not parked, and sent
 * in order once it is resumed or back in the file (ADR 17).
 */
@Injectable()
export class ClientHolds {
  constructor(
    private readonly pauses: ClientPausesRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  async isHeld(clientId: string): Promise<boolean> {
    return this.clients.get(clientId) === undefined || (await this.pauses.isPaused(clientId));
  }
}
