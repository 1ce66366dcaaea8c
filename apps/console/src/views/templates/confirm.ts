export const CONFIRM = `{% layout 'layout' %}{% block content %}
<h1>{{ heading }}</h1>
<section aria-labelledby="effects-title" class="confirm">
  <h2 id="effects-title">This will</h2>
  <ul>{% for effect in effects %}<li>{{ effect }}</li>{% endfor %}</ul>
  <form method="post" action="/actions/{{ action }}">
    <input type="hidden" name="_csrf" value="{{ signedIn.csrf }}">
    {%- for field in fields %}<input type="hidden" name="{{ field.name }}" value="{{ field.value }}">{% endfor %}
    <button type="submit" class="primary" autofocus>{{ confirmLabel }}</button>
    <a href="{{ cancelHref }}">Cancel</a>
  </form>
</section>
{% endblock %}`;
