import { DialectAdapter } from '../dialect-adapter';
import { JiraReader } from './jira-reader';
import { JiraOutbound } from './jira-outbound';
import { JIRA_DIALECT } from './jira.dialect';

/** Jira Cloud / Jira Service Management: webhooks and REST issues in (`jira.dialect.ts`), REST writes out. */
export class JiraAdapter extends DialectAdapter {
  readonly name = 'jira';
  readonly dialect = JIRA_DIALECT;
  readonly outbound = new JiraOutbound();
  readonly reader = new JiraReader();
}
