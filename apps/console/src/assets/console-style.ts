/**
 * The console's style sheet: dense tables that fit 1280×800, health shown in words as well as in colour, visible
 * focus for keyboard use. Served from the console itself: the page loads nothing from elsewhere.
 */
export const CONSOLE_STYLE = `
:root { --fg: #1d2327; --muted: #5a6570; --line: #d5dade; --bg-soft: #f4f6f8; --accent: #0b5cad; --bad: #a4161a; --warn: #8a5300; --good: #1d6b35; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 1px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.top { display: flex; justify-content: space-between; align-items: center; padding: 6px 16px; background: #13293d; color: #fff; }
header.top nav { display: flex; gap: 16px; align-items: center; }
header.top a { color: #dfe9f3; text-decoration: none; padding: 4px 2px; }
header.top a[aria-current="page"] { color: #fff; border-bottom: 2px solid #f5a623; }
.brand { font-weight: 600; margin-right: 12px; }
.signout { display: flex; gap: 8px; align-items: center; }
main { padding: 12px 16px 32px; max-width: 1400px; }
main:focus { outline: none; }
h1 { font-size: 20px; margin: 8px 0 12px; }
h2 { font-size: 16px; margin: 20px 0 8px; }
.lead { max-width: 80ch; }
.muted { color: var(--muted); }
.error { color: var(--bad); }
.crumbs { margin: 0; color: var(--muted); }
.problems { border-left: 4px solid var(--bad); background: #fdecea; padding: 4px 12px; margin-bottom: 12px; }
.problems p { margin: 4px 0; }
.filters, .toolbar, .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.actions form { display: flex; gap: 6px; align-items: center; border: 1px solid var(--line); padding: 6px 8px; border-radius: 4px; }
.stack { display: grid; gap: 6px; }
.narrow { max-width: 360px; }
input, select, button { font: inherit; padding: 3px 6px; }
button { cursor: pointer; border: 1px solid #8a96a3; background: #fff; border-radius: 3px; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
table.data { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
table.data caption { text-align: left; color: var(--muted); padding: 4px 0; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
table.data thead th { position: sticky; top: 0; background: var(--bg-soft); font-weight: 600; }
table.data { font-size: 13px; }
table.data tbody tr:hover { background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.details, td.error { max-width: 48ch; overflow-wrap: anywhere; }
.health, .status { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.health-flowing, .status-delivered, .status-done, .status-linked, .status-published { color: var(--good); }
.health-paused, .health-unknown, .status-pending, .status-retry, .status-creating { color: var(--warn); }
.health-held, .health-failing, .status-parked { color: var(--bad); }
.services { display: flex; gap: 24px; list-style: none; padding: 0; margin: 0 0 8px; }
.why { display: block; color: var(--muted); font-size: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
pre.settings, details pre { background: var(--bg-soft); padding: 8px; overflow: auto; max-height: 420px; }
.confirm { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 4px 16px 12px; max-width: 90ch; }
.outcome { font-weight: 600; }
.outcome-done { color: var(--good); }
.outcome-refused { color: var(--warn); }
.outcome-failed { color: var(--bad); }
footer { padding: 4px 16px; }
`;
