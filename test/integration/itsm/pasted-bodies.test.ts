import { waitFor } from '@bridge/test-infra';
import { Bridge, freshserviceRequester, helixRequester, startBridge, zendeskCaller } from '../../support/bridge-harness';

/**
 * The bodies an admin pastes from the docs (Zendesk's trigger, Freshservice's workflow, Helix's AR workflow), filled
 * by the sandbox's ITSMs as the harsher reading of their vendors says: placeholders put in raw, nothing escaped. A
 * subject and a comment full of quotes, backslashes, line breaks, non-ASCII and JSON still reach Tangoe exactly.
 */
const NASTY_TITLE = 'Screen says "no SIM" \\ C:\\temp\\new — Grüße 📱';
const NASTY_TEXT = 'First line with {"event": "ticket.created"}\nSecond line: \\"quoted\\" and a tab\there';
const NASTY_COMMENT = 'Tried "another" SIM\\card,\nthen a reset }} $Status$ ✅';

describe('pasted webhook bodies, placeholders filled raw', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['zd', 'fs', 'hx'], itsm: { zd: 'zendesk', fs: 'freshservice', hx: 'bmc-helix' } })));
  afterAll(() => bridge?.close());

  const requestOf = (client: string, key: string) =>
    waitFor(() => bridge.sandbox.tangoe.supportRequestsOf(client).find((r) => r.external_source_id === key), { description: `the ${client} support request` });

  it('carries a Zendesk ticket and comment whose texts would break or inject JSON', async () => {
    const site = bridge.sandbox.zendesk.get('zd');
    const ticket = site.create({ subject: NASTY_TITLE, comment: NASTY_TEXT, group: 'Mobility', requester: { name: 'Ann "the caller" Smith', phone: '+1 555 123 4567' } }, zendeskCaller);
    const request = await requestOf('zd', String(ticket.id));
    expect(request.requestor_name).toBe('Ann "the caller" Smith');
    expect(request.interactions[0].text).toContain(`${ticket.id}: ${NASTY_TITLE}\n${NASTY_TEXT}\n`);
    site.update(ticket, { comment: { body: NASTY_COMMENT, public: true } }, zendeskCaller);
    await waitFor(() => request.interactions.some((i) => i.text === NASTY_COMMENT), { description: 'the comment at Tangoe, exactly' });
    await waitFor(() => site.pendingWebhooks() === 0, { description: "Zendesk's deliveries settled" });
    expect(site.webhookFailures).toEqual([]);
  });

  it('carries a Freshservice ticket and note whose texts would break or inject JSON', async () => {
    const site = bridge.sandbox.freshservice.get('fs');
    const ticket = site.create({ subject: NASTY_TITLE, description: NASTY_TEXT, group: 'Mobility', requester: { name: 'Ann Smith', phone: '5551234567' } }, freshserviceRequester);
    const request = await requestOf('fs', String(ticket.id));
    expect(request.interactions[0].text).toContain(`${ticket.id}: ${NASTY_TITLE}\n${NASTY_TEXT}`);
    site.addNote(ticket, NASTY_COMMENT, true, freshserviceRequester);
    await waitFor(() => request.interactions.some((i) => i.text === NASTY_COMMENT), { description: 'the note at Tangoe, exactly' });
    await waitFor(() => site.pendingWebhooks() === 0, { description: "Freshservice's deliveries settled" });
    expect(site.webhookFailures).toEqual([]);
  });

  it('carries a BMC Helix incident and work log whose texts would break or inject JSON', async () => {
    const server = bridge.sandbox.helix.get('hx');
    const values = { z1D_Action: 'CREATE', First_Name: 'Ann', Last_Name: 'Smith', Description: NASTY_TITLE, Detailed_Decription: NASTY_TEXT, Impact: '3-Moderate/Limited', Urgency: '3-Medium', Status: 'Assigned', 'Reported Source': 'Self Service', Service_Type: 'User Service Restoration', 'Assigned Group': 'Mobility' };
    const incident = server.createIncident(values, helixRequester, { 'Phone Number': '5551234567' }).record!;
    const number = incident['Incident Number'];
    const request = await requestOf('hx', number);
    expect(request.interactions[0].text).toContain(`${number}: ${NASTY_TITLE}\n${NASTY_TEXT}`);
    server.addWorkLog({ 'Incident Number': number, 'Detailed Description': NASTY_COMMENT, 'Work Log Type': 'Customer Communication', 'View Access': 'Public' }, helixRequester);
    await waitFor(() => request.interactions.some((i) => i.text === NASTY_COMMENT), { description: 'the work log at Tangoe, exactly' });
    await waitFor(() => server.pendingWebhooks() === 0, { description: "Helix's deliveries settled" });
    expect(server.webhookFailures).toEqual([]);
  });
});
