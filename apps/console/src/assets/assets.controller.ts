import { Controller, Get, Header } from '@nestjs/common';
import { CONSOLE_SCRIPT } from './console-script';
import { CONSOLE_STYLE } from './console-style';

/** The page's style sheet and script, from the console itself (the CSP allows nothing else). Public: they hold no data. */
@Controller('assets')
export class AssetsController {
  @Get('console.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  style(): string {
    return CONSOLE_STYLE;
  }

  @Get('console.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  script(): string {
    return CONSOLE_SCRIPT;
  }
}
