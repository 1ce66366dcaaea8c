import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { constantTimeEquals } from '@bridge/webhook-security';
import type { ServiceSettings } from './service-settings';
import { SETTINGS } from './tokens';

/**
 * The admin API is for operators: a bearer token from ADMIN_TOKEN (a Kubernetes Secret). Without one configured,
 * the admin API is closed, never open.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(SETTINGS) private readonly settings: ServiceSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.settings.ADMIN_TOKEN;
    const presented = /^Bearer\s+(\S+)$/i.exec(context.switchToHttp().getRequest<Request>().headers.authorization ?? '')?.[1];
    if (!expected || !presented || !constantTimeEquals(presented, expected)) {
      throw new HttpException({ error: 'unauthorized', message: 'the admin API needs Authorization: Bearer <ADMIN_TOKEN>' }, HttpStatus.UNAUTHORIZED);
    }
    return true;
  }
}
