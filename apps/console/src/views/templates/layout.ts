/** Every page's frame: navigation, who is signed in, what a service could not answer, and the page. */
export const LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · Tangoe ⇄ ITSM bridge</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body data-refresh-seconds="{{ refreshSeconds }}">
<a class="skip" href="#main">Skip to the page</a>
<header class="top">
  <nav aria-label="Console">
    <span class="brand">Tangoe ⇄ ITSM bridge</span>
    {%- if signedIn %}
    <a href="/clients"{% if section == 'clients' %} aria-current="page"{% endif %}>Clients</a>
    <a href="/tickets"{% if section == 'tickets' %} aria-current="page"{% endif %}>Tickets</a>
    <a href="/waiting"{% if section == 'waiting' %} aria-current="page"{% endif %}>Waiting</a>
    {%- endif %}
  </nav>
  {%- if signedIn %}
  <form method="post" action="/logout" class="signout">
    <span>Signed in as <strong>{{ signedIn.operator }}</strong></span>
    <input type="hidden" name="_csrf" value="{{ signedIn.csrf }}">
    <button type="submit">Sign out</button>
  </form>
  {%- endif %}
</header>
<main id="main" tabindex="-1">
<div id="problems" data-live>
{%- if problems.size > 0 %}
<div class="problems" role="alert">
  {%- for problem in problems %}<p>{{ problem }}</p>{% endfor %}
</div>
{%- endif %}
</div>
{% block content %}{% endblock %}
</main>
<footer class="muted"><span id="refreshed"></span> <span id="live-status" role="status"></span></footer>
</body>
</html>
`;
