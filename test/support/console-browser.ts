import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';

/** axe-core, Deque's accessibility engine: the WCAG 2 A and AA rules a page is checked against. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where `CONSOLE_SCREENSHOTS=1` writes each page's picture: the ones the README shows. */
const SCREENSHOTS = path.resolve(__dirname, '../../docs/console');

/** Debian's headless Chromium, driven by playwright-core: missing, the test fails saying what to install. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the console tests need Debian's chromium (scripts/infra/install-prereqs.sh installs it), or CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

/** A page at the size the console is made for (1280×800), signed in as `operator`. */
export async function signedInPage(browser: Browser, consoleUrl: string, adminToken: string, operator = 'Ann Operator'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${consoleUrl}/clients`);
  await page.getByLabel('Your name').fill(operator);
  await page.getByLabel('Admin token').fill(adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${consoleUrl}/clients`);
  return page;
}

/** The page's cookies as a `Cookie` header: its session, for a request made outside the browser. */
export async function cookieHeaderOf(page: Page): Promise<string> {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** With CONSOLE_SCREENSHOTS=1, the page as it looks now, for docs/console/; otherwise into the temp dir, for a look after a failure. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CONSOLE_SCREENSHOTS === '1' ? SCREENSHOTS : path.join(os.tmpdir(), 'bridge-console');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** The console's audit lines in its log file, as objects. */
export function consoleAuditLines(logFile: string): Array<{ operator: string; action: string; outcome: string; target: Record<string, unknown>; detail?: string }> {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"audit":"console"'))
    .map((line) => JSON.parse(line) as { operator: string; action: string; outcome: string; target: Record<string, unknown>; detail?: string });
}

/**
 * The page as axe-core finds it against WCAG 2 A and AA (labels, names, contrast, structure): each violation with
 * its rule and the elements it found, none expected. Run through the DevTools protocol, so the console's CSP, which
 * allows no script but its own, stays on.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  });
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
