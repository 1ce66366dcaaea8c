import type { AxiosInstance, AxiosResponse } from 'axios';

/** The AR System REST API's entry endpoint of a form: `/api/arsys/v1/entry/{form}`, the form's name encoded. */
export function entryPath(form: string, requestId?: string): string {
  return `/api/arsys/v1/entry/${encodeURIComponent(form)}${requestId ? `/${encodeURIComponent(requestId)}` : ''}`;
}

/**
 * An AR System qualification matching a field to a value: `'Incident Number'="INC000000000101"`. Double quotes end
 * an AR string, so they are left out of the value: incident numbers and correlation ids never hold one.
 */
export function equals(field: string, value: string): string {
  return `'${field}'="${value.replace(/"/g, '')}"`;
}

export interface ArEntry {
  values: Record<string, unknown>;
  _links?: { self?: Array<{ href?: string }> };
}

/** The entries a `GET /api/arsys/v1/entry/{form}?q=…` found, none when the API answered otherwise. */
export async function findEntries(http: AxiosInstance, form: string, qualification: string, fields: readonly string[], headers: Record<string, string>): Promise<{ response: AxiosResponse; entries: ArEntry[] }> {
  const response = await http.get(entryPath(form), { headers, params: { q: qualification, fields: `values(${fields.join(',')})` } });
  const entries = response.status === 200 ? ((response.data as { entries?: ArEntry[] })?.entries ?? []) : [];
  return { response, entries };
}

/** An entry's Request ID: its own value when asked for, else the last segment of its `_links.self` URL. */
export function requestIdOf(entry: ArEntry): string | undefined {
  const own = entry.values['Request ID'];
  if (typeof own === 'string' && own !== '') return own;
  const href = entry._links?.self?.[0]?.href;
  return href ? decodeURIComponent(href.slice(href.lastIndexOf('/') + 1)) : undefined;
}
