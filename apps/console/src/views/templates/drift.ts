export const DRIFT = `{% layout 'layout' %}{% block content %}
<p class="crumbs"><a href="/clients/{{ clientId | uri_segment }}">{{ clientId }}</a> /</p>
<h1>Drift between {{ clientId }}'s ITSM and Tangoe</h1>
<p class="lead">Compared {{ report.recordsRead }} ITSM record(s) changed since {{ report.since }} with Tangoe's requests read at {{ report.tangoeReadAt }}:
{{ report.items.size }} ticket(s) out of step.</p>
<table class="data" id="drift">
  <caption>Each ticket out of step, and the repair the bridge can make for it.</caption>
  <thead><tr><th scope="col">Ticket</th><th scope="col">Kind</th><th scope="col">ITSM</th><th scope="col">Tangoe</th><th scope="col">Why</th><th scope="col">Repair</th></tr></thead>
  <tbody>
  {%- for item in report.items %}
    <tr data-ticket="{{ item.externalSourceId }}">
      <th scope="row">{% if item.externalSourceId %}<a href="/tickets/{{ clientId | uri_segment }}/{{ item.externalSourceId | uri_segment }}">{{ item.externalSourceId }}</a>{% endif %}</th>
      <td>{{ item.kind }}</td><td>{{ item.itsm | json }}</td><td>{{ item.tangoe | json }}</td><td>{{ item.reason }}</td>
      <td>{% if item.repair %}<form method="get" action="/actions/drift-repair"><input type="hidden" name="client" value="{{ clientId }}"><input type="hidden" name="ticket" value="{{ item.externalSourceId }}"><input type="hidden" name="since" value="{{ since }}"><button type="submit">{{ item.repair.action }}…</button></form>{% else %}<span class="muted">none: see the runbook</span>{% endif %}</td>
    </tr>
  {%- else %}
    <tr><td colspan="6">In step: no ticket drifts.</td></tr>
  {%- endfor %}
  </tbody>
</table>
{% endblock %}`;
