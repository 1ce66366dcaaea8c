import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import type { GatewayClientStatus } from '@bridge/contracts';
import { AdminTokenGuard, CLIENTS } from '@bridge/platform';
import { PollCursorsRepository } from '../polling/poll-cursors.repository';
import { GetGrantsRepository } from '../tangoe/get-grants.repository';
import { TANGOE_GETS_PER_MINUTE } from '../tangoe/tangoe-clients';
import { ClientPausesRepository } from '../tickets/client-pauses.repository';
import { TicketWorkRepository } from '../tickets/ticket-work.repository';

/**
 * `GET /admin/client-status`: each configured client as the gateway sees it, for the console's clients page: paused
 * or not, its events waiting for Tangoe and parked, when Tangoe last answered its polls (and the error of the last
 * that failed), and the GETs its API user spent in the last minute against its limit. Read-only, cheap: a few
 * grouped queries, whatever the number of clients.
 */
@Controller('admin/client-status')
@UseGuards(AdminTokenGuard)
export class ClientStatusController {
  constructor(
    private readonly pauses: ClientPausesRepository,
    private readonly work: TicketWorkRepository,
    private readonly cursors: PollCursorsRepository,
    private readonly grants: GetGrantsRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  @Get()
  async list(): Promise<GatewayClientStatus[]> {
    const [pauses, counts, answers, gets] = await Promise.all([this.pauses.all(), this.work.countsByClient(), this.cursors.lastAnswers(), this.grants.usedInLastMinute()]);
    const pauseOf = new Map(pauses.map((pause) => [pause.clientId, pause]));
    const answerOf = new Map(answers.map((answer) => [answer.clientId, answer]));
    const getsOf = new Map(gets.map((used) => [used.apiUser, used.used]));
    return this.clients
      .all()
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((client) => ({
        clientId: client.id,
        paused: pauseOf.has(client.id),
        pausedAt: pauseOf.get(client.id)?.pausedAt ?? null,
        pauseReason: pauseOf.get(client.id)?.reason ?? null,
        waitingTowardTangoe: counts.get(client.id)?.pending ?? 0,
        parkedTowardTangoe: counts.get(client.id)?.parked ?? 0,
        tangoeLastAnsweredAt: answerOf.get(client.id)?.lastAnsweredAt ?? null,
        tangoeLastError: answerOf.get(client.id)?.lastError ?? null,
        getBudget: { apiUser: client.tangoe.apiUser, usedLastMinute: getsOf.get(client.tangoe.apiUser) ?? 0, perMinute: client.tangoe.getsPerMinute ?? TANGOE_GETS_PER_MINUTE },
      }));
  }
}
