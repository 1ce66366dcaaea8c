import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import type { DeliveredBefore, OutboundUpdate, RenderedUpdate } from '@bridge/itsm-adapters';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';
import { traceHeaders, traceIdOf } from '@bridge/tracing';
import { WorkLineRepository, WorkRow } from '@bridge/work-line';

export interface DeliveryRow extends WorkRow {
  event_id: string;
  kind: string;
  event: EventEnvelope;
  rendered: RenderedUpdate | null;
  status: 'pending' | 'delivered' | 'parked' | 'skipped';
  created_at: string;
  delivered_at: string | null;
  trace_context: Record<string, string> | null;
}

/** How a client's ITSM answered the deliveries of the last day. */
export interface ItsmAnswers {
  clientId: string;
  lastDeliveredAt: string | null;
  lastAnswerAt: string;
  lastOutcome: string;
  lastStatus: number | null;
  failuresSinceLastDelivered: number;
}

/**
 * The delivery log: what must reach each client, in order per ticket, and every attempt made. It is the notifier's
 * work line (libs/work-line, ADR 20): claims, retries, parking and replays are the line's.
 */
@Injectable()
export class DeliveriesRepository extends WorkLineRepository<DeliveryRow> {
  constructor(@Inject(DATABASE) private readonly db: Database) {
    super(db, 'deliveries', 'delivered');
  }

  /**
   * Per client with attempts in the last day: when its ITSM last took a delivery, its last answer (the outcome and
   * the HTTP status, none when the connection failed) and how many attempts failed since the last one it took: the
   * console's "ITSM last answered" and failure streak.
   */
  async answersOfLastDay(): Promise<ItsmAnswers[]> {
    const { rows } = await this.db.query<{ client_id: string; last_delivered_at: Date | null; last_answer_at: Date; last_outcome: string; last_status: number | null; failures: string }>(
      `with recent as (
         select d.client_id, a.started_at, a.outcome, a.status_code
           from delivery_attempts a join deliveries d on d.id = a.delivery_id
          where a.started_at > now() - interval '1 day' and a.outcome <> 'sending'),
       last_taken as (select client_id, max(started_at) as at from recent where outcome = 'delivered' group by client_id),
       failures as (
         select r.client_id, count(*) filter (where r.outcome <> 'delivered' and r.started_at > coalesce(t.at, '-infinity'::timestamptz)) as n
           from recent r left join last_taken t using (client_id) group by r.client_id),
       last_answer as (select distinct on (client_id) client_id, started_at, outcome, status_code from recent order by client_id, started_at desc)
       select a.client_id, t.at as last_delivered_at, a.started_at as last_answer_at, a.outcome as last_outcome, a.status_code as last_status, f.n as failures
         from last_answer a left join last_taken t using (client_id) join failures f using (client_id)`,
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      lastDeliveredAt: row.last_delivered_at?.toISOString() ?? null,
      lastAnswerAt: row.last_answer_at.toISOString(),
      lastOutcome: row.last_outcome,
      lastStatus: row.last_status,
      failuresSinceLastDelivered: Number(row.failures),
    }));
  }

  /**
   * Records an update once per (client, event). State changes pass through the ticket's last applied state: a
   * repeat (seen by push and by poll) or an older observation is recorded as skipped.
   */
  async enqueue(update: OutboundUpdate, event: EventEnvelope, rendered: RenderedUpdate | undefined, error: string | undefined, state?: string): Promise<'queued' | 'duplicate' | 'skipped'> {
    return this.db.transaction(async (tx) => {
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

  /** Written outside the claiming transaction, so a crash mid-call leaves a trace that the outcome is unknown. */
  async startAttempt(deliveryId: string, attempt: number): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>(`insert into delivery_attempts (delivery_id, attempt, outcome) values ($1, $2, 'sending') returning id`, [deliveryId, attempt]);
    return rows[0].id;
  }

  /**
   * When the delivery's first attempt began, if it had one: anything of it the ITSM shows was written since, by this
   * delivery or by the ticket's earlier ones (`deliveredBefore`), which tells them apart.
   */
  async firstAttemptStartedAt(deliveryId: string): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ started_at: Date | string }>('select min(started_at) as started_at from delivery_attempts where delivery_id = $1', [deliveryId]);
    return rows[0]?.started_at ? new Date(rows[0].started_at) : undefined;
  }

  /**
   * The deliveries of the same ticket delivered before this one, oldest first, with when each was under way: all
   * the bridge wrote to the record before it, since a ticket's deliveries go one at a time, in order. What tells
   * their journal entries from this delivery's own (ADR 15).
   */
  async deliveredBefore(delivery: Pick<DeliveryRow, 'id' | 'client_id' | 'external_source_id'>): Promise<DeliveredBefore[]> {
    const { rows } = await this.db.query<{ rendered: RenderedUpdate; began: Date | string; delivered_at: Date | string }>(
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

  /** An attempt whose handler failed before it could say how it went (an endpoint's state not written): closed with the line's decision. */
  async finishOpenAttempt(tx: Queryable, deliveryId: string, attempt: number, outcome: 'delivered' | 'retry' | 'parked', response: string): Promise<void> {
    await tx.query(`update delivery_attempts set outcome = $3, response = $4 where delivery_id = $1 and attempt = $2 and outcome = 'sending'`, [deliveryId, attempt, outcome, response.slice(0, 2_000)]);
  }

  /** The line marks it delivered; when is the moment its decision is written, after the send ended: the ticket's next
   * delivery, claimed only once it is, tells this one's journal entry from its own by when each was under way (ADR 15). */
  async markDeliveredAt(tx: Queryable, id: string): Promise<void> {
    await tx.query('update deliveries set delivered_at = clock_timestamp() where id = $1', [id]);
  }

  /** The record a mirrored activity's create made; a create found again after a lost answer keeps the first. */
  async recordCreated(tx: Queryable, delivery: DeliveryRow, record: { id: string; number?: string }): Promise<void> {
    await tx.query(
      `insert into mirrored_records (client_id, external_source_id, record_id, record_number, delivery_id) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [delivery.client_id, delivery.external_source_id, record.id, record.number ?? null, delivery.id],
    );
  }

  /** Back in line at once, with a fresh rendering (the template may have been fixed). */
  async requeue(id: string, rendered: RenderedUpdate): Promise<void> {
    await this.db.transaction(async (tx) => {
      if ((await this.replay({ id }, tx)).length > 0) await tx.query('update deliveries set rendered = $2 where id = $1', [id, JSON.stringify(rendered)]);
    });
  }

  async timeline(clientId: string, externalSourceId: string) {
    const deliveries = (await this.db.query<DeliveryRow>('select * from deliveries where client_id = $1 and external_source_id = $2 order by id', [clientId, externalSourceId])).rows;
    const attempts = (
      await this.db.query<{ delivery_id: string; attempt: number; started_at: string; status_code: number | null; outcome: string; response: string | null }>(
        'select delivery_id, attempt, started_at, status_code, outcome, response from delivery_attempts where delivery_id = any($1::bigint[]) order by id',
        [deliveries.map((d) => d.id)],
      )
    ).rows;
    return deliveries.map((d) => ({ ...d, trace_id: traceIdOf(d.trace_context), attempts_log: attempts.filter((a) => String(a.delivery_id) === String(d.id)) }));
  }
}
