import { existsSync } from 'node:fs';
import axios from 'axios';
import { Browser, chromium } from 'playwright-core';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The drift section of the notifier's operator console in a real headless Chromium: a client's report composed
 * from the ingress's and the gateway's answers (at the URLs the notifier's configuration names), and a repair made
 * by a click, which the notifier forwards to the service that makes it.
 */
describe("the console's drift section", () => {
  let bridge: Bridge;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the console test needs Debian's chromium (scripts/infra/install-prereqs.sh installs it), or CHROMIUM_PATH`);
    bridge = await startBridge({ clients: ['acme'], webhooksOff: ['acme'], notifier: true, env: { RECONCILE_ENABLED: 'false', POLL_ENABLED: 'false' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    delete process.env.INGRESS_ADMIN_URL;
    delete process.env.GATEWAY_ADMIN_URL;
  });

  it('lists the drift of a client, repairs a ticket on a click, and says why another has no repair', async () => {
    const record = bridge.sandbox.servicenow
      .get('acme')
      .insert('incident', { short_description: 'Lost on its way', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    bridge.sandbox.tangoe.dropPushes = true;
    const support_request = { text: 'Made by hand', requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'Tech Support', external_source_id: 'INC7777777' };
    await axios.post(`${bridge.sandbox.url}/1/support_requests`, { support_request }, { headers: { 'API-Token': bridge.clients[0].tangoeToken } });
    bridge.sandbox.tangoe.dropPushes = false;

    // A notifier started without the other services' admin APIs: the console says which setting is missing.
    delete process.env.INGRESS_ADMIN_URL;
    delete process.env.GATEWAY_ADMIN_URL;
    await bridge.restartNotifier();
    const page = await browser.newPage();
    await page.goto(`${bridge.notifierUrl}/admin/console`);
    await page.fill('#token', bridge.adminToken);
    await page.click('#login button');
    await page.locator('#status', { hasText: 'parked' }).waitFor();
    await page.fill('#drift-client', 'acme');
    await page.click('#drift button');
    await page.locator('#status.error', { hasText: 'INGRESS_ADMIN_URL' }).waitFor();

    // Configured, and started again (settings are read at start), on the same port: the open console goes on.
    process.env.INGRESS_ADMIN_URL = bridge.ingressUrl;
    process.env.GATEWAY_ADMIN_URL = bridge.gatewayUrl;
    await bridge.restartNotifier();
    await page.click('#drift button');
    const lost = page.locator(`#drift-items tr[data-ticket="${record.number}"]`);
    await lost.waitFor();
    expect(await lost.textContent()).toMatch(/not_at_tangoe.*bridge never had it/);
    const byHand = page.locator('#drift-items tr[data-ticket="INC7777777"]');
    expect(await byHand.textContent()).toMatch(/only_at_tangoe.*not made by the bridge.*no automatic repair/);

    await lost.locator('button', { hasText: 'Onboard' }).click();
    await page.locator('#status', { hasText: `${record.number}: onboard done` }).waitFor();
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((candidate) => candidate.external_source_id === record.number), { description: 'the repaired ticket at Tangoe' });
    expect(request.interactions[0].text).toContain('Lost on its way');

    await waitFor(
      async () => {
        await page.click('#drift button');
        await page.locator('#status', { hasText: 'Tangoe read at' }).waitFor();
        return (await page.locator('#drift-items tbody tr').count()) === 1;
      },
      { description: 'the report listing only the request without a repair', timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(await page.locator('#drift-items tbody tr').first().getAttribute('data-ticket')).toBe('INC7777777');
    await page.close();
  }, 120_000);
  it('pauses a client both ways and resumes it, each after the operator confirms', async () => {
    const admin = { headers: { authorization: `Bearer ${bridge.adminToken}` } };
    const pausedAt = async () => (await Promise.all([bridge.gatewayUrl, bridge.notifierUrl].map((url) => axios.get(`${url}/admin/clients/paused`, admin)))).map((answer) => answer.data.map((p: { clientId: string }) => p.clientId));
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.goto(`${bridge.notifierUrl}/admin/console`);
    await page.fill('#token', bridge.adminToken);
    await page.click('#login button');
    await page.locator('#status', { hasText: 'parked' }).waitFor();

    await page.fill('#pause-client', 'acme');
    await page.fill('#pause-reason', 'ITSM upgrade');
    await page.click('#pause button');
    await page.locator('#status', { hasText: 'acme paused both ways.' }).waitFor();
    expect(await pausedAt()).toEqual([['acme'], ['acme']]);
    expect(await page.locator('#paused tr[data-client="acme"]').textContent()).toContain('ITSM upgrade');

    await page.locator('#paused tr[data-client="acme"] button', { hasText: 'Resume both ways' }).click();
    await page.locator('#status', { hasText: 'acme resumed' }).waitFor();
    expect(await pausedAt()).toEqual([[], []]);
    expect(await page.locator('#paused tbody tr').count()).toBe(0);
    expect(dialogs).toEqual([expect.stringContaining('Pause acme both ways?'), expect.stringContaining('Resume acme?')]);
    await page.close();
  }, 120_000);
});
