export const ONBOARDING = `{% layout 'layout' %}{% block content %}
<p class="crumbs"><a href="/clients/{{ clientId | uri_segment }}">{{ clientId }}</a> /</p>
<h1>Onboarding {{ clientId }}: dry run</h1>
<p class="lead">Read {{ preview.recordsRead }} record(s) of {{ clientId }}'s ITSM changed since {{ preview.since }}: {{ preview.openTickets }} open ticket(s),
{{ preview.alreadyKnownToTheBridge }} already known to the bridge. Nothing was published.</p>
<section aria-labelledby="effects-title" class="confirm">
  <h2 id="effects-title">Running it will</h2>
  <ul>
    <li>link {{ preview.wouldLink }} ticket(s) to the support request Tangoe already has for them (by external source id);</li>
    <li>create {{ preview.wouldCreate }} support request(s) at Tangoe;</li>
    <li>leave {{ preview.alreadyKnownToTheBridge }} ticket(s) the bridge knows as they are.</li>
  </ul>
  {%- if preview.wouldLink > 0 or preview.wouldCreate > 0 %}
  <form method="post" action="/actions/onboard">
    <input type="hidden" name="_csrf" value="{{ signedIn.csrf }}">
    <input type="hidden" name="client" value="{{ clientId }}">
    <input type="hidden" name="since" value="{{ since }}">
    <button type="submit" class="primary">Run the onboarding</button>
    <a href="/clients/{{ clientId | uri_segment }}">Cancel</a>
  </form>
  {%- else %}
  <p>Nothing to do: every open ticket is known to the bridge.</p>
  {%- endif %}
</section>
<table class="data" id="onboarding">
  <caption>Ticket by ticket.</caption>
  <thead><tr><th scope="col">Ticket</th><th scope="col">Title</th><th scope="col">Opened</th><th scope="col">Comments</th><th scope="col">Would be</th></tr></thead>
  <tbody>
  {%- for ticket in preview.tickets %}
    <tr data-ticket="{{ ticket.externalSourceId }}"><th scope="row">{{ ticket.externalSourceId }}</th><td>{{ ticket.title }}</td><td>{{ ticket.openedAt }}</td><td class="num">{{ ticket.comments }}</td><td>{{ ticket.wouldBe }}</td></tr>
  {%- endfor %}
  </tbody>
</table>
{% endblock %}`;
