import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { InboundPayloadError } from './itsm-adapter';
import { payloadShapeProblems } from '@bridge/contracts';

/** class-validator's errors as `{ field, problem }`, nested fields by their dotted path, for an `InboundPayloadError`. */
export function validationProblems(errors: ValidationError[], prefix = ''): Array<{ field: string; problem: string }> {
  return errors.flatMap((error) => {
    const at = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field: at,
      // class-validator starts its messages with the bare property name; the path says more.
      problem: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...validationProblems(error.children ?? [], at)];
  });
}

/** A webhook's JSON as the adapter's class, validated; what cannot be read is an `InboundPayloadError` naming the fields. */
export function parseInbound<T extends object>(shape: new () => T, payload: unknown): T {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new InboundPayloadError([{ field: '(body)', problem: 'must be a JSON object' }]);
  const unsafe = payloadShapeProblems(payload);
  if (unsafe.length > 0) throw new InboundPayloadError(unsafe);
  const parsed = plainToInstance(shape, payload);
  const errors = validateSync(parsed);
  if (errors.length > 0) throw new InboundPayloadError(validationProblems(errors));
  return parsed;
}
