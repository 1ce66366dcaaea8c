/**
 * A field of an ITSM payload by dotted path (`project.key`, `requester.phone`), as text: a number or boolean as
 * written, a list joined with ", ", an object by its `value`, `name`, `displayName` or `key` (the shapes select
 * lists, statuses, users and projects take). `richText` reads the ITSM's rich-text objects (Jira's ADF).
 */
export function readPath(root: unknown, path: string, richText?: (value: Record<string, unknown>) => string | undefined): string | undefined {
  let value: unknown = root;
  for (const part of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return asText(value, richText);
}

function asText(value: unknown, richText?: (value: Record<string, unknown>) => string | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((item) => asText(item, richText)).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  const object = value as Record<string, unknown>;
  const rich = richText?.(object);
  if (rich !== undefined) return rich;
  for (const key of ['value', 'name', 'displayName', 'key']) if (typeof object[key] === 'string' && object[key] !== '') return object[key] as string;
  return undefined;
}
