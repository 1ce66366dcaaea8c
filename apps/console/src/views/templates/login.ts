export const LOGIN = `{% layout 'layout' %}{% block content %}
<h1>Sign in</h1>
<p class="lead">The console acts on every client's bridge. Sign in with the bridge's admin token (the <code>ADMIN_TOKEN</code>
Secret); your name is written with every action you take, in the console's audit log and in the services'.</p>
{%- if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
<form method="post" action="/login" class="stack narrow">
  <input type="hidden" name="next" value="{{ next }}">
  <label for="operator">Your name</label>
  <input id="operator" name="operator" required maxlength="80" autocomplete="username" value="{{ operator }}">
  <label for="token">Admin token</label>
  <input id="token" name="token" type="password" required autocomplete="current-password">
  <button type="submit">Sign in</button>
</form>
{% endblock %}`;
