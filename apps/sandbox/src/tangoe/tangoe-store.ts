import { randomBytes } from 'node:crypto';
import { TANGOE_DEVICE_TYPES, TANGOE_REQUEST_TYPES, requestTypeCode } from '@bridge/contracts';

/** One API user of the sandbox Tangoe: a token, the company it belongs to, OAuth credentials for the v2 flow. */
export interface ApiUser {
  name: string;
  company: string;
  apiToken: string;
  clientId: string;
  clientSecret: string;
}

export interface Person {
  id: number;
  name_first: string;
  name_last: string;
  email: string;
  employee_id: string;
  group_name: string;
}

export interface Interaction {
  id: number;
  text: string;
  created_at: string;
  person: Person;
  /** Who wrote it: the API (the bridge) or the Account Specialist. */
  author: 'api' | 'specialist';
}

export interface SupportRequest {
  id: number;
  company: string;
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
}

export type FieldErrors = Record<string, string[]>;

/** Account Specialist of the sandbox, who works every request. */
const SPECIALIST: Person = { id: 10833529, name_first: 'Sandy', name_last: 'Specialist', email: 'specialist@sandbox.test', employee_id: 'TANGOE-1', group_name: 'Pi-oneers' };

/**
 * The sandbox Tangoe's memory: support requests, interactions and people, per company. It validates like the
 * seed says Tangoe does (five required attributes, finite request and device types) and answers in the seed's
 * response shape.
 */
export class TangoeStore {
  private readonly requests = new Map<number, SupportRequest>();
  private readonly byToken = new Map<string, SupportRequest>();
  private nextRequestId = 43413;
  private nextInteractionId = 453453;
  private last = 0;
  readonly people: Person[] = [
    { id: 1831571, name_first: 'Pinkerton', name_last: 'Quackers', email: 'administrator@sandbox.com', employee_id: '10000', group_name: 'Demo Group A' },
    { id: 1831572, name_first: 'Ann', name_last: 'Smith', email: 'ann.smith@sandbox.com', employee_id: '10001', group_name: 'Demo Group A' },
    { id: 1831573, name_first: 'Bo', name_last: 'Chen', email: 'bo.chen@sandbox.com', employee_id: '10002', group_name: 'Demo Group B' },
  ];

  /** Called once a support request is stored, before it is answered: tests use it to crash the caller mid-call. */
  onCreated?: (request: SupportRequest) => void;

  constructor(private readonly now: () => Date = () => new Date()) {}

  create(company: string, input: Record<string, unknown>, employeeId: string | undefined): SupportRequest | FieldErrors {
    const errors: FieldErrors = {};
    const text = (name: string) => {
      const value = input[name];
      if (typeof value !== 'string' || value.trim() === '') (errors[name] ??= []).push("can't be blank");
      return typeof value === 'string' ? value : '';
    };
    const body = text('text');
    const requestorName = text('requestor_name');
    const requestorNumber = text('requestor_number');
    const externalSourceId = text('external_source_id');
    const requestType = text('request_type');
    if (requestType && !(TANGOE_REQUEST_TYPES as readonly string[]).includes(requestType)) (errors.request_type ??= []).push('is not included in the list');
    const deviceType = input.device_type;
    if (deviceType !== undefined && deviceType !== null && !(TANGOE_DEVICE_TYPES as readonly unknown[]).includes(deviceType)) (errors.device_type ??= []).push('is not included in the list');
    const vip = input.vip;
    if (vip !== undefined && ![true, false, 'true', 'false'].includes(vip as never)) (errors.vip ??= []).push('must be true or false');
    let person: Person | undefined;
    if (employeeId !== undefined) {
      person = this.people.find((p) => p.employee_id === employeeId);
      if (!person) (errors.employee_id ??= []).push('does not match a person');
    }
    if (Object.keys(errors).length > 0) return errors;

    const at = this.tick();
    const request: SupportRequest = {
      id: this.nextRequestId++,
      company,
      requestor_name: requestorName,
      requestor_number: requestorNumber,
      number_request_is_about: requestorNumber,
      on_behalf_of_id: person?.id ?? null,
      assigned_to_id: SPECIALIST.id,
      device_type: (deviceType as string | undefined) ?? null,
      state: 'open',
      created_at: at,
      updated_at: at,
      third_party_source: 'API',
      external_source_id: externalSourceId,
      request_type: requestTypeCode(requestType),
      vip: vip === true || vip === 'true',
      assignment_group: null,
      token: randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 24),
      interactions: [],
    };
    request.interactions.push(this.interaction(body, person ?? this.people[0], 'api', at));
    this.requests.set(request.id, request);
    this.byToken.set(request.token, request);
    this.onCreated?.(request);
    return request;
  }

  addInteraction(company: string, token: string, text: string, author: 'api' | 'specialist'): Interaction | undefined {
    const request = this.byToken.get(token);
    if (!request || request.company !== company) return undefined;
    const interaction = this.interaction(text, author === 'specialist' ? SPECIALIST : this.people[0], author, this.tick());
    request.interactions.push(interaction);
    request.updated_at = interaction.created_at;
    return interaction;
  }

  changeState(id: number, state: string, assignmentGroup?: string): SupportRequest | undefined {
    const request = this.requests.get(id);
    if (!request) return undefined;
    request.state = state;
    if (assignmentGroup !== undefined) request.assignment_group = assignmentGroup;
    request.updated_at = this.tick();
    return request;
  }

  get(id: number): SupportRequest | undefined {
    return this.requests.get(id);
  }

  list(company: string): SupportRequest[] {
    return [...this.requests.values()].filter((request) => request.company === company);
  }

  all(): SupportRequest[] {
    return [...this.requests.values()];
  }

  /** The seed's response shape. */
  present(request: SupportRequest): Record<string, unknown> {
    const onBehalfOf = this.people.find((p) => p.id === request.on_behalf_of_id);
    const { company: _company, token, interactions, assignment_group, ...fields } = request;
    return {
      ...fields,
      requestor_id: null,
      line_id: null,
      assignment_group,
      interaction_thread: { token },
      interactions: interactions.map(({ author: _author, ...interaction }) => interaction),
      on_behalf_of: onBehalfOf ?? null,
      assigned_to: SPECIALIST,
      attachments: [],
    };
  }

  /** Strictly increasing times, so an `updated_at_gt` cursor never skips a change made in the same millisecond. */
  private tick(): string {
    this.last = Math.max(this.now().getTime(), this.last + 1);
    return new Date(this.last).toISOString();
  }

  private interaction(text: string, person: Person, author: 'api' | 'specialist', at: string): Interaction {
    return { id: this.nextInteractionId++, text, created_at: at, person, author };
  }
}
