import { HttpException, HttpStatus } from '@nestjs/common';

/** Every refusal of the ingress is JSON that names what was wrong (and never echoes a credential). */
export function refuse(status: HttpStatus, error: string, message: string, extra: Record<string, unknown> = {}): HttpException {
  return new HttpException({ error, message, ...extra }, status);
}
