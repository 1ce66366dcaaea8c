import type { Migration } from '@bridge/persistence';
import type { RetainedTable } from '@bridge/platform';

/** The ingress's own schema (DESIGN.md §5). Append new versions; never edit an applied one. */
export const INGRESS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'published events',
    // Event ids derive from the webhook's content: a re-delivered webhook finds its events here and is not
    // published again.
    sql: `
      create table published_events (
        event_id text primary key,
        subject text not null,
        event_type text not null,
        published_at timestamptz not null default now()
      );
      create index published_events_subject on published_events (subject);
    `,
  },
  {
    version: 2,
    name: 'content of published comments',
    // Tangoe pushes every new interaction, the ones the bridge wrote for the client included: a pushed interaction
    // whose text is a client comment the ingress published for the same ticket is that comment coming back.
    sql: `alter table published_events add column content_hash text;
          create index published_events_content on published_events (subject, content_hash) where content_hash is not null;`,
  },
  {
    version: 3,
    name: 'client changes as received',
    // Recorded the moment a webhook is read, committed before its events are published: the client's change can
    // only reach Tangoe after that, so its echo always finds it, even when the publish that carried it failed and
    // the ITSM's retry has not come yet. (published_events.content_hash, written after the publish, left a gap.)
    sql: `create table client_changes (
            subject text not null,
            content_hash text not null,
            received_at timestamptz not null default now(),
            primary key (subject, content_hash)
          );`,
  },
  {
    version: 4,
    name: 'published events without content',
    // Nothing has written or read published_events.content_hash since version 3; its index goes with it.
    sql: `alter table published_events drop column if exists content_hash;`,
  },
  {
    version: 5,
    name: 'reconciliation state',
    // One row per client: how far its ITSM has been read (the newest change seen, by the ITSM's clock), when the
    // next run is due, and a lease so one replica runs a client at a time; the rest is what the last run did.
    sql: `create table reconcile_state (
            client_id text primary key,
            watermark timestamptz not null,
            next_run_at timestamptz not null default now(),
            leased_until timestamptz,
            last_run_at timestamptz,
            last_records_read integer not null default 0,
            last_changes_found integer not null default 0,
            last_error text
          );`,
  },
  {
    version: 6,
    name: 'reconciliation lease owner',
    // A run that outlasted its lease must not renew or finish another replica's run of the same client.
    sql: `alter table reconcile_state add column lease_owner text;`,
  },
  {
    version: 7,
    name: 'when the bridge began serving each client',
    // A ticket opened at the ITSM before then may already have a support request at Tangoe (made by the client's
    // earlier bridge): its TicketOpened asks the gateway to look for it before creating one.
    sql: `create table client_serving (
            client_id text primary key,
            serving_since timestamptz not null default now()
          );`,
  },
];

/**
 * What the retention job trims here: the once-only record of every event published, and the echo notes of before
 * ADR 23, each kept RETENTION_DEDUPE_DAYS (docs/security.md#retention).
 */
export const INGRESS_RETAINED_TABLES: readonly RetainedTable[] = [
  { table: 'published_events', timeColumn: 'published_at', keep: 'dedupe' },
  { table: 'client_changes', timeColumn: 'received_at', keep: 'dedupe' },
];
