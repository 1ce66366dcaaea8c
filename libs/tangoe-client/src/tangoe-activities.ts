import type { TangoePerson } from './tangoe-types';

/**
 * An activity (an order) as `GET /1/activities` answers it. The seeds and the API portal give the filters, the
 * four states and `remote_activity_id`, not the response body: the field names below are the bridge's assumption
 * (docs/adr/0009), kept here and in the sandbox only.
 */
export interface TangoeActivity {
  id: number;
  activity_type_id: number;
  activity_type?: { id: number; name: string } | null;
  state: string;
  ticket_number?: string | null;
  remote_activity_id?: string | number | null;
  created_at: string;
  updated_at: string;
  submitted_at?: string | null;
  completed_at?: string | null;
  assigned_to_id?: number | null;
  assigned_to?: TangoePerson | null;
  requestor?: { name?: string | null; email?: string | null } | null;
  created_for?: TangoePerson | null;
  carrier?: { id?: number; name: string } | null;
  phone_number?: string | null;
  device?: { name: string } | null;
  plan?: { name: string; monthly_cost?: string | number | null } | null;
  area_code?: string | null;
  preferred_address?: string | null;
  shipping_address?: { address1?: string | null; address2?: string | null; city?: string | null; state?: string | null; zip?: string | null } | null;
  tracking_url?: string | null;
  port_information?: string | null;
  existing_phone_number?: string | null;
  account?: { number?: string | null; name?: string | null } | null;
  transfer_notes?: string | null;
}

export interface ActivityQuery {
  updatedAtGt?: string;
  updatedAtGte?: string;
  stateEq?: string;
  activityTypeIdEq?: number;
  assignedToIdEq?: number;
  order?: string;
  page?: number;
  perPage?: number;
}
