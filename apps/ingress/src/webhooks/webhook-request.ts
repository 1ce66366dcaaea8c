import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { EventEnvelope } from '@bridge/contracts';
import { PlatformError, readRawBody } from '@bridge/platform';
import { InboundCredentials, verifyInbound } from '@bridge/webhook-security';
import type { Logger } from 'pino';
import type { PublishOutcome } from '../publishing/publish-inbound-events.use-case';
import { refuse } from './webhook-errors';

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

/** Publishes and answers 202 with what was published, or 503 with Retry-After so the sender tries again. */
export async function publishOrRetryLater<E extends EventEnvelope>(publish: { execute(events: E[]): Promise<PublishOutcome> }, events: E[], response: Response, logger: Logger, clientId: string) {
  try {
    const outcome = await publish.execute(events);
    logger.info({ clientId, subject: events[0].subject, published: outcome.published.map((e) => e.type), duplicates: outcome.duplicates }, 'webhook accepted');
    return { status: 'accepted', events: outcome.published.map((e) => ({ id: e.id, type: e.type })), duplicates: outcome.duplicates };
  } catch (error) {
    logger.error({ clientId, error: (error as Error).message }, 'events not acknowledged; the sender will retry');
    response.setHeader('Retry-After', '5');
    throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'the events could not be stored; retry later');
  }
}
