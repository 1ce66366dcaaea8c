import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, ValidateIf, ValidateNested } from 'class-validator';
import type { CommentReading, InboundReading, RecordView } from '../dialect';
import { htmlToText } from '../html-text';
import { PastedBody } from '../pasted-body';
import { statusChange } from '../readings';

/**
 * A ticket webhook whose body the ITSM's admin pastes from the bridge's docs (Zendesk's trigger, Freshservice's
 * workflow: `ZENDESK_TRIGGER_BODY`, `FRESHSERVICE_WEBHOOK_BODY`), as it arrives with its placeholders filled: an
 * `event` of three, the `ticket` (its id a number written as text; every other field kept for `mapping.fields`), the
 * newest entry (a comment, a note) when the event says one was added, and who acted. Placeholders arrive as strings,
 * ids too. The checks are the same for both; the names are each documented body's own.
 */
export interface PastedTicketWebhookNames {
  /** The `event` values: the ticket created, the ticket updated, an entry added. */
  events: readonly [created: string, updated: string, entryAdded: string];
  /** What a ticket id that is no number is told, and, where the status is a code, what a status that is no number is. */
  ticket: { idProblem: string; statusProblem?: string };
  /** The entry's key, what an id that is no number is told, and its optional fields before `created_at`. */
  entry: { key: string; idProblem: string; optionalTexts: readonly string[] };
  /** Who made the change. */
  actor: string;
}

/** The ticket of a pasted webhook. */
export interface PastedTicket {
  id: string;
  status?: string;
  updated_at?: string;
  [field: string]: unknown;
}

/** The entry of a pasted webhook (a comment, a note), with the optional fields its names give. */
export type PastedEntry<Optional extends string> = { id: string; body: string; created_at?: string } & { [Field in Optional]?: string };

/** A pasted ticket webhook, by the names of one vendor's body. */
export type PastedTicketWebhook<Names extends PastedTicketWebhookNames> = { event: Names['events'][number]; ticket: PastedTicket } & {
  [Key in Names['entry']['key']]?: PastedEntry<Names['entry']['optionalTexts'][number]>;
} & { [Key in Names['actor']]?: string };

const NUMBER = /^\d+$/;

/** Decorates a field of a class as `@first @second … field` does: the last decorator applied first, as TypeScript does. */
function decorate(shape: abstract new () => object, field: string, ...decorators: PropertyDecorator[]): void {
  for (const decorator of [...decorators].reverse()) decorator(shape.prototype, field);
}

/** The class a pasted ticket webhook is validated as (`parseInbound`), its fields as `names` calls them. */
export function pastedTicketWebhook<const Names extends PastedTicketWebhookNames>(names: Names): new () => PastedTicketWebhook<Names> {
  class Entry {}
  decorate(Entry, 'id', Matches(NUMBER, { message: names.entry.idProblem }));
  decorate(Entry, 'body', IsString(), IsNotEmpty());
  for (const field of [...names.entry.optionalTexts, 'created_at']) decorate(Entry, field, IsOptional(), IsString());

  class Ticket {}
  decorate(Ticket, 'id', Matches(NUMBER, { message: names.ticket.idProblem }));
  decorate(Ticket, 'status', IsOptional(), names.ticket.statusProblem ? Matches(NUMBER, { message: names.ticket.statusProblem }) : IsString());
  decorate(Ticket, 'updated_at', IsOptional(), IsString());

  class PastedWebhook {}
  decorate(PastedWebhook, 'event', IsIn([...names.events]));
  decorate(PastedWebhook, 'ticket', IsObject(), ValidateNested(), Type(() => Ticket));
  decorate(PastedWebhook, names.entry.key, ValidateIf((webhook: Record<string, unknown>) => webhook.event === names.events[2]), IsObject(), ValidateNested(), Type(() => Entry));
  decorate(PastedWebhook, names.actor, IsOptional(), IsString());
  return PastedWebhook as new () => PastedTicketWebhook<Names>;
}

/**
 * The pasted body's documented text, read by its skeleton (`PastedBody`): `{{…}}` placeholders, and the `event` the
 * admin writes for each trigger in place of the documented ticket.updated.
 */
export function pastedTicketBody(documented: string): PastedBody {
  return new PastedBody(documented, /\{\{[^{}]*\}\}/g, ['ticket.updated']);
}

/** A pasted ticket webhook as its vendor's dialect reads it: what the event reports, in the vendor's terms. */
export interface PastedTicketEvent {
  change: 'created' | 'updated' | 'commented';
  ticketId: string;
  record: RecordView;
  /** The ticket's status as the mapping compares it, '' when the body has none. */
  status: string;
  updatedAt?: string;
  actor?: string;
  /** The entry (`kind`: `comment`, `note`), its text as written (HTML is read as text). */
  entry?: Omit<CommentReading, 'text' | 'idParts'> & { kind: string; body: string };
}

/**
 * The reading of a pasted ticket webhook: the entry added, and its author as the actor when the body names none; a
 * status only on an update, versioned by the ticket's update time.
 */
export function readPastedTicketEvent({ change, ticketId, record, status, updatedAt, actor, entry }: PastedTicketEvent): InboundReading {
  const version = updatedAt ?? '';
  return {
    change,
    record,
    actor: actor ?? (change === 'commented' ? entry?.authorId : undefined),
    comments:
      change === 'commented' && entry
        ? [{ commentId: entry.commentId, text: htmlToText(entry.body), author: entry.author, authorId: entry.authorId, visibility: entry.visibility, createdAt: entry.createdAt, idParts: [ticketId, entry.kind, entry.commentId] }]
        : [],
    status: change === 'updated' && status ? statusChange(ticketId, status, version, { changedAt: updatedAt }) : undefined,
  };
}
