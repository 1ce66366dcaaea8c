import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DriftRepairRefused } from '@bridge/drift';
import { assertUnreachable } from '@bridge/errors';
import { AdminPeerError } from './admin-peer.error';

/**
 * The console's failures as the notifier's admin API answers them, for the controllers that call other services
 * or make drift repairs: a repair refused 409, a peer not configured 503, a peer's error or silence 502.
 */
@Catch(AdminPeerError, DriftRepairRefused)
export class AdminErrorFilter implements ExceptionFilter<AdminPeerError | DriftRepairRefused> {
  catch(error: AdminPeerError | DriftRepairRefused, host: ArgumentsHost): void {
    const { status, body } = answerOf(error);
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}

export function answerOf(error: AdminPeerError | DriftRepairRefused): { status: HttpStatus; body: Record<string, unknown> } {
  if (error instanceof DriftRepairRefused) return { status: HttpStatus.CONFLICT, body: { error: error.code, message: error.message, item: error.item } };
  const code = error.code;
  switch (code) {
    case 'peer_not_configured':
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { error: code, message: error.message } };
    case 'peer_failed':
      return { status: HttpStatus.BAD_GATEWAY, body: { error: code, peer: error.peer, status: error.status, message: error.message, answer: error.answer } };
    default:
      return assertUnreachable(code);
  }
}
