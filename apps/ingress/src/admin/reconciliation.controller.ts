import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ClientDirectory } from '@bridge/clients-config';
import type { ReconciliationStatus } from '@bridge/contracts';
import { AdminTokenGuard, CLIENTS } from '@bridge/platform';
import { ReconcileStateRepository } from '../reconciliation/reconcile-state.repository';
import { reconciles } from '../reconciliation/reconcile-scheduler';

/** Reconciliation per client: how far each ITSM has been read, the last run, and "run now". */
@Controller('admin/reconciliation')
@UseGuards(AdminTokenGuard)
export class ReconciliationController {
  constructor(
    private readonly states: ReconcileStateRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  @Get()
  async list(): Promise<ReconciliationStatus[]> {
    return (await this.states.all()).map((state) => ({
      clientId: state.clientId,
      watermark: state.watermark.toISOString(),
      nextRunAt: state.nextRunAt.toISOString(),
      running: state.leasedUntil !== undefined && state.leasedUntil > new Date(),
      lastRunAt: state.lastRunAt?.toISOString(),
      lastRecordsRead: state.lastRecordsRead,
      lastChangesFound: state.lastChangesFound,
      lastError: state.lastError,
    }));
  }

  @Post(':clientId/run')
  @HttpCode(HttpStatus.ACCEPTED)
  async runNow(@Param('clientId') clientId: string) {
    const client = this.clients.get(clientId);
    if (!client || !reconciles(client) || !(await this.states.runNow(clientId))) {
      throw new HttpException({ error: 'not_reconciled', message: `client "${clientId}" is not reconciled here (unknown, its outbound is no ITSM API, or reconcile.enabled: false)` }, HttpStatus.NOT_FOUND);
    }
    return { status: 'due', clientId };
  }
}
