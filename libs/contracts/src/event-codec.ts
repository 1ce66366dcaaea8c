import { EventValidationError } from './contract-errors';
import { EventEnvelope, validateEvent } from './event-envelope';

/** Events travel as UTF-8 JSON. Decoding validates, so no consumer ever sees an unchecked event. */
export function encodeEvent(event: EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(validateEvent(event)), 'utf8');
}

export function decodeEvent(bytes: Buffer | string | null | undefined): EventEnvelope {
  if (bytes === null || bytes === undefined) {
    throw new EventValidationError('unknown', ['(root)'], ['the record has no value']);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    throw new EventValidationError('unknown', ['(root)'], [`the record is not JSON: ${(error as Error).message}`]);
  }
  return validateEvent(parsed);
}
