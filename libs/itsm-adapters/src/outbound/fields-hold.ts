/**
 * Whether a record read back holds every field an update sets, compared as text (Freshservice's status 3 and "3",
 * AR System's values all strings). On a send after an earlier attempt, fields that hold are not set again: the
 * earlier attempt set them and stopped before its note, which the send writes now (ADR 15).
 */
export function holdsFields(record: Record<string, unknown> | undefined, fields: Record<string, unknown>): boolean {
  return record !== undefined && Object.entries(fields).every(([name, value]) => String(record[name] ?? '') === String(value ?? ''));
}
