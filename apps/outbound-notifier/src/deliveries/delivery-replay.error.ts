import { BridgeError } from '@bridge/errors';

/** Why a parked delivery cannot go back in line now. */
export type DeliveryReplayErrorCode =
  /** The client has no outbound configuration, or the event no longer asks for this update. */
  | 'not_deliverable'
  /** Its template does not render with today's configuration. */
  | 'template_failed';

/** Never retriable: the configuration must change first. */
export class DeliveryReplayError extends BridgeError<DeliveryReplayErrorCode> {
  constructor(code: DeliveryReplayErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { retriable: false, cause: options?.cause });
  }
}
