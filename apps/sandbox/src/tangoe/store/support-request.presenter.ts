import { ACCOUNT_SPECIALIST, Person, presentPerson } from './people';
import type { Interaction, SupportRequest } from './support-request';

/** An interaction as `POST /1/interactions` answers it and `interactions[]` lists it. */
export function presentInteraction(interaction: Interaction): Record<string, unknown> {
  return { id: interaction.id, text: interaction.text, created_at: interaction.created_at, person: presentPerson(interaction.person, false) };
}

/**
 * The seed's response shape, field for field, with two differences the bridge needs: `external_source_id` is the
 * stored value (the seed's example shows null), and `assignment_group` says whom a reassigned request went back to.
 */
export function presentSupportRequest(request: SupportRequest, onBehalfOf: Person | undefined): Record<string, unknown> {
  return {
    id: request.id,
    requestor_name: request.requestor_name,
    requestor_number: request.requestor_number,
    number_request_is_about: request.number_request_is_about,
    on_behalf_of_id: request.on_behalf_of_id,
    line_id: null,
    assigned_to_id: request.assigned_to_id,
    device_type: request.device_type,
    state: request.state,
    created_at: request.created_at,
    updated_at: request.updated_at,
    third_party_source: request.third_party_source,
    requestor_id: null,
    external_source_id: request.external_source_id,
    request_type: request.request_type,
    vip: request.vip,
    assignment_group: request.assignment_group,
    interaction_thread: { token: request.token },
    interactions: request.interactions.map(presentInteraction),
    on_behalf_of: onBehalfOf ? presentPerson(onBehalfOf, true) : null,
    assigned_to: presentPerson(ACCOUNT_SPECIALIST, true),
    attachments: [],
  };
}
