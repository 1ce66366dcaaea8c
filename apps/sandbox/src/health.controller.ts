import { Controller, Get } from '@nestjs/common';

/** The same liveness path as the services', so one image health check fits every container. */
@Controller('health')
export class SandboxHealthController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
