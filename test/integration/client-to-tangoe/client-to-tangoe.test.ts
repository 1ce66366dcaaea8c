import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted, incidentStateChanged, journalAdded } from '../../support/servicenow-payloads';

describe('client → Tangoe: tickets, comments and state changes reach Tangoe exactly once', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge()));
  afterAll(() => bridge.close());
  beforeEach(() => bridge.sandbox.tangoe.faults.set({}));

  const requestsOf = (company: string, ticket: string) => bridge.sandbox.tangoe.supportRequestsOf(company).filter((r) => r.external_source_id === ticket);
  const oneRequest = (company: string, ticket: string, timeoutMs?: number) =>
    waitFor(() => (requestsOf(company, ticket).length === 1 ? requestsOf(company, ticket)[0] : undefined), { description: `the support request of ${company}:${ticket}`, timeoutMs });

  it('turns a ticket into one support request with the mapped fields, three comments into three interactions in order, and a cancel into a cancel', async () => {
    expect((await bridge.postServiceNow('acme', incidentInserted('INC2000001'))).status).toBe(202);
    for (const n of [1, 2, 3]) expect((await bridge.postServiceNow('acme', journalAdded('INC2000001', n, `comment ${n}`))).status).toBe(202);
    expect((await bridge.postServiceNow('acme', incidentStateChanged('INC2000001', '8', '2', 5))).status).toBe(202);

    const request = await oneRequest('acme', 'INC2000001');
    expect(request).toMatchObject({ requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'device_replacement', device_type: 'Smart Phone', vip: true });
    expect(request.on_behalf_of_id).not.toBeNull();
    await waitFor(() => request.state === 'canceled', { description: 'the cancel at Tangoe' });
    expect(request.interactions.slice(1).map((i) => i.text)).toEqual(['comment 1', 'comment 2', 'comment 3']);

    // The ITSM re-delivers everything: nothing changes at Tangoe.
    await bridge.postServiceNow('acme', incidentInserted('INC2000001'));
    await bridge.postServiceNow('acme', journalAdded('INC2000001', 2, 'comment 2'));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(requestsOf('acme', 'INC2000001')).toHaveLength(1);
    expect(request.interactions).toHaveLength(4);
  });

  it('creates exactly one support request when Tangoe stores the create but drops the connection', async () => {
    bridge.sandbox.tangoe.faults.set({ commitThenDropRate: 1, pathPrefix: '/1/support_requests', next: 1 });
    const before = bridge.sandbox.tangoe.requests.length;
    await bridge.postServiceNow('acme', incidentInserted('INC2000002'));
    await bridge.postServiceNow('acme', journalAdded('INC2000002', 1, 'after the drop'));
    const request = await oneRequest('acme', 'INC2000002');
    await waitFor(() => request.interactions.length === 2, { description: 'the comment after the drop' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requestsOf('acme', 'INC2000002')).toHaveLength(1);
    // One create whose answer was lost, then a look-up by external_source_id instead of a second create.
    const calls = bridge.sandbox.tangoe.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => c === 'POST /1/support_requests')).toHaveLength(1);
    expect(calls).toContain('GET /1/support_requests');
  });

  it('retries through 5xx and 429 answers, loses nothing, and never exceeds the GET budget', async () => {
    bridge.sandbox.tangoe.faults.set({ errorRate: 0.3, rateLimitRate: 0.2, seed: 7 } as never, 7);
    const tickets = Array.from({ length: 8 }, (_, n) => `INC20001${String(n).padStart(2, '0')}`);
    for (const ticket of tickets) {
      await bridge.postServiceNow('acme', incidentInserted(ticket));
      await bridge.postServiceNow('acme', journalAdded(ticket, 1, `first on ${ticket}`));
      await bridge.postServiceNow('acme', journalAdded(ticket, 2, `second on ${ticket}`));
    }
    for (const ticket of tickets) {
      // A liveness bound, not a speed check: through injected 5xx and 429s a create may take several backed-off tries.
      const request = await oneRequest('acme', ticket, 90_000);
      await waitFor(() => request.interactions.length === 3, { description: `both comments of ${ticket}`, timeoutMs: 90_000 });
      expect(request.interactions.slice(1).map((i) => i.text)).toEqual([`first on ${ticket}`, `second on ${ticket}`]);
    }
    expect(bridge.sandbox.tangoe.maxGetsInAnyWindow('acme-api')).toBeLessThanOrEqual(100);
  });

  it("parks a ticket Tangoe refuses with its message, holds its comments, lets other tickets flow, and drains on replay", async () => {
    await bridge.postServiceNow('acme', incidentInserted('INC2000003', { caller_employee_number: '99999' }));
    await bridge.postServiceNow('acme', journalAdded('INC2000003', 1, 'waits with its ticket'));
    await bridge.postServiceNow('acme', incidentInserted('INC2000004'));
    await oneRequest('acme', 'INC2000004');

    const admin = { headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true };
    const parked = await waitFor(async () => {
      const { data } = await axios.get(`${bridge.gatewayUrl}/admin/tickets/parked`, admin);
      return (data as Array<{ externalSourceId: string; error: string }>).find((p) => p.externalSourceId === 'INC2000003');
    }, { description: 'the refused ticket among the parked' });
    expect(parked.error).toMatch(/422.*employee_id.*does not match a person/);
    expect(requestsOf('acme', 'INC2000003')).toHaveLength(0);
    expect((await axios.get(`${bridge.gatewayUrl}/admin/tickets/parked`, { validateStatus: () => true })).status).toBe(401);

    // The cause is fixed at Tangoe (the person now exists); the replay creates the request and sends what waited.
    bridge.sandbox.tangoe.store.people.push({ id: 1999999, name_first: 'New', name_last: 'Hire', email: 'new@sandbox.com', employee_id: '99999', group_name: 'A' });
    const replay = await axios.post(`${bridge.gatewayUrl}/admin/tickets/acme/INC2000003/replay`, null, admin);
    expect(replay.data).toMatchObject({ status: 'linked' });
    const request = await oneRequest('acme', 'INC2000003');
    expect(request.interactions.map((i) => i.text).slice(1)).toEqual(['waits with its ticket']);
  });

  it('keeps two clients with the same ticket number apart', async () => {
    await bridge.postServiceNow('acme', incidentInserted('INC2000005'));
    await bridge.postServiceNow('globex', incidentInserted('INC2000005', { short_description: 'Globex tablet' }));
    const acme = await oneRequest('acme', 'INC2000005');
    const globex = await oneRequest('globex', 'INC2000005');
    expect(acme.id).not.toBe(globex.id);
    expect(globex.interactions[0].text).toContain('Globex tablet');
  });
});
