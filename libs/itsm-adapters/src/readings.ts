import { isObject } from './api-record';
import type { CommentReading, StatusReading, StatusSetter } from './dialect';

/**
 * A record's status as a reading, its change named by the record, the status and `version` (when it was set, as the
 * ITSM writes it): the same change seen by a webhook and by a read of the record is one event, and a later update of
 * the record leaves its id alone. `details` as the payload has them.
 */
export function statusChange(key: string, value: string, version: string, details: Pick<StatusReading, 'changedAt' | 'note' | 'by'>): StatusReading {
  return { value, changeId: `${key}:${value}:${version}`, ...details, idParts: [key, 'state', value, version] };
}

/** One comment (note, work log) an ITSM's API listed, read by that ITSM's names; `createdAt` as the API wrote it. */
export type ListedComment = Omit<CommentReading, 'commentId' | 'createdAt' | 'idParts'> & { id: string | undefined; createdAt: unknown };

/**
 * The comments of a record read from the ITSM's API, each with the id its webhook gives (`[record, kind, id]`): an
 * entry that is no object, or has no id or no text, is none.
 */
export function listedComments(key: string, kind: string, entries: readonly unknown[], read: (entry: Record<string, unknown>) => ListedComment): CommentReading[] {
  return entries.flatMap((entry): CommentReading[] => {
    if (!isObject(entry)) return [];
    const { id, createdAt, ...comment } = read(entry);
    if (!id || comment.text.trim() === '') return [];
    return [{ commentId: id, ...comment, createdAt: typeof createdAt === 'string' ? createdAt : undefined, idParts: [key, kind, id] }];
  });
}

/**
 * Who set a record's status and when, from the entry of its history its reader attached under `key` (Zendesk's
 * `status_audit`, Freshservice's `status_activity`): its author as `authorOf` reads it, its `created_at`.
 */
export function statusSetterIn(record: unknown, key: string, authorOf: (entry: Record<string, unknown>) => string | undefined): StatusSetter | undefined {
  const entry = isObject(record) && isObject(record[key]) ? record[key] : undefined;
  if (!entry) return undefined;
  return { by: authorOf(entry), at: typeof entry.created_at === 'string' ? entry.created_at : undefined };
}
