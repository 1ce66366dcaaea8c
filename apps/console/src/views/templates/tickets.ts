export const TICKETS = `{% layout 'layout' %}{% block content %}
<h1>Tickets</h1>
<form method="get" action="/tickets" class="filters" role="search" aria-label="Find tickets">
  <label for="q">ITSM number, support request id or part of the title</label>
  <input id="q" name="q" value="{{ q }}" minlength="2" maxlength="200" required>
  <button type="submit">Search</button>
</form>
{%- if searched %}
<table class="data" id="found">
  <caption>{{ found.size }} ticket(s) found, newest change first{% if found.size == limit %} (the first {{ limit }}){% endif %}.</caption>
  <thead><tr><th scope="col">Client</th><th scope="col">Ticket</th><th scope="col">Support request</th><th scope="col">Status</th><th scope="col">Title</th><th scope="col">Changed</th></tr></thead>
  <tbody>
  {%- for ticket in found %}
    <tr><td>{{ ticket.clientId }}</td><th scope="row"><a href="/tickets/{{ ticket.clientId | uri_segment }}/{{ ticket.externalSourceId | uri_segment }}">{{ ticket.externalSourceId }}</a></th><td>{{ ticket.supportRequestId }}</td><td>{{ ticket.status }}</td><td>{{ ticket.title }}</td><td><time datetime="{{ ticket.updatedAt }}">{{ ticket.updatedAt | ago }}</time></td></tr>
  {%- else %}
    <tr><td colspan="6">No ticket matches.</td></tr>
  {%- endfor %}
  </tbody>
</table>
{%- endif %}
{% endblock %}`;
