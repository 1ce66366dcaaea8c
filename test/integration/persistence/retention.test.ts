import { Client } from 'pg';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * The retention job of each service, against the real PostgreSQL: old once-only records and attempt logs go, what
 * is still needed stays (unfinished work, a parked delivery, a delivery that created a mirrored record, anything
 * younger than its age). Rows are aged by hand: the job runs every 200 ms here.
 */
describe('retention of the once-only records and attempt logs', () => {
  let bridge: Bridge;
  let db: Client;
  const schema = (service: string) => `"${process.env.DATABASE_SCHEMA_PREFIX}_${service}"`;

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme'], notifier: true, env: { RETENTION_INTERVAL_MS: '200', RETENTION_DEDUPE_DAYS: '90', RETENTION_LOG_DAYS: '30', RECONCILE_ENABLED: 'false', POLL_ENABLED: 'false' } });
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await bridge?.close();
  });

  const ids = async (sql: string) => (await db.query<{ id: string }>(sql)).rows.map((row) => row.id).sort();

  it('deletes what is past its age and keeps what is still needed, in every service', async () => {
    const ingress = schema('ingress');
    await db.query(`insert into ${ingress}.published_events (event_id, subject, event_type, published_at) values
      ('old', 'acme:INC1', 'TicketOpened', now() - interval '91 days'), ('young', 'acme:INC1', 'CommentAdded', now() - interval '89 days')`);

    const gateway = schema('tangoe_gateway');
    // An item's due_at is its last turn (each retry and replay moves it).
    await db.query(`insert into ${gateway}.ticket_work (client_id, external_source_id, status, event_id, event, queued_at, due_at) values
      ('acme', 'INC1', 'done', 'old-done', '{}', now() - interval '91 days', now() - interval '91 days'),
      ('acme', 'INC2', 'parked', 'old-parked', '{}', now() - interval '91 days', now() - interval '91 days'),
      ('acme', 'INC3', 'done', 'young-done', '{}', now() - interval '1 day', now() - interval '1 day')`);

    await db.query(`insert into ${gateway}.handled_events (event_id, handled_at) values ('old-handled', now() - interval '91 days'), ('young-handled', now())`);
    await db.query(`insert into ${gateway}.observed_activity_changes (event_id, client_id, observed_at) values ('old-observed', 'acme', now() - interval '91 days'), ('young-observed', 'acme', now())`);
    // Queued 91 days ago, parked, replayed and done yesterday: its last turn is yesterday.
    await db.query(`insert into ${gateway}.ticket_work (client_id, external_source_id, status, event_id, event, queued_at, due_at) values ('acme', 'INC4', 'done', 'replayed-done', '{}', now() - interval '91 days', now() - interval '1 day')`);

    const notifier = schema('outbound_notifier');
    const delivery = async (eventId: string, status: string, age: string) =>
      (await db.query<{ id: string }>(`insert into ${notifier}.deliveries (client_id, external_source_id, event_id, kind, event, status, created_at, due_at) values ('acme', 'INC1', $1, 'note', '{}', $2, now() - $3::interval, now() - $3::interval) returning id`, [eventId, status, age])).rows[0].id;
    const delivered = await delivery('delivered-old', 'delivered', '91 days');
    const withAttempt = await delivery('delivered-old-attempt', 'delivered', '91 days');
    await db.query(`insert into ${notifier}.delivery_attempts (delivery_id, attempt, outcome, started_at) values ($1, 1, 'delivered', now() - interval '91 days')`, [withAttempt]);
    const parked = await delivery('parked-old', 'parked', '91 days');
    // A parked delivery's old attempt stays: a replay reads it to look for an earlier write before sending again.
    await db.query(`insert into ${notifier}.delivery_attempts (delivery_id, attempt, outcome, started_at) values ($1, 1, 'parked', now() - interval '91 days')`, [parked]);
    const pending = await delivery('pending-old', 'pending', '91 days');
    // Made 91 days ago, replayed and delivered yesterday: its last turn is yesterday.
    const replayed = await delivery('replayed-old', 'delivered', '91 days');
    await db.query(`update ${notifier}.deliveries set due_at = now() - interval '1 day' where id = $1`, [replayed]);
    const mirrored = await delivery('mirrored-old', 'delivered', '91 days');
    await db.query(`insert into ${notifier}.mirrored_records (client_id, external_source_id, record_id, delivery_id) values ('acme', 'ACT1', 'rec-1', $1)`, [mirrored]);
    const young = await delivery('delivered-young', 'delivered', '10 days');
    await db.query(`insert into ${notifier}.delivery_attempts (delivery_id, attempt, outcome, started_at) values ($1, 1, 'delivered', now() - interval '10 days')`, [young]);

    // The positive signal: each old row that may go is gone (the same passes looked at the rows that stay).
    await waitFor(async () => (await ids(`select event_id as id from ${ingress}.published_events where event_id = 'old'`)).length === 0, { description: "the ingress's old once-only record deleted" });
    await waitFor(async () => (await ids(`select event_id as id from ${gateway}.ticket_work where event_id = 'old-done'`)).length === 0, { description: "the gateway's old finished item deleted" });
    await waitFor(async () => (await ids(`select id::text from ${notifier}.deliveries where id in (${delivered}, ${withAttempt})`)).length === 0, { description: "the notifier's old deliveries deleted, the one with an attempt after its attempt" });

    expect(await ids(`select event_id as id from ${ingress}.published_events where event_id in ('old', 'young')`)).toEqual(['young']);
    expect(await ids(`select event_id as id from ${gateway}.ticket_work where event_id in ('old-done', 'old-parked', 'young-done', 'replayed-done')`)).toEqual(['old-parked', 'replayed-done', 'young-done']);
    await waitFor(async () => (await ids(`select event_id as id from ${gateway}.observed_activity_changes where event_id = 'old-observed'`)).length === 0, { description: "the gateway's old observed change deleted" });
    expect(await ids(`select event_id as id from ${gateway}.handled_events where event_id in ('old-handled', 'young-handled')`)).toEqual(['young-handled']);
    expect(await ids(`select event_id as id from ${gateway}.observed_activity_changes where event_id in ('old-observed', 'young-observed')`)).toEqual(['young-observed']);
    expect(await ids(`select id::text from ${notifier}.deliveries where id in (${delivered}, ${withAttempt}, ${parked}, ${pending}, ${replayed}, ${mirrored}, ${young})`)).toEqual([parked, pending, replayed, mirrored, young].sort());
    expect(await ids(`select delivery_id::text as id from ${notifier}.delivery_attempts where delivery_id in (${withAttempt}, ${parked}, ${young})`)).toEqual([parked, young].sort());

    const metrics = await fetch(`${bridge.notifierUrl}/metrics`).then((answer) => answer.text());
    expect(metrics).toMatch(/bridge_retention_deleted_total\{[^}]*table="deliveries"[^}]*\} 2\n/);
  });
});
