import { stringify } from 'csv-stringify/sync';
import { Activity, ActivityInput, ActivityStore } from '../store/activity-store';
import type { ApiUser } from '../store/api-user';
import { ACTIVITY_LIST, applyListQuery, parseListQuery } from './list-query';
import { TangoeSandboxError } from '../tangoe-sandbox.error';
import type { FieldErrors } from '../store/support-request';

export type NotifyActivity = (activity: Activity) => void;

/**
 * The columns of the scheduled activity report a client sets up in Tangoe's portal (seed 001, option 2): one row
 * per activity as it is when the report runs.
 */
export const ACTIVITY_REPORT_COLUMNS = [
  'Activity ID',
  'State',
  'Updated At',
  'Activity Type',
  'Ticket Number',
  'Remote Activity ID',
  'Submitted At',
  'Assigned To',
  'Requestor Name',
  'Requestor Email',
  'User Name',
  'Carrier',
  'Phone Number',
  'Device',
  'Plan',
  'Plan Cost',
  'Area Code',
  'Preferred Address',
  'Shipping Address',
  'Tracking URL',
  'Port Information',
  'Existing Phone Number',
  'Account Number',
  'Account Name',
  'Transfer Notes',
] as const;

/** Activities through Tangoe's API (`/1/activities`), the specialist's moves, and the portal's report. */
export class ActivitiesService {
  constructor(
    private readonly store: ActivityStore,
    private readonly notify: NotifyActivity,
    private readonly maxPerPage: number,
  ) {}

  list(user: ApiUser, query: Record<string, unknown>) {
    const { value, errors } = parseListQuery(query, this.maxPerPage, ACTIVITY_LIST);
    if (!value) throw TangoeSandboxError.invalid(errors);
    const presented = this.store.list(user.company).map((activity) => this.store.present(activity) as Record<string, unknown> & { id: number });
    const page = applyListQuery(presented, value);
    return { items: page.items, page: value.page, perPage: value.perPage, total: page.total, totalPages: page.totalPages };
  }

  get(user: ApiUser, id: string): Record<string, unknown> {
    return this.store.present(this.own(id, user.company));
  }

  /** The specialist (or Tangoe's ordering flow) opens an order: it starts as ordered, which is pushed. */
  create(company: unknown, input: unknown): Record<string, unknown> {
    if (typeof company !== 'string' || company === '') throw TangoeSandboxError.invalid({ company: ["can't be blank"] });
    const activity = this.store.create(company, (input ?? {}) as ActivityInput);
    if (!isActivity(activity)) throw TangoeSandboxError.invalid(activity);
    this.notify(activity);
    return this.store.present(activity);
  }

  /** ordered → on_back_order → completed | cancelled; each move is pushed. */
  changeState(id: string, body: { state?: unknown; tracking_url?: unknown; transfer_notes?: unknown; port_information?: unknown }): Record<string, unknown> {
    const activity = this.own(id);
    const changes = Object.fromEntries(
      (['tracking_url', 'transfer_notes', 'port_information'] as const).filter((field) => typeof body?.[field] === 'string').map((field) => [field, body[field] as string]),
    );
    const result = this.store.changeState(activity.id, body?.state, changes)!;
    if (!isActivity(result)) throw TangoeSandboxError.invalid(result);
    this.notify(activity);
    return this.store.present(activity);
  }

  /** Every company's activities, or one company's, for the specialist. */
  all(company?: string): Array<Record<string, unknown>> {
    return this.store.list(company).map((activity) => ({ ...this.store.present(activity), company: activity.company }));
  }

  /** The report as the portal drops it on SFTP (option 2, docs/activities.md): CSV, a header row, one row per activity. */
  report(company: string): string {
    const rows = this.store.list(company).map((activity) => {
      const presented = this.store.present(activity) as Record<string, any>;
      const address = activity.shipping_address;
      return [
        activity.id,
        activity.state,
        activity.updated_at,
        presented.activity_type.name,
        activity.ticket_number,
        activity.remote_activity_id ?? '',
        activity.created_at,
        `${presented.assigned_to.name_first} ${presented.assigned_to.name_last}`,
        activity.requestor.name,
        activity.requestor.email,
        `${activity.created_for.name_first} ${activity.created_for.name_last}`,
        activity.carrier,
        activity.phone_number ?? '',
        activity.device ?? '',
        activity.plan?.name ?? '',
        activity.plan?.monthly_cost ?? '',
        activity.area_code ?? '',
        activity.preferred_address ?? '',
        address ? [address.address1, address.address2, `${address.city}, ${address.state}`, address.zip].filter(Boolean).join(' ') : '',
        activity.tracking_url ?? '',
        activity.port_information ?? '',
        activity.existing_phone_number ?? '',
        activity.account.number,
        activity.account.name,
        activity.transfer_notes ?? '',
      ];
    });
    return stringify([[...ACTIVITY_REPORT_COLUMNS], ...rows]);
  }

  private own(id: string, company?: string): Activity {
    const activity = /^\d+$/.test(id) ? this.store.get(Number(id)) : undefined;
    // Another company's activity is as absent as one that never existed.
    if (!activity || (company !== undefined && activity.company !== company)) throw TangoeSandboxError.notFound(`activity ${id} not found`);
    return activity;
  }
}

function isActivity(value: Activity | FieldErrors): value is Activity {
  return typeof (value as Activity).id === 'number';
}
