import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { onboardCommand } from '../../../libs/cli/src/onboard.command';
import { Bridge, startBridge } from '../../support/bridge-harness';

const TICKETS = 1_000;
const AT_TANGOE = 200;
/** Every tenth ticket has a comment: the history a created request gets and a linked one is taken to have. */
const COMMENTED = (index: number) => index % 10 === 0;

/**
 * A client moving to the bridge from the one it built by hand: 1,000 tickets open at its ServiceNow, 200 of them
 * already at Tangoe (made by the earlier bridge, found by external_source_id). Onboarding links those 200, creates
 * the other 800, sends no ticket twice and no linked ticket's history again; a second run changes nothing.
 * Webhooks and reconciliation are off, so everything at Tangoe came by onboarding.
 */
describe('onboarding a client with 1,000 open tickets', () => {
  let bridge: Bridge;
  let cli: NodeJS.ProcessEnv;
  const numbers: string[] = [];

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme'], webhooksOff: ['acme'], env: { RECONCILE_ENABLED: 'false', POLL_ENABLED: 'false' } });
    cli = { ADMIN_TOKEN: bridge.adminToken, INGRESS_URL: bridge.ingressUrl, GATEWAY_URL: bridge.gatewayUrl };
    const instance = bridge.sandbox.servicenow.get('acme');
    for (let index = 0; index < TICKETS; index += 1) {
      // Opened in January, long before the bridge served the client.
      const record = instance.insert(
        'incident',
        { short_description: `Phone ${index} will not charge`, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2', opened_at: '2026-01-15 09:00:00' },
        'ann.smith',
      );
      if (COMMENTED(index)) instance.update('incident', record.sys_id, { comments: `history of ${record.number}` }, 'ann.smith');
      numbers.push(record.number);
    }
    // Resolved and closed tickets are not onboarded.
    instance.insert('incident', { short_description: 'Resolved long ago', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '6', opened_at: '2026-01-10 09:00:00' }, 'ann.smith');
    const earlierBridge = { headers: { 'API-Token': bridge.clients[0].tangoeToken } };
    for (const [index, number] of numbers.slice(0, AT_TANGOE).entries()) {
      // The earlier bridge sent the history comments of the first half of its tickets, in words of its own.
      const sent = COMMENTED(index) && index < AT_TANGOE / 2 ? `\nCaller: history of ${number}` : '';
      const support_request = { text: `Made by the earlier bridge for ${number}${sent}`, requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'Application Support (on Device)', external_source_id: number };
      await axios.post(`${bridge.sandbox.url}/1/support_requests`, { support_request }, earlierBridge);
    }
  }, 300_000);
  afterAll(() => bridge?.close());

  const requestsByTicket = () => {
    const byTicket = new Map<string, number>();
    for (const request of bridge.sandbox.tangoe.supportRequestsOf('acme')) byTicket.set(request.external_source_id!, (byTicket.get(request.external_source_id!) ?? 0) + 1);
    return byTicket;
  };

  it('says in a dry run what it would do, and does nothing', async () => {
    const answer = JSON.parse(await onboardCommand({ clientId: 'acme', dryRun: true, waitSeconds: 0 }, cli));
    expect(answer).toMatchObject({ dryRun: true, openTickets: TICKETS, alreadyKnownToTheBridge: 0, wouldLink: AT_TANGOE, wouldCreate: TICKETS - AT_TANGOE });
    expect(answer.tickets.find((ticket: { externalSourceId: string }) => ticket.externalSourceId === numbers[0]).wouldBe).toBe('linked');
    expect(answer.tickets.find((ticket: { externalSourceId: string }) => ticket.externalSourceId === numbers[AT_TANGOE]).wouldBe).toBe('created');
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme')).toHaveLength(AT_TANGOE);
  }, 120_000);

  it('links the 200 Tangoe has, creates the other 800, and duplicates nothing', async () => {
    const answer = JSON.parse(await onboardCommand({ clientId: 'acme', dryRun: false, waitSeconds: 600 }, cli, 500));
    expect(answer).toMatchObject({ openTickets: TICKETS, published: TICKETS, linkedToExisting: AT_TANGOE, created: TICKETS - AT_TANGOE, waiting: 0, parked: 0, notSeenYet: 0 });
    await bridge.quiescent();

    const byTicket = requestsByTicket();
    expect(byTicket.size).toBe(TICKETS);
    expect([...byTicket.values()].every((count) => count === 1)).toBe(true);
    const requests = new Map(bridge.sandbox.tangoe.supportRequestsOf('acme').map((request) => [request.external_source_id, request]));
    // A linked request keeps its own thread: a comment its earlier bridge sent is not sent again, one it missed is.
    expect(requests.get(numbers[0])!.interactions.map((interaction) => interaction.text)).toEqual([`Made by the earlier bridge for ${numbers[0]}\nCaller: history of ${numbers[0]}`]);
    const missed = numbers[AT_TANGOE - 10];
    expect(requests.get(missed)!.interactions.map((interaction) => interaction.text)).toEqual([`Made by the earlier bridge for ${missed}`, `history of ${missed}`]);
    // A created request gets the ticket's history, in order.
    const created = requests.get(numbers[AT_TANGOE])!;
    expect(created.interactions.map((interaction) => interaction.text)).toEqual([expect.stringContaining(`Phone ${AT_TANGOE} will not charge`), `history of ${numbers[AT_TANGOE]}`]);
  }, 900_000);

  it("sends a linked ticket's comment written after the link", async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.findByNumber(numbers[0])!;
    instance.update('incident', record.sys_id, { comments: 'any update?' }, 'ann.smith');
    // Webhooks and reconciliation are off here: an onboarding run is what reads the new comment.
    const answer = JSON.parse(await onboardCommand({ clientId: 'acme', dryRun: false, waitSeconds: 60 }, cli, 500));
    expect(answer).toMatchObject({ openTickets: TICKETS, alreadyKnownToTheBridge: TICKETS, published: 0 });
    const request = bridge.sandbox.tangoe.supportRequestsOf('acme').find((candidate) => candidate.external_source_id === numbers[0])!;
    await waitFor(() => request.interactions.some((interaction) => interaction.text === 'any update?'), { description: "the linked ticket's new comment at Tangoe" });
    expect(request.interactions.map((interaction) => interaction.text)).toEqual([expect.stringContaining('Made by the earlier bridge'), 'any update?']);
  }, 300_000);

  it('changes nothing when run again', async () => {
    const before = bridge.sandbox.tangoe.supportRequestsOf('acme').map((request) => `${request.id}:${request.interactions.length}`);
    const answer = JSON.parse(await onboardCommand({ clientId: 'acme', dryRun: false, waitSeconds: 60 }, cli, 500));
    expect(answer).toMatchObject({ openTickets: TICKETS, alreadyKnownToTheBridge: TICKETS, published: 0 });
    await bridge.quiescent();
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme').map((request) => `${request.id}:${request.interactions.length}`)).toEqual(before);
  }, 300_000);
});
