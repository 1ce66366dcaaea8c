import { Body, Controller, Get, Headers, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { JIRA_SANDBOX, JiraSandbox } from './jira-sandbox';
import { JiraAccount, JiraIssueRecord, JiraSite, TRANSITIONS } from './jira-site';

/** The part of Jira Cloud's REST API v3 the bridge uses, one site per path prefix, Basic auth (email + API token). */
@Controller('jira/:site/rest/api/3')
export class JiraApiController {
  constructor(@Inject(JIRA_SANDBOX) private readonly sandbox: JiraSandbox) {}

  @Post('issue')
  @HttpCode(HttpStatus.CREATED)
  create(@Param('site') name: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { fields?: Record<string, unknown> }) {
    const { site, account } = this.enter(name, auth, 'POST', '/issue', body, webhookId);
    const project = (body?.fields?.project as { key?: string } | undefined)?.key;
    if (!project || typeof body.fields?.summary !== 'string') throw fail(HttpStatus.BAD_REQUEST, { project: 'project is required', summary: 'summary is required' });
    const { project: _p, ...fields } = body.fields;
    const issue = site.create(project, fields, account);
    return { id: issue.id, key: issue.key, self: `/rest/api/3/issue/${issue.id}` };
  }

  @Get('issue/:key')
  get(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string) {
    const { site, issue } = this.issue(name, key, auth, 'GET', '');
    // As Jira answers with every navigable field (the comments in `fields.comment`) and `expand=changelog`.
    return { ...site.present(issue), fields: { ...issue.fields, comment: { comments: issue.comments, total: issue.comments.length } }, changelog: { histories: issue.histories ?? [] } };
  }

  @Get('issue/:key/comment')
  comments(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string) {
    const { issue } = this.issue(name, key, auth, 'GET', '/comment');
    const comments = [...issue.comments].reverse();
    return { startAt: 0, maxResults: comments.length, total: comments.length, comments };
  }

  @Post('issue/:key/comment')
  @HttpCode(HttpStatus.CREATED)
  addComment(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { body?: unknown }) {
    const { site, issue, account } = this.issue(name, key, auth, 'POST', '/comment', body, webhookId);
    if (!body?.body || typeof body.body !== 'object') throw fail(HttpStatus.BAD_REQUEST, { comment: 'Comment body can not be empty!' });
    return site.comment(issue, body.body, account);
  }

  @Get('issue/:key/transitions')
  transitions(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string) {
    const { issue } = this.issue(name, key, auth, 'GET', '/transitions');
    return { transitions: TRANSITIONS.filter((t) => t.name !== issue.fields.status.name).map((t) => ({ id: t.id, name: t.name, to: { name: t.name } })) };
  }

  @Post('issue/:key/transitions')
  @HttpCode(HttpStatus.NO_CONTENT)
  transition(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { transition?: { id?: string }; fields?: { resolution?: { name?: string } } }) {
    const { site, issue, account } = this.issue(name, key, auth, 'POST', '/transitions', body, webhookId);
    if (!site.transition(issue, String(body?.transition?.id ?? ''), body?.fields?.resolution?.name, account)) throw fail(HttpStatus.BAD_REQUEST, { transition: 'Transition id is not valid' });
  }

  @Put('issue/:key/assignee')
  @HttpCode(HttpStatus.NO_CONTENT)
  assign(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { accountId?: string }) {
    const { site, issue, account } = this.issue(name, key, auth, 'PUT', '/assignee', body, webhookId);
    if (typeof body?.accountId !== 'string') throw fail(HttpStatus.BAD_REQUEST, { accountId: 'accountId is required' });
    site.assign(issue, body.accountId, account);
  }

  /**
   * The enhanced search (`GET /rest/api/3/search/jql`, which replaced `/search`): what reconciliation sends, an
   * optional `project = KEY AND`, then `updated >= "-Nm" ORDER BY updated ASC, key ASC`; every field, comments in
   * `fields.comment`; pages by `nextPageToken`, none on the last page (`isLast: true`).
   */
  @Get('search/jql')
  searchJql(@Param('site') name: string, @Headers('authorization') auth: string, @Query('jql') jql: string | undefined, @Query('maxResults') maxResults?: string, @Query('nextPageToken') token?: string) {
    const { site } = this.enter(name, auth, 'GET', '/search/jql');
    const match = /^(?:\(project = ([A-Z][A-Z0-9_]*)\) AND )?updated >= "-(\d+)m" ORDER BY updated ASC, key ASC$/.exec(jql ?? '');
    if (!match) throw fail(HttpStatus.BAD_REQUEST, { jql: 'the sandbox answers only [(project = KEY) AND ] updated >= "-Nm" ORDER BY updated ASC, key ASC' });
    const [, project, minutes] = match;
    const from = Date.now() - Number(minutes) * 60_000;
    const time = (value: unknown) => Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    const matching = [...site.issues.values()]
      .filter((issue) => (!project || (issue.fields.project as { key: string }).key === project) && time(issue.fields.updated) >= from)
      .sort((a, b) => time(a.fields.updated) - time(b.fields.updated) || Number(a.id) - Number(b.id));
    const start = Number(token ?? 0);
    const size = Math.min(Number(maxResults ?? 50), 5_000);
    const page = matching.slice(start, start + size);
    const isLast = start + size >= matching.length;
    return { issues: page.map((issue) => ({ ...site.present(issue), fields: { ...issue.fields, comment: { comments: issue.comments, total: issue.comments.length } }, changelog: { histories: issue.histories ?? [] } })), isLast, ...(isLast ? {} : { nextPageToken: String(start + size) }) };
  }

  /** Only `labels = "…"`, what the bridge asks to find a mirrored activity's issue. */
  @Get('search')
  search(@Param('site') name: string, @Headers('authorization') auth: string, @Query('jql') jql: string | undefined) {
    const { site } = this.enter(name, auth, 'GET', '/search');
    const label = /^labels\s*=\s*"([^"]+)"$/.exec(jql ?? '')?.[1];
    if (!label) throw fail(HttpStatus.BAD_REQUEST, { jql: 'the sandbox answers only labels = "…"' });
    const issues = [...site.issues.values()].filter((issue) => issue.fields.labels.includes(label)).map((issue) => ({ id: issue.id, key: issue.key }));
    return { startAt: 0, maxResults: issues.length, total: issues.length, issues };
  }

  private issue(name: string, key: string, auth: string | undefined, method: string, suffix: string, body?: unknown, webhookId?: string): { site: JiraSite; issue: JiraIssueRecord; account: JiraAccount } {
    const { site, account } = this.enter(name, auth, method, `/issue/${key}${suffix}`, body, webhookId);
    const issue = site.issues.get(key);
    if (!issue) {
      site.calls.at(-1)!.status = 404;
      throw new HttpException({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }, HttpStatus.NOT_FOUND);
    }
    return { site, issue, account };
  }

  private enter(name: string, auth: string | undefined, method: string, path: string, body?: unknown, webhookId?: string): { site: JiraSite; account: JiraAccount } {
    const site = this.sandbox.byName.get(name);
    if (!site) throw new HttpException({ errorMessages: [`no site ${name}`] }, HttpStatus.NOT_FOUND);
    const account = site.account(auth);
    site.calls.push({ method, path, accountId: account?.accountId, status: account ? 200 : 401, body, webhookId });
    if (!account) throw new HttpException({ errorMessages: ['Client must be authenticated to access this resource.'] }, HttpStatus.UNAUTHORIZED);
    if (site.failures && site.failures.remaining > 0) {
      site.failures.remaining -= 1;
      site.calls.at(-1)!.status = site.failures.status;
      throw new HttpException({ errorMessages: ['sandbox failure on demand'] }, site.failures.status);
    }
    return { site, account };
  }
}

function fail(status: HttpStatus, errors: Record<string, string>): HttpException {
  return new HttpException({ errorMessages: [], errors }, status);
}
