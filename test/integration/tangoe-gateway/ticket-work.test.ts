import { randomUUID } from 'node:crypto';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import type { Database } from '@bridge/persistence';
import { TANGOE_GATEWAY_MIGRATIONS } from '../../../apps/tangoe-gateway/src/migrations';
import { NO_OPENING } from '../../../apps/tangoe-gateway/src/tickets/opening-wait';
import { TicketWorkRepository, TicketWorkRow } from '../../../apps/tangoe-gateway/src/tickets/ticket-work.repository';
import type { WorkDecision } from '@bridge/work-line';
import { ENGINES, databasePerTest } from '../persistence/persistence-test-engines';

/**
 * The gateway's append, one statement: an event joins its ticket's line once, an opening records the ticket, and
 * an opening that comes after its ticket's changes lets them go (those waiting for it, those parked for want of it).
 */
describe.each(ENGINES)("the gateway's ticket line on %s: appending", (engine) => {
  const databaseOfTest = databasePerTest(engine, TANGOE_GATEWAY_MIGRATIONS);
  let database: Database;
  let work: TicketWorkRepository;

  beforeEach(() => {
    database = databaseOfTest();
    work = new TicketWorkRepository(database);
  });

  // The line keeps an event whole and reads only its id and type: the rest of the envelope is not its business.
  const envelope = (type: string, data: object) => ({ id: randomUUID(), type, subject: 'ticket:acme:INC1', data }) as unknown as EventEnvelope;
  const opened = () => envelope(EventTypes.TicketOpened, { externalSourceId: 'INC1' });
  const comment = (text: string) => envelope(EventTypes.CommentAdded, { externalSourceId: 'INC1', text });
  const line = async () =>
    (
      await database.query<{ id: string; event_id: string; rank: number; status: string; attempts: number; due_now: boolean; parked_cause: string | null }>(
        `select id, event_id, rank, status, attempts, due_at <= now() as due_now, parked_cause from ticket_work order by id`,
      )
    ).rows;
  /** A decision on an item, as a lane writes it: its lease taken first (the claim's part), then settled. */
  const settled = async (row: { id: string }, decision: WorkDecision) => {
    await database.query(`update ticket_work set lease = 'a lane', leased_until = now() + interval '1 minute' where id = $1`, [row.id]);
    await work.settle(database, { id: row.id, lease: 'a lane' } as TicketWorkRow, decision);
  };

  it('takes an event once: a re-delivery, or an event handled before the line existed, is not appended', async () => {
    const first = comment('one');
    expect(await work.append(first, 'acme', 'INC1')).toBe(true);
    expect(await work.append(first, 'acme', 'INC1')).toBe(false);
    const handledBefore = comment('handled before the line');
    await database.query(`insert into handled_events (event_id) values ($1)`, [handledBefore.id]);
    expect(await work.append(handledBefore, 'acme', 'INC1')).toBe(false);
    expect((await line()).map((row) => row.event_id)).toEqual([first.id]);
  });

  it('records an opened ticket as being created, once, and puts its opening first in its line', async () => {
    const opening = opened();
    expect(await work.append(opening, 'acme', 'INC1')).toBe(true);
    expect(await work.append(opening, 'acme', 'INC1')).toBe(false);
    const links = await database.query<{ status: string; opened_event: { id: string } }>(`select status, opened_event from ticket_links where client_id = 'acme' and external_source_id = 'INC1'`);
    expect(links.rows.map((row) => [row.status, row.opened_event.id])).toEqual([['creating', opening.id]]);
    expect((await line()).map((row) => [row.rank, row.status])).toEqual([[0, 'pending']]);
  });

  it('lets the changes that came first go when their opening comes: those waiting for it, and those parked for want of it', async () => {
    const waiting = comment('waiting for the opening');
    const parked = comment('parked for want of the opening');
    const parkedOtherwise = comment('parked by Tangoe');
    for (const event of [waiting, parked, parkedOtherwise]) await work.append(event, 'acme', 'INC1');
    const [waitingRow, parkedRow, otherRow] = await line();
    await settled(waitingRow, { kind: 'later', attempts: 0, delayMs: 60_000 });
    await settled(parkedRow, { kind: 'park', attempts: 3, error: 'no opening', parkedCause: NO_OPENING });
    await settled(otherRow, { kind: 'park', attempts: 1, error: 'Tangoe said 400' });
    // A change of another ticket waiting for its own opening is not this opening's business.
    const elsewhere = { ...comment('another ticket'), subject: 'ticket:acme:INC2' } as EventEnvelope;
    await work.append(elsewhere, 'acme', 'INC2');
    const elsewhereRow = (await line()).find((row) => row.event_id === elsewhere.id)!;
    await settled(elsewhereRow, { kind: 'later', attempts: 0, delayMs: 60_000 });
    expect((await line()).map((row) => row.due_now)).toEqual([false, true, true, false]);

    const opening = opened();
    expect(await work.append(opening, 'acme', 'INC1')).toBe(true);
    const after = new Map((await line()).map((row) => [row.event_id, row]));
    expect(after.get(waiting.id)).toMatchObject({ status: 'pending', due_now: true, attempts: 0 });
    expect(after.get(parked.id)).toMatchObject({ status: 'pending', due_now: true, attempts: 3, parked_cause: null });
    expect(after.get(parkedOtherwise.id)).toMatchObject({ status: 'parked', parked_cause: null });
    expect(after.get(elsewhere.id)).toMatchObject({ status: 'pending', due_now: false });
    expect(after.get(opening.id)).toMatchObject({ rank: 0, status: 'pending', due_now: true });
  });

  it('lets nothing go when the opening was there already (a re-delivered opening)', async () => {
    const opening = opened();
    await work.append(opening, 'acme', 'INC1');
    const change = comment('after the opening');
    await work.append(change, 'acme', 'INC1');
    const changeRow = (await line()).find((row) => row.event_id === change.id)!;
    await settled(changeRow, { kind: 'later', attempts: 0, delayMs: 60_000 });
    expect(await work.append(opening, 'acme', 'INC1')).toBe(false);
    expect((await line()).find((row) => row.event_id === change.id)).toMatchObject({ due_now: false });
  });
});
