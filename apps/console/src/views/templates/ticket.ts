export const TICKET = `{% layout 'layout' %}{% block content %}
<p class="crumbs"><a href="/clients/{{ clientId | uri_segment }}">{{ clientId }}</a> /</p>
<h1>Ticket {{ externalSourceId }}{% if supportRequestId %} <span class="muted">support request {{ supportRequestId }}</span>{% endif %}</h1>
<table class="data" id="timeline" data-live>
  <caption>Everything the services did with it, in time order. Trace ids lead to the same steps in your tracing backend.</caption>
  <thead><tr><th scope="col">When</th><th scope="col">Where</th><th scope="col">What</th><th scope="col">Status</th><th scope="col">Details</th><th scope="col">Trace</th></tr></thead>
  <tbody>
  {%- for entry in timeline %}
    <tr data-where="{{ entry.where }}" data-status="{{ entry.status }}">
      <td><time datetime="{{ entry.at }}" title="{{ entry.at }}">{{ entry.at | date: '%Y-%m-%d %H:%M:%S', 0 }}</time></td>
      <td>{{ entry.where }}</td>
      <td>{{ entry.what }}</td>
      <td><span class="status status-{{ entry.status }}">{{ entry.status }}</span></td>
      <td class="details">{{ entry.details }}</td>
      <td><code>{{ entry.traceId }}</code></td>
    </tr>
  {%- else %}
    <tr><td colspan="6">No service knows this ticket.</td></tr>
  {%- endfor %}
  </tbody>
</table>
{% endblock %}`;
