import { Inject, Injectable } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { CLIENTS } from '@bridge/platform';
import { ClientPausesRepository } from './client-pauses.repository';

/**
 * Which clients' tickets may go to Tangoe now: those in the clients file that no operator paused. The others' events
 * are kept in their tickets' lines, not parked, and flow in order once they are resumed or back in the file (ADR 17).
 */
@Injectable()
export class ClientHolds {
  constructor(
    private readonly pauses: ClientPausesRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  async sendable(): Promise<string[]> {
    const paused = new Set((await this.pauses.all()).map((pause) => pause.clientId));
    return this.clients.ids().filter((id) => !paused.has(id));
  }
}
