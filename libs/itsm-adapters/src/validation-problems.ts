import type { ValidationError } from 'class-validator';

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
