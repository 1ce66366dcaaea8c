import type { FaultSettings } from '../controls/fault-injector';
import { SPECIALIST_STATES, SupportRequest } from '../store/support-request';

export interface ConsoleView {
  requests: SupportRequest[];
  faults: FaultSettings;
  webhooks: Array<{ company: string; url: string; drop: boolean }>;
  dropPushes: boolean;
}

/** Everything shown is escaped: request fields come from API callers and must not become markup. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The specialist's console: the requests, newest change first, with a form per action. The forms post to the
 * specialist API with the admin token typed into the page, so the page itself needs no session.
 */
export function renderSpecialistConsole(view: ConsoleView): string {
  const requests = [...view.requests].sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id);
  const rows = requests.map(row).join('\n');
  const webhooks = view.webhooks.map((w) => `${escapeHtml(w.company)} → ${escapeHtml(w.url)}${w.drop ? ' (dropping)' : ''}`).join('; ') || 'none';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sandbox Tangoe: Account Specialist</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; text-align: left; font-size: .9rem; }
form { margin: 0 0 .3rem; white-space: nowrap; }
.muted { color: #666; }
</style>
</head>
<body>
<h1>Sandbox Tangoe: support requests</h1>
<p><label>Admin token (X-Sandbox-Admin) <input id="admin" type="password" autocomplete="off"></label> <span id="status" role="status"></span></p>
<p class="muted">Webhooks: ${webhooks}. Every push dropped: ${view.dropPushes ? 'yes' : 'no'}. Faults: ${escapeHtml(JSON.stringify(view.faults))}.</p>
<table>
<thead><tr><th>id</th><th>company</th><th>external id</th><th>request type</th><th>state</th><th>assignment group</th><th>updated</th><th>interactions</th><th>actions</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="9" class="muted">No support requests yet.</td></tr>'}
</tbody>
</table>
<script>
const admin = document.getElementById('admin');
admin.value = sessionStorage.getItem('sandboxAdmin') || '';
admin.addEventListener('change', () => sessionStorage.setItem('sandboxAdmin', admin.value));
document.addEventListener('submit', async (event) => {
  const form = event.target.closest('form[data-action]');
  if (!form) return;
  event.preventDefault();
  const response = await fetch('/sandbox/tangoe/support_requests/' + encodeURIComponent(form.dataset.id) + '/' + form.dataset.action, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-admin': admin.value },
    body: JSON.stringify(Object.fromEntries(new FormData(form))),
  });
  if (response.ok) location.reload();
  else document.getElementById('status').textContent = response.status + ': ' + (await response.text());
});
</script>
</body>
</html>
`;
}

function row(request: SupportRequest): string {
  const id = escapeHtml(request.id);
  const last = request.interactions.at(-1);
  const states = SPECIALIST_STATES.map((state) => `<option value="${state}">${state}</option>`).join('');
  return `<tr>
<td>${id}</td><td>${escapeHtml(request.company)}</td><td>${escapeHtml(request.external_source_id)}</td><td>${escapeHtml(request.request_type)}</td>
<td>${escapeHtml(request.state)}</td><td>${escapeHtml(request.assignment_group ?? '')}</td><td>${escapeHtml(request.updated_at)}</td>
<td>${request.interactions.length}: ${escapeHtml(last?.text ?? '')}</td>
<td>
<form data-id="${id}" data-action="state"><select name="state">${states}</select> <input name="note" placeholder="note (optional)"> <button>Set state</button></form>
<form data-id="${id}" data-action="interactions"><input name="text" required placeholder="note to the client"> <button>Add note</button></form>
<form data-id="${id}" data-action="reassign"><input name="assignment_group" required placeholder="assignment group"> <button>Reassign to client</button></form>
</td>
</tr>`;
}
