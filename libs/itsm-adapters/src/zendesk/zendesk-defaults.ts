/** Where the adapter finds a ticket's facts in the default trigger body, by dotted path under `ticket`. */
export const ZENDESK_DEFAULT_FIELDS = {
  title: 'subject',
  description: 'description',
  category: 'type',
  subcategory: 'tags',
  priority: 'priority',
  urgency: 'urgency',
  deviceType: 'device_type',
  requestorName: 'requester.name',
  requestorNumber: 'requester.phone',
  employeeId: 'requester.external_id',
} as const;

/** Zendesk's ticket statuses that end a ticket on the client's side. */
export const ZENDESK_CLIENT_STATES: Readonly<Record<string, 'resolved' | 'closed' | 'canceled'>> = {
  solved: 'resolved',
  closed: 'closed',
  deleted: 'canceled',
};

/** The trigger body to paste into Zendesk (Admin Center → Objects and rules → Triggers → Notify by webhook). */
export const ZENDESK_TRIGGER_BODY = `{
  "event": "ticket.updated",
  "current_user_id": "{{current_user.id}}",
  "ticket": {
    "id": "{{ticket.id}}",
    "subject": "{{ticket.title}}",
    "description": "{{ticket.description}}",
    "status": "{{ticket.status}}",
    "priority": "{{ticket.priority}}",
    "type": "{{ticket.ticket_type}}",
    "tags": "{{ticket.tags}}",
    "group": "{{ticket.group.name}}",
    "updated_at": "{{ticket.updated_at_with_timestamp}}",
    "requester": { "name": "{{ticket.requester.name}}", "phone": "{{ticket.requester.phone}}", "external_id": "{{ticket.requester.external_id}}" }
  },
  "comment": {
    "id": "{{ticket.latest_comment.id}}",
    "body": "{{ticket.latest_comment.value}}",
    "public": "{{ticket.latest_comment.is_public}}",
    "author_id": "{{ticket.latest_comment.author.id}}",
    "author_name": "{{ticket.latest_comment.author.name}}",
    "created_at": "{{ticket.latest_comment.created_at_with_time}}"
  }
}`;
