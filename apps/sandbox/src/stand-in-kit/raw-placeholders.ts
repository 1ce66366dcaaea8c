/**
 * A documented webhook body as the vendor fills it: each placeholder replaced by its value as it is. No vendor
 * documents escaping what a placeholder puts into a JSON body (Zendesk's `{{…}}`, Freshservice's `{{…}}`, AR System's
 * `$Field$`; docs/itsm/zendesk.md, freshservice.md and bmc-helix.md), so the stand-ins take the harsher reading: a
 * quote, a backslash or a line break arrives raw.
 *
 * @param valueOf the value of a placeholder (`ticket.title`, `Status`), told where in the template it stands, for a
 *   body whose sections take the same name from different records; undefined fills nothing, as the vendors do
 * @param event the `event` value the admin writes in place of the documented one for this trigger
 */
export function fillRaw(template: string, placeholder: RegExp, valueOf: (name: string, offset: number) => string | undefined, event: { documented: string; actual: string }): string {
  const withEvent = template.replace(`"event": "${event.documented}"`, `"event": "${event.actual}"`);
  return withEvent.replace(placeholder, (match: string, offset: number) => valueOf(match.replace(/^(\{\{\s*|\$)|(\s*\}\}|\$)$/g, ''), offset) ?? '');
}
