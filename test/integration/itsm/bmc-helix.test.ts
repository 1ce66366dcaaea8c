import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, helixRequester, startBridge } from '../../support/bridge-harness';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };

/** A BMC Helix client end to end: the sandbox's server logs the bridge in and runs the webhook on every write, its own too. */
describe('BMC Helix, both ways', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], itsm: { acme: 'bmc-helix' }, notifier: true })));
  afterAll(() => bridge?.close());

  const specialist = (id: number, action: string, body: unknown) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/${action}`, body, ADMIN);
  const incidentValues = (summary: string) => ({
    z1D_Action: 'CREATE', First_Name: 'Ann', Last_Name: 'Smith', Description: summary, Detailed_Decription: '<p>Every <b>5</b> minutes.<br>Büro München</p>',
    Impact: '3-Moderate/Limited', Urgency: '3-Medium', Status: 'Assigned', 'Reported Source': 'Self Service', Service_Type: 'User Service Restoration', 'Assigned Group': 'Mobility',
  });

  it("carries an incident to Tangoe and Tangoe's work log and close back, each once, with no echo, logging in again after a refused token", async () => {
    const server = bridge.sandbox.helix.get('acme');
    const incident = server.createIncident(incidentValues('Hotspot drops'), helixRequester, { 'Phone Number': '5551234567' }).record!;
    const number = incident['Incident Number'];
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === number), { description: 'the support request' });
    expect(request.interactions[0].text).toContain('Every 5 minutes.\nBüro München');

    server.addWorkLog({ 'Incident Number': number, 'Detailed Description': '<div>Tried another SIM &amp; phone.</div>', 'Work Log Type': 'Customer Communication', 'View Access': 'Public' }, helixRequester);
    await waitFor(() => request.interactions.some((i) => i.text === 'Tried another SIM & phone.'), { description: 'the work log at Tangoe' });

    await specialist(request.id, 'interactions', { text: 'Replacement <shipped> & tracked.' });
    await waitFor(() => server.workLogsOf(incident).some((log) => log['Detailed Description'] === 'Replacement <shipped> & tracked.'), { description: "the specialist's work log in Helix" });
    // Helix restarted: the bridge's token is refused once, and it logs in again.
    server.expireTokens();
    await specialist(request.id, 'state', { state: 'closed' });
    await waitFor(() => incident.Status === 'Resolved', { description: 'the incident resolved' });

    await bridge.quiescent();
    expect(server.workLogsOf(incident).map((log) => `${log.Submitter}:${log['View Access']}`)).toEqual(['asmith:Public', 'bridge-acme:Internal']);
    // The notifier writes; the ingress's reconciliation only reads (and logs in as the same user to do so).
    const writes = server.calls.filter((call) => call.user === 'bridge-acme' && call.method !== 'GET' && call.path !== '/jwt/login');
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /HPD:WorkLog 201', `PUT /HPD:IncidentInterface/${incident['Request ID']} 204`]);
    // The expired token was refused (to a read), and a login followed it.
    const refused = server.calls.findIndex((call) => call.status === 401);
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(server.calls.filter((call) => call.status === 401).every((call) => call.method === 'GET')).toBe(true);
    expect(server.calls.slice(refused).some((call) => call.path === '/jwt/login' && call.status === 200)).toBe(true);
    expect(writes[1].body).toEqual({ values: { Status: 'Resolved', Status_Reason: 'No Further Action Required', Resolution: 'Replacement <shipped> & tracked.' } });
    expect(incident['Last Modified By']).toBe('bridge-acme');
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Hotspot drops'), 'Tried another SIM & phone.', 'Replacement <shipped> & tracked.']);
    expect(request.state).toBe('closed');
    expect(server.webhookFailures).toEqual([]);
  });

  it("refuses a webhook without Helix's credentials, or unreadable, with a 4xx, and publishes nothing", async () => {
    const post = (body: string, auth?: { username: string; password: string }) =>
      axios.post(`${bridge.ingressUrl}/v1/clients/acme/webhooks/bmc-helix`, body, { headers: { 'content-type': 'application/json' }, auth, validateStatus: () => true, transformRequest: (d) => d });
    const credentials = { username: 'helix-webhook', password: bridge.clients[0].webhookSecret };
    const unseen = JSON.stringify({ event: 'incident.created', incident: { 'Incident Number': 'INC000000009999', Description: 'Never published', 'Assigned Group': 'Mobility', 'Full Name': 'Ann Smith', 'Phone Number': '5551234567' } });
    expect((await post(unseen)).status).toBe(401);
    expect((await post(unseen, { ...credentials, password: 'wrong' })).status).toBe(401);
    const malformed = await post('{"event":"incident.created","incident":{"Incident Number":"$Incident Number$"}}', credentials);
    expect(malformed.status).toBe(422);
    expect(malformed.data.message).toContain('incident.Incident Number');
    expect((await post('{"event":"incident.deleted","incident":{"Incident Number":"INC000000009999"}}', credentials)).status).toBe(422);
    expect((await post('{"event": ', credentials)).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme').filter((r) => r.external_source_id === 'INC000000009999')).toEqual([]);
  });
});
