/** Tangoe's shapes, as seed 000's example response shows them. */
export interface TangoePerson {
  id: number;
  name_first?: string | null;
  name_last?: string | null;
  email?: string | null;
  employee_id?: string | null;
}

export interface TangoeInteraction {
  id: number;
  text: string;
  created_at: string;
  person?: TangoePerson | null;
}

export interface TangoeSupportRequest {
  id: number;
  state: string;
  external_source_id: string | null;
  request_type: string;
  requestor_name: string;
  requestor_number: string;
  device_type?: string | null;
  created_at: string;
  updated_at: string;
  assignment_group?: string | null;
  interaction_thread: { token: string };
  interactions: TangoeInteraction[];
}

export interface SupportRequestQuery {
  updatedAtGt?: string;
  updatedAtGte?: string;
  externalSourceIdEq?: string;
  stateEq?: string;
  order?: string;
  page?: number;
  perPage?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  hasMore: boolean;
}
