import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { Browser, chromium } from 'playwright-core';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The operators' console in a real headless Chromium (Debian's), driven as an operator would. */
describe("the notifier's operator console", () => {
  let bridge: Bridge;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the console test needs Debian's chromium (scripts/infra/install-prereqs.sh installs it), or CHROMIUM_PATH`);
    bridge = await startBridge({ clients: ['acme'], notifier: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  it('lists a parked delivery with its error, replays it on a click, and shows the ticket timeline', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'Console phone', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request' });
    // The update's PATCH refused, not a read: the ingress reads the instance too (reconciliation, the doorbell).
    instance.failures = { status: 400, remaining: 1, method: 'PATCH' };
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'Replacement <b>shipped</b>' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    const parked = await waitFor(async () => {
      const { data } = await axios.get(`${bridge.notifierUrl}/admin/parked`, { headers: { authorization: `Bearer ${bridge.adminToken}` } });
      return (data as Array<{ id: string; line: string; externalSourceId: string }>).find((p) => p.line === 'deliveries' && p.externalSourceId === record.number);
    }, { description: 'the parked delivery' });

    const page = await browser.newPage();
    await page.goto(`${bridge.notifierUrl}/admin/console`);
    await page.fill('#token', 'not-the-token');
    await page.click('#login button');
    await page.waitForSelector('#status.error');
    expect(await page.textContent('#status')).toMatch(/token|unauthori/i);

    await page.fill('#token', bridge.adminToken);
    await page.click('#login button');
    const row = page.locator(`#parked tr[data-parked="${parked.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('HTTP 400');
    await page.screenshot({ path: path.join(os.tmpdir(), 'bridge-operator-console.png'), fullPage: true });

    await row.locator('button', { hasText: 'Replay' }).click();
    // A locator, not a function evaluated in the page: the console's CSP forbids eval, and rightly.
    await page.locator('#status', { hasText: `${parked.id} replayed: pending` }).waitFor();
    await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'Replacement <b>shipped</b>'), { description: 'the replayed note at the ITSM' });
    expect(await page.locator(`#parked tr[data-parked="${parked.id}"]`).count()).toBe(0);

    // The whole timeline: the other services' admin APIs, at the URLs the notifier's configuration names (the harness
    // names them as the Helm chart does).
    await page.fill('#client', 'acme');
    await page.fill('#external', record.number);
    await page.click('#ticket button');
    const timeline = page.locator('#timeline tbody tr');
    await timeline.first().waitFor();
    const text = await page.textContent('#timeline');
    expect(await page.locator('#timeline tr[data-where="ingress"]', { hasText: 'published TicketOpened' }).count()).toBe(1);
    expect(await page.locator('#timeline tr[data-where="gateway"]', { hasText: `support request ${request.id}` }).textContent()).toContain('linked');
    expect(await page.locator('#timeline tr[data-where="notifier"]').count()).toBe(1);
    expect(text).toContain("CommentAdded");
    expect(text).toContain("Replacement <b>shipped</b>");
    expect(text).toMatch(/parked[\s\S]*delivered/);
    // Text from other systems stays text: the note's markup is not in the page's DOM as an element.
    expect(await page.locator('#timeline b').count()).toBe(0);
    await page.close();
  });
});
