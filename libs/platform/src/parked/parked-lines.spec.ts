import { ParkedItem, ParkedLine, ParkedLineName, parkedId, parseParkedId } from './parked-item';
import { ParkedLines } from './parked-lines';
import { ParkedError } from './parked.error';

const item = (line: ParkedLineName, ownId: string, parkedAt: string | null): ParkedItem => ({
  id: parkedId(line, ownId),
  line,
  key: 'acme:INC1',
  clientId: 'acme',
  externalSourceId: 'INC1',
  what: 'CommentAdded',
  error: 'refused',
  attempts: 1,
  parkedAt,
});

function fakeLine(line: ParkedLineName, items: ParkedItem[]): ParkedLine & { replayed: string[] } {
  const replayed: string[] = [];
  return {
    line,
    replayed,
    list: async () => items,
    replay: async (ownId) => {
      replayed.push(ownId);
      return { id: parkedId(line, ownId), line, status: 'replayed' };
    },
  };
}

describe('parked items', () => {
  it('have ids that say their line, whatever the line\'s own id holds', () => {
    expect(parseParkedId('ticket_work:42')).toEqual({ line: 'ticket_work', ownId: '42' });
    expect(parseParkedId('dead_letters:ns.t.dlt.ns.g:2:17')).toEqual({ line: 'dead_letters', ownId: 'ns.t.dlt.ns.g:2:17' });
    for (const bad of ['42', 'deliveries:', 'tickets:1', ':1', '']) expect(parseParkedId(bad)).toBeUndefined();
  });

  it('of every line a service holds are one list, oldest first, those that do not say when last', async () => {
    const lines = new ParkedLines([
      fakeLine('ticket_work', [item('ticket_work', '7', '2026-11-24T10:00:02.000Z')]),
      fakeLine('dead_letters', [item('dead_letters', 't:0:1', null), item('dead_letters', 't:0:2', '2026-11-24T10:00:01.000Z')]),
    ]);
    expect((await lines.list()).map((parked) => parked.id)).toEqual(['dead_letters:t:0:2', 'ticket_work:7', 'dead_letters:t:0:1']);
  });

  it('are replayed by the line their id names, and an id of no line held here is not parked', async () => {
    const tickets = fakeLine('ticket_work', []);
    const letters = fakeLine('dead_letters', []);
    const lines = new ParkedLines([tickets, letters]);
    expect(await lines.replay('dead_letters:t:0:1')).toEqual({ id: 'dead_letters:t:0:1', line: 'dead_letters', status: 'replayed' });
    await lines.replay('ticket_work:7');
    expect([tickets.replayed, letters.replayed]).toEqual([['7'], ['t:0:1']]);
    for (const id of ['deliveries:3', 'nothing', 'ticket_work:']) await expect(lines.replay(id)).rejects.toMatchObject({ code: 'not_parked', constructor: ParkedError });
  });
});
