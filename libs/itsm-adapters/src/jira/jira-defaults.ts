/**
 * Where the adapter finds a ticket's facts in a Jira issue's `fields`, by dotted path; a client's `mapping.fields`
 * may name others (`{ requestorNumber: customfield_10050 }`). Objects are read by their `value`, `name`,
 * `displayName` or `key`, as Jira's select lists, statuses, users and projects carry them.
 */
export const JIRA_DEFAULT_FIELDS = {
  title: 'summary',
  description: 'description',
  category: 'issuetype',
  subcategory: 'components',
  priority: 'priority',
  urgency: 'customfield_urgency',
  deviceType: 'customfield_device_type',
  requestorName: 'reporter',
  requestorNumber: 'customfield_phone',
  employeeId: 'customfield_employee_id',
} as const;

/** Status names of Jira's default workflows that end a ticket on the client's side. */
export const JIRA_CLIENT_STATES: Readonly<Record<string, 'resolved' | 'closed' | 'canceled'>> = {
  Done: 'closed',
  Closed: 'closed',
  Resolved: 'resolved',
  Canceled: 'canceled',
  Cancelled: 'canceled',
  Declined: 'canceled',
};
