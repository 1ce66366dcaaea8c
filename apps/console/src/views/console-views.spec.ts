import { ConsoleSettings } from '../console-settings';
import { ConsoleViews, ago } from './console-views';

describe('ago', () => {
  const now = Date.parse('2026-12-07T10:00:00.000Z');
  it('says how long since, in the unit that reads best', () => {
    expect(ago('2026-12-07T09:59:48.000Z', now)).toBe('12 s ago');
    expect(ago('2026-12-07T09:57:00.000Z', now)).toBe('3 min ago');
    expect(ago('2026-12-07T08:00:00.000Z', now)).toBe('2 h ago');
    expect(ago('2026-12-03T10:00:00.000Z', now)).toBe('4 d ago');
    expect(ago('2026-12-07T10:00:30.000Z', now)).toBe('in 30 s');
    expect(ago(null, now)).toBe('');
  });
});

describe('ConsoleViews', () => {
  const views = new ConsoleViews(Object.assign(new ConsoleSettings(), { CONSOLE_REFRESH_SECONDS: 7 }));

  it('escapes whatever other systems wrote, in text and in attributes', async () => {
    const html = await views.render('message', { title: '<script>alert(1)</script>' }, { heading: 'x', message: '<img src=x onerror=alert(1)>', backHref: '"><script>', backLabel: 'back' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('href="&#34;&gt;&lt;script&gt;"');
    expect(html).toContain('data-refresh-seconds="7"');
  });

  it('shows no navigation to someone not signed in, and the operator and the CSRF token to someone who is', async () => {
    expect(await views.render('login', { title: 'Sign in' }, { next: '/clients' })).not.toContain('href="/waiting"');
    const html = await views.render('tickets', { title: 'Tickets', section: 'tickets', signedIn: { operator: 'Ann', csrf: 'c5rf' } }, { q: '', searched: false, found: [] });
    expect(html).toContain('Signed in as <strong>Ann</strong>');
    expect(html).toContain('name="_csrf" value="c5rf"');
    expect(html).toMatch(/href="\/tickets" aria-current="page"/);
  });
});
