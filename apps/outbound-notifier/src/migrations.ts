import type { Migration } from '@bridge/persistence';
import type { RetainedTable } from '@bridge/platform';
import { workLineIndexes, workLineLeases } from '@bridge/work-line';

/** The notifier's own schema (DESIGN.md §5). Append new versions; never edit an applied one. */
export const OUTBOUND_NOTIFIER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'delivery log',
    sql: `
      -- One delivery per (client, event): the unique key is what makes "once" hold across re-deliveries.
      create table deliveries (
        id bigserial primary key,
        client_id text not null,
        external_source_id text not null,
        event_id text not null,
        kind text not null,
        event jsonb not null,
        rendered jsonb,
        status text not null check (status in ('pending', 'delivered', 'parked', 'skipped')),
        attempts integer not null default 0,
        due_at timestamptz not null default now(),
        last_error text,
        created_at timestamptz not null default now(),
        delivered_at timestamptz,
        unique (client_id, event_id)
      );
      create index deliveries_due on deliveries (due_at) where status = 'pending';
      create index deliveries_ticket on deliveries (client_id, external_source_id, id);
      -- Every attempt, with the answer: the log operators read.
      create table delivery_attempts (
        id bigserial primary key,
        delivery_id bigint not null references deliveries (id),
        attempt integer not null,
        started_at timestamptz not null default now(),
        status_code integer,
        outcome text not null check (outcome in ('sending', 'delivered', 'retry', 'parked')),
        response text,
        duration_ms integer
      );
      create index delivery_attempts_delivery on delivery_attempts (delivery_id, attempt);
      -- The last Tangoe state applied per ticket: the same change seen by push and by poll is applied once, and a
      -- stale observation never overwrites a newer one.
      create table ticket_states (
        client_id text not null,
        external_source_id text not null,
        state text not null,
        changed_at timestamptz not null,
        primary key (client_id, external_source_id)
      );
    `,
  },
  {
    version: 2,
    name: 'mirrored records',
    sql: `
      -- The record the bridge created in the client's ITSM for an activity it mirrors (seed 001, figure 4).
      create table mirrored_records (
        client_id text not null,
        external_source_id text not null,
        record_id text not null,
        record_number text,
        delivery_id bigint not null references deliveries (id),
        created_at timestamptz not null default now(),
        primary key (client_id, external_source_id)
      );
    `,
  },
  {
    version: 3,
    name: 'delivery trace context',
    sql: `
      -- The W3C trace context of the event a delivery came from, so its sending continues the event's trace.
      alter table deliveries add column trace_context jsonb;
    `,
  },
  {
    version: 4,
    name: 'endpoint states',
    sql: `
      -- A client's outbound endpoint as every replica sees it: disabled by a 410 Gone until an operator re-enables
      -- it, or paused until not_before by 429/502/504 and Retry-After. The worker's claim honours both.
      create table endpoint_states (
        client_id text primary key,
        disabled_at timestamptz,
        disabled_reason text,
        not_before timestamptz,
        updated_at timestamptz not null default now()
      );
      -- Why a delivery was parked when the cause is its endpoint's, not its own ('endpoint_gone'): re-enabling the
      -- endpoint puts exactly these back in line.
      alter table deliveries add column parked_cause text;
    `,
  },
  {
    version: 5,
    name: 'clients paused by an operator',
    // Paused, a client's deliveries are taken and kept, and none is sent to its ITSM until an operator resumes it.
    sql: 'alter table endpoint_states add column paused_at timestamptz, add column paused_reason text;',
  },
  {
    version: 6,
    name: 'updates held for a client out of the clients file',
    // Tangoe's updates for a client a reload removed or disabled: kept in arrival order, and queued as deliveries
    // with the configuration of the day it is back in the file (ADR 17). Nothing is planned or rendered before.
    sql: `
      create table held_updates (
        seq bigserial primary key,
        client_id text not null,
        event_id text not null,
        event jsonb not null,
        held_at timestamptz not null default now(),
        unique (client_id, event_id)
      );
    `,
  },
  {
    version: 7,
    name: 'deliveries as a work line',
    // The delivery log is the notifier's work line (libs/work-line, ADR 20): the line's rank column and its indexes.
    sql: `
      alter table deliveries add column rank smallint not null default 1;
      drop index deliveries_due;
      drop index deliveries_ticket;
      ${workLineIndexes('deliveries')}
      create index deliveries_ticket on deliveries (client_id, external_source_id, id);
    `,
  },
  {
    version: 8,
    name: 'a lease on each delivery being sent',
    // The claim leases the delivery in one statement instead of holding its row lock across the call to the ITSM (ADR 25).
    sql: workLineLeases('deliveries'),
  },
  {
    version: 9,
    name: 'attempts by time',
    // The console reads each client's attempts of the last day (`answersOfLastDay`) at every refresh, and the
    // retention job trims the log by age: both by started_at, which no index served.
    sql: 'create index delivery_attempts_started on delivery_attempts (started_at);',
  },
];

/**
 * What the retention job trims here: the attempt log of finished deliveries, kept RETENTION_LOG_DAYS, and the deliveries made or skipped,
 * kept RETENTION_DEDUPE_DAYS (their unique event id is what keeps a redelivered event from being delivered twice)
 * once no attempt of theirs is left. Parked and pending deliveries stay, and those that created a mirrored record
 * (docs/security.md#retention).
 */
export const NOTIFIER_RETAINED_TABLES: readonly RetainedTable[] = [
  // A finished delivery's attempts only: a parked or pending one's first attempt tells a replay to look for an
  // earlier write before sending again, and its errors are what an operator reads.
  {
    table: 'delivery_attempts',
    timeColumn: 'started_at',
    keep: 'log',
    where: "exists (select 1 from deliveries d where d.id = delivery_attempts.delivery_id and d.status in ('delivered', 'skipped'))",
  },
  {
    table: 'deliveries',
    // Its last turn, not its creation: one parked for months and replayed today is kept as long as one made today.
    timeColumn: 'greatest(created_at, due_at, delivered_at)',
    keep: 'dedupe',
    // A delivery that created a mirrored record stays: the record names it.
    where: "status in ('delivered', 'skipped') and not exists (select 1 from delivery_attempts a where a.delivery_id = deliveries.id) and not exists (select 1 from mirrored_records m where m.delivery_id = deliveries.id)",
  },
];
