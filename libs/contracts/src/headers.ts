/**
 * Kafka record headers the bridge reads and writes. The envelope travels in the record value; headers carry what
 * the transport needs without parsing the value (routing, retries, parking, tracing).
 */
export const Headers = {
  /** Envelope id, duplicated so a dead-letter record can be identified even when its value is unreadable. */
  EventId: 'bridge-event-id',
  EventType: 'bridge-event-type',
  /** W3C trace context, so traces continue across services. */
  TraceParent: 'traceparent',
  /** How many times the handler has already failed on this event. */
  Attempt: 'bridge-attempt',
  /** Epoch milliseconds before which a retry record must not be handled. */
  NotBefore: 'bridge-not-before',
  /** Set on records forwarded to the retry topic only because an earlier event of the same key is retrying. */
  Held: 'bridge-held',
  OriginalTopic: 'bridge-original-topic',
  OriginalPartition: 'bridge-original-partition',
  OriginalOffset: 'bridge-original-offset',
  ErrorCode: 'bridge-error-code',
  ErrorMessage: 'bridge-error-message',
  ParkedAt: 'bridge-parked-at',
  ConsumerGroup: 'bridge-consumer-group',
  /** On a dead-letter topic: the `partition:offset` of the dead letter a replay published again (ADR 24). */
  ReplayOf: 'bridge-replay-of',
} as const;

export type HeaderName = (typeof Headers)[keyof typeof Headers];
