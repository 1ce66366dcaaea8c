/**
 * The raw value of a Table API field: a reference's sys_id, a choice's code, not its display value (ids and codes
 * match on those). With `sysparm_display_value=all` a field is `{display_value, value}`, with references as
 * `{link, value}`, else the raw string.
 */
export function rawValue(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return String((value as { value?: unknown }).value ?? '');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
