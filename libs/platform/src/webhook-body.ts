import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { InboundCredentials, verifyInbound } from '@bridge/webhook-security';
import { PlatformError } from './platform.error';
import { readRawBody } from './raw-body';

/**
 * Every refusal of a webhook endpoint (the ingress's ITSM webhooks, the gateway's Tangoe pushes) is JSON that
 * names what was wrong, and never echoes a credential.
 */
export function refuse(status: HttpStatus, error: string, message: string, extra: Record<string, unknown> = {}): HttpException {
  return new HttpException({ error, message, ...extra }, status);
}

/**
 * The checks every webhook passes, cheapest first: JSON content type (415), size up to `maxBytes` (413,
 * MAX_WEBHOOK_BYTES), credentials over the exact bytes (401), and only then parsing (400). Each refusal is JSON
 * naming what was wrong. `parse` reads the body's text (an ITSM's documented bodies are read by their skeleton) and
 * throws what it cannot read.
 */
export async function readAuthenticatedJson(request: Request, credentials: InboundCredentials, maxBytes: number, parse: (text: string) => unknown = JSON.parse): Promise<unknown> {
  if (!/^application\/(.+\+)?json\b/i.test(request.headers['content-type'] ?? '')) {
    throw refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Content-Type must be application/json');
  }
  let rawBody: Buffer;
  try {
    rawBody = await readRawBody(request, maxBytes);
  } catch (error) {
    if (error instanceof PlatformError && error.code === 'body_too_large') throw refuse(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', error.message);
    throw refuse(HttpStatus.BAD_REQUEST, 'unreadable_body', 'the body could not be read');
  }
  const auth = verifyInbound(credentials, request.headers, rawBody);
  if (!auth.ok) throw refuse(HttpStatus.UNAUTHORIZED, 'unauthorized', auth.reason);
  try {
    return parse(rawBody.toString('utf8'));
  } catch (error) {
    const message = (error as Error).message;
    throw refuse(HttpStatus.BAD_REQUEST, 'malformed_json', message.startsWith('the body is not JSON') ? message : `the body is not JSON: ${message}`);
  }
}
