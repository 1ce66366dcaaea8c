import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import type { DeliveredBefore, OutboundUpdate, RenderedUpdate } from '@bridge/itsm-adapters';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';
import { traceHeaders } from '@bridge/tracing';

export interface DeliveryRow {
  id: string;
  client_id: string;
  external_source_id: string;
  event_id: string;
  kind: string;
  event: EventEnvelope;
  rendered: RenderedUpdate | null;
  status: 'pending' | 'delivered' | 'parked' | 'skipped';
  attempts: number;
  due_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  trace_context: Record<string, string> | null;
}

/** The delivery log: what must reach each client, in order per ticket, and every attempt made. */
@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Records an update once per (client, event). State changes pass through the ticket's last applied state: a
   * repeat (seen by push and by poll) or an older observation is recorded as skipped.
   */
  async enqueue(update: OutboundUpdate, event: EventEnvelope, rendered: RenderedUpdate | undefined, error: string | undefined, state?: string): Promise<'queued' | 'duplicate' | 'skipped'> {
    return this.database.transaction(async (tx) => {
      let status: DeliveryRow['status'] = rendered ? 'pending' : 'parked';
      if (state !== undefined && !(await this.advanceState(tx, update, state))) status = 'skipped';
      const inserted = await tx.query(
        `insert into deliveries (client_id, external_source_id, event_id, kind, event, rendered, status, last_error, trace_context)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (client_id, event_id) do nothing`,
        [update.clientId, update.externalSourceId, update.eventId, update.kind, JSON.stringify(event), rendered ? JSON.stringify(rendered) : null, status, error ?? null, JSON.stringify(traceHeaders())],
      );
      if (inserted.rowCount === 0) return 'duplicate';
      return status === 'skipped' ? 'skipped' : 'queued';
    });
  }

  private async advanceState(tx: Queryable, update: OutboundUpdate, state: string): Promise<boolean> {
    const { rows } = await tx.query<{ state: string; changed_at: Date | string }>(
      'select state, changed_at from ticket_states where client_id = $1 and external_source_id = $2 for update',
      [update.clientId, update.externalSourceId],
    );
    const last = rows[0];
    // The driver gives a timestamptz as a Date: Date.parse of it would read its string form, to the second, and let
    // an older observation of the same second through (the fault suite saw Externally Queued written again).
    if (last && (last.state === state || new Date(last.changed_at).getTime() >= Date.parse(update.changedAt))) return false;
    await tx.query(
      `insert into ticket_states (client_id, external_source_id, state, changed_at) values ($1, $2, $3, $4)
       on conflict (client_id, external_source_id) do update set state = excluded.state, changed_at = excluded.changed_at`,
      [update.clientId, update.externalSourceId, state, update.changedAt],
    );
    return true;
  }

  /**
   * Claims the next due delivery that heads its ticket's line (nothing earlier pending or parked), locked for the
   * transaction, so replicas share the work and a ticket's deliveries never overtake each other. An endpoint that is
   * disabled (410) or paused (429/502/504, Retry-After) in `endpoint_states` has none claimed, and neither has a
   * client out of the clients file (`configured` lists those in it): its deliveries wait, pending, for its return
   * (ADR 17). NO KEY UPDATE, because the attempt row written meanwhile on another connection takes a KEY SHARE lock
   * on it (its foreign key).
   */
  async withNextDue<T>(configured: readonly string[], work: (delivery: DeliveryRow, tx: Queryable) => Promise<T>): Promise<T | undefined> {
    if (configured.length === 0) return undefined;
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<DeliveryRow>(
        `select d.* from deliveries d
          where d.status = 'pending' and d.due_at <= now() and d.client_id = any($1::text[])
            and not exists (select 1 from deliveries e
                             where e.client_id = d.client_id and e.external_source_id = d.external_source_id
                               and e.id < d.id and e.status in ('pending', 'parked'))
            and not exists (select 1 from endpoint_states s
                             where s.client_id = d.client_id and (s.disabled_at is not null or s.not_before > now() or s.paused_at is not null))
          order by d.due_at, d.id
          limit 1
          for no key update of d skip locked`,
        [configured],
      );
      return rows[0] ? work(rows[0], tx) : undefined;
    });
  }

  /** Written outside the claiming transaction, so a crash mid-call leaves a trace that the outcome is unknown. */
  async startAttempt(deliveryId: string, attempt: number): Promise<string> {
    const { rows } = await this.database.query<{ id: string }>(`insert into delivery_attempts (delivery_id, attempt, outcome) values ($1, $2, 'sending') returning id`, [deliveryId, attempt]);
    return rows[0].id;
  }

  /**
   * When the delivery's first attempt began, if it had one: anything of it the ITSM shows was written since, by this
   * delivery or by the ticket's earlier ones (`deliveredBefore`), which tells them apart.
   */
  async firstAttemptStartedAt(deliveryId: string): Promise<Date | undefined> {
    const { rows } = await this.database.query<{ started_at: Date | string }>('select min(started_at) as started_at from delivery_attempts where delivery_id = $1', [deliveryId]);
    return rows[0]?.started_at ? new Date(rows[0].started_at) : undefined;
  }

  /**
   * The deliveries of the same ticket delivered before this one, oldest first, with when each was under way: all
   * the bridge wrote to the record before it, since a ticket's deliveries go one at a time, in order. What tells
   * their journal entries from this delivery's own (ADR 15).
   */
  async deliveredBefore(delivery: Pick<DeliveryRow, 'id' | 'client_id' | 'external_source_id'>): Promise<DeliveredBefore[]> {
    const { rows } = await this.database.query<{ rendered: RenderedUpdate; began: Date | string; delivered_at: Date | string }>(
      `select d.rendered, coalesce(min(a.started_at), d.delivered_at) as began, d.delivered_at
         from deliveries d left join delivery_attempts a on a.delivery_id = d.id
        where d.client_id = $1 and d.external_source_id = $2 and d.id < $3 and d.status = 'delivered' and d.rendered is not null
        group by d.id order by d.id`,
      [delivery.client_id, delivery.external_source_id, delivery.id],
    );
    return rows.map((row) => ({ update: row.rendered, began: new Date(row.began), delivered: new Date(row.delivered_at) }));
  }

  async finishAttempt(tx: Queryable, attemptId: string, outcome: 'delivered' | 'retry' | 'parked', statusCode: number | undefined, response: string, durationMs: number): Promise<void> {
    await tx.query('update delivery_attempts set outcome = $2, status_code = $3, response = $4, duration_ms = $5 where id = $1', [attemptId, outcome, statusCode ?? null, response.slice(0, 2_000), durationMs]);
  }

  async markDelivered(tx: Queryable, id: string, attempts: number): Promise<void> {
    // The moment the send ended, not the claim's transaction start: the ticket's next delivery tells this one's
    // journal entry from its own by when each was under way (ADR 15).
    await tx.query(`update deliveries set status = 'delivered', attempts = $2, delivered_at = clock_timestamp(), last_error = null where id = $1`, [id, attempts]);
  }

  /** The record a mirrored activity's create made; a create found again after a lost answer keeps the first. */
  async recordCreated(tx: Queryable, delivery: DeliveryRow, record: { id: string; number?: string }): Promise<void> {
    await tx.query(
      `insert into mirrored_records (client_id, external_source_id, record_id, record_number, delivery_id) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [delivery.client_id, delivery.external_source_id, record.id, record.number ?? null, delivery.id],
    );
  }

  async scheduleRetry(tx: Queryable, id: string, attempts: number, delayMs: number, error: string): Promise<void> {
    await tx.query(`update deliveries set attempts = $2, due_at = now() + ($3::text || ' milliseconds')::interval, last_error = $4 where id = $1`, [id, attempts, String(Math.round(delayMs)), error]);
  }

  /** `cause` marks a delivery parked for its endpoint's sake (`ENDPOINT_GONE`), which re-enabling it requeues. */
  async park(tx: Queryable, id: string, attempts: number, error: string, cause?: string): Promise<void> {
    await tx.query(`update deliveries set status = 'parked', attempts = $2, last_error = $3, parked_cause = $4 where id = $1`, [id, attempts, error, cause ?? null]);
  }

  async parked(): Promise<DeliveryRow[]> {
    return (await this.database.query<DeliveryRow>(`select * from deliveries where status = 'parked' order by id`)).rows;
  }

  async countParked(): Promise<number> {
    return Number((await this.database.query<{ n: string }>(`select count(*) as n from deliveries where status = 'parked'`)).rows[0].n);
  }

  async find(id: string): Promise<DeliveryRow | undefined> {
    return (await this.database.query<DeliveryRow>('select * from deliveries where id = $1', [id])).rows[0];
  }

  /** Back in line at once, with a fresh rendering (the template may have been fixed). */
  async requeue(id: string, rendered: RenderedUpdate): Promise<void> {
    await this.database.query(`update deliveries set status = 'pending', due_at = now(), rendered = $2, last_error = null, parked_cause = null where id = $1 and status = 'parked'`, [id, JSON.stringify(rendered)]);
  }

  async timeline(clientId: string, externalSourceId: string) {
    const deliveries = (await this.database.query<DeliveryRow>('select * from deliveries where client_id = $1 and external_source_id = $2 order by id', [clientId, externalSourceId])).rows;
    const attempts = (
      await this.database.query<{ delivery_id: string; attempt: number; started_at: string; status_code: number | null; outcome: string; response: string | null }>(
        'select delivery_id, attempt, started_at, status_code, outcome, response from delivery_attempts where delivery_id = any($1::bigint[]) order by id',
        [deliveries.map((d) => d.id)],
      )
    ).rows;
    return deliveries.map((d) => ({ ...d, attempts_log: attempts.filter((a) => String(a.delivery_id) === String(d.id)) }));
  }
}
