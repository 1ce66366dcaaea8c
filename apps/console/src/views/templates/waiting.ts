export const WAITING = `{% layout 'layout' %}{% block content %}
<h1>Waiting</h1>
<p class="lead">Everything stopped because of itself, waiting for an operator: ticket events parked at the gateway, deliveries
parked at the notifier, and the events each service's consumers put on their dead-letter topic. A replay tries it again at
once, in its ticket's order; its ticket's timeline shows what came of it.</p>
<form method="get" action="/waiting" class="filters" aria-label="Filter what waits">
  <label for="client">Client</label>
  <input id="client" name="client" value="{{ filter.clientId }}">
  <label for="holder">Service</label>
  <select id="holder" name="holder">
    <option value="">both</option>
    {%- for holder in holders %}<option value="{{ holder }}"{% if filter.holder == holder %} selected{% endif %}>{{ holder }}</option>{% endfor %}
  </select>
  <button type="submit">Filter</button>
</form>
<form method="get" action="/actions/replay" id="replay-form">
<div class="toolbar"><button type="submit">Replay the selected…</button> <span class="muted">Select items below; the list stops refreshing while some are selected.</span></div>
<table class="data" id="waiting" data-live>
  <caption>{% if total > items.size %}The oldest {{ items.size }} of {{ total }} items waiting: filter by client or service, or replay these first{% else %}{{ total }} item(s) waiting, oldest first{% endif %}. Updated <time datetime="{{ now }}">{{ now | ago }}</time>.</caption>
  <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Where</th><th scope="col">Line</th><th scope="col">Client</th><th scope="col">Ticket</th><th scope="col">What</th><th scope="col">Attempts</th><th scope="col">Parked</th><th scope="col">Error</th></tr></thead>
  <tbody>
  {%- for item in items %}
    <tr data-item="{{ item.ref }}">
      <td><input type="checkbox" name="item" value="{{ item.ref }}" id="item-{{ forloop.index }}" aria-label="Select {{ item.what }} of {{ item.externalSourceId }} at the {{ item.holder }}"></td>
      <td>{{ item.holder }}</td>
      <td>{{ item.line }}</td>
      <td>{% if item.clientId %}<a href="/clients/{{ item.clientId | uri_segment }}">{{ item.clientId }}</a>{% endif %}</td>
      <td>{% if item.clientId and item.externalSourceId %}<a href="/tickets/{{ item.clientId | uri_segment }}/{{ item.externalSourceId | uri_segment }}">{{ item.externalSourceId }}</a>{% else %}{{ item.key }}{% endif %}</td>
      <td>{{ item.what }}</td>
      <td class="num">{{ item.attempts }}</td>
      <td>{% if item.parkedAt %}<time datetime="{{ item.parkedAt }}">{{ item.parkedAt | ago }}</time>{% endif %}</td>
      <td class="error">{{ item.error }}</td>
    </tr>
  {%- else %}
    <tr><td colspan="9">Nothing waits.</td></tr>
  {%- endfor %}
  </tbody>
</table>
</form>
{% endblock %}`;
