import type { ApiUser } from './api-user';
import { Clock, systemClock } from './clock';
import { ACCOUNT_SPECIALIST, Person, personOfApiUser, samplePeople } from './people';
import { Author, ChangeKind, ChangeRecord, FieldErrors, Interaction, SupportRequest, addError } from './support-request';
import { presentSupportRequest } from './support-request.presenter';
import { validateSupportRequest } from './support-request-validation';
import { newThreadToken } from './thread-token';

export type { ApiUser } from './api-user';
export type { Person } from './people';
export type { ChangeRecord, FieldErrors, Interaction, SupportRequest } from './support-request';

export function isFieldErrors(value: SupportRequest | FieldErrors): value is FieldErrors {
  return typeof (value as SupportRequest).id !== 'number';
}

export interface ChangeFilter {
  /** Only changes after this time (ISO), like the bridge's `updated_at_gt` cursor. */
  since?: string;
  company?: string;
  supportRequestId?: number;
}

/**
 * The sandbox Tangoe's memory: support requests, their interactions, the people they are about, and the history
 * of every change. In memory on purpose: a stand-in, started fresh for each run.
 */
export class TangoeStore {
  readonly people: Person[];
  /** Called once a support request is stored, before it is answered: tests use it to crash the caller mid-call. */
  onCreated?: (request: SupportRequest) => void;

  private readonly requests = new Map<number, SupportRequest>();
  private readonly byToken = new Map<string, SupportRequest>();
  private readonly changeLog: ChangeRecord[] = [];
  private readonly apiPeople = new Map<string, Person>();
  private nextRequestId = 43413;
  private nextInteractionId = 453453;
  private nextApiPersonId = 1900001;
  private last = 0;

  constructor(
    private readonly now: Clock = systemClock,
    people: Person[] = samplePeople(),
  ) {
    this.people = people;
  }

  /** Validates as Tangoe does (apps/sandbox/README.md, "Creating"), then stores; the text becomes the first interaction. */
  create(company: string, input: unknown, employeeId: string | undefined, apiUser?: ApiUser): SupportRequest | FieldErrors {
    const { value, errors } = validateSupportRequest(input);
    const onBehalfOf = employeeId === undefined ? undefined : this.personOf(employeeId, company);
    if (employeeId !== undefined && !onBehalfOf) addError(errors, 'employee_id', 'does not match a person');
    if (!value || Object.keys(errors).length > 0) return errors;

    const at = this.tick();
    const request: SupportRequest = {
      id: this.nextRequestId++,
      company,
      api_user: apiUser?.name ?? `${company}-api`,
      requestor_name: value.requestorName,
      requestor_number: value.requestorNumber,
      number_request_is_about: value.requestorNumber,
      on_behalf_of_id: onBehalfOf?.id ?? null,
      assigned_to_id: ACCOUNT_SPECIALIST.id,
      device_type: value.deviceType,
      state: 'open',
      created_at: at,
      updated_at: at,
      third_party_source: apiUser?.thirdPartySource ?? 'API',
      external_source_id: value.externalSourceId,
      request_type: value.requestType,
      vip: value.vip,
      assignment_group: null,
      token: newThreadToken(),
      interactions: [],
      history: [],
    };
    const author = onBehalfOf ?? this.apiPerson(request.api_user, company);
    request.interactions.push({ id: this.nextInteractionId++, text: value.text, created_at: at, person: author, author: 'api' });
    this.requests.set(request.id, request);
    this.byToken.set(request.token, request);
    this.record(request, 'created', 'api', at, { to_state: 'open', interaction_id: request.interactions[0].id });
    this.onCreated?.(request);
    return request;
  }

  /** Adds to a request's thread, found by its token within the company; bumps `updated_at`. */
  addInteraction(company: string, token: string, text: string, author: Author, person?: Person): Interaction | undefined {
    const request = this.byToken.get(token);
    if (!request || request.company !== company) return undefined;
    const at = this.tick();
    const interaction: Interaction = {
      id: this.nextInteractionId++,
      text,
      created_at: at,
      person: person ?? (author === 'specialist' ? ACCOUNT_SPECIALIST : this.apiPerson(request.api_user, company)),
      author,
    };
    request.interactions.push(interaction);
    request.updated_at = at;
    this.record(request, 'interaction_created', author, at, { interaction_id: interaction.id });
    return interaction;
  }

  /** Moves a request to a state; setting the state it already has changes nothing. */
  changeState(id: number, state: string, by: Author): { request: SupportRequest; changed: boolean } | undefined {
    const request = this.requests.get(id);
    if (!request) return undefined;
    if (request.state === state) return { request, changed: false };
    const from = request.state;
    const at = this.tick();
    request.state = state;
    request.updated_at = at;
    this.record(request, 'state_changed', by, at, { from_state: from, to_state: state });
    return { request, changed: true };
  }

  /** The specialist's "Reassign" (apps/sandbox/README.md): back to the client, to the assignment group it names. */
  reassign(id: number, assignmentGroup: string, by: Author): SupportRequest | undefined {
    const request = this.requests.get(id);
    if (!request) return undefined;
    const from = request.state;
    const at = this.tick();
    request.state = 'reassigned';
    request.assignment_group = assignmentGroup;
    request.updated_at = at;
    this.record(request, 'reassigned', by, at, { from_state: from, to_state: 'reassigned', assignment_group: assignmentGroup });
    return request;
  }

  get(id: number): SupportRequest | undefined {
    return this.requests.get(id);
  }

  byThreadToken(token: string): SupportRequest | undefined {
    return this.byToken.get(token);
  }

  list(company: string): SupportRequest[] {
    return [...this.requests.values()].filter((request) => request.company === company);
  }

  all(): SupportRequest[] {
    return [...this.requests.values()];
  }

  /** The change history, oldest first. */
  changes(filter: ChangeFilter = {}): ChangeRecord[] {
    const since = filter.since === undefined ? undefined : Date.parse(filter.since);
    return this.changeLog.filter(
      (change) =>
        (since === undefined || Date.parse(change.at) > since) &&
        (filter.company === undefined || change.company === filter.company) &&
        (filter.supportRequestId === undefined || change.support_request_id === filter.supportRequestId),
    );
  }

  /** The seed's response shape. */
  present(request: SupportRequest): Record<string, unknown> {
    return presentSupportRequest(request, this.people.find((person) => person.id === request.on_behalf_of_id));
  }

  /** A person of the company's directory by employee id; the made-up people belong to every company. */
  personOf(employeeId: string, company: string): Person | undefined {
    return this.people.find((person) => person.employee_id === employeeId && (person.company === undefined || person.company === company));
  }

  private apiPerson(apiUser: string, company: string): Person {
    let person = this.apiPeople.get(apiUser);
    if (!person) {
      person = personOfApiUser(apiUser, company, this.nextApiPersonId++);
      this.apiPeople.set(apiUser, person);
    }
    return person;
  }

  private record(request: SupportRequest, change: ChangeKind, by: Author, at: string, details: Partial<ChangeRecord>): void {
    const entry: ChangeRecord = {
      seq: this.changeLog.length + 1,
      at,
      support_request_id: request.id,
      company: request.company,
      external_source_id: request.external_source_id,
      change,
      by,
      ...details,
    };
    this.changeLog.push(entry);
    request.history.push(entry);
  }

  /** Strictly increasing times, so an `updated_at_gt` cursor never skips a change made in the same millisecond. */
  private tick(): string {
    this.last = Math.max(this.now().getTime(), this.last + 1);
    return new Date(this.last).toISOString();
  }
}
