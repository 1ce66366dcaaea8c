import { InvalidRecordId } from '../outbound/record-ids';

/**
 * A value as one clause of an encoded query. The language has no escape (docs/itsm/servicenow.md, "Encoded
 * queries"): `^` starts another clause (`^OR`, `^NQ` a whole new query), so a value holding one, or a line break,
 * is refused, whatever checked it before. The URL encoding is axios's.
 */
export function encodedQueryValue(value: string): string {
  if (!fitsEncodedQuery(value)) throw new InvalidRecordId(`${JSON.stringify(value.slice(0, 80))} cannot be placed in a ServiceNow encoded query: nothing was sent`);
  return value;
}

export function fitsEncodedQuery(value: string): boolean {
  return !/[\^\r\n]/.test(value);
}
