import { BridgeError } from '@bridge/errors';

/** What Tangoe's answer (or its silence) amounts to. */
export type TangoeErrorKind = 'rejected' | 'unauthorized' | 'rate_limited' | 'unavailable';
export type TangoeErrorCode = `tangoe_${TangoeErrorKind}`;

/** Why a call to Tangoe failed, as data: the messaging layer retries `retriable` errors and parks the rest. */
export class TangoeApiError extends BridgeError<TangoeErrorCode> {
  constructor(
    readonly kind: TangoeErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** Tangoe's own explanation, e.g. `{ "request_type": ["is not included in the list"] }`. */
      tangoeErrors?: unknown;
      retryAfterMs?: number;
      /** The request may have been stored although no answer came back (timeout, dropped connection). */
      outcomeUnknown?: boolean;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(`tangoe_${kind}`, message, { retriable: kind === 'rate_limited' || kind === 'unavailable', cause: options?.cause });
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** How long Tangoe asked to wait (429's Retry-After): a work line waits at least that before trying again. */
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }

  /** Serialized errors (logs, dead letters) carry the decision and Tangoe's words, never request headers. */
  toJSON() {
    return { name: this.name, code: this.code, message: this.message, retriable: this.retriable, ...this.details };
  }
}

/** Maps an HTTP answer to the error kind; 408/425 behave like a server that did not get to it. */
export function kindOfStatus(status: number): TangoeErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 500 || status === 408 || status === 425) return 'unavailable';
  return 'rejected';
}
