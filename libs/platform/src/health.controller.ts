import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Database } from '@bridge/persistence';
import type { MessageBus } from '@bridge/messaging';
import { BUS, DATABASE } from './tokens';

/** Liveness says the process serves; readiness says its dependencies answer, so traffic may come. */
@Controller('health')
export class HealthController {
  constructor(@Inject(BUS) private readonly bus: MessageBus, @Inject(DATABASE) private readonly database: Database) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const checks = await Promise.all([check('bus', () => this.bus.ping()), check('database', () => this.database.ping())]);
    const body = { status: checks.every((c) => c.ok) ? 'ok' : 'unavailable', checks };
    if (body.status !== 'ok') throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}

async function check(name: string, probe: () => Promise<void>) {
  try {
    await probe();
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, error: (error as Error).message };
  }
}
