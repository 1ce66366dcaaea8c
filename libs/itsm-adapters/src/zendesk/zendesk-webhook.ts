import { pastedTicketWebhook } from '../webhook/pasted-ticket-webhook';

/**
 * What a Zendesk trigger posts to the bridge's webhook. A trigger's body is written by the admin with Zendesk's
 * placeholders, so this is the bridge's documented default (docs/itsm/zendesk.md gives it to paste); a client whose
 * body differs names its fields by dotted path in `mapping.fields`. Placeholders arrive as strings: ids too. The
 * comment's `public` is "true" or "false" ({{ticket.latest_comment.is_public}}); `current_user_id`, who made the
 * change ({{current_user.id}}): the bridge's own API user's changes are echoes.
 */
export const ZendeskWebhook = pastedTicketWebhook({
  events: ['ticket.created', 'ticket.updated', 'comment.added'],
  ticket: { idProblem: 'id must be the ticket id ({{ticket.id}})' },
  entry: { key: 'comment', idProblem: 'id must be the comment id ({{ticket.latest_comment.id}})', optionalTexts: ['public', 'author_id', 'author_name'] },
  actor: 'current_user_id',
});
export type ZendeskWebhook = InstanceType<typeof ZendeskWebhook>;
