import { pastedTicketWebhook } from '../webhook/pasted-ticket-webhook';

/**
 * What a Freshservice Workflow Automator "Trigger Webhook" action posts. Its JSON is written by the admin with
 * Freshservice's placeholders, so this is the bridge's documented default (docs/itsm/freshservice.md has it to
 * paste); other layouts are read through `mapping.fields`. Placeholders arrive as strings: ids and status codes too.
 * The ticket's status is Freshservice's number (2 Open, 3 Pending, 4 Resolved, 5 Closed); the note's `private` is
 * "true" for a private note, "false" for a reply the requester sees; `actor_id` is who made the change: the
 * bridge's own agent's changes are echoes.
 */
export const FreshserviceWebhook = pastedTicketWebhook({
  events: ['ticket.created', 'ticket.updated', 'note.added'],
  ticket: { idProblem: 'id must be the ticket id ({{ticket.id_numeric}})', statusProblem: 'status must be a status code (2 Open, 3 Pending, 4 Resolved, 5 Closed)' },
  entry: { key: 'note', idProblem: 'id must be the note id', optionalTexts: ['private', 'user_id', 'user_name'] },
  actor: 'actor_id',
});
export type FreshserviceWebhook = InstanceType<typeof FreshserviceWebhook>;
