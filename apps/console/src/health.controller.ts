import { Controller, Get } from '@nestjs/common';

/**
 * Kubernetes' probes. The console holds nothing of its own to be ready for: it is ready once it listens, and a
 * service that does not answer is shown on its pages rather than taking the console out of its Service.
 */
@Controller('health')
export class ConsoleHealthController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  ready() {
    return { status: 'ok' };
  }
}
