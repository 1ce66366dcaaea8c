import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { sameSecret } from '../../stand-in-kit';
import { TangoeSandbox } from '../tangoe-sandbox';
import { TANGOE_SANDBOX } from '../tangoe-sandbox.token';

/** The specialist and control API answer only to `X-Sandbox-Admin: <admin token>`. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  canActivate(context: ExecutionContext): boolean {
    const given = context.switchToHttp().getRequest<Request>().headers['x-sandbox-admin'];
    if (typeof given === 'string' && sameSecret(given, this.sandbox.adminToken)) return true;
    throw new HttpException({ error: 'Unauthorized', message: 'X-Sandbox-Admin header missing or wrong' }, HttpStatus.UNAUTHORIZED);
  }
}
