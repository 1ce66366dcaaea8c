import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import type { Browser } from 'playwright-core';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { accessibilityViolations, consoleAuditLines, cookieHeaderOf, launchChromium, screenshot, signedInPage } from '../../support/console-browser';

/**
 * The operators' console in Debian's headless Chromium against the real services, Kafka and PostgreSQL: signing in,
 * the clients page, the ticket search and timeline, and the one list of what waits with its replay.
 */
describe("the operators' console: its pages", () => {
  let bridge: Bridge;
  let browser: Browser;
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'console-log-')), 'console.log');

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme', 'globex'], notifier: true, console: true, consoleEnv: { LOG_FILE: logFile, LOG_LEVEL: 'warn' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  it('sends a stranger to the sign-in page, refuses a wrong token, and lists every client with its health once signed in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The accessibility check can fail: a field without a name is a violation.
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><input type="text"></main></body></html>');
    expect(await accessibilityViolations(page)).toEqual([expect.stringMatching(/^label \(critical\)/)]);
    await page.goto(`${bridge.consoleUrl}/clients?health=flowing`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Your name').fill('Mallory');
    await page.getByLabel('Admin token').fill('not-the-admin-token-but-long-enough-to-look-it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That is not the admin token.' }).waitFor();
    await screenshot(page, 'sign-in');
    // Straight to the API without a session: refused, nothing shown.
    expect((await axios.get(`${bridge.consoleUrl}/waiting`, { maxRedirects: 0, validateStatus: () => true })).status).toBe(302);
    expect((await axios.post(`${bridge.consoleUrl}/actions/pause`, 'client=acme', { validateStatus: () => true })).status).toBe(401);

    await page.getByLabel('Your name').fill('Ann Operator');
    await page.getByLabel('Admin token').fill(bridge.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the stranger was sent from, filter and all.
    await page.waitForURL(`${bridge.consoleUrl}/clients?health=flowing`);
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    for (const client of ['acme', 'globex']) {
      const row = page.locator(`#clients tr[data-client="${client}"]`);
      expect(await row.getAttribute('data-health')).toBe('flowing');
      expect(await row.textContent()).toContain('servicenow');
    }
    expect(await page.textContent('header')).toContain('Signed in as Ann Operator');
    // Each service ready, and how far behind its consumers are (their lag, from the metrics of the admin port).
    expect(await page.locator('#services li[data-ready="true"]').count()).toBe(3);
    await page.locator('#services li[data-service="notifier"]', { hasText: /consumers \d+ event\(s\) behind/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // The cookie holds no token, and no script can read it.
    const [cookie] = await page.context().cookies();
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.value).not.toContain(bridge.adminToken);
    await page.getByLabel('Client or ITSM').fill('glob');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'glob');
    expect(await page.locator('#clients tbody tr').count()).toBe(1);

    // A client's page: its entry in the clients file, without a secret.
    await page.getByRole('link', { name: 'globex', exact: true }).click();
    const settings = (await page.locator('pre.settings').textContent())!;
    expect(settings).toContain('"itsm": "servicenow"');
    expect(settings).toContain('[redacted]');
    for (const secret of [bridge.clients[1].tangoeToken, bridge.clients[1].webhookSecret, bridge.adminToken]) expect(settings).not.toContain(secret);
    // A ticket id that URL resolution would read as "up one" is refused, not sent on to a service. Sent as written:
    // browsers and WHATWG URLs resolve the dots themselves before anything leaves.
    const session = await cookieHeaderOf(page);
    const dotted = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(bridge.consoleUrl);
      http.get({ hostname, port, path: '/tickets/globex/%2E%2E', headers: { cookie: session } }, (response) => resolve(response.resume().statusCode!)).on('error', reject);
    });
    expect(dotted).toBe(400);
    await page.close();
    expect(consoleAuditLines(logFile).map((line) => [line.action, line.operator, line.outcome])).toEqual([
      ['sign-in', 'Mallory', 'refused'],
      ['sign-in', 'Ann Operator', 'done'],
    ]);
  });

  it('finds a ticket by its number, its support request id and a word of its title, and shows its timeline across the services', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'Cracked console screen', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request' });
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'Replacement <b>shipped</b>' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'Replacement <b>shipped</b>'), { description: 'the note at the ITSM' });

    const page = await signedInPage(browser, bridge.consoleUrl, bridge.adminToken);
    await page.getByRole('link', { name: 'Tickets', exact: true }).click();
    for (const query of [record.number, String(request.id), 'cracked console']) {
      await page.getByLabel('ITSM number, support request id or part of the title').fill(query);
      await page.getByRole('button', { name: 'Search' }).click();
      // The results of this search, not the page before it.
      await page.waitForURL((url) => url.searchParams.get('q') === query);
      expect(await page.locator('#found tbody tr').count()).toBe(1);
      expect(await page.locator('#found tbody tr').textContent()).toContain(record.number);
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'tickets');
    await page.getByRole('link', { name: record.number }).click();
    await page.waitForURL(`${bridge.consoleUrl}/tickets/acme/${record.number}`);
    const published = page.locator('#timeline tr[data-where="ingress"]', { hasText: 'published TicketOpened' });
    expect(await published.count()).toBe(1);
    // The trace id of the ingress's publish, which the gateway's step continues.
    const traceId = (await published.locator('code').textContent())!;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.locator('#timeline tr[data-where="gateway"]', { hasText: 'TicketOpened in the ticket' }).locator('code').textContent()).toBe(traceId);
    expect(await page.locator('#timeline tr[data-where="gateway"]', { hasText: `support request ${request.id}` }).textContent()).toContain('linked');
    expect(await page.locator('#timeline tr[data-where="notifier"][data-status="delivered"]').count()).toBeGreaterThanOrEqual(2);
    // Text from other systems stays text: the note's markup is no element of the page.
    expect(await page.locator('#timeline b').count()).toBe(0);
    const order = await page.locator('#timeline tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('time')!.getAttribute('datetime')!));
    expect([...order].sort()).toEqual(order);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'ticket-timeline');
    await page.close();
  });

  it('lists a parked delivery in the one list of what waits, replays it after a confirmation, and the timeline shows it delivered', async () => {
    const instance = bridge.sandbox.servicenow.get('globex');
    const record = instance.insert('incident', { short_description: 'Roaming off', assignment_group: 'Mobility', caller_name: 'Bo Chen', caller_phone: '5557654321', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('globex').find((r) => r.external_source_id === record.number), { description: 'the support request' });
    // The update's PATCH refused, not a read: the ingress reads the instance too (reconciliation).
    instance.failures = { status: 400, remaining: 1, method: 'PATCH' };
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'Roaming enabled' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });

    const page = await signedInPage(browser, bridge.consoleUrl, bridge.adminToken, 'Bo Operator');
    await page.getByRole('link', { name: 'Waiting', exact: true }).click();
    // The list refreshes itself: the parked delivery appears without a reload.
    const row = page.locator('#waiting tr[data-item^="notifier|deliveries:"]', { hasText: record.number });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('HTTP 400');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'waiting');
    await row.getByRole('checkbox').check();
    // A box checked, the list is kept as it is while the operator works in it.
    await page.locator('#refreshed', { hasText: 'kept as they are' }).waitFor();
    expect(await row.getByRole('checkbox').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Replay the selected…' }).click();
    await page.getByRole('heading', { name: 'Replay 1 parked item(s)' }).waitFor();
    expect(await page.locator('.confirm li').textContent()).toMatch(new RegExp(`Replay \\S+ of globex ${record.number} at the notifier \\(1 attempt\\(s\\); last: .*HTTP 400`));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'confirm-replay');
    await page.getByRole('button', { name: 'Replay 1' }).click();
    await page.getByRole('status').filter({ hasText: '1 of 1 item(s) replayed.' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'result-replay');
    await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'Roaming enabled'), { description: 'the replayed note at the ITSM' });
    await page.getByRole('link', { name: 'timeline' }).click();
    await page.locator('#timeline tr[data-where="notifier"]', { hasText: 'attempt 2' }).filter({ hasText: 'delivered' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#timeline tr[data-where="notifier"]', { hasText: 'attempt 1' }).getAttribute('data-status')).toBe('parked');
    await page.close();

    const replay = consoleAuditLines(logFile).find((line) => line.action === 'replay');
    expect(replay).toMatchObject({ operator: 'Bo Operator', outcome: 'done', target: { items: [expect.stringMatching(/^notifier\|deliveries:\d+$/)] } });
  });
});
