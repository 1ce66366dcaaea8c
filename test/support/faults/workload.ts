import type { RunningSandbox } from '../../../apps/sandbox/src/start-sandbox';
import type { SupportRequest } from '../../../apps/sandbox/src/tangoe/store/support-request';
import type { ServiceNowInstance, ServiceNowRecord } from '../../../apps/sandbox/src/servicenow/servicenow-instance';
import { CALLER, ItsmDesk } from './itsm-desks';
import { ProgressGate } from './progress-gate';
import { Watcher } from './watcher';

/** What Tangoe's Externally Queued and Awaiting Customer Response write on a client's ticket (every adapter's default). */
export const EXTERNALLY_QUEUED_NOTE = 'Tangoe: Externally Queued, pending information from a third party.';
export const AWAITING_CUSTOMER_NOTE = 'Tangoe: Awaiting Customer Response.';

/**
 * One ticket's life, both ways: the caller opens it and comments three times while the specialist answers twice,
 * queues it externally and asks the customer; then either Tangoe closes it or the caller ends it (a cancel where the
 * ITSM has one, else a close). Within a step
 * both sides act at once, several changes in a burst, so the bridge must keep each direction's order itself.
 */
export interface TicketPlan {
  client: string;
  index: number;
  title: string;
  clientComments: [string, string, string];
  specialistNotes: [string, string];
  ending: 'tangoe-closes' | 'client-ends';
}

/** One activity through its states at Tangoe: into the client's RITM (update) or a record the bridge mirrors. */
export interface ActivityPlan {
  client: string;
  index: number;
  mode: 'update' | 'mirror';
  ending: 'completed' | 'cancelled';
}

export interface TicketOutcome {
  plan: TicketPlan;
  /** The ticket's key at its ITSM (a number, an issue key, an id), the support request's external_source_id. */
  key?: string;
  /** The note Tangoe's close must carry: the request's last interaction when the specialist closed it. */
  closeNote?: string;
  failure?: string;
}

export interface ActivityOutcome {
  plan: ActivityPlan;
  activityId?: number;
  ritmSysId?: string;
  failure?: string;
}

export const TICKET_STEPS = 4;
export const ACTIVITY_STEPS = 3;

export function planWorkload(tickets: number, clients: string[], activityClients: Record<string, 'update' | 'mirror'>): { tickets: TicketPlan[]; activities: ActivityPlan[] } {
  const ticketPlans = Array.from({ length: tickets }, (_, index): TicketPlan => {
    const client = clients[index % clients.length];
    const tag = `${client}#${index}`;
    return {
      client,
      index,
      title: `Phone ${tag} will not roam`,
      clientComments: [`c1 ${tag}: tried a restart — Grüße`, `c2 ${tag}: SIM swapped, still nothing`, `c3 ${tag}: it is urgent ✈`],
      specialistNotes: [`t1 ${tag}: checking with the carrier`, `t2 ${tag}: carrier reset the line; please retry`],
      ending: index % 4 === 3 ? 'client-ends' : 'tangoe-closes',
    };
  });
  const activityOwners = Object.keys(activityClients);
  const activities = Array.from({ length: Math.ceil(tickets / 10) }, (_, index): ActivityPlan => {
    const client = activityOwners[index % activityOwners.length];
    return { client, index, mode: activityClients[client], ending: index % 3 === 2 ? 'cancelled' : 'completed' };
  });
  return { tickets: ticketPlans, activities };
}

/** The ServiceNow states an activity's record goes through (sc_req_item: 2 work in progress, -5 pending, 3 closed complete, 4 closed incomplete). */
export const RITM_STATES = { ordered: '2', on_back_order: '-5', completed: '3', cancelled: '4' } as const;

/**
 * Plays the people at both ends, many tickets at once: callers at each client's service desk (its ITSM), the
 * specialist in Tangoe. Each step waits for its effect to show at the far end before the next (as people react to what they
 * see), so a step that never arrives is reported as the ticket's failure rather than hanging the run.
 */
export class WorkloadDriver {
  private readonly watcher = new Watcher();
  private requests = new Map<string, SupportRequest>();
  private requestsSeen = -1;
  private mirrors = new Map<string, ServiceNowRecord>();

  constructor(
    private readonly sandbox: RunningSandbox,
    private readonly desks: ReadonlyMap<string, ItsmDesk>,
    private readonly gate: ProgressGate,
    private readonly waitMs: number,
  ) {
    this.watcher.beforePass.push(() => this.refreshIndexes());
  }

  async run(tickets: TicketPlan[], activities: ActivityPlan[], concurrency: number): Promise<{ tickets: TicketOutcome[]; activities: ActivityOutcome[] }> {
    const ticketOutcomes: TicketOutcome[] = tickets.map((plan) => ({ plan }));
    const activityOutcomes: ActivityOutcome[] = activities.map((plan) => ({ plan }));
    // Activities interleaved with tickets, so faults hit both.
    const jobs: Array<() => Promise<void>> = [];
    const perActivity = Math.max(1, Math.floor(tickets.length / Math.max(1, activities.length)));
    ticketOutcomes.forEach((outcome, i) => {
      jobs.push(() => this.ticket(outcome));
      const activity = activityOutcomes[i / perActivity];
      if (i % perActivity === 0 && activity) jobs.push(() => this.activity(activity));
    });
    for (const outcome of activityOutcomes.slice(jobs.length - ticketOutcomes.length)) jobs.push(() => this.activity(outcome));
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
        while (next < jobs.length) await jobs[next++]();
      }),
    );
    return { tickets: ticketOutcomes, activities: activityOutcomes };
  }

  private async ticket(outcome: TicketOutcome): Promise<void> {
    const { plan } = outcome;
    const desk = this.desks.get(plan.client)!;
    const specialist = this.sandbox.tangoe.specialist;
    const [c1, c2, c3] = plan.clientComments;
    const [t1, t2] = plan.specialistNotes;
    let request: SupportRequest | undefined;
    // A state lasts at Tangoe until the next, so the next waits for this one to reach the ITSM: a poll can still see it.
    const noted = (note: string) => desk.bridgeNotes(outcome.key!).includes(note);
    await this.steps(outcome, TICKET_STEPS, [
      async () => {
        const key = desk.open(plan.title);
        outcome.key = key;
        request = await this.until(() => this.requests.get(`${plan.client}:${key}`), `the support request of ${plan.client}:${key}`);
      },
      async () => {
        desk.comment(outcome.key!, c1);
        specialist.addInteraction(request!.id, { text: t1 });
        specialist.changeState(request!.id, { state: 'externally_queued' });
        await this.until(() => hasInteraction(request!, c1) && noted(EXTERNALLY_QUEUED_NOTE), `c1 of ${outcome.key} at Tangoe, Externally Queued in ${desk.itsm}`);
      },
      async () => {
        desk.comment(outcome.key!, c2);
        desk.comment(outcome.key!, c3);
        specialist.addInteraction(request!.id, { text: t2 });
        specialist.changeState(request!.id, { state: 'awaiting_customer_response' });
        await this.until(() => hasInteraction(request!, c2) && hasInteraction(request!, c3) && noted(AWAITING_CUSTOMER_NOTE), `c2 and c3 of ${outcome.key} at Tangoe, Awaiting Customer Response in ${desk.itsm}`);
      },
      async () => {
        if (plan.ending === 'tangoe-closes') {
          // Tangoe's close carries the last interaction, whichever of the caller's c3 and the specialist's t2 it is.
          outcome.closeNote = request!.interactions.at(-1)!.text;
          specialist.changeState(request!.id, { state: 'closed' });
          await this.until(() => desk.status(outcome.key!) === desk.statuses.closed, `${outcome.key} closed in ${desk.itsm}`);
        } else {
          desk.end(outcome.key!);
          await this.until(() => request!.state === desk.endsAs, `${outcome.key} ${desk.endsAs} at Tangoe`);
        }
      },
    ]);
  }

  private async activity(outcome: ActivityOutcome): Promise<void> {
    const { plan } = outcome;
    const instance = this.sandbox.servicenow.get(plan.client);
    const activities = this.sandbox.tangoe.activities;
    const record = (): ServiceNowRecord | undefined => (plan.mode === 'update' ? instance.records.get(outcome.ritmSysId!) : this.mirrors.get(`${plan.client}:tangoe-activity-${outcome.activityId}`));
    const reaches = (state: string, what: string) => this.until(() => record()?.state === state, `activity ${outcome.activityId} of ${plan.client} ${what} in ServiceNow`);
    await this.steps(outcome, ACTIVITY_STEPS, [
      async () => {
        const ritm = plan.mode === 'update' ? instance.insert('sc_req_item', { short_description: `New iPhone, order ${plan.index}`, state: '1' }, CALLER) : undefined;
        outcome.ritmSysId = ritm?.sys_id;
        const created = activities.create(plan.client, { activity_type_id: 3, ...(ritm ? { remote_activity_id: ritm.number } : {}) }) as { id: number };
        outcome.activityId = created.id;
        await reaches(RITM_STATES.ordered, 'ordered');
      },
      async () => {
        if (plan.ending === 'cancelled') {
          activities.changeState(String(outcome.activityId), { state: 'cancelled' });
          await reaches(RITM_STATES.cancelled, 'cancelled');
        } else {
          activities.changeState(String(outcome.activityId), { state: 'on_back_order' });
          await reaches(RITM_STATES.on_back_order, 'on back order');
        }
      },
      async () => {
        if (plan.ending === 'completed') {
          activities.changeState(String(outcome.activityId), { state: 'completed', tracking_url: `https://track.example/${plan.index}` });
          await reaches(RITM_STATES.completed, 'completed');
        }
      },
    ]);
  }

  /** Runs a script's steps through the gate; after a failed step the rest still count as done, so the run goes on. */
  private async steps(outcome: { failure?: string }, total: number, steps: Array<() => Promise<void>>): Promise<void> {
    if (steps.length !== total) throw new Error(`a script of ${steps.length} steps declared ${total}`);
    for (const step of steps) {
      await this.gate.beforeStep();
      try {
        if (!outcome.failure) await step();
      } catch (error) {
        outcome.failure = (error as Error).message;
      } finally {
        this.gate.stepDone();
      }
    }
  }

  private until<T>(probe: () => T | undefined | false, description: string): Promise<T> {
    return this.watcher.until(probe, description, this.waitMs);
  }

  /** Support requests by client and ticket, and mirrored records by correlation id, indexed once per pass. */
  private refreshIndexes(): void {
    const all = this.sandbox.tangoe.store.all();
    if (all.length !== this.requestsSeen) {
      this.requestsSeen = all.length;
      this.requests = new Map(all.map((request) => [`${request.company}:${request.external_source_id}`, request]));
    }
    const mirrors = new Map<string, ServiceNowRecord>();
    for (const [name, instance] of this.sandbox.servicenow.byName) indexMirrors(name, instance, mirrors);
    this.mirrors = mirrors;
  }
}

function indexMirrors(client: string, instance: ServiceNowInstance, into: Map<string, ServiceNowRecord>): void {
  for (const record of instance.records.values()) if (record.correlation_id) into.set(`${client}:${record.correlation_id}`, record);
}

function hasInteraction(request: SupportRequest, text: string): boolean {
  return request.interactions.some((interaction) => interaction.text === text);
}
