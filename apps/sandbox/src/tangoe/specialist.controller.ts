import { Body, Controller, Get, Headers, HttpException, HttpStatus, Inject, Param, ParseIntPipe, Post, Put, Header } from '@nestjs/common';
import type { FaultSettings } from './faults';
import { TANGOE_SANDBOX } from './tokens';
import { TangoeSandbox } from './tangoe-sandbox';

const SPECIALIST_STATES = ['externally_queued', 'awaiting_customer_response', 'closed', 'canceled'];

/** The Account Specialist's side of the sandbox (and its fault switches), behind the sandbox admin token. */
@Controller('sandbox/tangoe')
export class SpecialistController {
  constructor(@Inject(TANGOE_SANDBOX) private readonly sandbox: TangoeSandbox) {}

  @Post('support_requests/:id/state')
  changeState(@Headers('x-sandbox-admin') admin: string, @Param('id', ParseIntPipe) id: number, @Body() body: { state?: string }) {
    this.authorize(admin);
    if (!body?.state || !SPECIALIST_STATES.includes(body.state)) throw new HttpException({ errors: { state: [`must be one of ${SPECIALIST_STATES.join(', ')}`] } }, HttpStatus.UNPROCESSABLE_ENTITY);
    const changed = this.found(this.sandbox.store.changeState(id, body.state));
    this.sandbox.notify(changed, 'support_request.state_changed');
    return changed;
  }

  @Post('support_requests/:id/interactions')
  addInteraction(@Headers('x-sandbox-admin') admin: string, @Param('id', ParseIntPipe) id: number, @Body() body: { text?: string }) {
    this.authorize(admin);
    const request = this.found(this.sandbox.store.get(id));
    if (!body?.text?.trim()) throw new HttpException({ errors: { text: ["can't be blank"] } }, HttpStatus.UNPROCESSABLE_ENTITY);
    const interaction = this.sandbox.store.addInteraction(request.company, request.token, body.text, 'specialist');
    this.sandbox.notify(request, 'support_request.interaction_created');
    return interaction;
  }

  @Post('support_requests/:id/reassign')
  reassign(@Headers('x-sandbox-admin') admin: string, @Param('id', ParseIntPipe) id: number, @Body() body: { assignment_group?: string }) {
    this.authorize(admin);
    if (!body?.assignment_group) throw new HttpException({ errors: { assignment_group: ["can't be blank"] } }, HttpStatus.UNPROCESSABLE_ENTITY);
    const changed = this.found(this.sandbox.store.changeState(id, 'reassigned', body.assignment_group));
    this.sandbox.notify(changed, 'support_request.reassigned');
    return changed;
  }

  @Put('webhooks')
  setWebhook(@Headers('x-sandbox-admin') admin: string, @Body() body: { company?: string; url?: string; secret?: string; drop?: boolean }) {
    this.authorize(admin);
    if (typeof body?.drop === 'boolean') this.sandbox.dropPushes = body.drop;
    if (body?.company && body.url && body.secret) this.sandbox.webhooks.set(body.company, { url: body.url, secret: body.secret });
    return { companies: [...this.sandbox.webhooks.keys()], dropPushes: this.sandbox.dropPushes };
  }

  @Put('faults')
  setFaults(@Headers('x-sandbox-admin') admin: string, @Body() body: Partial<FaultSettings> & { seed?: number }) {
    this.authorize(admin);
    const { seed, ...settings } = body ?? {};
    return this.sandbox.faults.set(settings, seed);
  }

  @Get('support_requests')
  list(@Headers('x-sandbox-admin') admin: string) {
    this.authorize(admin);
    return this.sandbox.store.all().map((request) => ({ ...this.sandbox.store.present(request), company: request.company }));
  }

  /** A small page to play the specialist by hand; everything on it goes through the API above. */
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    const rows = this.sandbox.store
      .all()
      .map((r) => `<tr><td>${r.id}</td><td>${escape(r.company)}</td><td>${escape(r.external_source_id)}</td><td>${escape(r.state)}</td><td>${r.interactions.length}</td>` +
        `<td>${SPECIALIST_STATES.map((s) => `<button onclick="act(${r.id},'state',{state:'${s}'})">${s}</button>`).join(' ')}` +
        ` <button onclick="note(${r.id})">add note</button> <button onclick="reassign(${r.id})">reassign</button></td></tr>`)
      .join('');
    return `<!doctype html><html><head><title>Sandbox Tangoe</title></head><body><h1>Sandbox Tangoe: support requests</h1>
<p>Admin token: <input id="admin" value=""></p>
<table border="1" cellpadding="4"><tr><th>id</th><th>company</th><th>external id</th><th>state</th><th>interactions</th><th>actions</th></tr>${rows}</table>
<script>
async function act(id, what, body) {
  await fetch('/sandbox/tangoe/support_requests/' + id + '/' + what, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-admin': document.getElementById('admin').value }, body: JSON.stringify(body) });
  location.reload();
}
function note(id) { const text = prompt('Note'); if (text) act(id, 'interactions', { text }); }
function reassign(id) { const group = prompt('Assignment group'); if (group) act(id, 'reassign', { assignment_group: group }); }
</script></body></html>`;
  }

  private authorize(token: string | undefined): void {
    if (token !== this.sandbox.adminToken) throw new HttpException({ error: 'X-Sandbox-Admin header missing or wrong' }, HttpStatus.UNAUTHORIZED);
  }

  private found<T>(value: T | undefined): T {
    if (value === undefined) throw new HttpException({ error: 'Not Found' }, HttpStatus.NOT_FOUND);
    return value;
  }
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
