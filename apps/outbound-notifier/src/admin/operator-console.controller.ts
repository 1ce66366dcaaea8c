import { Controller, Get, Header } from '@nestjs/common';
import { OPERATOR_CONSOLE_HTML } from './operator-console.page';

/** `GET /admin/console`: the page only; every piece of data it shows comes from the admin API, behind the token. */
@Controller('admin')
export class OperatorConsoleController {
  @Get('console')
  @Header('content-type', 'text/html; charset=utf-8')
  // The page runs only its own inline script and talks only to this origin.
  @Header('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
  page(): string {
    return OPERATOR_CONSOLE_HTML;
  }
}
