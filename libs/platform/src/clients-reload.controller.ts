import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Post, UseGuards } from '@nestjs/common';
import os from 'node:os';
import type { ClientDirectory } from '@bridge/clients-config';
import { AdminTokenGuard } from './admin-token.guard';
import { CLIENTS } from './clients.provider';
import { redactForLog } from './log-redaction';
import { ClientsReloader } from './clients-reloader';

/**
 * `POST /admin/clients/reload` reloads the clients file on the replica that answers (`replica` says which); every
 * replica also reloads on SIGHUP and, when CLIENTS_RELOAD_INTERVAL_MS is set, by itself when the file changes.
 * `GET /admin/clients/file` says which file is in place and how the last reload went; `GET /admin/clients/{id}/settings`
 * is a client's entry as this replica serves it.
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
export class ClientsReloadController {
  constructor(
    private readonly reloader: ClientsReloader,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  @Post('reload')
  @HttpCode(HttpStatus.OK)
  async reload() {
    const result = await this.reloader.reload('admin');
    if (result.outcome === 'rejected') {
      throw new HttpException(
        { error: 'invalid_clients_file', message: 'the clients file was refused; the clients in place go on serving', replica: os.hostname(), inPlace: this.clients.version?.sha256, ...result },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    return { replica: os.hostname(), ...result };
  }

  @Get('file')
  file() {
    return { replica: os.hostname(), sha256: this.clients.version?.sha256, loadedAt: this.clients.version?.loadedAt.toISOString(), clients: this.clients.ids().sort(), lastReload: this.reloader.last };
  }

  /**
   * A client's entry as loaded, for the console. It holds no secret value (the file names the variable of each, and
   * the environment a reference resolves in is kept off its keys), and it is censored as a log line is all the same:
   * a secret-named field shows `[redacted]`, a URL written with a user and password shows neither.
   */
  @Get(':clientId/settings')
  settings(@Param('clientId') clientId: string) {
    const client = this.clients.get(clientId);
    if (!client) throw new HttpException({ error: 'unknown_client', message: `no client "${clientId}" is configured` }, HttpStatus.NOT_FOUND);
    return redactForLog(JSON.parse(JSON.stringify(client)));
  }
}
