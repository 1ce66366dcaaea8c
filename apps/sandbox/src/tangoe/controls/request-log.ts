/** One request Tangoe's API received, as the sandbox answered it. */
export interface RecordedRequest {
  /** When it arrived, by the sandbox's clock (epoch ms). */
  at: number;
  method: string;
  path: string;
  /** The query parameters, `api_token` redacted. */
  query: Record<string, unknown>;
  /** The API user it authenticated as, if any. */
  apiUser?: string;
  /** The status answered; 0 while unanswered, and for good when the connection was cut (`dropped`). */
  status: number;
  /** A fault the sandbox injected into this request. */
  fault?: 'latency' | 'error' | 'rate-limit' | 'commit-then-drop';
  /** The connection was cut after the request was handled: the caller got no answer. */
  dropped?: boolean;
}

export function redactQuery(query: Record<string, unknown>): Record<string, unknown> {
  return 'api_token' in query ? { ...query, api_token: '[redacted]' } : { ...query };
}
