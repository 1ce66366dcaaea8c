import { exponentialBackoff } from '@bridge/messaging';

/**
 * How the gateway retries a call Tangoe could not answer before the ticket is parked (visible, replayable). The
 * TicketOpened of a ticket holds its comments behind it meanwhile.
 */
export const GATEWAY_RETRY_POLICY = exponentialBackoff({
  maxRetries: Number(process.env.GATEWAY_MAX_RETRIES ?? 6),
  initialDelayMs: Number(process.env.GATEWAY_RETRY_INITIAL_MS ?? 1_000),
  maxDelayMs: 60_000,
  jitter: 0.5,
});
