import fc from 'fast-check';
import { DRIFT_KINDS, DriftAction, DriftKind } from './drift-item';
import type { ItsmSide, ItsmTicket, TangoeRequest, TangoeSide, TangoeTicket, TicketLinkView } from './drift-sides';
import { findDrift } from './find-drift';

const SINCE = '2026-11-01T00:00:00.000Z';
const RECENT = '2026-11-20T10:00:00.000Z';

const itsmSide = (tickets: ItsmTicket[]): ItsmSide => ({ clientId: 'acme', since: SINCE, recordsRead: tickets.length, tickets });
const tangoeSide = (tickets: TangoeTicket[], pause?: TangoeSide['pause']): TangoeSide => ({ clientId: 'acme', readAt: RECENT, tickets, ...(pause ? { pause } : {}) });
const open = (key: string, more: Partial<ItsmTicket> = {}): ItsmTicket => ({ externalSourceId: key, status: '2', statusChangeId: '4', knownToBridge: true, ...more });
const request = (id: number, state = 'open', updatedAt = RECENT): TangoeRequest => ({ id, state, updatedAt });
const link = (more: Partial<TicketLinkView> = {}): TicketLinkView => ({
  status: 'linked',
  supportRequestId: 1,
  tangoeState: 'open',
  clientSetState: null,
  lastError: null,
  createAttempts: 1,
  waitingEvents: 0,
  ...more,
});

/** Which repair each kind may offer: a kind never offers another kind's action. */
const REPAIRS_OF: Record<DriftKind, ReadonlyArray<DriftAction | undefined>> = {
  parked: ['replay'],
  held: ['resume', undefined],
  not_at_tangoe: ['onboard', undefined],
  unlinked: ['onboard', undefined],
  ended_at_itsm_only: ['send_client_state', undefined],
  ended_at_tangoe_only: ['redeliver_tangoe_state', undefined],
  only_at_tangoe: [undefined],
};

describe('findDrift', () => {
  it('names one kind per ticket, with its reason and its repair', () => {
    const items = findDrift(
      itsmSide([
        open('INC1', { knownToBridge: false }),
        open('INC2', { knownToBridge: false }),
        open('INC3'),
        open('INC4', { endedAs: 'closed', status: '7', statusChangeId: '9' }),
        open('INC5'),
        open('INC6'),
        open('INC8'),
      ]),
      tangoeSide([
        { externalSourceId: 'INC2', requests: [request(20)] },
        { externalSourceId: 'INC3', requests: [], link: link({ status: 'parked', supportRequestId: null, lastError: "Tangoe answered 422: employee_id does not match a person" }) },
        { externalSourceId: 'INC4', requests: [request(40)], link: link({ supportRequestId: 40 }) },
        { externalSourceId: 'INC5', requests: [request(50, 'closed')], link: link({ supportRequestId: 50 }) },
        { externalSourceId: 'INC6', requests: [], link: link({ status: 'creating', supportRequestId: null }) },
        { externalSourceId: 'INC7', requests: [request(70)] },
        { externalSourceId: 'INC8', requests: [request(80)], link: link({ supportRequestId: 80 }) },
      ]),
    );
    expect(items.map((item) => [item.externalSourceId, item.kind, item.repair])).toEqual([
      ['INC1', 'not_at_tangoe', { action: 'onboard' }],
      ['INC2', 'unlinked', { action: 'onboard' }],
      ['INC3', 'parked', { action: 'replay' }],
      ['INC4', 'ended_at_itsm_only', { action: 'send_client_state', state: 'closed', itsmStatusChangeId: '9' }],
      ['INC5', 'ended_at_tangoe_only', { action: 'redeliver_tangoe_state', supportRequestId: 50, itsmStatusChangeId: '4' }],
      ['INC6', 'held', undefined],
      ['INC7', 'only_at_tangoe', undefined],
    ]);
    expect(items[2].reason).toContain('employee_id does not match a person');
    expect(items[6].reason).toMatch(/deleted at the ITSM, left the client's routing, or has not changed since 2026-11-01/);
  });

  it('asks for a resume when the client is paused, and for nothing while a ticket is only on its way', () => {
    const tangoe = [
      { externalSourceId: 'INC1', requests: [], link: link({ status: 'creating', supportRequestId: null }) },
      { externalSourceId: 'INC2', requests: [request(2)], link: link({ supportRequestId: 2, waitingEvents: 3 }) },
    ];
    const paused = findDrift(itsmSide([open('INC1'), open('INC2')]), tangoeSide(tangoe, { pausedAt: RECENT, reason: 'Tangoe migration' }));
    expect(paused.map((item) => [item.kind, item.repair?.action])).toEqual([['held', 'resume'], ['held', 'resume']]);
    expect(paused[0].reason).toContain('paused since 2026-11-20T10:00:00.000Z (Tangoe migration)');
    expect(paused[1].reason).toContain('3 change(s) for Tangoe wait');
    const flowing = findDrift(itsmSide([open('INC1'), open('INC2')]), tangoeSide(tangoe));
    expect(flowing.map((item) => [item.kind, item.repair])).toEqual([['held', undefined], ['held', undefined]]);
  });

  it('offers no repair that cannot act: a close the client itself sent, a ticket the gateway has not linked yet, an end at an unlinked request', () => {
    const items = findDrift(
      itsmSide([open('INC1'), open('INC2'), open('INC3', { endedAs: 'canceled', status: '8', knownToBridge: false })]),
      tangoeSide([
        { externalSourceId: 'INC1', requests: [request(1, 'canceled')], link: link({ supportRequestId: 1, clientSetState: 'canceled' }) },
        { externalSourceId: 'INC3', requests: [request(3)] },
      ]),
    );
    expect(items.map((item) => [item.kind, item.repair])).toEqual([
      ['ended_at_tangoe_only', undefined],
      ['not_at_tangoe', undefined],
      ['ended_at_itsm_only', undefined],
    ]);
    expect(items[0].reason).toContain('cannot reopen');
    expect(items[1].reason).toContain('dead-letter topic');
  });

  it("leaves out Tangoe's ended or old requests whose ticket the read did not return", () => {
    const items = findDrift(
      itsmSide([]),
      tangoeSide([
        { externalSourceId: 'INC1', requests: [request(1, 'closed')] },
        { externalSourceId: 'INC2', requests: [request(2, 'open', '2026-10-01T00:00:00.000Z')] },
      ]),
    );
    expect(items).toEqual([]);
  });

  it('compares with the request the ticket is linked to, not another made for the same key', () => {
    const items = findDrift(itsmSide([open('INC1')]), tangoeSide([{ externalSourceId: 'INC1', requests: [request(1, 'closed'), request(2)], link: link({ supportRequestId: 2 }) }]));
    expect(items).toEqual([]);
  });

  it('refuses two sides of different clients', () => {
    expect(() => findDrift(itsmSide([]), { ...tangoeSide([]), clientId: 'globex' })).toThrow(/client acme.*client globex/);
  });
});

// Properties over any mix of tickets: keys from a small set, so both sides often name the same ticket.
const key: fc.Arbitrary<string> = fc.constantFrom('INC1', 'INC2', 'INC3', 'INC4', 'INC5', 'INC6', 'INC7', 'INC8');
const time = fc.constantFrom('2026-10-01T00:00:00.000Z', SINCE, RECENT);
const itsmTicket = fc.record({
  externalSourceId: key,
  endedAs: fc.option(fc.constantFrom('resolved' as const, 'closed' as const, 'canceled' as const), { nil: undefined }),
  status: fc.constantFrom('2', '6', '7', '8'),
  statusChangeId: fc.option(fc.constantFrom('1', '2'), { nil: undefined }),
  knownToBridge: fc.boolean(),
});
const tangoeRequest = fc.record({ id: fc.integer({ min: 1, max: 4 }), state: fc.constantFrom('open', 'externally_queued', 'awaiting_customer_response', 'closed', 'canceled'), updatedAt: time });
const linkView = fc.record({
  status: fc.constantFrom('creating' as const, 'linked' as const, 'parked' as const),
  supportRequestId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  tangoeState: fc.option(fc.constantFrom('open', 'closed'), { nil: null }),
  clientSetState: fc.option(fc.constantFrom('closed', 'canceled'), { nil: null }),
  lastError: fc.option(fc.string(), { nil: null }),
  createAttempts: fc.nat(3),
  waitingEvents: fc.nat(2),
});
const tangoeTicket = fc.record({ externalSourceId: key, requests: fc.array(tangoeRequest, { maxLength: 2 }), link: fc.option(linkView, { nil: undefined }) });
const sides = fc.record({
  itsm: fc.uniqueArray(itsmTicket, { selector: (ticket) => ticket.externalSourceId, maxLength: 8 }),
  tangoe: fc.uniqueArray(tangoeTicket, { selector: (ticket) => ticket.externalSourceId, maxLength: 8 }),
  pause: fc.option(fc.record({ pausedAt: time, reason: fc.option(fc.string(), { nil: null }) }), { nil: undefined }),
});

/** A ticket in step: open on both sides and linked with nothing waiting, or ended on both, or ended before it ever reached Tangoe. */
const inStep = fc.oneof(
  fc.record({ id: fc.integer({ min: 100, max: 200 }), state: fc.constantFrom('open', 'externally_queued', 'awaiting_customer_response', 'reassigned') }).map(({ id, state }) => ({
    itsm: { status: '2', knownToBridge: true } as Partial<ItsmTicket>,
    tangoe: { requests: [request(id, state)], link: link({ supportRequestId: id }) } as Partial<TangoeTicket> | undefined,
  })),
  fc.record({ endedAs: fc.constantFrom('resolved' as const, 'closed' as const, 'canceled' as const), state: fc.constantFrom('closed', 'canceled'), linked: fc.boolean() }).map(({ endedAs, state, linked }) => ({
    itsm: { endedAs, status: '7', knownToBridge: linked } as Partial<ItsmTicket>,
    tangoe: { requests: [request(150, state)], ...(linked ? { link: link({ supportRequestId: 150 }) } : {}) } as Partial<TangoeTicket> | undefined,
  })),
  fc.constantFrom('resolved' as const, 'closed' as const, 'canceled' as const).map((endedAs) => ({ itsm: { endedAs, status: '7', knownToBridge: false } as Partial<ItsmTicket>, tangoe: undefined })),
);

describe('findDrift, for any two sides', () => {
  it('lists each ticket once at most, with one kind, a reason in words, and only a repair its kind allows', () => {
    fc.assert(
      fc.property(sides, ({ itsm, tangoe, pause }) => {
        const items = findDrift(itsmSide(itsm), tangoeSide(tangoe, pause));
        const keys = items.map((item) => item.externalSourceId);
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(keys);
        const named = new Set([...itsm, ...tangoe].map((ticket) => ticket.externalSourceId));
        for (const item of items) {
          expect(named.has(item.externalSourceId)).toBe(true);
          expect(DRIFT_KINDS).toContain(item.kind);
          expect(item.reason.length).toBeGreaterThan(20);
          expect(REPAIRS_OF[item.kind]).toContain(item.repair?.action);
        }
      }),
    );
  });

  it('never lists a ticket in step on both sides, whatever else drifts beside it', () => {
    fc.assert(
      fc.property(sides, fc.array(inStep, { minLength: 1, maxLength: 4 }), ({ itsm, tangoe }, steady) => {
        const steadyKeys = steady.map((_, index) => `OK${index}`);
        const items = findDrift(
          itsmSide([...itsm, ...steady.map((ticket, index) => ({ ...ticket.itsm, externalSourceId: steadyKeys[index] }) as ItsmTicket)]),
          tangoeSide([...tangoe, ...steady.flatMap((ticket, index) => (ticket.tangoe ? [{ requests: [], ...ticket.tangoe, externalSourceId: steadyKeys[index] } as TangoeTicket] : []))]),
        );
        expect(items.filter((item) => steadyKeys.includes(item.externalSourceId))).toEqual([]);
      }),
    );
  });

  it('gives the same items whatever the order the sides list their tickets in', () => {
    fc.assert(
      fc.property(sides, fc.integer(), ({ itsm, tangoe, pause }, seed) => {
        const shuffled = <T>(items: T[]) => items.map((item, index) => ({ item, rank: (index * 7919 + seed) % 101 })).sort((a, b) => a.rank - b.rank).map(({ item }) => item);
        expect(findDrift(itsmSide(shuffled(itsm)), tangoeSide(shuffled(tangoe), pause))).toEqual(findDrift(itsmSide(itsm), tangoeSide(tangoe, pause)));
      }),
    );
  });

  it('offers onboarding only for a ticket the bridge never had, and a state repair only on a linked ticket', () => {
    fc.assert(
      fc.property(sides, ({ itsm, tangoe, pause }) => {
        const links = new Map(tangoe.map((ticket) => [ticket.externalSourceId, ticket.link]));
        const known = new Map(itsm.map((ticket) => [ticket.externalSourceId, ticket.knownToBridge]));
        for (const item of findDrift(itsmSide(itsm), tangoeSide(tangoe, pause))) {
          if (item.repair?.action === 'onboard') expect([links.get(item.externalSourceId), known.get(item.externalSourceId)]).toEqual([undefined, false]);
          if (item.repair?.action === 'send_client_state' || item.repair?.action === 'redeliver_tangoe_state') expect(links.get(item.externalSourceId)?.status).toBe('linked');
          if (item.repair?.action === 'resume') expect(pause).toBeDefined();
        }
      }),
    );
  });
});
