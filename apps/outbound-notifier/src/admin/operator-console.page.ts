/**
 * The operators' console of the notifier: the endpoints holding deliveries back (a re-enable button for one a 410
 * disabled), what is parked here (deliveries and the notifier's dead letters, `GET /admin/parked`) with their errors and a
 * replay button each, and
 * the paused clients with a resume button each, and a pause (both ways: toward the ITSM here, toward Tangoe at the
 * gateway), per ticket its whole timeline: the events the ingress published, the support request and interactions at the
 * gateway, every Tangoe-side event and every delivery attempt; per client its drift between ITSM and Tangoe, with a
 * repair button for each ticket that has one. A static page: it holds no data
 * and no session, and calls the admin API with the token the operator types, kept for the tab only. Everything it
 * shows is set as text, never as markup: errors and notes come from other systems.
 */
export const OPERATOR_CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tangoe ⇄ ITSM bridge: deliveries</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; text-align: left; font-size: .9rem; }
.muted { color: #666; }
.error { color: #a00; }
</style>
</head>
<body>
<h1>Deliveries to the clients' ITSMs</h1>
<form id="login"><label>Admin token <input id="token" type="password" autocomplete="off" required></label> <button type="submit">Open</button></form>
<p id="status" role="status" class="muted"></p>
<h2>Endpoints holding deliveries</h2>
<table id="endpoints"><thead><tr><th>client</th><th>state</th><th>held</th><th>reason</th><th></th></tr></thead><tbody></tbody></table>
<h2>Paused clients</h2>
<p class="muted">Paused, nothing of a client goes to its Tangoe or its ITSM and nothing is lost; resumed, what was held is sent, each ticket in order.</p>
<form id="pause"><label>Client <input id="pause-client" required></label> <label>Reason <input id="pause-reason"></label> <button type="submit">Pause both ways</button></form>
<table id="paused"><thead><tr><th>client</th><th>paused since</th><th>reason</th><th>deliveries held</th><th></th></tr></thead><tbody></tbody></table>
<h2>Parked</h2>
<p class="muted">Deliveries and the dead letters of the notifier's consumer group; the gateway's parked ticket events are in <code>bridge parked list</code>.</p>
<table id="parked"><thead><tr><th>id</th><th>line</th><th>client</th><th>ticket</th><th>what</th><th>attempts</th><th>parked at</th><th>error</th><th></th></tr></thead><tbody></tbody></table>
<h2>Ticket timeline</h2>
<form id="ticket"><label>Client <input id="client" required></label> <label>Ticket <input id="external" required></label> <button type="submit">Show</button></form>
<table id="timeline"><thead><tr><th>where</th><th>what</th><th>status</th><th>details</th></tr></thead><tbody></tbody></table>
<h2>Drift between a client's ITSM and Tangoe</h2>
<p class="muted">Reads the client's ITSM from the date given (30 days back when none is) through its read budget, then its Tangoe list: minutes for a busy client.</p>
<form id="drift"><label>Client <input id="drift-client" required></label> <label>Since <input id="drift-since" placeholder="2026-01-31"></label> <button type="submit">Report</button></form>
<table id="drift-items"><thead><tr><th>ticket</th><th>kind</th><th>ITSM</th><th>Tangoe</th><th>reason</th><th></th></tr></thead><tbody></tbody></table>
<script>
const token = () => sessionStorage.getItem('bridge-admin-token') || '';
const status = (text, isError) => { const el = document.getElementById('status'); el.textContent = text; el.className = isError ? 'error' : 'muted'; };
async function api(method, path, payload) {
  const headers = { authorization: 'Bearer ' + token() };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message || ('HTTP ' + response.status));
  return body;
}
function actionCell(row, label, action, what) {
  const button = document.createElement('button');
  button.textContent = label;
  button.addEventListener('click', () => action().catch((error) => status(what + ' failed: ' + error.message, true)));
  row.insertCell().append(button);
}
function cell(row, text, className) { const td = row.insertCell(); td.textContent = text == null ? '' : String(text); if (className) td.className = className; return td; }
/** Replaces a table's rows with one per item the admin API lists. */
async function fillTable(id, path, fillRow) {
  const tbody = document.querySelector('#' + id + ' tbody');
  const items = await api('GET', path);
  tbody.replaceChildren();
  for (const item of items) fillRow(tbody.insertRow(), item);
  return items;
}
async function loadParked() {
  const parked = await fillTable('parked', 'parked', (row, p) => {
    row.dataset.parked = p.id;
    cell(row, p.id); cell(row, p.line); cell(row, p.clientId); cell(row, p.externalSourceId); cell(row, p.what); cell(row, p.attempts); cell(row, p.parkedAt); cell(row, p.error, 'error');
    actionCell(row, 'Replay', async () => {
      const replayed = await api('POST', 'parked/' + encodeURIComponent(p.id) + '/replay'); await loadParked(); status(p.id + ' replayed: ' + replayed.status + '.');
    }, 'Replay of ' + p.id);
  });
  status(parked.length + ' parked.');
}
async function loadEndpoints() {
  await fillTable('endpoints', 'endpoints', (row, e) => {
    row.dataset.client = e.clientId;
    cell(row, e.clientId); cell(row, e.disabledAt ? 'disabled since ' + e.disabledAt : 'paused until ' + e.notBefore, e.disabledAt ? 'error' : ''); cell(row, e.held); cell(row, e.reason);
    // A paused endpoint resumes by itself; only a disabled one waits for an operator.
    if (!e.disabledAt) { row.insertCell(); return; }
    actionCell(row, 'Re-enable', async () => {
      const done = await api('POST', 'endpoints/' + encodeURIComponent(e.clientId) + '/enable'); await loadEndpoints(); await loadParked();
      status('Endpoint of ' + e.clientId + ' re-enabled; ' + done.requeued + ' parked delivery(ies) back in line, the held ones follow.');
    }, 'Re-enabling ' + e.clientId);
  });
}
async function loadPaused() {
  await fillTable('paused', 'clients/paused', (row, p) => {
    row.dataset.client = p.clientId;
    cell(row, p.clientId); cell(row, p.pausedAt); cell(row, p.reason); cell(row, p.held);
    actionCell(row, 'Resume both ways', async () => {
      if (!confirm('Resume ' + p.clientId + '? What was held is sent to its Tangoe and its ITSM, each ticket in order.')) return;
      const done = await api('POST', 'clients/' + encodeURIComponent(p.clientId) + '/both-ways/resume'); await loadPaused();
      status(p.clientId + ' resumed; ' + (done.gateway.ticketsToSend ?? 0) + ' ticket(s) held toward Tangoe are being sent, and its deliveries flow again.');
    }, 'Resuming ' + p.clientId);
  });
}
async function loadTimeline(client, external) {
  const tbody = document.querySelector('#timeline tbody');
  const timeline = await api('GET', 'tickets/' + encodeURIComponent(client) + '/' + encodeURIComponent(external) + '/timeline');
  tbody.replaceChildren();
  const line = (where, what, state, details) => { const row = tbody.insertRow(); row.dataset.where = where; cell(row, where); cell(row, what); cell(row, state, state === 'parked' ? 'error' : ''); cell(row, details); };
  const peer = (where, answer, show) => {
    if (answer.status === 'not_configured') line(where, '(not configured)', '', 'set ' + (where === 'ingress' ? 'INGRESS_ADMIN_URL' : 'GATEWAY_ADMIN_URL') + ' on the notifier');
    else if (answer.status === 'unavailable') line(where, '(unavailable)', 'error', answer.error);
    else if (answer.data === null) line(where, '(no such ticket)', '', '');
    else show(answer.data);
  };
  peer('ingress', timeline.ingress, (events) => events.forEach((e) => line('ingress', 'published ' + e.type, 'published', e.publishedAt + ' · ' + e.eventId)));
  peer('gateway', timeline.gateway, (t) => {
    line('gateway', 'support request ' + (t.supportRequestId ?? '(none yet)'), t.status, t.error || ('create attempts: ' + t.createAttempts));
    t.interactions.forEach((i) => line('gateway', 'interaction ' + (i.interactionId ?? '(pending)'), i.status, i.startedAt + ' · event ' + i.eventId));
  });
  for (const d of timeline.deliveries) {
    line('notifier', [d.event.type, d.event.data.state, d.event.data.text || d.event.data.note].filter(Boolean).join(' ') + ' → ' + d.kind, d.status,
      d.attempts_log.map((a) => [a.started_at, a.status_code ?? '-', a.outcome, a.response ?? ''].join(' · ')).join('\\n'));
  }
  status(tbody.rows.length + ' entries for ' + client + ':' + external + '.');
}
const REPAIR_LABELS = { onboard: 'Onboard', replay: 'Replay', resume: 'Resume the client', send_client_state: "Send the client's end", redeliver_tangoe_state: "Redeliver Tangoe's state" };
async function loadDrift(client, since) {
  const query = since ? '?since=' + encodeURIComponent(since) : '';
  const base = 'clients/' + encodeURIComponent(client) + '/drift';
  status('Reading the ITSM and Tangoe of ' + client + '…');
  const report = await api('GET', base + query);
  const tbody = document.querySelector('#drift-items tbody');
  tbody.replaceChildren();
  for (const item of report.items) {
    const row = tbody.insertRow();
    row.dataset.ticket = item.externalSourceId;
    cell(row, item.externalSourceId); cell(row, item.kind, 'error');
    cell(row, item.itsm ? [item.itsm.endedAs || item.itsm.state, item.itsm.status].filter(Boolean).join(' · ') : '(not in the read)');
    cell(row, item.tangoe ? [item.tangoe.supportRequestId, item.tangoe.state, item.tangoe.link].filter((part) => part != null).join(' · ') : '(nothing)');
    cell(row, item.reason);
    if (!item.repair) { cell(row, 'no automatic repair', 'muted'); continue; }
    actionCell(row, REPAIR_LABELS[item.repair.action] || item.repair.action, async () => {
      const done = await api('POST', base + '/' + encodeURIComponent(item.externalSourceId) + '/repair' + query);
      row.cells[row.cells.length - 1].replaceChildren(document.createTextNode('repaired: ' + done.repair.action));
      status(item.externalSourceId + ': ' + done.repair.action + ' done; report again to see it in step.');
    }, 'Repair of ' + item.externalSourceId);
  }
  status(report.items.length + ' ticket(s) of ' + client + ' drift (ITSM read since ' + report.since + ', ' + report.recordsRead + ' records; Tangoe read at ' + report.tangoeReadAt + ').');
}
document.getElementById('drift').addEventListener('submit', (event) => {
  event.preventDefault();
  loadDrift(document.getElementById('drift-client').value, document.getElementById('drift-since').value).catch((error) => status(error.message, true));
});
document.getElementById('pause').addEventListener('submit', (event) => {
  event.preventDefault();
  const client = document.getElementById('pause-client').value;
  const reason = document.getElementById('pause-reason').value;
  if (!confirm('Pause ' + client + ' both ways? Nothing of it is sent to its Tangoe or its ITSM until it is resumed; nothing is lost.')) return;
  api('POST', 'clients/' + encodeURIComponent(client) + '/both-ways/pause', reason ? { reason } : {})
    .then(() => loadPaused()).then(() => status(client + ' paused both ways.'))
    .catch((error) => status('Pausing ' + client + ' failed: ' + error.message, true));
});
document.getElementById('login').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('bridge-admin-token', document.getElementById('token').value);
  loadEndpoints().then(loadPaused).then(loadParked).catch((error) => status(error.message, true));
});
document.getElementById('ticket').addEventListener('submit', (event) => {
  event.preventDefault();
  loadTimeline(document.getElementById('client').value, document.getElementById('external').value).catch((error) => status(error.message, true));
});
if (token()) loadEndpoints().then(loadPaused).then(loadParked).catch((error) => status(error.message, true));
</script>
</body>
</html>
`;
