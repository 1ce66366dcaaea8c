import { waitFor } from '@bridge/test-infra';
import { textToAdf } from '../../../libs/itsm-adapters/src/jira/adf';
import { Bridge, freshserviceRequester, helixRequester, jiraCaller, startBridge, zendeskCaller } from '../../support/bridge-harness';

/**
 * Jira, Zendesk, Freshservice and BMC Helix clients whose ITSMs send no webhook: each ITSM's own API is read
 * (Jira's search, Zendesk's incremental export, Freshservice's ticket list, Helix's AR REST queries, each with its
 * comments), and a ticket, a comment and the client's close reach Tangoe once, in order. Who closed is the API's to
 * say: Jira's changelog, Helix's Last Modified By, Zendesk's ticket audits, Freshservice's ticket activities.
 */
interface Driver {
  open(title: string): string;
  comment(key: string, text: string): void;
  close(key: string): void;
}

// Zendesk's API names a ticket's group by id only: its client routes by group_id (as one on event subscriptions does).
describe('reconciliation of every other ITSM, webhooks lost', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['jr', 'zd', 'fs', 'hx'], itsm: { jr: 'jira', zd: 'zendesk', fs: 'freshservice', hx: 'bmc-helix' }, webhooksOff: ['jr', 'zd', 'fs', 'hx'], zendeskEvents: ['zd'] })));
  afterAll(() => bridge?.close());

  const drivers = (): Record<string, Driver> => ({
    jr: {
      open: (title) => bridge.sandbox.jira.get('jr').create('MOB', { issuetype: { name: 'Hardware' }, summary: title, customfield_phone: '5551234567' }, jiraCaller).key,
      comment: (key, text) => void bridge.sandbox.jira.get('jr').comment(bridge.sandbox.jira.get('jr').issues.get(key)!, textToAdf(text), jiraCaller),
      close: (key) => void bridge.sandbox.jira.get('jr').transition(bridge.sandbox.jira.get('jr').issues.get(key)!, '31', 'Done', jiraCaller),
    },
    zd: {
      open: (title) => String(bridge.sandbox.zendesk.get('zd').create({ subject: title, comment: 'Black screen.', group: 'Mobility', requester: { name: 'Ann Smith', phone: '5551234567' } }, zendeskCaller).id),
      comment: (key, text) => bridge.sandbox.zendesk.get('zd').update(bridge.sandbox.zendesk.get('zd').tickets.get(Number(key))!, { comment: { body: text, public: true } }, zendeskCaller),
      close: (key) => bridge.sandbox.zendesk.get('zd').update(bridge.sandbox.zendesk.get('zd').tickets.get(Number(key))!, { status: 'solved' }, zendeskCaller),
    },
    fs: {
      open: (title) => String(bridge.sandbox.freshservice.get('fs').create({ subject: title, description: 'Black screen.', group: 'Mobility', requester: { name: 'Ann Smith', phone: '5551234567' } }, freshserviceRequester).id),
      comment: (key, text) => void bridge.sandbox.freshservice.get('fs').addNote(bridge.sandbox.freshservice.get('fs').tickets.get(Number(key))!, text, false, freshserviceRequester),
      close: (key) => void bridge.sandbox.freshservice.get('fs').update(bridge.sandbox.freshservice.get('fs').tickets.get(Number(key))!, { status: 5 }, freshserviceRequester),
    },
    hx: {
      open: (title) => {
        const values = { z1D_Action: 'CREATE', First_Name: 'Ann', Last_Name: 'Smith', Description: title, Detailed_Decription: 'Black screen.', Impact: '3-Moderate/Limited', Urgency: '3-Medium', Status: 'Assigned', 'Reported Source': 'Self Service', Service_Type: 'User Service Restoration', 'Assigned Group': 'Mobility' };
        return bridge.sandbox.helix.get('hx').createIncident(values, helixRequester, { 'Phone Number': '5551234567' }).record!['Incident Number'];
      },
      comment: (key, text) => void bridge.sandbox.helix.get('hx').addWorkLog({ 'Incident Number': key, 'Detailed Description': text, 'Work Log Type': 'Customer Communication', 'View Access': 'Public' }, helixRequester),
      close: (key) => void bridge.sandbox.helix.get('hx').updateIncident(bridge.sandbox.helix.get('hx').byNumber(key)!, { Status: 'Closed', 'Status_Reason': 'No Further Action Required' }, helixRequester),
    },
  });

  it.each(['jr', 'zd', 'fs', 'hx'])('%s: a ticket, two comments and the close that no webhook told reach Tangoe once, in order', async (client) => {
    const driver = drivers()[client];
    const key = driver.open(`Phone "dead" (${client})`);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf(client).find((r) => r.external_source_id === key), { description: `the ${client} support request, found by reconciliation` });
    expect(request).toMatchObject({ requestor_name: 'Ann Smith', requestor_number: '5551234567' });
    driver.comment(key, 'Still black after a reset.');
    driver.comment(key, 'And now it is hot.');
    await waitFor(() => request.interactions.length >= 3, { description: 'both comments at Tangoe' });
    driver.close(key);
    await waitFor(() => request.state === 'closed', { description: "the client's close at Tangoe" });
    await bridge.quiescent();
    expect(request.state).toBe('closed');
    const texts = request.interactions.map((i) => i.text);
    expect(texts.slice(0, 3)).toEqual([expect.stringContaining(`Phone "dead" (${client})`), 'Still black after a reset.', 'And now it is hot.']);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
