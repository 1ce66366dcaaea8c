import type { Person } from './people';

/** Who made a change: the client through the API, or Tangoe's Account Specialist. */
export type Author = 'api' | 'specialist';

export interface Interaction {
  id: number;
  text: string;
  created_at: string;
  person: Person;
  author: Author;
}

/** Seed 000's states (apps/sandbox/README.md), plus `open` (new) and `reassigned` (handed back to the client's assignment group). */
export const SPECIALIST_STATES = ['externally_queued', 'awaiting_customer_response', 'closed', 'canceled'] as const;
export type SpecialistState = (typeof SPECIALIST_STATES)[number];
/** What the client may set itself (`PATCH /1/support_requests/{id}`, an assumption: docs/adr/0006). */
export const CLIENT_STATES = ['canceled', 'closed'] as const;
export type ClientState = (typeof CLIENT_STATES)[number];

export type ChangeKind = 'created' | 'interaction_created' | 'state_changed' | 'reassigned';

/** One entry of the change history: what changed, when, by whom. */
export interface ChangeRecord {
  seq: number;
  at: string;
  support_request_id: number;
  company: string;
  external_source_id: string;
  change: ChangeKind;
  by: Author;
  from_state?: string;
  to_state?: string;
  assignment_group?: string;
  interaction_id?: number;
}

/**
 * A support request as the sandbox keeps it. Tests hold on to these objects and watch them change, so the store
 * mutates them in place.
 */
export interface SupportRequest {
  id: number;
  company: string;
  api_user: string;
  requestor_name: string;
  requestor_number: string;
  number_request_is_about: string;
  on_behalf_of_id: number | null;
  assigned_to_id: number;
  device_type: string | null;
  state: string;
  created_at: string;
  updated_at: string;
  third_party_source: string;
  external_source_id: string;
  request_type: string;
  vip: boolean;
  assignment_group: string | null;
  token: string;
  interactions: Interaction[];
  history: ChangeRecord[];
}

/** Rails-style validation errors: `{ "request_type": ["is not included in the list"] }`. */
export type FieldErrors = Record<string, string[]>;

export function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}
