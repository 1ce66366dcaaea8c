/** Where the adapter finds a ticket's facts in the default webhook body, by dotted path under `ticket`. */
export const FRESHSERVICE_DEFAULT_FIELDS = {
  title: 'subject',
  description: 'description',
  category: 'category',
  subcategory: 'sub_category',
  priority: 'priority',
  urgency: 'urgency',
  deviceType: 'item_category',
  requestorName: 'requester.name',
  requestorNumber: 'requester.phone',
  employeeId: 'requester.employee_id',
} as const;

/** Freshservice's status codes that end a ticket on the client's side: 4 Resolved, 5 Closed. */
export const FRESHSERVICE_CLIENT_STATES: Readonly<Record<string, 'resolved' | 'closed' | 'canceled'>> = {
  '4': 'resolved',
  '5': 'closed',
};

/**
 * Freshservice's default statuses by code, as its ticket activities name them (" set Status as Closed"). An account
 * may rename these or add its own; a status not named here is not found in the activities.
 */
export const FRESHSERVICE_STATUS_NAMES: Readonly<Record<string, string>> = {
  '2': 'Open',
  '3': 'Pending',
  '4': 'Resolved',
  '5': 'Closed',
};

/** The webhook body to paste into the workflow's "Trigger Webhook" action (Content: Advanced, JSON). */
export const FRESHSERVICE_WEBHOOK_BODY = `{
  "event": "ticket.updated",
  "actor_id": "{{triggered_event.performer.id}}",
  "ticket": {
    "id": "{{ticket.id_numeric}}",
    "subject": "{{ticket.subject}}",
    "description": "{{ticket.description}}",
    "status": "{{ticket.status_id}}",
    "priority": "{{ticket.priority}}",
    "category": "{{ticket.category}}",
    "sub_category": "{{ticket.subcategory}}",
    "group": "{{ticket.group_name}}",
    "updated_at": "{{ticket.modified_on}}",
    "requester": { "name": "{{ticket.requester.name}}", "phone": "{{ticket.requester.phone}}", "employee_id": "{{ticket.requester.employee_id}}" }
  },
  "note": {
    "id": "{{ticket.latest_private_comment.id}}",
    "body": "{{ticket.latest_private_comment}}",
    "private": "true",
    "user_id": "{{ticket.latest_private_comment.user_id}}",
    "created_at": "{{ticket.latest_private_comment.created_at}}"
  }
}`;

/**
 * Fields Freshservice computes itself: a `PUT /api/v2/tickets/{id}` that carries one is refused, so a client's
 * template that copies a ticket's fields has them stripped before sending.
 */
export const FRESHSERVICE_READ_ONLY_FIELDS = [
  'id', 'display_id', 'created_at', 'updated_at', 'deleted', 'spam', 'fr_escalated', 'is_escalated', 'due_by_escalated',
  'sla_policy_id', 'stats', 'attachments', 'conversations', 'requester', 'workspace_id', 'resolution_notes_html',
] as const;
