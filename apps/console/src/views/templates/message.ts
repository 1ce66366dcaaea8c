export const MESSAGE = `{% layout 'layout' %}{% block content %}
<h1>{{ heading }}</h1>
<p>{{ message }}</p>
<p><a href="{{ backHref }}">{{ backLabel }}</a></p>
{% endblock %}`;
