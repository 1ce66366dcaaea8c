import { DialectAdapter } from '../dialect-adapter';
import { ZendeskReader } from './zendesk-reader';
import { ZendeskOutbound } from './zendesk-outbound';
import { ZENDESK_DIALECT } from './zendesk.dialect';

/** Zendesk: trigger and event-subscription webhooks and API tickets in (`zendesk.dialect.ts`), API writes out. */
export class ZendeskAdapter extends DialectAdapter {
  readonly name = 'zendesk';
  readonly dialect = ZENDESK_DIALECT;
  readonly outbound = new ZendeskOutbound();
  readonly reader = new ZendeskReader();
}
