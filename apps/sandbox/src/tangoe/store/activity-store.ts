import type { Clock } from './clock';
import { ACCOUNT_SPECIALIST, Person, presentPerson, samplePeople } from './people';
import { FieldErrors, addError } from './support-request';

/** The four states of seed 001 (docs/activities.md). */
export const ACTIVITY_STATES = ['ordered', 'on_back_order', 'completed', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

/** Where an activity may go from each state: back orders resume, completed and cancelled are final. */
const NEXT_STATES: Record<ActivityState, readonly ActivityState[]> = {
  ordered: ['on_back_order', 'completed', 'cancelled'],
  on_back_order: ['ordered', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** Activity types as Tangoe's API portal numbers them (apps/sandbox/README.md, "Activities"). */
export const ACTIVITY_TYPES: Readonly<Record<number, string>> = {
  3: 'New Line with Device',
  4: 'Device Upgrade',
  7: 'Accessory Order',
  15: 'Add/Remove Features',
  20: 'Port In',
};

/** An activity as the sandbox keeps it (mutated in place, so tests can watch it change). */
export interface Activity {
  id: number;
  company: string;
  activity_type_id: number;
  state: ActivityState;
  ticket_number: string;
  remote_activity_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  created_for: Person;
  requestor: { name: string; email: string };
  carrier: string;
  phone_number: string | null;
  device: string | null;
  plan: { name: string; monthly_cost: string } | null;
  area_code: string | null;
  preferred_address: string | null;
  shipping_address: { address1: string; address2?: string; city: string; state: string; zip: string } | null;
  tracking_url: string | null;
  port_information: string | null;
  existing_phone_number: string | null;
  account: { number: string; name: string };
  transfer_notes: string | null;
}

export type ActivityInput = Partial<Omit<Activity, 'id' | 'company' | 'state' | 'created_at' | 'updated_at' | 'completed_at' | 'ticket_number' | 'created_for'>> & {
  employee_id?: string;
};

/**
 * The sandbox's activities (orders), per company: created by the specialist, moved through seed 001's states, read
 * through `GET /1/activities`. Times strictly increase, so an `updated_at_gt` cursor never skips a change.
 */
export class ActivityStore {
  private readonly activities = new Map<number, Activity>();
  private nextId = 880001;
  private last = 0;

  constructor(
    private readonly now: Clock,
    private readonly people: Person[] = samplePeople(),
  ) {}

  create(company: string, input: ActivityInput): Activity | FieldErrors {
    const errors: FieldErrors = {};
    const typeId = input.activity_type_id ?? 3;
    if (!Number.isInteger(typeId) || !ACTIVITY_TYPES[typeId]) addError(errors, 'activity_type_id', `must be one of ${Object.keys(ACTIVITY_TYPES).join(', ')}`);
    const person = this.people.find((candidate) => candidate.employee_id === (input.employee_id ?? '10001'));
    if (!person) addError(errors, 'employee_id', 'does not match a person');
    if (input.remote_activity_id !== undefined && input.remote_activity_id !== null && typeof input.remote_activity_id !== 'string') {
      addError(errors, 'remote_activity_id', 'must be text');
    }
    if (Object.keys(errors).length > 0 || !person) return errors;
    const at = this.tick();
    const id = this.nextId++;
    const name = `${person.name_first} ${person.name_last}`;
    const activity: Activity = {
      id,
      company,
      activity_type_id: typeId,
      state: 'ordered',
      ticket_number: `TM-${id}`,
      remote_activity_id: input.remote_activity_id ?? null,
      created_at: at,
      updated_at: at,
      completed_at: null,
      created_for: person,
      requestor: input.requestor ?? { name, email: person.email },
      carrier: input.carrier ?? 'Verizon Wireless',
      phone_number: input.phone_number ?? '(555) 259-6624',
      device: input.device ?? 'Apple iPhone 15 128GB',
      plan: input.plan ?? { name: 'Business Unlimited', monthly_cost: '45.00' },
      area_code: input.area_code ?? '555',
      preferred_address: input.preferred_address ?? '1 Main Street, Springfield, IL 62701',
      shipping_address: input.shipping_address ?? { address1: '1 Main Street', city: 'Springfield', state: 'IL', zip: '62701' },
      tracking_url: input.tracking_url ?? null,
      port_information: input.port_information ?? null,
      existing_phone_number: input.existing_phone_number ?? null,
      account: input.account ?? { number: '842-100200', name: `${company} corporate` },
      transfer_notes: input.transfer_notes ?? null,
    };
    this.activities.set(id, activity);
    return activity;
  }

  /** Moves an activity on; a move the state machine forbids is a 422 naming the allowed states. */
  changeState(id: number, state: unknown, changes: Partial<Pick<Activity, 'tracking_url' | 'transfer_notes' | 'port_information'>> = {}): Activity | FieldErrors | undefined {
    const activity = this.activities.get(id);
    if (!activity) return undefined;
    const allowed = NEXT_STATES[activity.state];
    if (!(ACTIVITY_STATES as readonly unknown[]).includes(state) || !allowed.includes(state as ActivityState)) {
      return { state: [allowed.length ? `must be one of ${allowed.join(', ')} from ${activity.state}` : `${activity.state} is final`] };
    }
    const at = this.tick();
    activity.state = state as ActivityState;
    activity.updated_at = at;
    if (state === 'completed') activity.completed_at = at;
    for (const [field, value] of Object.entries(changes)) if (typeof value === 'string') (activity as unknown as Record<string, unknown>)[field] = value;
    return activity;
  }

  get(id: number): Activity | undefined {
    return this.activities.get(id);
  }

  /** One company's activities, or every company's. */
  list(company?: string): Activity[] {
    return [...this.activities.values()].filter((activity) => company === undefined || activity.company === company);
  }

  /** The shape `GET /1/activities` answers (docs/adr/0009). */
  present(activity: Activity): Record<string, unknown> {
    return {
      id: activity.id,
      activity_type_id: activity.activity_type_id,
      activity_type: { id: activity.activity_type_id, name: ACTIVITY_TYPES[activity.activity_type_id] },
      state: activity.state,
      ticket_number: activity.ticket_number,
      remote_activity_id: activity.remote_activity_id,
      created_at: activity.created_at,
      updated_at: activity.updated_at,
      submitted_at: activity.created_at,
      completed_at: activity.completed_at,
      assigned_to_id: ACCOUNT_SPECIALIST.id,
      assigned_to: presentPerson(ACCOUNT_SPECIALIST, true),
      created_for_id: activity.created_for.id,
      created_for: presentPerson(activity.created_for, true),
      requestor: activity.requestor,
      carrier: { name: activity.carrier },
      phone_number: activity.phone_number,
      device: activity.device ? { name: activity.device } : null,
      plan: activity.plan,
      area_code: activity.area_code,
      preferred_address: activity.preferred_address,
      shipping_address: activity.shipping_address,
      tracking_url: activity.tracking_url,
      port_information: activity.port_information,
      existing_phone_number: activity.existing_phone_number,
      account: activity.account,
      transfer_notes: activity.transfer_notes,
    };
  }

  private tick(): string {
    this.last = Math.max(this.now().getTime(), this.last + 1);
    return new Date(this.last).toISOString();
  }
}
