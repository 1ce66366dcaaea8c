/**
 * ITSMs send times in their own formats; events carry ISO 8601. ServiceNow's raw values are "yyyy-MM-dd HH:mm:ss"
 * in UTC. A value that cannot be read falls back to when the webhook arrived, which is close and always valid.
 */
export function toIsoTime(value: string | undefined, fallback: Date): string {
  return (value ? parseItsmTime(value) : undefined)?.toISOString() ?? fallback.toISOString();
}

/** Jira and AR System write a zone as "+0000"; ISO 8601 readers want "+00:00". */
export function withColonZone(value: string): string {
  return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/** A time as an ITSM's API writes it (ServiceNow's zone-less raw value is UTC), or undefined when it is none. */
export function parseItsmTime(value: string): Date | undefined {
  const servicenow = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  const time = Date.parse(servicenow ? `${servicenow[1]}T${servicenow[2]}Z` : withColonZone(value));
  return Number.isNaN(time) ? undefined : new Date(time);
}
