import { HttpException, HttpStatus } from '@nestjs/common';
import { CLIENT_ID } from '@bridge/contracts';
import { pathSegment } from '../peers/path-segment';
import { parseWaitingRef } from '../waiting/waiting-list';

/** A client's id from a request, checked as the clients file allows one (so it is always one plain path segment). */
export function clientIdOf(value: unknown): string {
  if (typeof value !== 'string' || !CLIENT_ID.test(value)) throw invalid(`client "${String(value).slice(0, 63)}" is no client id`);
  return value;
}

/** What an action is asked to act on, from a confirmation page's query or its form. */
export interface ActionRequest {
  clientId?: string;
  reason?: string;
  since?: string;
  ticket?: string;
  /** Parked items, as the waiting list's `<holder>|<id>`. */
  items: string[];
}

/** The most items one replay takes: a page of them, answered item by item. */
export const MAX_ITEMS_PER_REPLAY = 200;

/**
 * Reads and checks the fields of an action's query or form; a field that is not what it must be is a 400 naming
 * it. Nothing here is trusted beyond its shape: the services check the rest (an unknown client, a ticket not parked).
 */
export function actionRequestOf(fields: Record<string, unknown>): ActionRequest {
  const text = (name: string, max: number): string | undefined => {
    const value = fields[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || value.length > max) throw invalid(`${name} must be text of at most ${max} characters`);
    return value.trim();
  };
  const client = text('client', 63);
  const clientId = client === undefined ? undefined : clientIdOf(client);
  const ticket = text('ticket', 200);
  // A ticket id only ever becomes one segment of a service's path (pathSegment refuses dot segments).
  if (ticket !== undefined) pathSegment(ticket);
  const since = text('since', 40);
  if (since !== undefined && Number.isNaN(Date.parse(since))) throw invalid(`since ${since} is no date: give 2026-01-31`);
  const raw = fields.item;
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (items.length > MAX_ITEMS_PER_REPLAY) throw invalid(`at most ${MAX_ITEMS_PER_REPLAY} items a replay`);
  for (const item of items) if (typeof item !== 'string' || !parseWaitingRef(item)) throw invalid('an item to replay is not one the waiting list names');
  return { clientId, reason: text('reason', 500), since, ticket, items: items as string[] };
}

export function invalid(message: string): HttpException {
  return new HttpException({ error: 'invalid_request', message }, HttpStatus.BAD_REQUEST);
}
