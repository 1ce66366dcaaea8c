import { Controller, Get, Header, Inject } from '@nestjs/common';
import { renderSpecialistConsole } from './specialist-console.page';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/** `GET /sandbox/tangoe`: a page to play the specialist by hand; its forms go through the specialist API. */
@Controller('sandbox/tangoe')
export class SpecialistConsoleController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
  page(): string {
    return renderSpecialistConsole({
      requests: this.sandbox.store.all(),
      faults: this.sandbox.faults.current(),
      webhooks: [...this.sandbox.webhooks].map(([company, target]) => ({ company, url: target.url, drop: target.drop === true })),
      dropPushes: this.sandbox.dropPushes,
    });
  }
}
