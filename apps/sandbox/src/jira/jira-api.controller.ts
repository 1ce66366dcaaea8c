import { Body, Controller, Get, Headers, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { pageOf } from '../stand-in-kit';
import { JIRA_SANDBOX, JiraSandbox } from './jira-sandbox';
import { TRANSITIONS } from './jira-site';

const NO_SUCH_ISSUE = () => new HttpException({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }, HttpStatus.NOT_FOUND);

/** The part of Jira Cloud's REST API v3 the bridge uses, one site per path prefix, Basic auth (email + API token). */
@Controller('jira/:site/rest/api/3')
export class JiraApiController {
  constructor(@Inject(JIRA_SANDBOX) private readonly sandbox: JiraSandbox) {}

  @Post('issue')
  @HttpCode(HttpStatus.CREATED)
  async create(@Param('site') name: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { fields?: Record<string, unknown> }) {
    const { standIn: site, caller: account } = await this.sandbox.enter(name, { method: 'POST', resource: '/issue', authorization: auth, body, webhookId });
    const project = (body?.fields?.project as { key?: string } | undefined)?.key;
    if (!project || typeof body.fields?.summary !== 'string') throw fail(HttpStatus.BAD_REQUEST, { project: 'project is required', summary: 'summary is required' });
    const { project: _p, ...fields } = body.fields;
    const issue = site.create(project, fields, account);
    return { id: issue.id, key: issue.key, self: `/rest/api/3/issue/${issue.id}` };
  }

  @Get('issue/:key')
  async get(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string) {
    const { standIn: site, record: issue } = await this.issue(name, key, auth, 'GET', '');
    // As Jira answers with every navigable field (the comments in `fields.comment`) and `expand=changelog`.
    return { ...site.present(issue), fields: { ...issue.fields, comment: { comments: issue.comments, total: issue.comments.length } }, changelog: { histories: issue.histories ?? [] } };
  }

  @Get('issue/:key/comment')
  async comments(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string) {
    const { record: issue } = await this.issue(name, key, auth, 'GET', '/comment');
    const comments = [...issue.comments].reverse();
    return { startAt: 0, maxResults: comments.length, total: comments.length, comments };
  }

  @Post('issue/:key/comment')
  @HttpCode(HttpStatus.CREATED)
  async addComment(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { body?: unknown }) {
    const { standIn: site, record: issue, caller: account } = await this.issue(name, key, auth, 'POST', '/comment', body, webhookId);
    if (!body?.body || typeof body.body !== 'object') throw fail(HttpStatus.BAD_REQUEST, { comment: 'Comment body can not be empty!' });
    return site.comment(issue, body.body, account);
  }

  @Get('issue/:key/transitions')
  async transitions(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string) {
    const { record: issue } = await this.issue(name, key, auth, 'GET', '/transitions');
    return { transitions: TRANSITIONS.filter((t) => t.name !== issue.fields.status.name).map((t) => ({ id: t.id, name: t.name, to: { name: t.name } })) };
  }

  @Post('issue/:key/transitions')
  @HttpCode(HttpStatus.NO_CONTENT)
  async transition(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { transition?: { id?: string }; fields?: { resolution?: { name?: string } } }) {
    const { standIn: site, record: issue, caller: account } = await this.issue(name, key, auth, 'POST', '/transitions', body, webhookId);
    if (!site.transition(issue, String(body?.transition?.id ?? ''), body?.fields?.resolution?.name, account)) throw fail(HttpStatus.BAD_REQUEST, { transition: 'Transition id is not valid' });
  }

  @Put('issue/:key/assignee')
  @HttpCode(HttpStatus.NO_CONTENT)
  async assign(@Param('site') name: string, @Param('key') key: string, @Headers('authorization') auth: string, @Headers('webhook-id') webhookId: string | undefined, @Body() body: { accountId?: string }) {
    const { standIn: site, record: issue, caller: account } = await this.issue(name, key, auth, 'PUT', '/assignee', body, webhookId);
    if (typeof body?.accountId !== 'string') throw fail(HttpStatus.BAD_REQUEST, { accountId: 'accountId is required' });
    site.assign(issue, body.accountId, account);
  }

  /**
   * The enhanced search (`GET /rest/api/3/search/jql`, which replaced `/search`): what reconciliation sends, an
   * optional `project = KEY AND`, then `updated >= "-Nm" ORDER BY updated ASC, key ASC`; every field, comments in
   * `fields.comment`; pages by `nextPageToken`, none on the last page (`isLast: true`).
   */
  @Get('search/jql')
  async searchJql(@Param('site') name: string, @Headers('authorization') auth: string, @Query('jql') jql: string | undefined, @Query('maxResults') maxResults?: string, @Query('nextPageToken') token?: string) {
    const { standIn: site } = await this.sandbox.enter(name, { method: 'GET', resource: '/search/jql', authorization: auth });
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
    const page = pageOf(matching, start, size);
    const isLast = !page.more;
    return { issues: page.items.map((issue) => ({ ...site.present(issue), fields: { ...issue.fields, comment: { comments: issue.comments, total: issue.comments.length } }, changelog: { histories: issue.histories ?? [] } })), isLast, ...(isLast ? {} : { nextPageToken: String(start + size) }) };
  }

  /** Only `labels = "…"`, what the bridge asks to find a mirrored activity's issue. */
  @Get('search')
  async search(@Param('site') name: string, @Headers('authorization') auth: string, @Query('jql') jql: string | undefined) {
    const { standIn: site } = await this.sandbox.enter(name, { method: 'GET', resource: '/search', authorization: auth });
    const label = /^labels\s*=\s*"([^"]+)"$/.exec(jql ?? '')?.[1];
    if (!label) throw fail(HttpStatus.BAD_REQUEST, { jql: 'the sandbox answers only labels = "…"' });
    const issues = [...site.issues.values()].filter((issue) => issue.fields.labels.includes(label)).map((issue) => ({ id: issue.id, key: issue.key }));
    return { startAt: 0, maxResults: issues.length, total: issues.length, issues };
  }

  private issue(name: string, key: string, authorization: string | undefined, method: string, suffix: string, body?: unknown, webhookId?: string) {
    return this.sandbox.enterRecord(name, { method, resource: `/issue/${key}${suffix}`, authorization, body, webhookId }, (site) => site.issues.get(key), NO_SUCH_ISSUE);
  }
}

function fail(status: HttpStatus, errors: Record<string, string>): HttpException {
  return new HttpException({ errorMessages: [], errors }, status);
}
