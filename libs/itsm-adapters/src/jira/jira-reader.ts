import type { ClientConfig } from '@bridge/clients-config';
import { parseItsmTime } from '../itsm-time';
import { ChangedPage, ReadHttp, RecordRead, RecordReader, RecordRef, okData } from '../reconcile/record-reader';

/**
 * Jira Cloud through `GET /rest/api/3/search/jql` (the old `/search` answers 410): the issues updated since a time,
 * oldest first, all their fields (their comments in `fields.comment`), a page at a time by Jira's `nextPageToken`.
 * JQL reads dates in the searching user's time zone and to the minute, so the window is written relative to now
 * (`updated >= "-90m"`), which no time zone changes; the changelog (`expand=changelog`) says who set the status.
 * `reconcile.jql` narrows it (`project = MOB`). The integration
 * user needs "Browse projects" on what it searches.
 */
export class JiraReader implements RecordReader {
  constructor(private readonly now: () => number = Date.now) {}

  async changedSince(http: ReadHttp, client: ClientConfig, since: Date, cursor: string | undefined, pageSize: number): Promise<ChangedPage> {
    const minutes = Math.max(1, Math.ceil((this.now() - since.getTime()) / 60_000) + 1);
    const scope = client.reconcile?.jql ? `(${client.reconcile.jql}) AND ` : '';
    const params: Record<string, string | number> = { jql: `${scope}updated >= "-${minutes}m" ORDER BY updated ASC, key ASC`, fields: '*all', expand: 'changelog', maxResults: pageSize };
    if (cursor) params.nextPageToken = cursor;
    const page = okData(await http('/rest/api/3/search/jql', params), 'GET /rest/api/3/search/jql') as { issues?: Array<{ fields?: Record<string, unknown> }>; nextPageToken?: string; isLast?: boolean };
    const issues = Array.isArray(page.issues) ? page.issues : [];
    const updated = issues.flatMap((issue) => parseItsmTime(String(issue.fields?.updated ?? ''))?.getTime() ?? []);
    return {
      records: issues.map((issue) => ({ record: issue, comments: ((issue.fields?.comment as { comments?: unknown[] } | undefined)?.comments ?? []) as unknown[] })),
      // Jira leaves nextPageToken out on the last page (and may say isLast).
      cursor: page.isLast === true || !page.nextPageToken ? undefined : page.nextPageToken,
      newestChange: updated.length > 0 ? new Date(Math.max(...updated)) : undefined,
    };
  }

  /** `GET /rest/api/3/issue/{key}?fields=*all`: the issue with its comments; 404 when Jira does not know it. */
  async readOne(http: ReadHttp, _client: ClientConfig, ref: RecordRef): Promise<RecordRead | undefined> {
    const answer = await http(`/rest/api/3/issue/${encodeURIComponent(ref.key)}`, { fields: '*all', expand: 'changelog' });
    if (answer.status === 404) return undefined;
    const issue = okData(answer, `GET issue ${ref.key}`) as { fields?: Record<string, unknown> };
    return { record: issue, comments: ((issue.fields?.comment as { comments?: unknown[] } | undefined)?.comments ?? []) as unknown[] };
  }
}
