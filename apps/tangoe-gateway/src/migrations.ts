import type { Migration } from '@bridge/persistence';
import type { RetainedTable } from '@bridge/platform';
import { workLineColumns, workLineIndexes, workLineLeases } from '@bridge/work-line';

/** The GET budget's grants table (tangoe/get-grants.repository.ts); its SQL is as first applied, checksum and all. */
export const TANGOE_GET_BUDGET_MIGRATION: Migration = {
  version: 1000,
  name: 'tangoe get budget',
  sql: `
    create table tangoe_get_grants (
      api_user text not null,
      granted_at timestamptz not null
    );
    create index tangoe_get_grants_window on tangoe_get_grants (api_user, granted_at);
  `,
};

/** The gateway's own schema (DESIGN.md §5). Append new versions; never edit an applied one. */
export const TANGOE_GATEWAY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ticket links, handled events, waiting work',
    sql: `
      -- external id ⇄ support request id ⇄ interaction token, and how far the creation got.
      create table ticket_links (
        client_id text not null,
        external_source_id text not null,
        status text not null check (status in ('creating', 'linked', 'parked')),
        support_request_id bigint,
        interaction_token text,
        -- The TicketOpened that asked for the link, kept so a parked ticket can be replayed.
        opened_event jsonb not null,
        -- Counted before each create call: a count above zero means Tangoe may already hold the request.
        create_attempts integer not null default 0,
        last_error text,
        updated_at timestamptz not null default now(),
        primary key (client_id, external_source_id)
      );
      -- Events whose effect is done: a re-delivery finds itself here and does nothing.
      create table handled_events (
        event_id text primary key,
        handled_at timestamptz not null default now()
      );
      -- Client-side events of a ticket that is not linked yet (or is parked): they wait, in order, with it.
      create table waiting_events (
        seq bigserial primary key,
        client_id text not null,
        external_source_id text not null,
        event_id text not null unique,
        event jsonb not null,
        queued_at timestamptz not null default now()
      );
      create index waiting_events_ticket on waiting_events (client_id, external_source_id, seq);
      -- Comments on their way to Tangoe: 'sending' before the call, so a crash mid-call is looked up, not re-sent.
      create table interaction_sends (
        event_id text primary key,
        client_id text not null,
        external_source_id text not null,
        text text not null,
        status text not null check (status in ('sending', 'sent')),
        interaction_id bigint,
        started_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 2,
    name: 'what the poller has seen',
    sql: `
      -- The Tangoe side of each link as last seen, so the poller publishes only what changed.
      alter table ticket_links add column tangoe_state text;
      alter table ticket_links add column last_interaction_id bigint;
      -- One poll cursor per client; replicas share the polling by locking rows (SKIP LOCKED), no leader needed.
      create table poll_cursors (
        client_id text primary key,
        updated_after text,
        next_poll_at timestamptz not null default now(),
        last_polled_at timestamptz,
        last_error text
      );
    `,
  },
  {
    version: 3,
    name: 'poll cursors per stream',
    sql: `
      -- Support requests and activities are polled apart, each with its own updated_at cursor per client.
      alter table poll_cursors add column stream text not null default 'support_requests';
      alter table poll_cursors drop constraint poll_cursors_pkey;
      alter table poll_cursors add primary key (client_id, stream);
    `,
  },
  {
    version: 4,
    name: 'activity reports read',
    sql: `
      -- Each report file read from a client's SFTP folder, as it was (size, time): a file is read again only when
      -- it changed. Its unusable rows, with their lines, for operators.
      create table report_files (
        client_id text not null,
        file_name text not null,
        size bigint not null,
        modified_at timestamptz not null,
        rows_used integer not null,
        problems jsonb not null default '[]',
        read_at timestamptz not null default now(),
        primary key (client_id, file_name)
      );
    `,
  },
  TANGOE_GET_BUDGET_MIGRATION,
  // Above the GET budget's 1000, which every deployed schema already has: a lower version would be refused there.
  {
    version: 1001,
    name: 'the state the client set at Tangoe',
    // The client's own cancel or close, applied at Tangoe, is seen again by the poll: not news for the client.
    sql: 'alter table ticket_links add column client_set_state text;',
  },
  {
    version: 1002,
    name: 'requests the poll passed by before their link',
    // A request the poll saw while its ticket was still being created, or parked: the cursor the poll must go back
    // to once the ticket is linked, or what Tangoe did meanwhile would never be read.
    sql: 'alter table ticket_links add column poll_passed_after timestamptz;',
  },
  {
    version: 1003,
    name: 'clients paused by an operator',
    // While a client is paused its events wait in their tickets' lines and nothing is sent to its Tangoe.
    sql: 'create table client_pauses (client_id text primary key, paused_at timestamptz not null default now(), reason text);',
  },
  {
    version: 1004,
    name: 'tickets linked to a request Tangoe already had',
    // An onboarded ticket whose request the client's earlier bridge had made: linked, not created (bridge onboard).
    sql: 'alter table ticket_links add column found_at_tangoe boolean not null default false;',
  },
  {
    version: 1005,
    name: "the thread a found request had, and held tickets' failed sends",
    // A found request's thread at the link tells which of the ticket's older comments its earlier bridge had sent;
    // a held ticket the sweep cannot send is parked after as many failures as the bus would allow.
    sql: `alter table ticket_links add column earlier_thread jsonb;
          alter table ticket_links add column held_send_failures integer not null default 0;`,
  },
  {
    version: 1006,
    name: "one work line per ticket",
    // Every client-side event of a ticket joins its line and leaves it once Tangoe has it; retry and park are the
    // line's (ADR 20). What waited in waiting_events moves over in its order; a ticket still to be created gets its
    // opening back in its line; a parked ticket becomes a parked event: its opening if it never had a request, else
    // the first of its events that waited. handled_events stays, read-only: an event handled before the upgrade and
    // delivered again after it is not appended again. Old gateways must be stopped first (docs/runbook.md).
    sql: `
      create table ticket_work (${workLineColumns},
        event_id text not null unique,
        event jsonb not null,
        queued_at timestamptz not null default now()
      );
      ${workLineIndexes('ticket_work')}
      insert into ticket_work (client_id, external_source_id, rank, status, event_id, event, queued_at)
        select client_id, external_source_id, 1, 'pending', event_id, event, queued_at from waiting_events order by seq;
      insert into ticket_work (client_id, external_source_id, rank, status, last_error, event_id, event)
        select client_id, external_source_id, 0, case when status = 'parked' then 'parked' else 'pending' end,
               case when status = 'parked' then last_error end, opened_event->>'id', opened_event
          from ticket_links where support_request_id is null and status in ('creating', 'parked')
        on conflict (event_id) do nothing;
      update ticket_work w set status = 'parked', last_error = l.last_error
        from ticket_links l
       where l.status = 'parked' and l.support_request_id is not null
         and w.client_id = l.client_id and w.external_source_id = l.external_source_id
         and w.id = (select min(f.id) from ticket_work f where f.client_id = l.client_id and f.external_source_id = l.external_source_id);
      update ticket_links set status = case when support_request_id is null then 'creating' else 'linked' end where status = 'parked';
      drop table waiting_events;
      alter table ticket_links drop column held_send_failures;
    `,
  },
  {
    version: 1007,
    name: "a ticket event's trace context",
    // The W3C trace context of the consumer's span that appended the event, so its sending to Tangoe continues the
    // event's trace (the notifier's deliveries keep theirs the same way).
    sql: 'alter table ticket_work add column trace_context jsonb;',
  },
  {
    version: 1008,
    name: 'observed activity changes',
    // Every Tangoe change is read at the gateway now, pushes included (docs/adr/0023): each change pushed, polled or
    // reported is published once, by its event id, noted once Kafka acknowledged it (ObserveTangoeChangesUseCase).
    sql: `create table observed_activity_changes (
            event_id text primary key,
            client_id text not null,
            observed_at timestamptz not null default now()
          );`,
  },
  {
    version: 1009,
    name: 'every state the client set at Tangoe',
    // The echo store keeps each state the client set, not only the last: a push of its earlier close arriving after
    // its cancel is its own change coming back, not Tangoe's news.
    sql: `alter table ticket_links add column client_set_states text[] not null default '{}';
          update ticket_links set client_set_states = array[client_set_state] where client_set_state is not null;`,
  },
  {
    version: 1010,
    name: 'a lease on each ticket event being sent',
    // The claim leases the item in one statement instead of holding its row lock across the call to Tangoe (ADR 25).
    sql: workLineLeases('ticket_work'),
  },
  {
    version: 1011,
    name: "a ticket's events, done ones included",
    // The console's timeline of a ticket reads all its events (`eventsOf`) at every refresh; the line's own index
    // covers only those still in the line.
    sql: 'create index ticket_work_ticket on ticket_work (client_id, external_source_id, rank, id);',
  },
];

/**
 * What the retention job trims here, each kept RETENTION_DEDUPE_DAYS: the work line's finished items (their event
 * ids are what keeps a redelivered event from being handled twice), the events handled before the work line, and
 * the activity changes published (docs/security.md#retention).
 */
export const GATEWAY_RETAINED_TABLES: readonly RetainedTable[] = [
  // Its last turn (due_at moves with each retry and replay), not its queueing: an item parked for months and
  // replayed today is kept as long as one queued today.
  { table: 'ticket_work', timeColumn: 'greatest(queued_at, due_at)', keep: 'dedupe', where: "status = 'done'" },
  { table: 'handled_events', timeColumn: 'handled_at', keep: 'dedupe' },
  { table: 'observed_activity_changes', timeColumn: 'observed_at', keep: 'dedupe' },
];
