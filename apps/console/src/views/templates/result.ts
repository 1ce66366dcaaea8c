export const RESULT = `{% layout 'layout' %}{% block content %}
<h1>{{ heading }}</h1>
<p class="outcome outcome-{{ outcome }}" role="status">{{ summary }}</p>
{%- if items.size > 0 %}
<table class="data" id="outcomes">
  <caption>Item by item.</caption>
  <thead><tr><th scope="col">Item</th><th scope="col">Outcome</th><th scope="col">Details</th><th scope="col">Timeline</th></tr></thead>
  <tbody>
  {%- for item in items %}
    <tr data-item="{{ item.ref }}"><th scope="row">{{ item.label }}</th><td>{{ item.status }}</td><td class="error">{{ item.error }}</td><td>{% if item.timeline %}<a href="{{ item.timeline }}">timeline</a>{% endif %}</td></tr>
  {%- endfor %}
  </tbody>
</table>
{%- endif %}
{%- if details %}<details><summary>What the services answered</summary><pre tabindex="0" aria-label="What the services answered">{{ details }}</pre></details>{% endif %}
<p><a href="{{ backHref }}">{{ backLabel }}</a></p>
{% endblock %}`;
