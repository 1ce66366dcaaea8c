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
    await db.query(`insert into ${gateway}.ticket_work (client_id, external_source_id, status, event_id, event, queued_at) values
      ('acme', 'INC1', 'done', 'old-done', '{}', now() - interval '91 days'),
      ('acme', 'INC2', 'parked', 'old-parked', '{}', now() - interval '91 days'),
      ('acme', 'INC3', 'done', 'young-done', '{}', now() - interval '1 day')`);

    const notifier = schema('outbound_notifier');
    const delivery = async (eventId: string, status: string, age: string) =>
      (await db.query<{ id: string }>(`insert into ${notifier}.deliveries (client_id, external_source_id, event_id, kind, event, status, created_at) values ('acme', 'INC1', $1, 'note', '{}', $2, now() - $3::interval) returning id`, [eventId, status, age])).rows[0].id;
    const delivered = await delivery('delivered-old', 'delivered', '91 days');
    const withAttempt = await delivery('delivered-old-attempt', 'delivered', '91 days');
    await db.query(`insert into ${notifier}.delivery_attempts (delivery_id, attempt, outcome, started_at) values ($1, 1, 'delivered', now() - interval '91 days')`, [withAttempt]);
    const parked = await delivery('parked-old', 'parked', '91 days');
    const mirrored = await delivery('mirrored-old', 'delivered', '91 days');
    await db.query(`insert into ${notifier}.mirrored_records (client_id, external_source_id, record_id, delivery_id) values ('acme', 'ACT1', 'rec-1', $1)`, [mirrored]);
    const young = await delivery('delivered-young', 'delivered', '10 days');
    await db.query(`insert into ${notifier}.delivery_attempts (delivery_id, attempt, outcome, started_at) values ($1, 1, 'delivered', now() - interval '10 days')`, [young]);

    // The positive signal: each old row that may go is gone (the same passes looked at the rows that stay).
    await waitFor(async () => (await ids(`select event_id as id from ${ingress}.published_events where event_id = 'old'`)).length === 0, { description: "the ingress's old once-only record deleted" });
    await waitFor(async () => (await ids(`select event_id as id from ${gateway}.ticket_work where event_id = 'old-done'`)).length === 0, { description: "the gateway's old finished item deleted" });
    await waitFor(async () => (await ids(`select id::text from ${notifier}.deliveries where id in (${delivered}, ${withAttempt})`)).length === 0, { description: "the notifier's old deliveries deleted, the one with an attempt after its attempt" });

    expect(await ids(`select event_id as id from ${ingress}.published_events where event_id in ('old', 'young')`)).toEqual(['young']);
    expect(await ids(`select event_id as id from ${gateway}.ticket_work where event_id in ('old-done', 'old-parked', 'young-done')`)).toEqual(['old-parked', 'young-done']);
    expect(await ids(`select id::text from ${notifier}.deliveries where id in (${delivered}, ${withAttempt}, ${parked}, ${mirrored}, ${young})`)).toEqual([parked, mirrored, young].sort());
    expect(await ids(`select delivery_id::text as id from ${notifier}.delivery_attempts where delivery_id in (${withAttempt}, ${young})`)).toEqual([young]);

    const metrics = await fetch(`${bridge.notifierUrl}/metrics`).then((answer) => answer.text());
    expect(metrics).toMatch(/bridge_retention_deleted_total\{[^}]*table="deliveries"[^}]*\} 2\n/);
  });
});
