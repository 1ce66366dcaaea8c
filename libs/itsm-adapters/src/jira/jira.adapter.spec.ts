import { Origin } from '@bridge/contracts';
import { adapterSpecKit, clone } from '../adapter-spec-kit';
import { renderUpdate } from '../outbound/render-update';
import { closeSentOnceAfterRefusal, deliver, fakeItsmHttp, retryAfter, sameNoteSentAndCounted } from '../outbound/outbound-spec-kit';
import { adfToText, textToAdf } from './adf';
import { JiraAdapter } from './jira.adapter';
import commentCreated from './fixtures/comment-created.json';
import issueCreated from './fixtures/issue-created.json';
import issueDone from './fixtures/issue-updated-done.json';

const BRIDGE_ACCOUNT = '712020:bridge-account';
const receivedAt = new Date('2026-12-02T10:00:05Z');
const { adapter, client, normalize, eventsOf, openingEvents, refusedFields } = adapterSpecKit(new JiraAdapter(), {
  inbound: { type: 'hmac', secret: { env: 'X' }, header: 'X-Hub-Signature' },
  routing: [{ field: 'project.key', equals: 'MOB' }],
  mapping: { defaultRequestType: 'Tech Support', requestTypes: { Hardware: 'Device Replacement' }, fields: { requestorNumber: 'customfield_phone' } },
  outbound: { baseUrl: 'https://acme.atlassian.net', auth: { type: 'basic', username: 'bridge@acme.example', password: { env: 'P' } }, integrationUser: BRIDGE_ACCOUNT, assignmentGroup: '5b10ac8d82e05b22cc7d4ef5' },
}, receivedAt);

describe('JiraAdapter', () => {
  it('turns a routed issue into TicketOpened with the mapped support request, ADF as text', () => {
    const [event] = openingEvents(issueCreated);
    expect(event.subject).toBe('acme:MOB-12');
    expect(event.data).toMatchObject({ itsm: 'jira', recordType: 'Hardware', title: 'Téléphone ne démarre pas', openedAt: '2026-12-02T10:00:00.000Z' });
    expect(event.data.description).toBe('Since this morning the screen stays black.\nTried a hard reset — no luck.');
    expect(event.data.supportRequest).toMatchObject({ requestorName: 'Ann Smith', requestorNumber: '5551234567', requestType: 'Device Replacement', externalSourceId: 'MOB-12', vip: false });
    expect(event.data.supportRequest.text).toContain('Priority: High');
  });

  it('turns a comment into CommentAdded after the ticket, with the ADF body as text', () => {
    const events = eventsOf(commentCreated);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'CommentAdded']);
    const comment = events[1];
    if (comment.type !== 'CommentAdded') throw new Error('unreachable');
    expect(comment.data).toMatchObject({ commentId: '10050', text: '@Support it also gets hot 🔥\nZürich office', visibility: 'public', author: 'Ann Smith', createdAt: '2026-12-02T10:15:00.000Z' });
    const internal = clone(commentCreated);
    internal.comment.jsdPublic = false;
    expect(eventsOf(internal)[1].data).toMatchObject({ visibility: 'internal' });
    // The same webhook twice is the same events.
    expect(eventsOf(commentCreated).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('takes a null where Jira writes a time for no time: the event carries when the webhook arrived (the fuzz found a 500)', () => {
    const nullTime = clone(commentCreated) as unknown as { comment: { created: unknown } };
    nullTime.comment.created = null;
    const comment = eventsOf(nullTime)[1];
    if (comment.type !== 'CommentAdded') throw new Error('unreachable');
    expect(Number.isNaN(Date.parse(comment.data.createdAt))).toBe(false);
  });

  it('turns an edited comment into a new comment with its own id', () => {
    const edited = clone(commentCreated) as typeof commentCreated & { webhookEvent: string };
    edited.webhookEvent = 'comment_updated';
    edited.comment.updated = '2026-12-02T10:20:00.000+0000';
    const [, comment] = eventsOf(edited);
    expect(comment.data).toMatchObject({ commentId: '10050@2026-12-02T10:20:00.000+0000', text: '(edited) @Support it also gets hot 🔥\nZürich office' });
    expect(comment.id).not.toBe(eventsOf(commentCreated)[1].id);
  });

  it('turns a status change into a client-side end state into StateChanged', () => {
    const events = eventsOf(issueDone);
    expect(events.map((e) => e.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(events[1].data).toMatchObject({ origin: Origin.Client, state: 'closed', changeId: '10042:10105', note: "Resolution: Won't Do" });
    const inProgress = clone(issueDone);
    inProgress.changelog.items[1].toString = 'In Progress';
    expect(eventsOf(inProgress).map((e) => e.type)).toEqual(['TicketOpened']);
  });

  it('drops what the bridge itself wrote and what the routing leaves out', () => {
    const echo = clone(commentCreated);
    echo.comment.author.accountId = BRIDGE_ACCOUNT;
    expect(normalize(echo)).toEqual({ kind: 'ignored', reason: expect.stringContaining('echo: MOB-12 was commented on by the bridge itself') });
    // An issue the bridge created is a mirrored order: were it a support request, each order would open one.
    const mirror = clone(issueCreated);
    mirror.user.accountId = BRIDGE_ACCOUNT;
    expect(normalize(mirror)).toEqual({ kind: 'ignored', reason: expect.stringContaining('was created by the bridge itself') });
    const elsewhere = clone(issueCreated);
    elsewhere.issue.fields.project.key = 'HR';
    expect(normalize(elsewhere)).toMatchObject({ kind: 'ignored' });
  });

  it('refuses what it cannot read, naming the field', () => {
    expect(refusedFields([])).toEqual(['(body)']);
    expect(refusedFields({ ...issueCreated, webhookEvent: 'jira:worklog_updated' })).toEqual(['webhookEvent']);
    expect(refusedFields({ ...issueCreated, issue: { ...issueCreated.issue, key: 'not a key' } })).toEqual(['issue.key']);
    const noPhone = clone(issueCreated) as { issue: { fields: Record<string, unknown> } };
    delete noPhone.issue.fields.customfield_phone;
    expect(refusedFields(noPhone)).toEqual(['issue.fields.customfield_phone']);
    const noBody = clone(commentCreated) as { comment: Record<string, unknown> };
    delete noBody.comment.body;
    expect(refusedFields(noBody)).toEqual(['comment.body']);
  });

  it('renders Tangoe\'s updates as the calls of Jira\'s REST API: comment in ADF, transition by name, assignee', () => {
    const outbound = adapter.outbound;
    const base = { clientId: 'acme', externalSourceId: 'MOB-12', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
    const close = renderUpdate({ ...base, kind: 'close', text: 'Replacement shipped.' }, client, outbound);
    expect(close.body).toEqual({ comment: 'Replacement shipped.', transition: 'Done', resolution: 'Done' });
    expect(outbound.preview(close, client).map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://acme.atlassian.net/rest/api/3/issue/MOB-12/comment',
      'GET https://acme.atlassian.net/rest/api/3/issue/MOB-12/transitions',
      'POST https://acme.atlassian.net/rest/api/3/issue/MOB-12/transitions',
    ]);
    expect(outbound.preview(close, client)[0].body).toEqual({ body: textToAdf('Replacement shipped.') });
    const reassign = renderUpdate({ ...base, kind: 'reassign' }, client, outbound);
    expect(reassign.body).toEqual({ comment: 'Reassigned back by Tangoe', assignee: '5b10ac8d82e05b22cc7d4ef5' });
    expect(renderUpdate({ ...base, kind: 'awaiting_customer_response' }, client, outbound).body).toMatchObject({ transition: 'Waiting for customer' });
  });

  it('reads ADF and writes it back', () => {
    expect(adfToText(textToAdf('one\ntwo'))).toBe('one\ntwo');
    expect(adfToText('plain from Jira Server')).toBe('plain from Jira Server');
    expect(adfToText({ type: 'doc', content: [] })).toBeUndefined();
  });

  it("reads comments from comment_* events only: one still carried by a jira:issue_* event is not read twice (Atlassian's ACJIRA-1225)", () => {
    const withComment = { ...clone(issueDone), comment: clone(commentCreated).comment };
    expect(eventsOf(withComment).map((event) => event.type)).toEqual(['TicketOpened', 'StateChanged']);
    expect(eventsOf(commentCreated).map((event) => event.type)).toEqual(['TicketOpened', 'CommentAdded']);
  });

  it("versions a status move without a changelog id by X-Atlassian-Webhook-Identifier, the same on every retry", () => {
    const noChangelogId = clone(issueDone) as { changelog: { id?: string }; timestamp?: number };
    delete noChangelogId.changelog.id;
    const stateIds = (deliveryId: string, timestamp: number) => {
      const result = adapter.normalize({ ...noChangelogId, timestamp }, { client, receivedAt, deliveryId });
      if (result.kind !== 'events') throw new Error('ignored');
      return result.events.filter((event) => event.type === 'StateChanged').map((event) => event.id);
    };
    expect(stateIds('c6a1b0e4-retry', 1)).toEqual(stateIds('c6a1b0e4-retry', 2));
    expect(stateIds('c6a1b0e4-retry', 1)).not.toEqual(stateIds('another-delivery', 1));
  });
});


describe('JiraOutbound after an earlier attempt', () => {
  const outbound = adapter.outbound;
  const base = { clientId: 'acme', externalSourceId: 'MOB-12', eventId: 'e1', changedAt: '2026-12-02T11:00:00Z' };
  const render = (kind: 'note' | 'close' | 'awaiting_customer_response', text?: string) => renderUpdate({ ...base, kind, text }, client, outbound);

  /** An issue MOB-12: its comments, its status, and a changelog entry by the bridge for each transition it makes. */
  function jiraWith() {
    const issue = { status: 'In Progress', comments: [] as Array<{ text: string; at: string }>, histories: [] as Array<{ created: string; author: { accountId: string }; items: Array<{ field: string; toString: string }> }> };
    const transitions = [{ id: '31', name: 'Done', to: { name: 'Done' } }, { id: '41', name: 'Waiting for customer', to: { name: 'Waiting for customer' } }];
    const itsm = fakeItsmHttp({
      'GET /rest/api/3/issue/MOB-12/comment': () => ({ status: 200, data: { comments: [...issue.comments].reverse().map((c) => ({ body: textToAdf(c.text), author: { accountId: BRIDGE_ACCOUNT }, created: c.at })) } }),
      'POST /rest/api/3/issue/MOB-12/comment': ({ body }) => {
        issue.comments.push({ text: adfToText((body as { body: unknown }).body)!, at: new Date().toISOString() });
        return { status: 201, data: {} };
      },
      'GET /rest/api/3/issue/MOB-12/transitions': () => ({ status: 200, data: { transitions } }),
      'POST /rest/api/3/issue/MOB-12/transitions': ({ body }) => {
        const to = transitions.find((t) => t.id === (body as { transition: { id: string } }).transition.id)!.to.name;
        issue.histories.push({ created: new Date().toISOString(), author: { accountId: BRIDGE_ACCOUNT }, items: [{ field: 'status', toString: to }] });
        issue.status = to;
        return { status: 204, data: '' };
      },
      'GET /rest/api/3/issue/MOB-12': () => ({ status: 200, data: { fields: { status: { name: issue.status } }, changelog: { histories: issue.histories } } }),
    });
    return { ...itsm, issue };
  }

  it('does not take the note sent just before for a close carrying its text: the transition is made, then proven by the changelog', async () => {
    const jira = jiraWith();
    await closeSentOnceAfterRefusal(outbound, client, jira.http, render, () => jira.failNext('POST', 503, '/transitions'), 204);
    expect(jira.issue.status).toBe('Done');
    expect(jira.issue.comments.map((c) => c.text)).toEqual(['Replaced.']);
  });

  it("does not take the status change of the delivery just before for a close's own", async () => {
    const jira = jiraWith();
    const waiting = render('awaiting_customer_response');
    const earlierOne = await deliver(waiting, () => outbound.send(jira.http, waiting, client, {}));
    const close = render('close', 'Replaced.');
    const since = new Date();
    // The close's comment is stored; its transition is refused.
    jira.failNext('POST', 503, '/transitions');
    expect(await outbound.send(jira.http, close, client, {})).toMatchObject({ status: 503 });
    expect(jira.issue.status).toBe('Waiting for customer');
    expect(await outbound.alreadyApplied!(jira.http, close, client, retryAfter([earlierOne], since))).toBe(false);
    expect(await outbound.send(jira.http, close, client, {}, retryAfter([earlierOne], since))).toMatchObject({ status: 204 });
    expect(jira.issue.status).toBe('Done');
    expect(jira.issue.comments.map((c) => c.text)).toEqual(['Tangoe: Awaiting Customer Response.', 'Replaced.']);
    expect(await outbound.alreadyApplied!(jira.http, close, client, retryAfter([earlierOne], since))).toBe(true);
  });

  it('writes a note in the same words as the one before, and decides a retry of it by how many there are', async () => {
    const jira = jiraWith();
    await sameNoteSentAndCounted(outbound, client, jira.http, render, () => jira.issue.comments.pop(), 201);
  });
});
