import type { ServiceNowTable } from './servicenow-webhook';

/** Raw state codes of ServiceNow's base system that mean a client-side end of the ticket. */
export const SERVICENOW_CLIENT_STATES: Readonly<Record<ServiceNowTable, Readonly<Record<string, 'resolved' | 'closed' | 'canceled'>>>> = {
  // incident: 6 Resolved, 7 Closed, 8 Canceled
  incident: { '6': 'resolved', '7': 'closed', '8': 'canceled' },
  // sc_req_item: 3 Closed Complete, 4 Closed Incomplete, 7 Closed Skipped
  sc_req_item: { '3': 'closed', '4': 'canceled', '7': 'canceled' },
};

/** Record fields the adapter reads by default; a client's `mapping.fields` may name others. */
export const SERVICENOW_DEFAULT_FIELDS = {
  title: 'short_description',
  description: 'description',
  category: 'category',
  subcategory: 'subcategory',
  priority: 'priority',
  urgency: 'urgency',
  deviceType: 'u_device_type',
  requestorName: 'caller_name',
  requestorNumber: 'caller_phone',
  employeeId: 'caller_employee_number',
} as const;
