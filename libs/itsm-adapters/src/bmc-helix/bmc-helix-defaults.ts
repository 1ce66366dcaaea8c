/**
 * Where the adapter finds a ticket's facts in the default webhook body: the incident's AR System field names, as
 * `HPD:Help Desk` spells them (spaces included, and BMC's own "Decription").
 */
export const BMC_HELIX_DEFAULT_FIELDS = {
  title: 'Description',
  description: 'Detailed Decription',
  category: 'Categorization Tier 1',
  subcategory: 'Categorization Tier 2',
  priority: 'Priority',
  urgency: 'Urgency',
  deviceType: 'Product Categorization Tier 3',
  requestorName: 'Full Name',
  requestorNumber: 'Phone Number',
  employeeId: 'Corporate ID',
} as const;

/** Helix incident statuses that end a ticket on the client's side. */
export const BMC_HELIX_CLIENT_STATES: Readonly<Record<string, 'resolved' | 'closed' | 'canceled'>> = {
  Resolved: 'resolved',
  Closed: 'closed',
  Cancelled: 'canceled',
};

/** The AR System forms the adapter reads and writes. */
export const HELIX_FORMS = {
  create: 'HPD:IncidentInterface_Create',
  incident: 'HPD:IncidentInterface',
  workLog: 'HPD:WorkLog',
} as const;

/** The incident field a mirrored activity's incident carries its correlation id in, found again by it. */
export const HELIX_CORRELATION_FIELD = 'Vendor Ticket Number';

/**
 * The webhook body the bridge documents (docs/itsm/bmc-helix.md): what the client's Helix posts for an incident
 * created or updated and for a work log added to one, the incident's fields under their AR System names. The
 * `worklog.added` body carries the incident too, so routing and the ticket's facts read the same fields.
 */
export const BMC_HELIX_WEBHOOK_BODY = `{
  "event": "incident.updated",
  "incident": {
    "Request ID": "$Request ID$",
    "Incident Number": "$Incident Number$",
    "Description": "$Description$",
    "Detailed Decription": "$Detailed Decription$",
    "Status": "$Status$",
    "Status_Reason": "$Status_Reason$",
    "Priority": "$Priority$",
    "Urgency": "$Urgency$",
    "Categorization Tier 1": "$Categorization Tier 1$",
    "Categorization Tier 2": "$Categorization Tier 2$",
    "Product Categorization Tier 3": "$Product Categorization Tier 3$",
    "Assigned Group": "$Assigned Group$",
    "Full Name": "$First Name$ $Last Name$",
    "Phone Number": "$Phone Number$",
    "Corporate ID": "$Corporate ID$",
    "Submit Date": "$Submit Date$",
    "Last Modified By": "$Last Modified By$",
    "Last Modified Date": "$Last Modified Date$"
  },
  "workLog": {
    "Work Log ID": "$Work Log ID$",
    "Detailed Description": "$Detailed Description$",
    "View Access": "$View Access$",
    "Submitter": "$Submitter$",
    "Submit Date": "$Submit Date$"
  }
}`;
