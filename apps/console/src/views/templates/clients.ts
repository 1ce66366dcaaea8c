export const CLIENTS = `{% layout 'layout' %}{% block content %}
<h1>Clients</h1>
<ul id="services" class="services" data-live aria-label="The services">
  {%- for state in services %}
  <li data-service="{{ state.service }}" data-ready="{{ state.ready }}"><strong>{{ state.service }}</strong>
    {% if state.ready %}<span class="health health-flowing">ready</span>{% else %}<span class="health health-failing">not answering</span>{% endif %}
    {%- if state.consumerLag != nil %} <span class="muted">consumers {{ state.consumerLag }} event(s) behind</span>{% endif %}</li>
  {%- endfor %}
</ul>
<form method="get" action="/clients" class="filters" role="search" aria-label="Filter the clients">
  <label for="q">Client or ITSM</label>
  <input id="q" name="q" value="{{ filter.text }}" placeholder="acme, servicenow…">
  <label for="health">Health</label>
  <select id="health" name="health">
    <option value="">any</option>
    {%- for health in healths %}<option value="{{ health }}"{% if filter.health == health %} selected{% endif %}>{{ health }}</option>{% endfor %}
  </select>
  <input type="hidden" name="sort" value="{{ filter.sort }}">
  <button type="submit">Filter</button>
</form>
<table id="clients" class="data" data-live>
  <caption>{{ clients.size }} of {{ total }} clients, worst first. Waiting: events on their way, in each direction. Updated <time datetime="{{ now }}">{{ now | ago }}</time>.</caption>
  <thead>
    <tr>
      {%- for column in columns %}
      <th scope="col"{% if column.sorted %} aria-sort="{{ column.sorted }}"{% endif %}>{% if column.href %}<a href="{{ column.href }}">{{ column.label }}</a>{% else %}{{ column.label }}{% endif %}</th>
      {%- endfor %}
    </tr>
  </thead>
  <tbody>
  {%- for client in clients %}
    <tr data-client="{{ client.clientId }}" data-health="{{ client.health }}">
      <th scope="row"><a href="/clients/{{ client.clientId | uri_segment }}">{{ client.clientId }}</a></th>
      <td><span class="health health-{{ client.health }}">{{ client.health }}</span>{% if client.reasons.size > 0 %}<span class="why">{{ client.reasons | join: '; ' }}</span>{% endif %}</td>
      <td>{{ client.itsm }}</td>
      <td>{% if client.itsmLastAnswerAt %}<time datetime="{{ client.itsmLastAnswerAt }}">{{ client.itsmLastAnswerAt | ago }}</time> <span class="muted">{{ client.itsmLastAnswer }}</span>{% else %}<span class="muted">not in the last day</span>{% endif %}</td>
      <td>{% if client.tangoeLastAnsweredAt %}<time datetime="{{ client.tangoeLastAnsweredAt }}">{{ client.tangoeLastAnsweredAt | ago }}</time>{% else %}<span class="muted">never polled</span>{% endif %}</td>
      <td class="num">{{ client.waitingTowardTangoe }}</td>
      <td class="num">{{ client.waitingTowardItsm }}</td>
      <td class="num">{{ client.parked }}</td>
      <td class="num">{% if client.getsPerMinute %}{{ client.getsUsedLastMinute }} / {{ client.getsPerMinute }}{% endif %}</td>
      <td>{% if client.lastReconciliationAt %}<time datetime="{{ client.lastReconciliationAt }}">{{ client.lastReconciliationAt | ago }}</time>, {{ client.lastReconciliationChanges }} found{% else %}<span class="muted">none yet</span>{% endif %}</td>
    </tr>
  {%- else %}
    <tr><td colspan="{{ columns.size }}">No client matches.</td></tr>
  {%- endfor %}
  </tbody>
</table>
{% endblock %}`;
