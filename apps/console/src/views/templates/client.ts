export const CLIENT = `{% layout 'layout' %}{% block content %}
<p class="crumbs"><a href="/clients">Clients</a> /</p>
<h1>{{ client.clientId }} <span class="health health-{{ client.health }}">{{ client.health }}</span></h1>
<div id="client-status" data-live>
{%- if client.reasons.size > 0 %}<ul class="reasons">{% for reason in client.reasons %}<li>{{ reason }}</li>{% endfor %}</ul>{% endif %}
<dl class="facts">
  <dt>ITSM</dt><dd>{{ client.itsm }}</dd>
  <dt>ITSM last answered</dt><dd>{% if client.itsmLastAnswerAt %}<time datetime="{{ client.itsmLastAnswerAt }}">{{ client.itsmLastAnswerAt | ago }}</time>: {{ client.itsmLastAnswer }}{% else %}not in the last day{% endif %}{% if client.itsmLastDeliveredAt %}; last took a delivery <time datetime="{{ client.itsmLastDeliveredAt }}">{{ client.itsmLastDeliveredAt | ago }}</time>{% endif %}</dd>
  <dt>Tangoe last answered</dt><dd>{% if client.tangoeLastAnsweredAt %}<time datetime="{{ client.tangoeLastAnsweredAt }}">{{ client.tangoeLastAnsweredAt | ago }}</time>{% else %}never polled{% endif %}</dd>
  <dt>Waiting toward Tangoe</dt><dd>{{ client.waitingTowardTangoe }}</dd>
  <dt>Waiting toward its ITSM</dt><dd>{{ client.waitingTowardItsm }}</dd>
  <dt>Parked</dt><dd>{{ client.parked }}</dd>
  <dt>Tangoe GET budget</dt><dd>{% if client.getsPerMinute %}{{ client.getsUsedLastMinute }} of {{ client.getsPerMinute }} in the last minute{% endif %}</dd>
  <dt>Last reconciliation</dt><dd>{% if client.lastReconciliationAt %}<time datetime="{{ client.lastReconciliationAt }}">{{ client.lastReconciliationAt | ago }}</time>: {{ client.lastReconciliationChanges }} change(s) the webhooks had not brought{% else %}none yet{% endif %}</dd>
</dl>
</div>

<h2>Actions</h2>
<p class="muted">Each asks for confirmation and says what it will do first; what you do is written to the audit log.</p>
<div class="actions">
  {%- if client.paused %}
  <form method="get" action="/actions/resume"><input type="hidden" name="client" value="{{ client.clientId }}"><button type="submit">Resume…</button></form>
  {%- else %}
  <form method="get" action="/actions/pause" class="inline">
    <input type="hidden" name="client" value="{{ client.clientId }}">
    <label for="pause-reason">Reason</label> <input id="pause-reason" name="reason" maxlength="500" placeholder="ITSM maintenance">
    <button type="submit">Pause both ways…</button>
  </form>
  {%- endif %}
  {%- if client.endpointDisabled or client.endpointSlowedUntil %}
  <form method="get" action="/actions/enable-endpoint"><input type="hidden" name="client" value="{{ client.clientId }}"><button type="submit">Re-enable its endpoint…</button></form>
  {%- endif %}
  <form method="get" action="/actions/reconcile"><input type="hidden" name="client" value="{{ client.clientId }}"><button type="submit">Reconcile now…</button></form>
  <form method="get" action="/clients/{{ client.clientId | uri_segment }}/onboarding" class="inline">
    <label for="onboard-since">Onboarding: tickets changed since</label> <input id="onboard-since" name="since" type="date">
    <button type="submit">Dry run</button>
  </form>
  <form method="get" action="/clients/{{ client.clientId | uri_segment }}/drift" class="inline">
    <label for="drift-since">Drift: ITSM changes since</label> <input id="drift-since" name="since" type="date">
    <button type="submit">Report</button>
  </form>
</div>

<h2>Parked, waiting for an operator</h2>
<div id="client-waiting" data-live>
{%- if waiting.size > 0 %}
<p><a href="/waiting?client={{ client.clientId | uri_segment }}">{{ waiting.size }} parked item(s) of {{ client.clientId }}</a>, oldest first:</p>
<ul>{% for item in waiting limit: 10 %}<li>{{ item.what }} of <a href="/tickets/{{ client.clientId | uri_segment }}/{{ item.externalSourceId | uri_segment }}">{{ item.externalSourceId }}</a> at the {{ item.holder }}: {{ item.error }}</li>{% endfor %}</ul>
{%- else %}
<p class="muted">Nothing of {{ client.clientId }} is parked.</p>
{%- endif %}
</div>

<h2>Recent tickets</h2>
<table class="data" id="recent-tickets">
  <caption>The tickets of {{ client.clientId }} the gateway changed last.</caption>
  <thead><tr><th scope="col">Ticket</th><th scope="col">Support request</th><th scope="col">Status</th><th scope="col">Title</th><th scope="col">Changed</th></tr></thead>
  <tbody>
  {%- for ticket in tickets %}
    <tr><th scope="row"><a href="/tickets/{{ ticket.clientId | uri_segment }}/{{ ticket.externalSourceId | uri_segment }}">{{ ticket.externalSourceId }}</a></th><td>{{ ticket.supportRequestId }}</td><td>{{ ticket.status }}</td><td>{{ ticket.title }}</td><td><time datetime="{{ ticket.updatedAt }}">{{ ticket.updatedAt | ago }}</time></td></tr>
  {%- else %}
    <tr><td colspan="5">No ticket yet.</td></tr>
  {%- endfor %}
  </tbody>
</table>

<h2>Settings</h2>
<p class="muted">Its entry in the clients file as the ingress serves it. No secret is in it: a secret's field shows <code>[redacted]</code>, and a URL no user or password.</p>
{%- if settings %}<pre class="settings" tabindex="0" aria-label="Settings of {{ client.clientId }}">{{ settings }}</pre>{% else %}<p class="muted">The ingress did not give them.</p>{% endif %}
{% endblock %}`;
