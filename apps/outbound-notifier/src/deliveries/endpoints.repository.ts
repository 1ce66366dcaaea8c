import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';
import { DeliveriesRepository } from './deliveries.repository';

/** Why a delivery was parked when its endpoint, not the delivery, is the cause. */
export const ENDPOINT_GONE = 'endpoint_gone';

export interface EndpointState {
  client_id: string;
  disabled_at: string | null;
  disabled_reason: string | null;
  not_before: string | null;
  paused_at: string | null;
  paused_reason: string | null;
  /** Deliveries of the client not yet delivered (pending or parked). */
  held: number;
}

/**
 * Each client's outbound endpoint as Standard Webhooks asks a sender to treat it: disabled after a 410 Gone until an
 * operator re-enables it, slowed after 429/502/504 or a Retry-After. A pause is written with its own commit, at
 * once, so every lane and replica stops claiming for that endpoint before the failed delivery's transaction ends;
 * a 410 is written with the delivery it parks, so a re-enable never misses that delivery. The line claims nothing
 * of a client held here (`heldClients`).
 */
@Injectable()
export class EndpointsRepository {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  /** Keeps the first 410's time and reason when several lanes meet it; in the caller's transaction when given. */
  async disable(clientId: string, reason: string, tx: Queryable = this.database): Promise<void> {
    await tx.query(
      `insert into endpoint_states (client_id, disabled_at, disabled_reason) values ($1, clock_timestamp(), $2)
       on conflict (client_id) do update set disabled_at = coalesce(endpoint_states.disabled_at, excluded.disabled_at),
         disabled_reason = coalesce(endpoint_states.disabled_reason, excluded.disabled_reason), updated_at = now()`,
      [clientId, reason],
    );
  }

  /**
   * No delivery to the endpoint before `pauseMs` from now (or a later time already set). Counted from the moment the
   * answer is recorded (clock_timestamp, not the transaction's start), so the pause is never shorter than asked.
   */
  async slowDown(clientId: string, pauseMs: number): Promise<void> {
    await this.database.query(
      `insert into endpoint_states (client_id, not_before) values ($1, clock_timestamp() + ($2::text || ' milliseconds')::interval)
       on conflict (client_id) do update set not_before = greatest(endpoint_states.not_before, excluded.not_before), updated_at = now()`,
      [clientId, String(Math.ceil(pauseMs))],
    );
  }

  /** True while nothing may be sent to the client's endpoint: disabled, slowed down, or paused by an operator. */
  async isHeld(clientId: string): Promise<boolean> {
    const { rows } = await this.database.query('select 1 from endpoint_states where client_id = $1 and (disabled_at is not null or not_before > now() or paused_at is not null)', [clientId]);
    return rows.length > 0;
  }

  /** The clients nothing may be sent to now (disabled, slowed down, paused): the line claims none of theirs. */
  async heldClients(): Promise<Set<string>> {
    const { rows } = await this.database.query<{ client_id: string }>('select client_id from endpoint_states where disabled_at is not null or not_before > now() or paused_at is not null');
    return new Set(rows.map((row) => row.client_id));
  }

  /** An operator's pause: the client's deliveries are kept, none is sent, until `resume`. A second pause keeps the first. */
  async pause(clientId: string, reason: string | undefined): Promise<void> {
    await this.database.query(
      `insert into endpoint_states (client_id, paused_at, paused_reason) values ($1, clock_timestamp(), $2)
       on conflict (client_id) do update set paused_at = coalesce(endpoint_states.paused_at, excluded.paused_at),
         paused_reason = coalesce(endpoint_states.paused_reason, excluded.paused_reason), updated_at = now()`,
      [clientId, reason ?? null],
    );
  }

  /** Lifts an operator's pause; what it held flows again, each ticket in its order. False when it was not paused. */
  async resume(clientId: string): Promise<boolean> {
    const { rowCount } = await this.database.query('update endpoint_states set paused_at = null, paused_reason = null, updated_at = now() where client_id = $1 and paused_at is not null', [clientId]);
    return rowCount > 0;
  }

  /**
   * Re-enables a disabled endpoint and puts the deliveries its 410 parked back in line, in one transaction; the
   * client's other deliveries were only held and flow again with them, each ticket in its order.
   */
  async enable(clientId: string): Promise<{ enabled: boolean; requeued: number }> {
    return this.database.transaction(async (tx) => {
      // A slow-down still running (`not_before`, after a 429/502/504 or a Retry-After) is lifted with it, since the
      // operator has decided the endpoint is fine; an operator's pause (`paused_at`) is not: only `resume` lifts it.
      const enabled = await tx.query(
        `update endpoint_states set disabled_at = null, disabled_reason = null, not_before = null, updated_at = now() where client_id = $1 and (disabled_at is not null or not_before > now())`,
        [clientId],
      );
      if (enabled.rowCount === 0) return { enabled: false, requeued: 0 };
      const requeued = await this.deliveries.replay({ clientId, parkedCause: ENDPOINT_GONE }, tx);
      return { enabled: true, requeued: requeued.length };
    });
  }

  /** The endpoints disabled, slowed down or paused now, with how many deliveries each holds back. */
  async held(): Promise<EndpointState[]> {
    const { rows } = await this.database.query<EndpointState & { held: string }>(
      `select s.client_id, s.disabled_at, s.disabled_reason, s.not_before, s.paused_at, s.paused_reason,
              (select count(*) from deliveries d where d.client_id = s.client_id and d.status in ('pending', 'parked')) as held
         from endpoint_states s where s.disabled_at is not null or s.not_before > now() or s.paused_at is not null order by s.client_id`,
    );
    return rows.map((row) => ({ ...row, held: Number(row.held) }));
  }
}
